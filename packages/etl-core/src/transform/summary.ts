/**
 * Read-only summaries of Silver and Gold for operators (the demo prints them after a sync).
 */
import type { Warehouse } from "@trialsync/warehouse"
import { materializedViews } from "./gold/refresh.js"
import { silverTables } from "./silver/index.js"

export interface TableCount {
  readonly layer: "silver" | "gold"
  readonly table: string
  /** Rows (for Type-2 dimensions, every version). */
  readonly rows: number
}

/** The Gold views and materialized views, in the order a summary lists them. */
export const goldViews: ReadonlyArray<string> = [
  "v_study_enrollment_summary",
  "v_subject_status_summary",
  "v_visit_compliance",
  "v_etl_job_history",
  "v_etl_job_success_rate",
  "v_table_freshness",
  ...materializedViews
]

const silverCountTables = [...silverTables, "dim_date"]

/**
 * Rows per Silver table and per Gold view.
 *
 * @example
 * ```ts
 * console.table(await countSilverGold(warehouse))
 * ```
 */
export const countSilverGold = async (warehouse: Pick<Warehouse, "query">): Promise<ReadonlyArray<TableCount>> => {
  const counted = [
    ...silverCountTables.map((table) => ({ layer: "silver" as const, table })),
    ...goldViews.map((table) => ({ layer: "gold" as const, table }))
  ]
  const [row] = await warehouse.query<Record<string, number>>(
    `SELECT ${counted.map(({ table }) => `(SELECT count(*)::int FROM ${table}) AS ${table}`).join(", ")}`
  )
  return counted.map(({ layer, table }) => ({ layer, table, rows: Number(row?.[table] ?? 0) }))
}

export interface GoldSummary {
  readonly view: string
  readonly columns: ReadonlyArray<string>
  readonly rows: ReadonlyArray<Record<string, string | number | null>>
}

const summaryColumns = [
  "study_name",
  "study_status",
  "subjects_total",
  "subjects_enrolled",
  "randomized",
  "completed",
  "dropped",
  "screen_failure_rate"
] as const

/**
 * The top studies of `v_study_enrollment_summary` by enrolled subjects (default 10).
 *
 * @example
 * ```ts
 * const { columns, rows } = await readGoldSummary(warehouse, { limit: 5 })
 * console.table(rows, [...columns])
 * ```
 */
export const readGoldSummary = async (
  warehouse: Pick<Warehouse, "query">,
  options: { readonly limit?: number } = {}
): Promise<GoldSummary> => {
  const limit = options.limit ?? 10
  if (!Number.isSafeInteger(limit) || limit < 1) throw new Error(`limit must be a positive integer, got ${limit}`)
  const rows = await warehouse.query<Record<string, string | number | null>>(
    `SELECT ${summaryColumns.join(", ")} FROM v_study_enrollment_summary
ORDER BY subjects_enrolled DESC, study_name LIMIT $1`,
    [limit]
  )
  return {
    view: "v_study_enrollment_summary",
    columns: summaryColumns,
    rows: rows.map((row) => ({
      ...row,
      screen_failure_rate: row.screen_failure_rate === null ? null : Number(row.screen_failure_rate)
    }))
  }
}
