/**
 * Runs the data-quality checks and stores each outcome in `dw_data_quality_results` (through the
 * warehouse's control repository).
 */
import { type Warehouse, type WarehouseTx, writeQualityResults } from "@trialsync/warehouse"
import type { QualityCheckResult } from "../transform/types.js"
import { type ChangedScope, type QualityCheck, qualityChecks } from "./checks.js"
import { defaultQualityConfig, type QualityConfig, severityOf } from "./config.js"

const sampleSize = 10

type Queryable = Pick<Warehouse | WarehouseTx, "query">

export interface QualityRunOptions {
  /** Store the results for this `dw_transformation_runs.id`. */
  readonly transformationRunId?: number
  /** Default: every check. */
  readonly checks?: ReadonlyArray<QualityCheck>
  /** Severities (default: {@link defaultQualityConfig}). */
  readonly config?: QualityConfig
  /**
   * An incremental transformation (inside its transaction): a row check that passed last time
   * (`passedBefore` holds `check|table`) only looks at the rows changed in `scope`.
   */
  readonly incremental?: { readonly scope: ChangedScope; readonly passedBefore: ReadonlySet<string> }
}

/** The `check|table` name of a result, as `passedBefore` holds it. */
export const checkId = (check: { readonly check?: string; readonly name?: string; readonly table: string }): string =>
  `${check.check ?? check.name}|${check.table}`

const runCheck = async (
  db: Queryable,
  check: QualityCheck,
  incremental: QualityRunOptions["incremental"],
  config: QualityConfig
): Promise<QualityCheckResult> => {
  const narrow =
    incremental !== undefined && check.failingChanged !== undefined && incremental.passedBefore.has(checkId(check))
      ? check.failingChanged(incremental.scope)
      : check.failing
  const [row] = await db.query<{ failed: number; sample: ReadonlyArray<string> | null }>(
    `SELECT count(*)::int AS failed, (array_agg(x.key ORDER BY x.key))[1:${sampleSize}] AS sample
FROM (${narrow}) AS x`
  )
  const failedCount = Number(row?.failed ?? 0)
  return {
    check: check.name,
    table: check.table,
    severity: severityOf(config, check.name),
    passed: failedCount === 0,
    failedCount,
    sampleKeys: row?.sample ?? []
  }
}

/**
 * Runs every check against the whole warehouse (or, for an incremental transformation, against
 * what it changed); with `transformationRunId`, stores the results for that run. A check passes
 * when no row fails it.
 *
 * @example
 * ```ts
 * const results = await runQualityChecks(warehouse)
 * const failing = results.filter((result) => !result.passed)
 * ```
 */
export const runQualityChecks = async (
  db: Queryable,
  options: QualityRunOptions = {}
): Promise<ReadonlyArray<QualityCheckResult>> => {
  const results: Array<QualityCheckResult> = []
  for (const check of options.checks ?? qualityChecks)
    results.push(await runCheck(db, check, options.incremental, options.config ?? defaultQualityConfig))
  if (options.transformationRunId !== undefined) {
    await writeQualityResults(
      db,
      options.transformationRunId,
      results.map((result) => ({
        checkName: result.check,
        tableName: result.table,
        severity: result.severity === "blocking" ? "error" : "warning",
        passed: result.passed,
        failedCount: result.failedCount,
        sampleKeys: result.sampleKeys
      }))
    )
  }
  return results
}
