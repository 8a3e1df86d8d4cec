/**
 * `dw_etl_seen_keys`: the keys a snapshot run has seen, recorded by the loader (`trackSeen`) and
 * consumed by `markMissingAsDeleted`. The table is UNLOGGED (a crash may empty it), so the engine
 * counts the rows it committed there and compares before it trusts them; these functions are
 * that bookkeeping. Parent keys are compared in their stored form, as the loader records them
 * (`encodeStoredText`: ordinary keys are stored as given).
 */
import { encodeStoredText } from "../core/stored-text.js"
import type { ControlSql } from "./sql.js"

/** One snapshot's seen keys: a run's keys of one table, instance and parent. */
export interface SeenKeyScope {
  readonly runId: number
  /** The staging table's name. */
  readonly table: string
  readonly instanceId: number
  /** One fan-out parent's key as given to `loadStaging`; `""` for a plain job's rows. */
  readonly parentKey: string
}

const scopeParams = (scope: SeenKeyScope): ReadonlyArray<unknown> => [
  scope.runId,
  scope.table,
  scope.instanceId,
  encodeStoredText(scope.parentKey)
]

/** Rows the scope holds in `dw_etl_seen_keys`. */
export const countSeenKeys = async (sql: ControlSql, scope: SeenKeyScope): Promise<number> => {
  const [row] = await sql.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM dw_etl_seen_keys
     WHERE run_id = $1 AND table_name = $2 AND source_instance_id = $3 AND parent_key = $4`,
    scopeParams(scope)
  )
  return Number(row?.n ?? 0)
}

/**
 * How many of `keys` (stored record keys, as `encodeStagingRecord` gives them) the scope holds in
 * `dw_etl_seen_keys`: a second read of a list compared with its snapshot.
 */
export const countSeenKeysAmong = async (
  sql: ControlSql,
  scope: SeenKeyScope,
  keys: ReadonlyArray<string>
): Promise<number> => {
  const [row] = await sql.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM dw_etl_seen_keys
     WHERE run_id = $1 AND table_name = $2 AND source_instance_id = $3 AND parent_key = $4
       AND record_key = ANY($5::text[])`,
    [...scopeParams(scope), keys]
  )
  return Number(row?.n ?? 0)
}

/** Forgets the scope's seen keys (a snapshot that starts over, or one that marks nothing). */
export const clearSeenKeys = async (sql: ControlSql, scope: SeenKeyScope): Promise<void> => {
  await sql.query(
    "DELETE FROM dw_etl_seen_keys WHERE run_id = $1 AND table_name = $2 AND source_instance_id = $3 AND parent_key = $4",
    scopeParams(scope)
  )
}

/**
 * Drops the seen keys of `table` and the instance that earlier runs of the job (ids below
 * `runId`, per `dw_etl_runs`) left behind: scratch data of abandoned snapshots.
 */
export const dropStaleSeenKeys = async (
  sql: ControlSql,
  input: { readonly jobId: number; readonly table: string; readonly instanceId: number; readonly runId: number }
): Promise<void> => {
  await sql.query(
    `DELETE FROM dw_etl_seen_keys AS k
     WHERE k.table_name = $2 AND k.source_instance_id = $3 AND k.run_id <> $4
       AND k.run_id IN (SELECT id FROM dw_etl_runs WHERE job_id = $1 AND id < $4)`,
    [input.jobId, input.table, input.instanceId, input.runId]
  )
}
