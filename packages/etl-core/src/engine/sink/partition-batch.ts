/**
 * What one fan-out batch writes besides its records, in the same transaction as the caller's
 * checkpoint: the partition rows (`dw_etl_partitions`) and the parents' fetch state
 * (`dw_etl_parent_state`). The records themselves, and the deletions of children a completed
 * parent no longer has, are written by `@trialsync/warehouse` (`writePartitionRecords`), which owns
 * every write to Bronze; they are re-exported here for the fan-out modules.
 */
import type { WarehouseTx } from "@trialsync/warehouse"

// The records themselves are written by the warehouse, which owns every write to Bronze.
export {
  type EncodedStagingRecord as EncodedRecord,
  encodePartitionRecords as encodeRecords,
  type PartitionBatchResult as BatchWriteResult,
  type PartitionRows,
  writePartitionRecords
} from "@trialsync/warehouse"

type Query = Pick<WarehouseTx, "query">

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
  tx: Query,
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

/** Records that these parents' children were fetched completely at these parent hashes. */
export const writeParentState = async (
  tx: Query,
  ids: { readonly jobId: number; readonly instanceId: number; readonly runId: number; readonly at: Date },
  parents: ReadonlyArray<{ readonly parentKey: string; readonly parentHash: string }>
): Promise<void> => {
  if (parents.length === 0) return
  const latest = new Map(parents.map((parent) => [parent.parentKey, parent.parentHash]))
  await tx.query(
    `INSERT INTO dw_etl_parent_state AS s (job_id, source_instance_id, parent_key, parent_hash, last_run_id, last_fetched_at)
     SELECT $1::int, $2::int, u.parent_key, u.parent_hash, $3::int, $4::timestamptz
     FROM unnest($5::text[], $6::text[]) AS u(parent_key, parent_hash)
     ON CONFLICT (job_id, source_instance_id, parent_key) DO UPDATE SET parent_hash = excluded.parent_hash,
       last_run_id = excluded.last_run_id, last_fetched_at = excluded.last_fetched_at`,
    [ids.jobId, ids.instanceId, ids.runId, ids.at, [...latest.keys()], [...latest.values()]]
  )
}
