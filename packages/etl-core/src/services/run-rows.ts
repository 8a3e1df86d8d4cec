/**
 * `dw_etl_runs` rows as the engine reads them, and the SQL that moves their counters forward
 * inside a load's transaction (so a page's rows and its checkpoint commit together).
 */
import type { RunStatus, WarehouseTx } from "@trialsync/warehouse"
import type { RunContext, RunCounters } from "../engine/types.js"

export interface RunRow extends RunCounters {
  readonly id: number
  readonly jobId: number
  readonly groupId: string | null
  readonly sourceInstanceId: number | null
  readonly status: RunStatus
  readonly trigger: string
  readonly attempt: number
  readonly context: RunContext | null
  readonly startedAt: Date
  readonly completedAt: Date | null
  readonly durationMs: number | null
  readonly watermark: string | null
  readonly errorMessage: string | null
}

export const runColumns = `id, job_id, group_id, source_instance_id, run_status, trigger, attempt, run_context, started_at,
  completed_at, duration_ms, records_inserted, records_updated, records_unchanged, records_deleted, pages, requests,
  partitions_total, partitions_done, partitions_failed, partitions_skipped, watermark, error_message`

const toNumber = (value: unknown): number => (value === null || value === undefined ? 0 : Number(value))
const toDate = (value: unknown): Date => (value instanceof Date ? value : new Date(String(value)))

/** Maps a row selected with {@link runColumns}. */
export const toRunRow = (row: Record<string, unknown>): RunRow => ({
  id: toNumber(row.id),
  jobId: toNumber(row.job_id),
  groupId: (row.group_id as string | null) ?? null,
  sourceInstanceId: row.source_instance_id === null ? null : toNumber(row.source_instance_id),
  status: row.run_status as RunStatus,
  trigger: String(row.trigger),
  attempt: toNumber(row.attempt),
  context: (row.run_context as RunContext | null) ?? null,
  startedAt: toDate(row.started_at),
  completedAt: row.completed_at === null || row.completed_at === undefined ? null : toDate(row.completed_at),
  durationMs: row.duration_ms === null ? null : toNumber(row.duration_ms),
  inserted: toNumber(row.records_inserted),
  updated: toNumber(row.records_updated),
  unchanged: toNumber(row.records_unchanged),
  deleted: toNumber(row.records_deleted),
  pages: toNumber(row.pages),
  requests: toNumber(row.requests),
  partitionsTotal: toNumber(row.partitions_total),
  partitionsDone: toNumber(row.partitions_done),
  partitionsFailed: toNumber(row.partitions_failed),
  partitionsSkipped: toNumber(row.partitions_skipped),
  watermark: (row.watermark as string | null) ?? null,
  errorMessage: (row.error_message as string | null) ?? null
})

/** What one commit adds to a run's counters. */
export interface RunDelta {
  readonly inserted?: number
  readonly updated?: number
  readonly unchanged?: number
  readonly deleted?: number
  readonly pages?: number
  readonly requests?: number
  readonly partitionsDone?: number
  readonly partitionsFailed?: number
  readonly partitionsSkipped?: number
}

/**
 * Adds `delta` to the run's counters and, when given, replaces one key of `run_context` (the
 * checkpoint), in the caller's transaction.
 */
export const addRunProgress = async (
  tx: Pick<WarehouseTx, "query">,
  runId: number,
  delta: RunDelta,
  context?: { readonly key: keyof RunContext; readonly value: unknown }
): Promise<void> => {
  const params: Array<unknown> = [
    runId,
    delta.inserted ?? 0,
    delta.updated ?? 0,
    delta.unchanged ?? 0,
    delta.deleted ?? 0,
    delta.pages ?? 0,
    delta.requests ?? 0,
    delta.partitionsDone ?? 0,
    delta.partitionsFailed ?? 0,
    delta.partitionsSkipped ?? 0
  ]
  let contextSql = ""
  if (context !== undefined) {
    params.push(`{${context.key}}`, JSON.stringify(context.value))
    contextSql = ", run_context = jsonb_set(coalesce(run_context, '{}'::jsonb), $11::text[], $12::jsonb, true)"
  }
  await tx.query(
    `UPDATE dw_etl_runs SET records_inserted = records_inserted + $2, records_updated = records_updated + $3,
       records_unchanged = records_unchanged + $4, records_deleted = records_deleted + $5, pages = pages + $6,
       requests = requests + $7, partitions_done = partitions_done + $8, partitions_failed = partitions_failed + $9,
       partitions_skipped = partitions_skipped + $10${contextSql}
     WHERE id = $1`,
    params
  )
}
