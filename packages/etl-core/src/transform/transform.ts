/**
 * One Bronze -> Silver -> Gold transformation, as a Promise over a `Warehouse`.
 */
import type { Warehouse } from "@trialsync/warehouse"
import { qualityChecks } from "../quality/checks.js"
import { QualityConfigError, resolveQualityConfig } from "../quality/config.js"
import { contentChecks, readStagingStats, rowCountsOf } from "../quality/content.js"
import { runQualityChecks } from "../quality/run.js"
import { changedKeysTable, makeStepContext } from "./context.js"
import { TransformError, transformFailure } from "./errors.js"
import { blockingFailures, decideGold, refreshGold } from "./gold/refresh.js"
import { finishRun, markCommitted, startRun } from "./run-record.js"
import { silverTables, transformSilver } from "./silver/index.js"
import { timestampLiteral } from "./sql/literals.js"
import type { TransformLayerStat, TransformMode, TransformOptions, TransformReport } from "./types.js"
import { captureWatermark, previousRowCounts, previousRun } from "./watermark.js"

// The row hashes compare the text form of timestamps: pin what it depends on. JIT compilation
// costs more than it saves on these statements.
const sessionSettings = [
  "SET LOCAL TimeZone = 'UTC'",
  "SET LOCAL DateStyle = 'ISO, YMD'",
  "SET LOCAL jit = off",
  "SET LOCAL work_mem = '64MB'",
  "SET LOCAL random_page_cost = 1.1"
]

const checkOptions = (options: TransformOptions): TransformMode => {
  const mode = options.mode ?? "incremental"
  if (mode !== "incremental" && mode !== "full") {
    throw new TransformError({
      message: `Unknown transform mode ${JSON.stringify(mode)}: use "incremental" or "full".`
    })
  }
  if (options.now !== undefined && (!(options.now instanceof Date) || Number.isNaN(options.now.getTime()))) {
    throw new TransformError({ message: "options.now must be a valid Date (or left out to use the database clock)." })
  }
  return mode
}

const qualityConfigOf = (options: TransformOptions) => {
  try {
    return resolveQualityConfig(options.quality)
  } catch (cause) {
    if (cause instanceof QualityConfigError) throw new TransformError({ message: cause.message, cause })
    throw cause
  }
}

/**
 * Runs one transformation in one transaction: merges Silver (Type-2 and Type-1 dimensions, then
 * facts), runs the data-quality checks, and only then publishes Gold (refreshes
 * `mv_study_performance_metrics`): a failing blocking check keeps the previous Gold and says so in
 * `report.gold` and the run record. Resolves with the report, whose `status` is `failed` when a
 * blocking check failed (Silver stays committed); rejects with {@link TransformError} when the
 * transformation itself failed (nothing was kept). A full transformation refreshes Gold even
 * when Silver did not change.
 *
 * Incremental (the default) reads only staging rows changed since the last committed
 * transformation; the first one, or the first after Silver's definitions changed, runs in full.
 * Transformations are serialized (each locks the Silver tables it writes; readers are not
 * blocked).
 *
 * @example
 * ```ts
 * const warehouse = await openWarehouse(warehouseOptionsFromEnv())
 * const report = await transform(warehouse) // or transform(warehouse, { mode: "full" })
 * for (const layer of report.layers) console.log(layer.layer, layer.table, layer.rowsWritten, `${layer.ms} ms`)
 * if (report.status === "failed") console.error(report.quality.filter((check) => !check.passed))
 * ```
 */
export async function transform(warehouse: Warehouse, options: TransformOptions = {}): Promise<TransformReport> {
  const requested = checkOptions(options)
  const qualityConfig = qualityConfigOf(options)
  const started = performance.now()
  let runId: number | undefined
  let step: string | undefined
  let layers: ReadonlyArray<TransformLayerStat> = []
  try {
    const last = await previousRun(warehouse)
    const previous = requested === "incremental" ? last : undefined
    const mode: TransformMode = previous === undefined ? "full" : requested
    const since = previous?.watermark
    const run = await startRun(warehouse, mode, since)
    runId = run.id
    // Before the snapshot: every change the transaction below cannot see is at or after this.
    const watermark = await captureWatermark(warehouse)
    const clock = options.now ?? run.startedAt
    const outcome = await warehouse.transaction(async (tx) => {
      // Repeatable read: every step sees the same staging state. LOCK TABLE takes no snapshot,
      // so a transformation that waited for another one sees everything it committed.
      await tx.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
      await tx.query(`LOCK TABLE ${silverTables.join(", ")} IN EXCLUSIVE MODE`)
      for (const setting of sessionSettings) await tx.query(setting)
      const ctx = makeStepContext({
        tx,
        mode,
        since,
        runId: run.id,
        loadDate: clock,
        snapshotDate: clock.toISOString().slice(0, 10)
      })
      const written = await transformSilver(ctx, (table) => {
        step = table
      })
      // Checked before Gold and before commit: the stored results describe exactly what was
      // committed, and a blocking failure keeps the previous Gold.
      step = "dw_data_quality_results"
      const stats = await readStagingStats(tx)
      const baseline = await previousRowCounts(tx)
      const quality = await runQualityChecks(tx, {
        transformationRunId: run.id,
        config: qualityConfig,
        checks: [
          ...qualityChecks,
          ...contentChecks({ config: qualityConfig, clock, stats, previousRowCounts: baseline })
        ],
        ...(since === undefined || previous === undefined
          ? {}
          : {
              incremental: {
                scope: { since: timestampLiteral(since), factChanges: changedKeysTable },
                passedBefore: previous.passed
              }
            })
      })
      step = "gold"
      const gold = decideGold({
        due: mode === "full" || written > 0 || last?.goldPending === true,
        blocking: blockingFailures(quality)
      })
      await refreshGold(ctx, gold)
      step = "dw_transformation_runs"
      await markCommitted(tx, run.id, watermark, { gold, rowCounts: rowCountsOf(stats) })
      return { layers: ctx.stats, quality, gold: { refreshed: gold.refreshed, message: gold.message } }
    })
    layers = outcome.layers
    const { quality, gold } = outcome
    const failed = blockingFailures(quality)
    const status = failed.length === 0 ? "success" : "failed"
    const durationMs = Math.round(performance.now() - started)
    await finishRun(warehouse, run.id, {
      status,
      durationMs,
      layers,
      quality,
      ...(failed.length === 0
        ? {}
        : {
            errorMessage: `${gold.message}. Data-quality checks failed: ${failed
              .map((result) => `${result.check} on ${result.table} (${result.failedCount})`)
              .join(", ")}`
          })
    })
    return { transformationRunId: run.id, mode, status, durationMs, layers, quality, gold }
  } catch (cause) {
    const error = transformFailure(cause, {
      ...(step === undefined ? {} : { step }),
      ...(runId === undefined ? {} : { transformationRunId: runId })
    })
    if (runId !== undefined) {
      await finishRun(warehouse, runId, {
        status: "failed",
        durationMs: Math.round(performance.now() - started),
        layers,
        quality: [],
        errorMessage: error.message
      }).catch(() => undefined)
    }
    throw error
  }
}
