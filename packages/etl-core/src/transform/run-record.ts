/**
 * The transformation's row in `dw_transformation_runs` (kept by the warehouse's control
 * repository): inserted `running` before any work, stamped with its watermark inside the data
 * transaction (so the watermark exists exactly when the data was committed), and finished with
 * status, timings and the quality outcome. This module turns the engine's report into that row.
 */
import {
  finishTransformRun,
  markTransformCommitted,
  type StartedTransformRun,
  startTransformRun,
  type Warehouse,
  type WarehouseTx
} from "@trialsync/warehouse"
import type { GoldOutcome, QualityCheckResult, TransformLayerStat, TransformMode } from "./types.js"
import { transformVersion } from "./watermark.js"

export type StartedRun = StartedTransformRun

export const startRun = async (
  warehouse: Pick<Warehouse, "query">,
  mode: TransformMode,
  since: Date | undefined
): Promise<StartedRun> => startTransformRun(warehouse, { mode, since })

/** Inside the data transaction: from now on, this run's watermark is where the next one starts. */
export const markCommitted = async (
  tx: WarehouseTx,
  runId: number,
  watermark: Date,
  published: {
    readonly gold: GoldOutcome & { readonly pending: boolean }
    readonly rowCounts: Readonly<Record<string, number>>
  }
): Promise<void> =>
  markTransformCommitted(tx, runId, {
    watermark,
    transformVersion,
    gold: { refreshed: published.gold.refreshed, message: published.gold.message },
    goldPending: published.gold.pending,
    rowCounts: published.rowCounts
  })

export const finishRun = async (
  warehouse: Pick<Warehouse, "query">,
  runId: number,
  outcome: {
    readonly status: "success" | "failed"
    readonly durationMs: number
    readonly layers: ReadonlyArray<TransformLayerStat>
    readonly quality: ReadonlyArray<QualityCheckResult>
    readonly errorMessage?: string
  }
): Promise<void> => {
  const failedChecks = outcome.quality.filter((result) => !result.passed && result.severity === "blocking")
  const warnings = outcome.quality.filter((result) => !result.passed && result.severity === "warning")
  return finishTransformRun(warehouse, runId, {
    status: outcome.status,
    durationMs: outcome.durationMs,
    layers: outcome.layers,
    qualityFailed: failedChecks.map((result) => `${result.check} (${result.table}): ${result.failedCount}`),
    qualityWarnings: warnings.map(
      (result) => `${result.check} (${result.table}): ${result.sampleKeys[0] ?? result.failedCount}`
    ),
    errorMessage: outcome.errorMessage
  })
}
