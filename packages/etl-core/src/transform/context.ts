/**
 * What every step of one transformation shares: its transaction, its mode and watermark, the
 * literals it stamps rows with, the changed-key tables steps leave for later steps, and the
 * per-table timings the report lists.
 */
import type { WarehouseTx } from "@trialsync/warehouse"
import { dateLiteral, integerLiteral, timestampLiteral } from "./sql/literals.js"
import type { TransformLayerStat, TransformMode } from "./types.js"

export interface StepContext {
  readonly tx: WarehouseTx
  readonly mode: TransformMode
  /** Staging rows with `updated_at` at or after this are read; undefined in full mode. */
  readonly since: Date | undefined
  readonly runId: number
  /** SQL literals. */
  readonly sql: {
    readonly runId: string
    readonly loadDate: string
    readonly snapshotDate: string
  }
  /** Rows recorded in each `ts_chg_<table>` (changed business keys) so far. */
  readonly changed: Map<string, number>
  readonly stats: Array<TransformLayerStat>
}

export const makeStepContext = (input: {
  readonly tx: WarehouseTx
  readonly mode: TransformMode
  readonly since: Date | undefined
  readonly runId: number
  readonly loadDate: Date
  readonly snapshotDate: string
}): StepContext => ({
  tx: input.tx,
  mode: input.mode,
  since: input.since,
  runId: input.runId,
  sql: {
    runId: integerLiteral(input.runId),
    loadDate: timestampLiteral(input.loadDate),
    snapshotDate: dateLiteral(input.snapshotDate)
  },
  changed: new Map(),
  stats: []
})

/** `<alias>.updated_at >= <since>` in incremental mode; `true` in full mode. */
export const changedSince = (ctx: StepContext, alias: string): string =>
  ctx.since === undefined ? "true" : `${alias}.updated_at >= ${timestampLiteral(ctx.since)}`

/** Name of the temp table holding a table's changed business keys for this run. */
export const changedKeysTable = (table: string): string => `ts_chg_${table}`

/** Name of the temp table holding the keys of a fact whose copied columns changed in this run. */
export const propagatedKeysTable = (table: string): string => `ts_prop_${table}`

/** Runs one statement and returns the integer in its single `n` column. */
export const countOf = async (ctx: StepContext, text: string): Promise<number> => {
  const [row] = await ctx.tx.query<{ n: number | string }>(text)
  return Number(row?.n ?? 0)
}

/** Times `run` and records it as one line of the report. */
export const timedStep = async (
  ctx: StepContext,
  layer: TransformLayerStat["layer"],
  table: string,
  run: () => Promise<number>
): Promise<number> => {
  const started = performance.now()
  const rowsWritten = await run()
  ctx.stats.push({ layer, table, rowsWritten, ms: Math.round(performance.now() - started) })
  return rowsWritten
}
