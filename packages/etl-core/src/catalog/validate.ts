/**
 * Checks catalog jobs against the operations of the vendor spec (`trialsync jobs validate`).
 */
import { endpointPlaceholders, endpointShape } from "./endpoint.js"
import { catalogJobs } from "./jobs.js"
import type { CatalogJob, CatalogStatus, ListKind } from "./types.js"

/**
 * What validation needs of one spec operation: the fields of `specOperations` from
 * `@trialsync/cc-client`. `deprecated` and `notImplemented` are used when present.
 */
export interface SpecOperationLike {
  readonly method: string
  readonly path: string
  readonly responseKind: "page" | "array" | "object" | "none"
  readonly odata: boolean
  readonly itemSchema?: string | undefined
  readonly deprecated?: boolean | undefined
  /** The description of a declared 501 answer (edition-limited endpoints). */
  readonly notImplemented?: string | undefined
}

/** The kinds of problem validation reports. */
export type JobProblemKind =
  | "missing-path"
  | "unexpected-path"
  | "placeholder-mismatch"
  | "list-kind-mismatch"
  | "order-by-unsupported"
  | "deprecated"
  | "edition-undeclared"
  | "unknown-table"
  | "bad-setting"
  | "not-in-catalog"

export interface JobProblem {
  readonly kind: JobProblemKind
  /** `error`s make `trialsync jobs validate` exit 1; `warning`s are printed only. */
  readonly severity: "error" | "warning"
  readonly message: string
}

/** The outcome for one job. */
export interface JobValidation {
  readonly jobId: number
  readonly name: string
  readonly endpoint: string
  /** `custom`: an operator's row of `dw_etl_jobs` that the shipped catalog does not have. */
  readonly status: CatalogStatus | "custom"
  /** The spec's template for the endpoint, when it has one (placeholder names may differ). */
  readonly specPath: string | undefined
  readonly problems: ReadonlyArray<JobProblem>
  /** The worst severity among the problems, `ok` when there are none. */
  readonly severity: "ok" | "warning" | "error"
}

export interface CatalogValidation {
  readonly results: ReadonlyArray<JobValidation>
  readonly errors: number
  readonly warnings: number
  /** No errors: every valid or fixed job has a path, bound placeholders and the declared shape. */
  readonly ok: boolean
}

const specListKind = (operation: SpecOperationLike): ListKind => {
  switch (operation.responseKind) {
    case "page":
      return "page"
    case "array":
      return operation.odata ? "odata-array" : "array"
    case "object":
      return "object"
    case "none":
      return "unknown"
  }
}

const sameNames = (left: ReadonlyArray<string>, right: ReadonlyArray<string>) =>
  left.length === right.length && [...left].sort().join() === [...right].sort().join()

const checkJob = (job: CatalogJob, operation: SpecOperationLike | undefined): ReadonlyArray<JobProblem> => {
  const problems: Array<JobProblem> = []
  const expectsPath = job.status === "valid" || job.status === "fixed"
  if (operation === undefined && expectsPath) {
    problems.push({
      kind: "missing-path",
      severity: "error",
      message: `Job ${job.id} is ${job.status} but the spec has no GET ${job.endpoint}: fix the endpoint or mark the job not-in-spec.`
    })
  }
  if (operation !== undefined && job.status === "not-in-spec") {
    problems.push({
      kind: "unexpected-path",
      severity: "warning",
      message: `Job ${job.id} is marked not-in-spec but the spec now has GET ${operation.path}: review its status.`
    })
  }
  const placeholders = endpointPlaceholders(job.endpoint)
  const bound = job.parameters.map((parameter) => parameter.name)
  if (!sameNames(placeholders, bound)) {
    problems.push({
      kind: "placeholder-mismatch",
      severity: "error",
      message: `Job ${job.id}: the endpoint has placeholders [${placeholders.join(", ")}] but the parameters bind [${bound.join(", ")}]; bind each placeholder exactly once.`
    })
  }
  if (operation !== undefined && specListKind(operation) !== job.listKind) {
    problems.push({
      kind: "list-kind-mismatch",
      severity: "error",
      message: `Job ${job.id}: the catalog says ${job.listKind} but the spec declares ${specListKind(operation)} for ${operation.path}.`
    })
  }
  if (job.orderBy !== undefined && !job.endpoint.endsWith("/odata")) {
    problems.push({
      kind: "order-by-unsupported",
      severity: "error",
      message: `Job ${job.id}: $orderby works only on /odata paths; remove orderBy from ${job.endpoint}.`
    })
  }
  if (operation?.deprecated && job.activeByDefault) {
    problems.push({
      kind: "deprecated",
      severity: "warning",
      message: `Job ${job.id}: the spec marks ${operation.path} deprecated; look for a newer version of the endpoint.`
    })
  }
  if (operation?.notImplemented !== undefined && job.requiresEdition === undefined) {
    problems.push({
      kind: "edition-undeclared",
      severity: "warning",
      message: `Job ${job.id}: the spec says "${operation.notImplemented}" for ${operation.path}; set requiresEdition.`
    })
  }
  return problems
}

const worst = (problems: ReadonlyArray<JobProblem>): JobValidation["severity"] =>
  problems.some((problem) => problem.severity === "error") ? "error" : problems.length > 0 ? "warning" : "ok"

/**
 * Validates catalog jobs against the spec's operations: each valid or fixed job must have a GET
 * path (placeholder names may differ from the spec's), every placeholder a binding, and the list
 * kind the spec declares. Disabled and not-in-spec jobs without a path are as documented.
 *
 * @example
 * ```ts
 * import { specOperations } from "@trialsync/cc-client"
 * const report = validateCatalog(specOperations)
 * for (const result of report.results) if (result.severity !== "ok") console.log(result.jobId, result.problems)
 * process.exitCode = report.ok ? 0 : 1
 * ```
 */
export const validateCatalog = (
  operations: ReadonlyArray<SpecOperationLike>,
  jobs: ReadonlyArray<CatalogJob> = catalogJobs
): CatalogValidation => {
  const gets = operations.filter((operation) => operation.method.toUpperCase() === "GET")
  const byPath = new Map(gets.map((operation) => [operation.path, operation]))
  const byShape = new Map(gets.map((operation) => [endpointShape(operation.path), operation]))
  const results = jobs.map((job): JobValidation => {
    const operation = byPath.get(job.endpoint) ?? byShape.get(endpointShape(job.endpoint))
    const problems = checkJob(job, operation)
    return {
      jobId: job.id,
      name: job.name,
      endpoint: job.endpoint,
      status: job.status,
      specPath: operation?.path,
      problems,
      severity: worst(problems)
    }
  })
  const errors = results.filter((result) => result.severity === "error").length
  const warnings = results.filter((result) => result.severity === "warning").length
  return { results, errors, warnings, ok: errors === 0 }
}
