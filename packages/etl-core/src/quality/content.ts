/**
 * Content checks: not the shape of a row but whether what it says can be true, and whether the
 * tables are as full and as recent as they should be.
 *
 * - `referential_integrity`: a patient visit or a status event whose subject (or a visit whose
 *   study) has no current, live version in its dimension: never loaded, or deleted upstream.
 * - `dates_in_future`: a source event date (status event, enrollment, actual visit, element
 *   completion) later than the transformation's clock plus `futureToleranceHours`.
 * - `stale_staging_tables`: a staging table Silver reads whose last load (its job's last successful
 *   run, or its newest `loaded_at`) is older than its maximum age. Tables never loaded are skipped.
 * - `row_count_drop`: a staging table whose live rows fell by more than `rowCountDropPercent` of the
 *   count the previous committed transformation recorded (when that count was at least
 *   `rowCountDropMinRows`).
 *
 * Freshness and row counts come from one pass over each staging table ({@link readStagingStats});
 * their checks are SELECTs over those figures as literals, so every check stays a SELECT of keys.
 */
import { lastSuccessfulLoads, type Warehouse, type WarehouseTx } from "@trialsync/warehouse"
import { timestampLiteral } from "../transform/sql/literals.js"
import { type FactShape, factCheck, type QualityCheck, stagingKeys } from "./checks.js"
import type { QualityConfig } from "./config.js"

type Queryable = Pick<Warehouse | WarehouseTx, "query">

/** The staging tables Silver reads. */
export const silverStagingTables: ReadonlyArray<string> = stagingKeys.map(([table]) => table)

const quoted = (text: string): string => `'${text.replaceAll("'", "''")}'`

const live = (dimension: string, id: string, alias: string, column: string) =>
  `NOT EXISTS (SELECT 1 FROM ${dimension} AS d WHERE d.source_instance_id = ${alias}.source_instance_id
    AND d.${id} = ${alias}.${column} AND d.is_current AND NOT d.is_deleted)`

const key = (alias: string, column: string) => `${alias}.source_instance_id || ':' || ${alias}.${column}`

/** Facts whose references must name a live dimension member (not merely one found at the event date). */
const references: ReadonlyArray<{
  readonly table: string
  readonly grain: string
  readonly checks: ReadonlyArray<readonly [column: string, dimension: string, id: string]>
}> = [
  {
    table: "fact_patient_visits",
    grain: "patient_visit_id",
    checks: [
      ["subject_id", "dim_subjects", "subject_id"],
      ["study_id", "dim_studies", "study_id"]
    ]
  },
  {
    table: "fact_subject_status_changes",
    grain: "status_record_key",
    checks: [["subject_id", "dim_subjects", "subject_id"]]
  }
]

const referentialChecks: ReadonlyArray<QualityCheck> = references.map((fact) => ({
  name: "referential_integrity",
  table: fact.table,
  // Depends on the dimensions as well as the row: always over the whole fact.
  failing: `SELECT ${key("f", fact.grain)} AS key FROM ${fact.table} AS f
WHERE ${fact.checks.map(([column, dimension, id]) => `f.${column} IS NULL OR ${live(dimension, id, "f", column)}`).join(" OR ")}`
}))

/** Source event dates, per fact (planned and due dates may lie ahead; these may not). */
const eventDates: ReadonlyArray<FactShape & { readonly columns: ReadonlyArray<string> }> = [
  {
    table: "fact_subject_status_changes",
    grain: "status_record_key",
    scope: "subject_id",
    references: [],
    dates: [],
    columns: ["event_at"]
  },
  {
    table: "fact_enrollment",
    grain: "subject_id",
    scope: "subject_id",
    references: [],
    dates: [],
    columns: ["enrollment_date"]
  },
  {
    table: "fact_patient_visits",
    grain: "patient_visit_id",
    scope: "patient_visit_id",
    references: [],
    dates: [],
    columns: ["actual_visit_at"]
  },
  {
    table: "fact_visit_element_completions",
    grain: "patient_visit_element_id",
    scope: "patient_visit_element_id",
    references: [],
    dates: [],
    columns: ["completed_at"]
  }
]

const futureChecks = (config: QualityConfig, clock: Date): ReadonlyArray<QualityCheck> => {
  const limit = timestampLiteral(new Date(clock.getTime() + config.futureToleranceHours * 3_600_000))
  // Row-local against a clock that only moves forward: a row that passed stays passed, so the
  // narrow form over changed rows is exact.
  return eventDates.map((fact) =>
    factCheck("dates_in_future", fact, fact.columns.map((column) => `f.${column} > ${limit}`).join(" OR "))
  )
}

