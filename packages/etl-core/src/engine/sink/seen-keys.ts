/**
 * Deletion detection for complete snapshots, inside the caller's transaction.
 *
 * The loader records the keys a snapshot run sees in `dw_etl_seen_keys` (`trackSeen`). Once
 * the snapshot is complete, rows of the scope whose keys were not seen are soft-deleted. The
 * seen keys live in an UNLOGGED table, which a database crash (or a PGlite process killed and
 * reopened) may empty; rather than trusting the server's start time, the engine counts the rows
 * it committed there (the checkpoint's `seenRows`) and compares before marking anything: a
 * mismatch means the keys were lost, and the snapshot is fetched again instead of deleting rows
 * that were merely not remembered.
 */
import type { WarehouseTx } from "@trialsync/warehouse"
import { deletionsNotMarked, proveSnapshot, type SnapshotCounts } from "./snapshot-proof.js"

type Query = Pick<WarehouseTx, "query">

const identifierPattern = /^[a-z_][a-z0-9_]{0,62}$/

/** A staging table name, checked and quoted for SQL. */
export const quoteTable = (name: string): string => {
  if (!identifierPattern.test(name)) throw new Error(`"${name}" is not a valid staging table name.`)
  return `"${name}"`
}

export interface SeenScope {
  readonly runId: number
  readonly table: string
  readonly instanceId: number
  /** One fan-out parent; `""` for a plain job's rows. */
  readonly parentKey: string
}

/** Rows the scope holds in `dw_etl_seen_keys`. */
export const countSeenRows = async (db: Query, scope: SeenScope): Promise<number> => {
  const [row] = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM dw_etl_seen_keys
     WHERE run_id = $1 AND table_name = $2 AND source_instance_id = $3 AND parent_key = $4`,
    [scope.runId, scope.table, scope.instanceId, scope.parentKey]
  )
  return Number(row?.n ?? 0)
}

/** Forgets the scope's seen keys (a snapshot that starts over). */
export const clearSeenRows = async (db: Query, scope: SeenScope): Promise<void> => {
  await db.query(
    `DELETE FROM dw_etl_seen_keys WHERE run_id = $1 AND table_name = $2 AND source_instance_id = $3 AND parent_key = $4`,
    [scope.runId, scope.table, scope.instanceId, scope.parentKey]
  )
}

/** The snapshot's seen keys do not match what the run committed: they were lost. */
export class SeenKeysMismatch extends Error {
  constructor(
    readonly expected: number,
    readonly found: number
  ) {
    super(`dw_etl_seen_keys holds ${found} rows for this snapshot, ${expected} were committed`)
  }
}

/**
 * Soft-deletes the scope's current rows whose keys the snapshot did not see, then drops the
 * scope's seen keys; returns how many rows were deleted. Throws {@link SeenKeysMismatch} (and
 * changes nothing) when the seen keys are not the `expectedSeen` rows the run committed.
 * `parentKey: ""` with `wholeTable` marks the whole table's rows of the instance (plain jobs).
 */
export const markUnseenAsDeleted = async (
  tx: Query,
  scope: SeenScope & { readonly expectedSeen: number; readonly wholeTable: boolean }
): Promise<number> => {
  const found = await countSeenRows(tx, scope)
  if (found !== scope.expectedSeen) throw new SeenKeysMismatch(scope.expectedSeen, found)
  if (scope.wholeTable) {
    // A whole table against its seen keys: a hash anti-join is linear. The table was usually
    // loaded seconds ago, and from its stale row estimate PostgreSQL picked a nested loop:
    // 80+ s for 230k patient visits (measured), against well under a second hashed.
    await tx.query("SET LOCAL enable_nestloop = off")
    await tx.query("SET LOCAL work_mem = '64MB'")
  }
  const table = quoteTable(scope.table)
  const inScope = scope.wholeTable ? "" : " AND t.parent_key = $4::text"
  const [row] = await tx.query<{ deleted: number }>(
    `WITH gone AS (
       UPDATE ${table} AS t SET is_deleted = true, deleted_at = now(), updated_at = now()
       WHERE t.source_instance_id = $1::int${inScope} AND NOT t.is_deleted
         AND NOT EXISTS (
           SELECT 1 FROM dw_etl_seen_keys AS k
           WHERE k.run_id = $2::int AND k.table_name = $3::text AND k.source_instance_id = $1::int
             AND k.parent_key = t.parent_key AND k.record_key = t.record_key
         )
       RETURNING 1
     ), cleaned AS (
       DELETE FROM dw_etl_seen_keys AS k
       WHERE k.run_id = $2::int AND k.table_name = $3::text AND k.source_instance_id = $1::int AND k.parent_key = $4::text
     )
     SELECT count(*)::int AS deleted FROM gone`,
    [scope.instanceId, scope.runId, scope.table, scope.parentKey]
  )
  return Number(row?.deleted ?? 0)
}

/**
 * {@link markUnseenAsDeleted} when the snapshot is proven complete (snapshot-proof.ts); else marks
 * nothing, drops the scope's seen keys and returns the warning that says why. Throws
 * {@link SeenKeysMismatch} like it.
 */
export const markIfProven = async (
  tx: Query,
  scope: SeenScope & {
    readonly expectedSeen: number
    readonly wholeTable: boolean
    readonly counts: SnapshotCounts | undefined
    readonly pages: number
    /** The second read of a list without a count (sink/reread.ts), when one was made. */
    readonly reread?: { readonly same: boolean; readonly keys: number }
  }
): Promise<{ readonly deleted: number; readonly warning?: string }> => {
  const found = await countSeenRows(tx, scope)
  if (found !== scope.expectedSeen) throw new SeenKeysMismatch(scope.expectedSeen, found)
  const proof = proveSnapshot(scope.counts, scope.pages, found, scope.reread)
  if (!proof.proven) {
    await clearSeenRows(tx, scope)
    return { deleted: 0, warning: deletionsNotMarked(proof.reason, scope.parentKey) }
  }
  return { deleted: await markUnseenAsDeleted(tx, scope) }
}

/** Drops seen keys that earlier, abandoned runs of a job left behind (scratch data). */
export const dropStaleSeenRows = async (
  db: Query,
  input: { readonly jobId: number; readonly table: string; readonly instanceId: number; readonly runId: number }
): Promise<void> => {
  await db.query(
    `DELETE FROM dw_etl_seen_keys AS k
     WHERE k.table_name = $2 AND k.source_instance_id = $3 AND k.run_id <> $4
       AND k.run_id IN (SELECT id FROM dw_etl_runs WHERE job_id = $1 AND id < $4)`,
    [input.jobId, input.table, input.instanceId, input.runId]
  )
}
