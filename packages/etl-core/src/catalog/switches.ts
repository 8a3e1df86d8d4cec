/**
 * Operators' switches as stored in `dw_etl_jobs`, for `describeCatalog({ active })` and
 * `plan({ activeOverrides })`.
 */
import type { SqlExecutor } from "./seed.js"

/**
 * Reads `is_active` of every job row.
 *
 * @example
 * ```ts
 * const active = await readJobSwitches(warehouse)
 * const stages = planOrThrow({ jobs: catalogJobs, select: { all: true }, activeOverrides: active }).stages
 * ```
 */
export const readJobSwitches = async (db: SqlExecutor): Promise<ReadonlyMap<number, boolean>> => {
  const rows = await db.query<{ id: number; is_active: boolean }>("SELECT id, is_active FROM dw_etl_jobs ORDER BY id")
  return new Map(rows.map((row) => [Number(row.id), row.is_active === true]))
}
