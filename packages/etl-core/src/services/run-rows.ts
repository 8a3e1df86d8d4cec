/**
 * `dw_etl_runs` rows as the engine reads them (the warehouse's `RunRecord` with the engine's
 * `run_context`), and the counters a load's transaction moves forward.
 */
import {
  addRunProgress as addRunProgressSql,
  type RunProgress,
  type RunRecord,
  type WarehouseTx
} from "@trialsync/warehouse"
import type { RunContext } from "../engine/types.js"

export type RunRow = RunRecord<RunContext>

/** What one commit adds to a run's counters. */
export type RunDelta = RunProgress

/**
 * Adds `delta` to the run's counters and, when given, replaces one key of `run_context` (the
 * checkpoint), in the caller's transaction.
 */
export const addRunProgress = (
  tx: Pick<WarehouseTx, "query">,
  runId: number,
  delta: RunDelta,
  context?: { readonly key: keyof RunContext; readonly value: unknown }
): Promise<void> => addRunProgressSql(tx, runId, delta, context)
