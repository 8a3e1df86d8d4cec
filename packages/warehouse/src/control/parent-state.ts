/**
 * `dw_etl_parent_state`: per job and parent, the parent's content hash when its children were
 * last fetched completely. An incremental fan-out skips parents whose hash has not moved since.
 */
import type { ControlSql } from "./sql.js"

/** Records that these parents' children were fetched completely at these parent hashes. */
export const writeParentState = async (
  tx: ControlSql,
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
