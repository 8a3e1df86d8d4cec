/**
 * `dw_etl_partitions`: the progress of each fan-out partition (one parent key) within a run. The
 * engine writes a batch of partition rows in the transaction that commits their records.
 */
import type { ControlSql } from "./sql.js"

/** A partition's row in `dw_etl_partitions`. */
export interface PartitionRecord {
  readonly parentKey: string
  readonly params: Readonly<Record<string, string>>
  readonly status: "done" | "failed" | "skipped" | "running"
  readonly pages: number
  readonly records: number
  readonly attempts: number
  readonly error: string | null
  /** Large partitions in progress: where to continue. */
  readonly checkpoint?: unknown
}

/** Upserts partition rows in one statement ($1 run, $2 job, $3 time). */
export const writePartitionRows = async (
  tx: ControlSql,
  ids: { readonly runId: number; readonly jobId: number; readonly at: Date },
  partitions: ReadonlyArray<PartitionRecord>
): Promise<void> => {
  if (partitions.length === 0) return
  const latest = new Map(partitions.map((partition) => [partition.parentKey, partition]))
  const list = [...latest.values()]
  await tx.query(
    `INSERT INTO dw_etl_partitions AS d
       (run_id, job_id, parent_key, params, status, pages, records, attempts, error_message, checkpoint, started_at, completed_at)
     SELECT $1::int, $2::int, u.parent_key, u.params::jsonb, u.status, u.pages, u.records, u.attempts, u.error,
            u.checkpoint::jsonb, $3::timestamptz, CASE WHEN u.status = 'running' THEN NULL ELSE $3::timestamptz END
     FROM unnest($4::text[], $5::text[], $6::text[], $7::int[], $8::int[], $9::int[], $10::text[], $11::text[])
       AS u(parent_key, params, status, pages, records, attempts, error, checkpoint)
     ON CONFLICT (run_id, parent_key) DO UPDATE SET status = excluded.status, pages = d.pages + excluded.pages,
       records = d.records + excluded.records, attempts = d.attempts + excluded.attempts,
       error_message = excluded.error_message, checkpoint = excluded.checkpoint, completed_at = excluded.completed_at`,
    [
      ids.runId,
      ids.jobId,
      ids.at,
      list.map((p) => p.parentKey),
      list.map((p) => JSON.stringify(p.params)),
      list.map((p) => p.status),
      list.map((p) => p.pages),
      list.map((p) => p.records),
      list.map((p) => p.attempts),
      list.map((p) => p.error),
      list.map((p) => (p.checkpoint === undefined ? null : JSON.stringify(p.checkpoint)))
    ]
  )
}
