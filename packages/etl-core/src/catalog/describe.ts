/**
 * Rows for `trialsync jobs list [--json]`.
 */
import { catalogJobs } from "./jobs.js"
import { keyPathToSql } from "./key-path.js"
import type { CatalogJob, CatalogStatus, JobCategory } from "./types.js"

/** One job as an operator sees it. */
export interface CatalogRow {
  readonly id: number
  readonly name: string
  readonly endpoint: string
  /** Set when the endpoint was changed by a fix. */
  readonly originalEndpoint: string | undefined
  readonly target: string
  readonly status: CatalogStatus
  readonly reason: string
  readonly active: boolean
  readonly category: JobCategory
  /** Where each placeholder comes from, e.g. `studyId <- dim_studies_staging.data->>'id'`. */
  readonly parents: ReadonlyArray<string>
  readonly requiresEdition: string | undefined
}

export interface DescribeCatalogOptions {
  readonly jobs?: ReadonlyArray<CatalogJob>
  /** Current switches (from `dw_etl_jobs.is_active`); a job missing here shows its default. */
  readonly active?: ReadonlyMap<number, boolean>
}

/**
 * The catalog as rows for listing, ordered by id.
 *
 * @example
 * ```ts
 * const rows = describeCatalog()
 * console.table(rows.map(({ id, name, status, active }) => ({ id, name, status, active })))
 * console.log(JSON.stringify(rows)) // `trialsync jobs list --json`
 * ```
 */
export const describeCatalog = (options: DescribeCatalogOptions = {}): ReadonlyArray<CatalogRow> =>
  [...(options.jobs ?? catalogJobs)]
    .sort((left, right) => left.id - right.id)
    .map((job) => ({
      id: job.id,
      name: job.name,
      endpoint: job.endpoint,
      originalEndpoint: job.originalEndpoint === job.endpoint ? undefined : job.originalEndpoint,
      target: job.targetTable,
      status: job.status,
      reason: job.reason,
      active: options.active?.get(job.id) ?? job.activeByDefault,
      category: job.category,
      parents: job.parameters.map(
        (parameter) => `${parameter.name} <- ${parameter.parentTable}.${keyPathToSql(parameter.keyPath)}`
      ),
      requiresEdition: job.requiresEdition
    }))

/** Jobs per status, for summaries (`{ valid: 51, fixed: 11, ... }`). */
export const countByStatus = (
  jobs: ReadonlyArray<Pick<CatalogJob, "status">> = catalogJobs
): Readonly<Record<CatalogStatus, number>> => {
  const counts: Record<CatalogStatus, number> = { valid: 0, fixed: 0, disabled: 0, "not-in-spec": 0 }
  for (const job of jobs) counts[job.status] += 1
  return counts
}
