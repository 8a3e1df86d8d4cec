/**
 * The catalog as an Effect service, so the engine can run against the shipped catalog or a
 * catalog of a user's own (a custom extract, a test).
 */
import { getStagingTable, isStagingTableName, type StagingTableDef } from "@trialsync/warehouse"
import { Context, Effect, Layer } from "effect"
import { UnknownJobError } from "./errors.js"
import { catalogJobs } from "./jobs.js"
import { keyPathSegments } from "./key-path.js"
import type { CatalogJob } from "./types.js"

export interface JobCatalogService {
  readonly jobs: ReadonlyArray<CatalogJob>
  /** The job with this id, or {@link UnknownJobError} listing the valid ids. */
  readonly get: (id: number) => Effect.Effect<CatalogJob, UnknownJobError>
  /**
   * The definition of a target table: a table of one's own given to `fromJobs`, else the
   * warehouse's staging registry; `undefined` for a name neither knows.
   */
  readonly stagingTable: (name: string) => StagingTableDef | undefined
}

const make = (jobs: ReadonlyArray<CatalogJob>, own: ReadonlyArray<StagingTableDef> = []): JobCatalogService => {
  const byId = new Map(jobs.map((job) => [job.id, job]))
  const tables = new Map(own.map((def) => [def.name, def]))
  return {
    jobs,
    stagingTable: (name) => tables.get(name) ?? (isStagingTableName(name) ? getStagingTable(name) : undefined),
    get: (id) => {
      const job = byId.get(id)
      return job
        ? Effect.succeed(job)
        : Effect.fail(new UnknownJobError({ jobIds: [id], validIds: jobs.map((known) => known.id) }))
    }
  }
}

/** What the engine splices into SQL (always quoted): a plain lowercase name PostgreSQL does not truncate. */
const plainName = /^[a-z_][a-z0-9_]{0,62}$/

/** Throws, naming the job and the field, when a name of `job` could not safely reach SQL. */
const checkNames = (job: CatalogJob): void => {
  const fail = (what: string): never => {
    throw new Error(`Job ${job.id} (${job.name}): ${what}`)
  }
  const notPlain = "is not a plain lowercase SQL name (a-z, 0-9, _, at most 63 characters); rename it."
  if (!plainName.test(job.targetTable)) fail(`target table ${JSON.stringify(job.targetTable)} ${notPlain}`)
  for (const binding of job.parameters) {
    const of = `of {${binding.name}}`
    if (!plainName.test(binding.parentTable))
      fail(`parent table ${JSON.stringify(binding.parentTable)} ${of} ${notPlain}`)
    try {
      keyPathSegments(binding.keyPath)
    } catch {
      fail(
        `key path ${JSON.stringify(binding.keyPath)} ${of}: use field names joined by dots, such as "id" or "study.id".`
      )
    }
  }
}

/**
 * The job catalog service.
 *
 * @example
 * ```ts
 * const program = Effect.gen(function* () {
 *   const catalog = yield* JobCatalog
 *   const studies = yield* catalog.get(2)
 *   return studies.endpoint
 * })
 * Effect.runSync(program.pipe(Effect.provide(JobCatalog.Default)))
 * ```
 */
export class JobCatalog extends Context.Tag("@trialsync/etl-core/JobCatalog")<JobCatalog, JobCatalogService>() {
  /** The 90 shipped jobs. */
  static readonly Default: Layer.Layer<JobCatalog> = Layer.succeed(JobCatalog, make(catalogJobs))
  /**
   * A catalog of your own jobs (ids must be unique). Jobs writing tables of your own
   * (`defineStagingTable`) name their definitions in `stagingTables`; the engine creates them
   * if missing before it loads them. Throws when a table name or key path could not safely
   * reach SQL, naming the job and the field.
   */
  static readonly fromJobs = (
    jobs: ReadonlyArray<CatalogJob>,
    options: { readonly stagingTables?: ReadonlyArray<StagingTableDef> } = {}
  ): Layer.Layer<JobCatalog> => {
    const duplicate = jobs.find((job, index) => jobs.findIndex((other) => other.id === job.id) !== index)
    if (duplicate) throw new Error(`Job id ${duplicate.id} appears twice in the catalog: give each job its own id.`)
    for (const job of jobs) checkNames(job)
    return Layer.succeed(JobCatalog, make(jobs, options.stagingTables))
  }
}
