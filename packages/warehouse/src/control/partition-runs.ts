/**
 * `dw_etl_partitions` by run: what a fan-out run's partitions add up to when it ends, and the
 * rows of earlier runs that are only history by then (the runs' counters keep it).
 */
import type { ControlSql } from "./sql.js"

/** How many of the run's partitions are `failed` (what leaves a fan-out run `partial`). */
export const countFailedPartitions = async (sql: ControlSql, runId: number): Promise<number> => {
  const [row] = await sql.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM dw_etl_partitions WHERE run_id = $1 AND status = 'failed'",
    [runId]
  )
  return Number(row?.n ?? 0)
}

/**
 * Deletes the job's `done` partition rows of runs before `runId`: history that the runs'
 * counters keep. The engine calls it once a run ends with no failed partition.
 */
export const dropDonePartitionsBefore = async (
  sql: ControlSql,
  ids: { readonly jobId: number; readonly runId: number }
): Promise<void> => {
  await sql.query("DELETE FROM dw_etl_partitions WHERE job_id = $1 AND run_id < $2 AND status = 'done'", [
    ids.jobId,
    ids.runId
  ])
}
