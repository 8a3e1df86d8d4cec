/**
 * `dw_etl_jobs`: one row per job, under the ids of the replaced system. This module is the one
 * place that seeds definitions into it and reads operators' settings and rows back; the engine's
 * catalog decides what a definition holds, operators own the switches (docs/design.md §4, §5).
 * The `last_run_*` columns are written with the run log; `run-history.ts` reads them.
 */
import type { ControlSql } from "./sql.js"

/**
 * One job's row as seeding writes it. The definition follows the catalog on every seed; the
 * operator settings (`isActive`, `schedule`, `timeoutSeconds`, `batchSize`, `incrementalLoad`)
 * are written for new rows only.
 */
export interface JobDefinition {
  readonly id: number
  readonly name: string
  readonly sourceEndpoint: string
  readonly originalEndpoint: string | null
  readonly targetTable: string
  readonly requiresParameters: boolean
  /** The placeholders' names, joined by `,` in order (job 160 binds two); null for plain jobs. */
  readonly parameterName: string | null
  readonly parameterSourceTable: string | null
  /** SQL paths into the parent's `data`, joined by `,` like `parameterName`. */
  readonly parameterSourceColumn: string | null
  readonly jobGroup: string
  readonly catalogStatus: string
  readonly statusReason: string | null
  /** The placeholder bindings, stored as `jsonb`. */
  readonly parameters: unknown
  readonly dependsOn: ReadonlyArray<number>
  readonly timestampFieldName: string | null
  readonly loadMode: "full" | "incremental"
  readonly isActive: boolean
  readonly schedule: string | null
  readonly timeoutSeconds: number | null
  readonly batchSize: number | null
  readonly incrementalLoad: boolean
}

/** What {@link seedJobDefinitions} changed, ids ascending. */
export interface JobSeedResult {
  /** Jobs that had no row yet (written with their operator defaults). */
  readonly inserted: ReadonlyArray<number>
  /** Existing rows whose definition changed. */
  readonly updated: ReadonlyArray<number>
  readonly unchanged: number
  /** Rows of `dw_etl_jobs` whose ids were not among the definitions (left alone). */
  readonly notInCatalog: ReadonlyArray<number>
}

// Column, then its recordset type. The definition columns first, the operator settings after.
const definitionColumns = [
  ["name", "text"],
  ["source_endpoint", "text"],
  ["original_endpoint", "text"],
  ["target_table", "text"],
  ["requires_parameters", "boolean"],
  ["parameter_name", "text"],
  ["parameter_source_table", "text"],
  ["parameter_source_column", "text"],
  ["job_group", "text"],
  ["catalog_status", "text"],
  ["status_reason", "text"],
  ["parameters", "jsonb"],
  ["depends_on", "integer[]"],
  ["timestamp_field_name", "text"],
  ["load_mode", "text"]
] as const
const operatorColumns = [
  ["is_active", "boolean"],
  ["schedule", "text"],
  ["timeout_seconds", "integer"],
  ["batch_size", "integer"],
  ["incremental_load", "boolean"]
] as const

// A disabled job has no endpoint or duplicates another: it is switched off whatever the row said.
const activeOnConflict = "CASE WHEN excluded.catalog_status = 'disabled' THEN false ELSE t.is_active END"

const upsertSql = (() => {
  const all = [["id", "integer"], ...definitionColumns, ...operatorColumns] as const
  const columns = all.map(([column]) => column)
  const types = all.map(([column, type]) => `${column} ${type}`)
  const definition = definitionColumns.map(([column]) => column)
  const assignments = definition.map((column) => `${column} = excluded.${column}`)
  const before = [...definition.map((column) => `t.${column}`), "t.is_active"]
  const after = [...definition.map((column) => `excluded.${column}`), activeOnConflict]
  return `INSERT INTO dw_etl_jobs AS t (${columns.join(", ")})
SELECT ${columns.join(", ")} FROM jsonb_to_recordset($1::jsonb) AS j(${types.join(", ")})
ON CONFLICT (id) DO UPDATE SET ${assignments.join(", ")}, is_active = ${activeOnConflict}, updated_at = now()
WHERE (${before.join(", ")}) IS DISTINCT FROM (${after.join(", ")})
RETURNING t.id AS id, (t.xmax = 0) AS inserted`
})()

const toRecord = (job: JobDefinition) => ({
  id: job.id,
  name: job.name,
  source_endpoint: job.sourceEndpoint,
  original_endpoint: job.originalEndpoint,
  target_table: job.targetTable,
  requires_parameters: job.requiresParameters,
  parameter_name: job.parameterName,
  parameter_source_table: job.parameterSourceTable,
  parameter_source_column: job.parameterSourceColumn,
  job_group: job.jobGroup,
  catalog_status: job.catalogStatus,
  status_reason: job.statusReason,
  parameters: job.parameters,
  depends_on: job.dependsOn,
  timestamp_field_name: job.timestampFieldName,
  load_mode: job.loadMode,
  is_active: job.isActive,
  schedule: job.schedule,
  timeout_seconds: job.timeoutSeconds,
  batch_size: job.batchSize,
  incremental_load: job.incrementalLoad
})

