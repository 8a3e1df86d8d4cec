/**
 * `dw_data_quality_results`: the outcome of each data-quality check of a transformation, written
 * in the transformation's transaction (so the results describe exactly what it committed). An
 * incremental transformation reads which checks its predecessor passed to narrow them.
 */
import type { ControlSql } from "./sql.js"

/** One check's outcome, as a row of `dw_data_quality_results`. */
export interface QualityResultRecord {
  readonly checkName: string
  readonly tableName: string
  /** `error` for a blocking check, `warning` for one that only reports. */
  readonly severity: "error" | "warning"
  readonly passed: boolean
  readonly failedCount: number
  /** A sample of the failing rows' keys. */
  readonly sampleKeys: ReadonlyArray<string>
}

/**
 * Stores the results of one transformation's checks, in one statement.
 *
 * @example
 * ```ts
 * await writeQualityResults(tx, run.id, [
 *   { checkName: "not_null", tableName: "dim_studies", severity: "error", passed: true, failedCount: 0, sampleKeys: [] }
 * ])
 * ```
 */
export const writeQualityResults = async (
  tx: ControlSql,
  transformationRunId: number,
  results: ReadonlyArray<QualityResultRecord>
): Promise<void> => {
  await tx.query(
    `INSERT INTO dw_data_quality_results (transformation_run_id, check_name, table_name, severity, passed, failed_count, sample_keys)
SELECT $1::int, r.check_name, r.table_name, r.severity, r.passed, r.failed_count, r.sample_keys
FROM jsonb_to_recordset($2::jsonb)
  AS r (check_name text, table_name text, severity text, passed boolean, failed_count bigint, sample_keys jsonb)`,
    [
      transformationRunId,
      JSON.stringify(
        results.map((result) => ({
          check_name: result.checkName,
          table_name: result.tableName,
          severity: result.severity,
          passed: result.passed,
          failed_count: result.failedCount,
          sample_keys: result.sampleKeys
        }))
      )
    ]
  )
}

/**
 * The checks (name and table) that passed in one transformation.
 *
 * @example
 * ```ts
 * const passed = await passedQualityChecks(warehouse, previous.id)
 * const ids = new Set(passed.map((check) => `${check.checkName}|${check.tableName}`))
 * ```
 */
export const passedQualityChecks = async (
  db: ControlSql,
  transformationRunId: number
): Promise<ReadonlyArray<{ readonly checkName: string; readonly tableName: string }>> => {
  const rows = await db.query<{ check_name: string; table_name: string }>(
    "SELECT check_name, table_name FROM dw_data_quality_results WHERE transformation_run_id = $1 AND passed",
    [transformationRunId]
  )
  return rows.map((row) => ({ checkName: row.check_name, tableName: row.table_name }))
}
