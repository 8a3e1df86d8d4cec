/**
 * Seeding the catalog into `dw_etl_jobs`: idempotent, definitions follow the catalog, an
 * operator's switches stay.
 */
import { type JobDefinition, seedJobDefinitions } from "@trialsync/warehouse"
import { Data, Effect } from "effect"
import { catalogJobs } from "./jobs.js"
import { keyPathToSql } from "./key-path.js"
import type { CatalogJob } from "./types.js"

/**
 * Anything that runs SQL with `$1` parameters and returns rows: a `Warehouse` or a transaction of
 * `@trialsync/warehouse`, or a thin wrapper over `pg` / PGlite.
 */
export interface SqlExecutor {
  query<R = Record<string, unknown>>(text: string, params?: ReadonlyArray<unknown>): Promise<ReadonlyArray<R>>
}

export interface SeedResult {
  /** Jobs that had no row yet (seeded with their defaults, `activeByDefault` included). */
  readonly inserted: ReadonlyArray<number>
  /** Existing rows whose definition changed. */
  readonly updated: ReadonlyArray<number>
  readonly unchanged: number
  /** Rows in `dw_etl_jobs` the catalog does not know (left alone). */
  readonly notInCatalog: ReadonlyArray<number>
}

/** Seeding failed; `cause` holds the database error. */
export class CatalogSeedError extends Data.TaggedError("CatalogSeedError")<{
  readonly message: string
  readonly cause: unknown
}> {}

/** The `dw_etl_jobs` row values of a job, the original columns filled from the corrected bindings. */
const toDefinition = (job: CatalogJob): JobDefinition => {
  const [first] = job.parameters
  return {
    id: job.id,
    name: job.name,
    sourceEndpoint: job.endpoint,
    originalEndpoint: job.originalEndpoint,
    targetTable: job.targetTable,
    requiresParameters: job.parameters.length > 0,
    // Job 160 binds two placeholders from one parent row: names and columns are listed in order.
    parameterName: first ? job.parameters.map((parameter) => parameter.name).join(",") : null,
    parameterSourceTable: first ? first.parentTable : null,
    parameterSourceColumn: first ? job.parameters.map((parameter) => keyPathToSql(parameter.keyPath)).join(",") : null,
    jobGroup: job.category,
    catalogStatus: job.status,
    statusReason: job.reason,
    parameters: job.parameters,
    dependsOn: job.dependsOn,
    timestampFieldName: job.changeField ?? null,
    loadMode: job.changeField === undefined ? "full" : "incremental",
    isActive: job.activeByDefault,
    schedule: job.schedule ?? null,
    timeoutSeconds: job.timeoutSeconds ?? null,
    batchSize: job.pageSize ?? null,
    incrementalLoad: job.changeField !== undefined
  }
}

/**
 * Upserts catalog jobs into `dw_etl_jobs` under their original ids, in one statement (the
 * warehouse's `seedJobDefinitions`).
 *
 * Definitions (name, endpoints, target, parameters and the original parameter columns, status,
 * reason, job group, dependencies, change field, load mode) follow the catalog. An operator's
 * settings (`is_active`, `schedule`, `timeout_seconds`, `batch_size`, `incremental_load`) are
 * written for new rows only, except
 * that a job whose status is `disabled` is always switched off. Unchanged rows are not rewritten,
 * so running it again reports every job unchanged.
 *
 * @example
 * ```ts
 * const warehouse = await openWarehouse()
 * await warehouse.migrate()
 * const { inserted, updated } = await seedCatalog(warehouse)
 * ```
 */
export const seedCatalog = async (
  db: SqlExecutor,
  jobs: ReadonlyArray<CatalogJob> = catalogJobs
): Promise<SeedResult> => seedJobDefinitions(db, jobs.map(toDefinition))

/**
 * {@link seedCatalog} as an Effect, failing with {@link CatalogSeedError}.
 *
 * @example
 * ```ts
 * const program = seedCatalogEffect(warehouse).pipe(
 *   Effect.catchTag("CatalogSeedError", (error) => Console.error(error.message))
 * )
 * ```
 */
export const seedCatalogEffect = (
  db: SqlExecutor,
  jobs: ReadonlyArray<CatalogJob> = catalogJobs
): Effect.Effect<SeedResult, CatalogSeedError> =>
  Effect.tryPromise({
    try: () => seedCatalog(db, jobs),
    catch: (cause) =>
      new CatalogSeedError({
        message: `Seeding the job catalog into dw_etl_jobs failed (${cause instanceof Error ? cause.message : String(cause)}); run the warehouse migrations first if the table is missing.`,
        cause
      })
  })
