/**
 * When each staging table was last loaded, as `dw_etl_jobs` records it: the freshness check of a
 * transformation reads it next to the staging tables' own `loaded_at`.
 */
import type { ControlSql } from "./sql.js"

/**
 * Per target table, the latest `last_run_at` of its jobs whose last run was `success` or
 * `partial`. Tables without such a run are absent.
 *
 * @example
 * ```ts
 * const loads = await lastSuccessfulLoads(tx, ["dim_studies_staging", "dim_sites_staging"])
 * loads.get("dim_studies_staging") // a Date, or undefined
 * ```
 */
export const lastSuccessfulLoads = async (
  db: ControlSql,
  targetTables: ReadonlyArray<string>
): Promise<ReadonlyMap<string, Date>> => {
  if (targetTables.length === 0) return new Map()
  const rows = await db.query<{ target_table: string; last_run_at: Date | string | null }>(
    `SELECT target_table, max(last_run_at) AS last_run_at FROM dw_etl_jobs
WHERE target_table = ANY($1::text[]) AND last_run_status IN ('success', 'partial')
GROUP BY target_table`,
    [targetTables]
  )
  const loads = new Map<string, Date>()
  for (const row of rows) {
    if (row.last_run_at === null) continue
    loads.set(row.target_table, row.last_run_at instanceof Date ? row.last_run_at : new Date(row.last_run_at))
  }
  return loads
}
