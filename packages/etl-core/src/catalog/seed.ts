/**
 * Seeding the catalog into `dw_etl_jobs`: idempotent, definitions follow the catalog, an
 * operator's switches stay.
 */
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

// The catalog's columns that seeding keeps in step with the data.
const definitionColumns = [
  "name",
  "source_endpoint",
  "original_endpoint",
  "target_table",
  "requires_parameters",
  "parameter_name",
  "parameter_source_table",
  "parameter_source_column",
  "job_group",
  "catalog_status",
  "status_reason",
  "parameters",
  "depends_on",
  "timestamp_field_name",
  "load_mode"
] as const
// Operator settings: written for new rows only.
const operatorColumns = ["is_active", "schedule", "timeout_seconds", "batch_size", "incremental_load"] as const

const recordsetTypes = [
  "id integer",
  "name text",
  "source_endpoint text",
  "original_endpoint text",
  "target_table text",
  "requires_parameters boolean",
  "parameter_name text",
  "parameter_source_table text",
  "parameter_source_column text",
  "job_group text",
  "catalog_status text",
  "status_reason text",
  "parameters jsonb",
  "depends_on integer[]",
  "timestamp_field_name text",
  "load_mode text",
  "is_active boolean",
  "schedule text",
  "timeout_seconds integer",
  "batch_size integer",
  "incremental_load boolean"
]

// A disabled job has no endpoint or duplicates another: it is switched off whatever the row said.
const activeOnConflict = "CASE WHEN excluded.catalog_status = 'disabled' THEN false ELSE t.is_active END"

const upsertSql = (() => {
  const columns = ["id", ...definitionColumns, ...operatorColumns]
  const assignments = definitionColumns.map((column) => `${column} = excluded.${column}`)
  const before = [...definitionColumns.map((column) => `t.${column}`), "t.is_active"]
  const after = [...definitionColumns.map((column) => `excluded.${column}`), activeOnConflict]
  return `INSERT INTO dw_etl_jobs AS t (${columns.join(", ")})
SELECT ${columns.join(", ")} FROM jsonb_to_recordset($1::jsonb) AS j(${recordsetTypes.join(", ")})
ON CONFLICT (id) DO UPDATE SET ${assignments.join(", ")}, is_active = ${activeOnConflict}, updated_at = now()
WHERE (${before.join(", ")}) IS DISTINCT FROM (${after.join(", ")})
RETURNING t.id AS id, (t.xmax = 0) AS inserted`
})()

/** The `dw_etl_jobs` row values of a job, the original columns filled from the corrected bindings. */
const toRow = (job: CatalogJob) => {
  const [first] = job.parameters
  return {
    id: job.id,
    name: job.name,
    source_endpoint: job.endpoint,
    original_endpoint: job.originalEndpoint,
    target_table: job.targetTable,
    requires_parameters: job.parameters.length > 0,
    // Job 160 binds two placeholders from one parent row: names and columns are listed in order.
    parameter_name: first ? job.parameters.map((parameter) => parameter.name).join(",") : null,
    parameter_source_table: first ? first.parentTable : null,
    parameter_source_column: first
      ? job.parameters.map((parameter) => keyPathToSql(parameter.keyPath)).join(",")
      : null,
    job_group: job.category,
    catalog_status: job.status,
    status_reason: job.reason,
    parameters: job.parameters,
    depends_on: job.dependsOn,
    timestamp_field_name: job.changeField ?? null,
    load_mode: job.changeField === undefined ? "full" : "incremental",
    is_active: job.activeByDefault,
    schedule: job.schedule ?? null,
    timeout_seconds: job.timeoutSeconds ?? null,
    batch_size: job.pageSize ?? null,
    incremental_load: job.changeField !== undefined
  }
}

/**
 * Upserts catalog jobs into `dw_etl_jobs` under their original ids, in one statement.
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
): Promise<SeedResult> => {
  const changed = await db.query<{ id: number; inserted: boolean }>(upsertSql, [JSON.stringify(jobs.map(toRow))])
  const known = await db.query<{ id: number }>(
    "SELECT id FROM dw_etl_jobs WHERE NOT (id = ANY($1::integer[])) ORDER BY id",
    [jobs.map((job) => job.id)]
  )
  const byId = (left: number, right: number) => left - right
  return {
    inserted: changed
      .filter((row) => row.inserted)
      .map((row) => Number(row.id))
      .sort(byId),
    updated: changed
      .filter((row) => !row.inserted)
      .map((row) => Number(row.id))
      .sort(byId),
    unchanged: jobs.length - changed.length,
    notInCatalog: known.map((row) => Number(row.id))
  }
}

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
