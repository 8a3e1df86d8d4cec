/**
 * Deletion detection for complete snapshots, inside the caller's transaction.
 *
 * The loader records the keys a snapshot run sees in `dw_etl_seen_keys` (`trackSeen`). Once
 * the snapshot is complete, rows of the scope whose keys were not seen are soft-deleted. The
 * seen keys live in an UNLOGGED table, which a database crash (or a PGlite process killed and
 * reopened) may empty; rather than trusting the server's start time, the engine counts the rows
 * it committed there (the checkpoint's `seenRows`) and compares before marking anything: a
 * mismatch means the keys were lost, and the snapshot is fetched again instead of deleting rows
 * that were merely not remembered. The SQL is the warehouse's (`countSeenKeys`, `clearSeenKeys`,
 * `WarehouseTx.markMissingAsDeleted`); this module decides whether to mark.
 */
import {
  clearSeenKeys,
  countSeenKeys,
  type SeenKeyScope,
  SeenKeysLostError,
  type StagingTableDef,
  type WarehouseTx
} from "@trialsync/warehouse"
import { deletionsNotMarked, proveSnapshot, type SnapshotCounts } from "./snapshot-proof.js"

export { dropStaleSeenKeys as dropStaleSeenRows } from "@trialsync/warehouse"

const identifierPattern = /^[a-z_][a-z0-9_]{0,62}$/

/** A staging table name, checked and quoted for SQL. */
export const quoteTable = (name: string): string => {
  if (!identifierPattern.test(name)) throw new Error(`"${name}" is not a valid staging table name.`)
  return `"${name}"`
}

/** One snapshot's seen keys; `parentKey` is `""` for a plain job's rows. */
export type SeenScope = SeenKeyScope

/**
 * When the snapshot is proven complete (snapshot-proof.ts), soft-deletes the scope's current rows
 * whose keys it did not see and drops the scope's seen keys (`markMissingAsDeleted`, in `tx`);
 * else marks nothing, drops the scope's seen keys and returns the warning that says why. Throws
 * `SeenKeysLostError` (and changes nothing) when the seen keys are not the `expectedSeen` rows
 * the run committed. `wholeTable` marks the whole table's rows of the instance (plain jobs,
 * `parentKey: ""`); otherwise only the parent's.
 */
export const markIfProven = async (
  tx: Pick<WarehouseTx, "query" | "markMissingAsDeleted">,
  def: StagingTableDef,
  scope: SeenScope & {
    readonly expectedSeen: number
    readonly wholeTable: boolean
    readonly counts: SnapshotCounts | undefined
    readonly pages: number
    /** The second read of a list without a count (sink/reread.ts), when one was made. */
    readonly reread?: { readonly same: boolean; readonly keys: number }
  }
): Promise<{ readonly deleted: number; readonly warning?: string }> => {
  const found = await countSeenKeys(tx, scope)
  if (found !== scope.expectedSeen) {
    throw new SeenKeysLostError({
      runId: scope.runId,
      table: scope.table,
      detail: `${found} recorded keys where ${scope.expectedSeen} were committed`
    })
  }
  const proof = proveSnapshot(scope.counts, scope.pages, found, scope.reread)
  if (!proof.proven) {
    await clearSeenKeys(tx, scope)
    return { deleted: 0, warning: deletionsNotMarked(proof.reason, scope.parentKey) }
  }
  const deleted = await tx.markMissingAsDeleted(def, {
    runId: scope.runId,
    instanceId: scope.instanceId,
    expectedSeen: scope.expectedSeen,
    ...(scope.wholeTable ? {} : { parentKey: scope.parentKey })
  })
  return { deleted }
}
