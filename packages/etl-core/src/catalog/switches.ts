/**
 * Operators' switches as stored in `dw_etl_jobs`, for `describeCatalog({ active })` and
 * `plan({ activeOverrides })`.
 */
import { listJobSettings } from "@trialsync/warehouse"
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
export const readJobSwitches = async (db: SqlExecutor): Promise<ReadonlyMap<number, boolean>> =>
  new Map((await listJobSettings(db)).map((row) => [row.id, row.isActive]))
