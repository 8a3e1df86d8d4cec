/**
 * Jobs an operator added to `dw_etl_jobs` by hand, as the replaced system's scripts do
 * (`INSERT INTO dw_etl_jobs (name, source_endpoint, target_table, ...)`): they are not in the
 * shipped catalog, so `trialsync jobs validate` reads and judges them from the table.
 */
import { isStagingTableName, listOperatorJobs, type OperatorJobRow } from "@trialsync/warehouse"
import { endpointPlaceholders, endpointShape } from "./endpoint.js"
import { catalogJobs } from "./jobs.js"
import type { SqlExecutor } from "./seed.js"
import type { JobProblem, JobValidation, SpecOperationLike } from "./validate.js"

/** The columns of an operator's `dw_etl_jobs` row that validation judges (the warehouse's type). */
export type { OperatorJobRow }

const plainIdentifier = /^[a-z_][a-z0-9_]{0,62}$/

/**
 * Reads the rows of `dw_etl_jobs` whose ids the shipped catalog does not have.
 *
 * @example
 * ```ts
 * const rows = await readOperatorJobs(warehouse)
 * const results = validateOperatorJobs(rows, specOperations)
 * ```
 */
export const readOperatorJobs = async (db: SqlExecutor): Promise<ReadonlyArray<OperatorJobRow>> =>
  listOperatorJobs(
    db,
    catalogJobs.map((job) => job.id)
  )

const problemsOf = (row: OperatorJobRow, operation: SpecOperationLike | undefined): ReadonlyArray<JobProblem> => {
  const problems: Array<JobProblem> = []
  const error = (kind: JobProblem["kind"], message: string) => problems.push({ kind, severity: "error", message })
  if (operation === undefined) {
    error(
      "missing-path",
      `Job ${row.id} (${row.name}): the spec has no GET ${row.sourceEndpoint}; fix source_endpoint or set is_active = false.`
    )
  }
  const placeholders = endpointPlaceholders(row.sourceEndpoint)
  if (placeholders.length > 0 && !row.requiresParameters) {
    error(
      "placeholder-mismatch",
      `Job ${row.id}: ${row.sourceEndpoint} has placeholders [${placeholders.join(", ")}] but requires_parameters is false; set it and parameter_source_table.`
    )
  }
  if (placeholders.length === 0 && row.requiresParameters) {
    error(
      "placeholder-mismatch",
      `Job ${row.id}: requires_parameters is true but ${row.sourceEndpoint} has no {placeholder} to fill.`
    )
  }
  if (row.requiresParameters && (row.parameterSourceTable === null || !isStagingTableName(row.parameterSourceTable))) {
    error(
      "unknown-table",
      `Job ${row.id}: parameter_source_table ${JSON.stringify(row.parameterSourceTable)} is not a staging table; name the parent's staging table (for example dim_studies_staging).`
    )
  }
  if (!plainIdentifier.test(row.targetTable)) {
    error(
      "unknown-table",
      `Job ${row.id}: target_table ${JSON.stringify(row.targetTable)} is not a plain lowercase SQL name (a-z, 0-9, _); rename it.`
    )
  } else if (!isStagingTableName(row.targetTable)) {
    problems.push({
      kind: "unknown-table",
      severity: "warning",
      message: `Job ${row.id}: target_table ${row.targetTable} is not a registered staging table; define it with defineStagingTable before the job can load.`
    })
  }
  if (row.batchSize !== null && (row.batchSize < 1 || row.batchSize > 1000)) {
    error("bad-setting", `Job ${row.id}: batch_size ${row.batchSize} is outside 1..1000 (the API's largest $top).`)
  }
  if (row.rateLimitMs !== null && row.rateLimitMs < 0) {
    error("bad-setting", `Job ${row.id}: rate_limit_ms ${row.rateLimitMs} is negative.`)
  }
  if (row.isActive) {
    problems.push({
      kind: "not-in-catalog",
      severity: "warning",
      message: `Job ${row.id} is active but not in the shipped catalog: scheduled runs skip it until it is defined in code (defineJobs).`
    })
  }
  return problems
}

/**
 * Judges operators' `dw_etl_jobs` rows against the spec: a GET path, placeholders that match
 * `requires_parameters`, a parent staging table, a target name safe for SQL, settings in range.
 *
 * @example
 * ```ts
 * const results = validateOperatorJobs(await readOperatorJobs(warehouse), specOperations)
 * ```
 */
export const validateOperatorJobs = (
  rows: ReadonlyArray<OperatorJobRow>,
  operations: ReadonlyArray<SpecOperationLike>
): ReadonlyArray<JobValidation> => {
  const gets = operations.filter((operation) => operation.method.toUpperCase() === "GET")
  const byShape = new Map(gets.map((operation) => [endpointShape(operation.path), operation]))
  return rows.map((row) => {
    const operation = byShape.get(endpointShape(row.sourceEndpoint))
    const problems = problemsOf(row, operation)
    return {
      jobId: row.id,
      name: row.name,
      endpoint: row.sourceEndpoint,
      status: "custom",
      specPath: operation?.path,
      problems,
      severity: problems.some((problem) => problem.severity === "error")
        ? "error"
        : problems.length > 0
          ? "warning"
          : "ok"
    }
  })
}
