/**
 * Reading the run log for operators: each job with its last run (the `last_run_*` columns of
 * `dw_etl_jobs` and that run's row) and the rows of `dw_etl_runs`, newest first. Read only: the
 * engine's run log writes them.
 */
import type { RunStatus } from "../schema/control.js"
import type { ControlSql } from "./sql.js"

/** One job with its last run (`trialsync status`). */
export interface JobLastRunRow {
  readonly jobId: number
  readonly name: string
  /** `job_group`. */
  readonly category: string
  readonly targetTable: string
  readonly active: boolean
  readonly catalogStatus: string
  readonly lastRunId: number | null
  readonly lastRunStatus: RunStatus | null
  readonly lastRunRecords: number | null
  readonly lastRunAt: Date | null
  readonly lastRunError: string | null
  readonly lastRunDurationMs: number | null
}

/** One row of `dw_etl_runs` with its job's name (`trialsync history`). */
export interface RunHistoryEntry {
  readonly runId: number
  readonly jobId: number
  readonly name: string
  readonly groupId: string | null
  readonly status: RunStatus
  readonly trigger: string
  readonly attempt: number
  /** The run this one retried (a resume), if any. */
  readonly retryOf: number | null
  readonly startedAt: Date
  readonly completedAt: Date | null
  readonly durationMs: number | null
  readonly inserted: number
  readonly updated: number
  readonly unchanged: number
  readonly deleted: number
  readonly pages: number
  readonly requests: number
  readonly partitionsTotal: number
  readonly partitionsDone: number
  readonly partitionsFailed: number
  readonly partitionsSkipped: number
  readonly error: string | null
}

const num = (value: unknown): number => Number(value ?? 0)
const numOrNull = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value))
const dateOrNull = (value: unknown): Date | null =>
  value === null || value === undefined ? null : value instanceof Date ? value : new Date(String(value))

/**
 * Every job (or the one with id `jobId`) with its last run, by id. A job that never ran has
 * nulls for its last run.
 *
 * @example
 * ```ts
 * const [sites] = await listJobStatus(warehouse, 2) // { jobId: 2, lastRunStatus: "success", ... }
 * ```
 */
export const listJobStatus = async (db: ControlSql, jobId?: number): Promise<ReadonlyArray<JobLastRunRow>> => {
  const rows = await db.query<Record<string, unknown>>(
    `SELECT j.id, j.name, j.job_group AS category, j.target_table, j.is_active, j.catalog_status, j.last_run_id, j.last_run_status,
            j.last_run_records, j.last_run_at, r.error_message, r.duration_ms
     FROM dw_etl_jobs AS j LEFT JOIN dw_etl_runs AS r ON r.id = j.last_run_id
     WHERE $1::int IS NULL OR j.id = $1::int ORDER BY j.id`,
    [jobId ?? null]
  )
  return rows.map((row) => ({
    jobId: num(row.id),
    name: String(row.name),
    category: String(row.category),
    targetTable: String(row.target_table),
    active: row.is_active === true,
    catalogStatus: String(row.catalog_status),
    lastRunId: numOrNull(row.last_run_id),
    lastRunStatus: (row.last_run_status as RunStatus | null) ?? null,
    lastRunRecords: numOrNull(row.last_run_records),
    lastRunAt: dateOrNull(row.last_run_at),
    lastRunError: (row.error_message as string | null) ?? null,
    lastRunDurationMs: numOrNull(row.duration_ms)
  }))
}

/**
 * Runs (of every job, or of `jobId`), newest first: at most `limit` (default 20, at least 1).
 *
 * @example
 * ```ts
 * const last10 = await listRunHistory(warehouse, { jobId: 2, limit: 10 })
 * ```
 */
export const listRunHistory = async (
  db: ControlSql,
  options: { readonly jobId?: number | undefined; readonly limit?: number | undefined } = {}
): Promise<ReadonlyArray<RunHistoryEntry>> => {
  const rows = await db.query<Record<string, unknown>>(
    `SELECT r.*, j.name FROM dw_etl_runs AS r JOIN dw_etl_jobs AS j ON j.id = r.job_id
     WHERE $1::int IS NULL OR r.job_id = $1::int ORDER BY r.started_at DESC, r.id DESC LIMIT $2::int`,
    [options.jobId ?? null, Math.max(1, options.limit ?? 20)]
  )
  return rows.map((row) => ({
    runId: num(row.id),
    jobId: num(row.job_id),
    name: String(row.name),
    groupId: (row.group_id as string | null) ?? null,
    status: row.run_status as RunStatus,
    trigger: String(row.trigger),
    attempt: num(row.attempt),
    retryOf: numOrNull(row.retry_of),
    startedAt: dateOrNull(row.started_at) as Date,
    completedAt: dateOrNull(row.completed_at),
    durationMs: numOrNull(row.duration_ms),
    inserted: num(row.records_inserted),
    updated: num(row.records_updated),
    unchanged: num(row.records_unchanged),
    deleted: num(row.records_deleted),
    pages: num(row.pages),
    requests: num(row.requests),
    partitionsTotal: num(row.partitions_total),
    partitionsDone: num(row.partitions_done),
    partitionsFailed: num(row.partitions_failed),
    partitionsSkipped: num(row.partitions_skipped),
    error: (row.error_message as string | null) ?? null
  }))
}
