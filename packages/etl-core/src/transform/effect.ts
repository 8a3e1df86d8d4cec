/**
 * The transformation as an Effect over the engine's `WarehouseService`.
 */
import { Effect } from "effect"
import { WarehouseService } from "../services/warehouse.js"
import { type TransformError, transformFailure } from "./errors.js"
import { countSilverGold, type GoldSummary, readGoldSummary, type TableCount } from "./summary.js"
import { transform } from "./transform.js"
import type { TransformOptions, TransformReport } from "./types.js"

const withTransformWarehouse = <A>(
  run: (warehouse: WarehouseService["Type"]) => Promise<A>
): Effect.Effect<A, TransformError, WarehouseService> =>
  Effect.flatMap(WarehouseService, (warehouse) =>
    Effect.tryPromise({ try: () => run(warehouse), catch: (cause) => transformFailure(cause, {}) })
  )

/**
 * Bronze -> Silver -> Gold, then the data-quality checks (see {@link transform}). Fails with
 * `TransformError` when the transformation could not finish; a failed check gives a report with
 * status `failed` (the CLI exits 1 and names the check).
 *
 * @example
 * ```ts
 * const report = yield* runTransform({ mode: "full" })
 * if (report.status === "failed") yield* Console.error(report.quality.filter((check) => !check.passed))
 * ```
 */
export const runTransform = (
  options?: TransformOptions
): Effect.Effect<TransformReport, TransformError, WarehouseService> =>
  withTransformWarehouse((warehouse) => transform(warehouse, options))

/**
 * Rows per Silver and Gold table (for the demo's summary).
 *
 * @example
 * ```ts
 * for (const { layer, table, rows } of yield* silverGoldCounts()) console.log(layer, table, rows)
 * ```
 */
export const silverGoldCounts = (): Effect.Effect<ReadonlyArray<TableCount>, TransformError, WarehouseService> =>
  withTransformWarehouse(countSilverGold)

/**
 * One Gold table to show: `v_study_enrollment_summary`, the studies with the most enrolled
 * subjects first.
 *
 * @example
 * ```ts
 * const { view, columns, rows } = yield* goldSummary({ limit: 5 })
 * ```
 */
export const goldSummary = (
  options: { readonly limit?: number } = {}
): Effect.Effect<GoldSummary, TransformError, WarehouseService> =>
  withTransformWarehouse((warehouse) => readGoldSummary(warehouse, options))