/**
 * Upserts job definitions under their ids in one statement, then lists the rows it was not given.
 *
 * Definitions follow `jobs`; an operator's settings are written for new rows only, except that a
 * job whose `catalogStatus` is `disabled` is always switched off. Unchanged rows are not
 * rewritten, so seeding the same definitions again reports every job unchanged.
 *
 * @example
 * ```ts
 * const { inserted, updated, notInCatalog } = await seedJobDefinitions(warehouse, definitions)
 * ```
 */
export const seedJobDefinitions = async (
  db: ControlSql,
  jobs: ReadonlyArray<JobDefinition>
): Promise<JobSeedResult> => {
  const changed = await db.query<{ id: number; inserted: boolean }>(upsertSql, [JSON.stringify(jobs.map(toRecord))])
  const others = await db.query<{ id: number }>(
    "SELECT id FROM dw_etl_jobs WHERE NOT (id = ANY($1::integer[])) ORDER BY id",
    [jobs.map((job) => job.id)]
  )
  const idsWhere = (inserted: boolean) =>
    changed
      .filter((row) => Boolean(row.inserted) === inserted)
      .map((row) => Number(row.id))
      .sort((left, right) => left - right)
  return {
    inserted: idsWhere(true),
    updated: idsWhere(false),
    unchanged: jobs.length - changed.length,
    notInCatalog: others.map((row) => Number(row.id))
  }
}

/** An operator's settings of one job: its switch and the overrides that win over the catalog's. */
export interface JobSettingsRow {
  readonly id: number
  readonly isActive: boolean
  /** `batch_size`: the page size (`$top`), if the operator set one. */
  readonly pageSize: number | undefined
  readonly timeoutSeconds: number | undefined
}

/**
 * Every job row's switch, page size and timeout, by id.
 *
 * @example
 * ```ts
 * const active = new Map((await listJobSettings(warehouse)).map((row) => [row.id, row.isActive]))
 * ```
 */
export const listJobSettings = async (db: ControlSql): Promise<ReadonlyArray<JobSettingsRow>> => {
  const rows = await db.query<{
    id: number
    is_active: boolean
    batch_size: number | null
    timeout_seconds: number | null
  }>("SELECT id, is_active, batch_size, timeout_seconds FROM dw_etl_jobs ORDER BY id")
  return rows.map((row) => ({
    id: Number(row.id),
    isActive: row.is_active === true,
    pageSize: row.batch_size === null ? undefined : Number(row.batch_size),
    timeoutSeconds: row.timeout_seconds === null ? undefined : Number(row.timeout_seconds)
  }))
}

/** The columns of an operator's `dw_etl_jobs` row that validation judges. */
export interface OperatorJobRow {
  readonly id: number
  readonly name: string
  readonly sourceEndpoint: string
  readonly targetTable: string
  readonly isActive: boolean
  readonly requiresParameters: boolean
  readonly parameterSourceTable: string | null
  readonly parameterSourceColumn: string | null
  readonly batchSize: number | null
  readonly rateLimitMs: number | null
}

/**
 * The rows of `dw_etl_jobs` whose ids are not in `catalogIds` (jobs operators added by hand, as
 * the replaced system's scripts do), by id.
 *
 * @example
 * ```ts
 * const custom = await listOperatorJobs(warehouse, catalogJobs.map((job) => job.id))
 * ```
 */
export const listOperatorJobs = async (
  db: ControlSql,
  catalogIds: ReadonlyArray<number>
): Promise<ReadonlyArray<OperatorJobRow>> => {
  const rows = await db.query<{
    id: number
    name: string
    source_endpoint: string
    target_table: string
    is_active: boolean
    requires_parameters: boolean
    parameter_source_table: string | null
    parameter_source_column: string | null
    batch_size: number | null
    rate_limit_ms: number | null
  }>(
    `SELECT id, name, source_endpoint, target_table, is_active, requires_parameters, parameter_source_table,
            parameter_source_column, batch_size, rate_limit_ms
     FROM dw_etl_jobs WHERE NOT (id = ANY($1::integer[])) ORDER BY id`,
    [catalogIds]
  )
  return rows.map((row) => ({
    id: Number(row.id),
    name: row.name,
    sourceEndpoint: row.source_endpoint,
    targetTable: row.target_table,
    isActive: row.is_active === true,
    requiresParameters: row.requires_parameters === true,
    parameterSourceTable: row.parameter_source_table,
    parameterSourceColumn: row.parameter_source_column,
    batchSize: row.batch_size === null ? null : Number(row.batch_size),
    rateLimitMs: row.rate_limit_ms === null ? null : Number(row.rate_limit_ms)
  }))
}