export interface StagingStats {
  /** Live (not deleted) rows. */
  readonly rows: number
  /** The last successful load: its job's last `success`/`partial` run, or the newest `loaded_at`. */
  readonly lastLoadedAt: Date | undefined
}

/**
 * One pass over each staging table Silver reads (live rows, newest `loaded_at`), and the last
 * successful run of each table's jobs (from the warehouse's control repository). Inside a
 * transformation both read the same snapshot.
 */
export const readStagingStats = async (db: Queryable): Promise<Readonly<Record<string, StagingStats>>> => {
  const [row] = await db.query<Record<string, { rows: number; loaded: string | null } | string>>(
    `SELECT ${silverStagingTables
      .map(
        (table) => `(SELECT json_build_object('rows', count(*) FILTER (WHERE NOT s.is_deleted),
  'loaded', max(s.loaded_at)) FROM ${table} AS s) AS ${table}`
      )
      .join(",\n")}`
  )
  const jobLoads = await lastSuccessfulLoads(db, silverStagingTables)
  const stats: Record<string, StagingStats> = {}
  for (const table of silverStagingTables) {
    const raw = row?.[table]
    const value = typeof raw === "string" ? (JSON.parse(raw) as { rows: number; loaded: string | null }) : raw
    const job = jobLoads.get(table)
    const times = [
      ...(typeof value?.loaded === "string" ? [new Date(value.loaded).getTime()] : []),
      ...(job === undefined ? [] : [job.getTime()])
    ]
    const latest = times.length === 0 ? undefined : Math.max(...times)
    stats[table] = { rows: Number(value?.rows ?? 0), lastLoadedAt: latest === undefined ? undefined : new Date(latest) }
  }
  return stats
}

const freshnessChecks = (
  config: QualityConfig,
  clock: Date,
  stats: Readonly<Record<string, StagingStats>>
): ReadonlyArray<QualityCheck> =>
  silverStagingTables.map((table) => {
    const maxHours = config.freshnessMaxAgeHoursByTable[table] ?? config.freshnessMaxAgeHours
    const last = stats[table]?.lastLoadedAt
    const ageHours = last === undefined ? 0 : (clock.getTime() - last.getTime()) / 3_600_000
    const stale = last !== undefined && ageHours > maxHours
    const description = stale
      ? `${table}: last load ${last.toISOString()}, ${ageHours.toFixed(1)} h old (max ${maxHours} h)`
      : ""
    return {
      name: "stale_staging_tables",
      table,
      failing: `SELECT ${quoted(description)}::text AS key WHERE ${stale ? "true" : "false"}`
    }
  })

const rowCountChecks = (
  config: QualityConfig,
  stats: Readonly<Record<string, StagingStats>>,
  previous: Readonly<Record<string, number>> | undefined
): ReadonlyArray<QualityCheck> =>
  silverStagingTables.map((table) => {
    const before = previous?.[table]
    const now = stats[table]?.rows ?? 0
    const dropped =
      before !== undefined &&
      before > 0 &&
      before >= config.rowCountDropMinRows &&
      now < before * (1 - config.rowCountDropPercent / 100)
    const description = dropped
      ? `${table}: ${before} -> ${now} live rows (-${(((before - now) / before) * 100).toFixed(1)}%, max -${config.rowCountDropPercent}%)`
      : ""
    return {
      name: "row_count_drop",
      table,
      failing: `SELECT ${quoted(description)}::text AS key WHERE ${dropped ? "true" : "false"}`
    }
  })

/**
 * The content checks of one transformation.
 *
 * @example
 * ```ts
 * const stats = await readStagingStats(tx)
 * const checks = [...qualityChecks, ...contentChecks({ config, clock: new Date(), stats, previousRowCounts })]
 * ```
 */
export const contentChecks = (input: {
  readonly config: QualityConfig
  readonly clock: Date
  readonly stats: Readonly<Record<string, StagingStats>>
  /** Live rows per staging table recorded by the previous committed transformation. */
  readonly previousRowCounts?: Readonly<Record<string, number>> | undefined
}): ReadonlyArray<QualityCheck> => [
  ...referentialChecks,
  ...futureChecks(input.config, input.clock),
  ...freshnessChecks(input.config, input.clock, input.stats),
  ...rowCountChecks(input.config, input.stats, input.previousRowCounts)
]

/** The row counts to record for the next run's `row_count_drop`. */
export const rowCountsOf = (stats: Readonly<Record<string, StagingStats>>): Record<string, number> =>
  Object.fromEntries(Object.entries(stats).map(([table, value]) => [table, value.rows]))
