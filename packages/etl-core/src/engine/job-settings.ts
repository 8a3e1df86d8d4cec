/**
 * Operators' settings per job, as stored in `dw_etl_jobs` (seeded from the catalog; operators
 * may switch jobs on or off and set page sizes and timeouts): they win over the catalog's.
 */
import { listJobSettings } from "@trialsync/warehouse"
import type { Effect } from "effect"
import type { CatalogJob } from "../catalog/types.js"
import { type WarehouseService, withWarehouse } from "../services/warehouse.js"
import type { WarehouseError } from "./errors.js"

export interface JobSettings {
  readonly active: ReadonlyMap<number, boolean>
  readonly pageSize: ReadonlyMap<number, number>
  readonly timeoutSeconds: ReadonlyMap<number, number>
}

export const emptySettings: JobSettings = { active: new Map(), pageSize: new Map(), timeoutSeconds: new Map() }

/** Reads every job row's switch, page size and timeout. */
export const readJobSettings: Effect.Effect<JobSettings, WarehouseError, WarehouseService> = withWarehouse(
  "reading job settings from dw_etl_jobs",
  async (db) => {
    const active = new Map<number, boolean>()
    const pageSize = new Map<number, number>()
    const timeoutSeconds = new Map<number, number>()
    for (const row of await listJobSettings(db)) {
      active.set(row.id, row.isActive)
      if (row.pageSize !== undefined) pageSize.set(row.id, row.pageSize)
      if (row.timeoutSeconds !== undefined) timeoutSeconds.set(row.id, row.timeoutSeconds)
    }
    return { active, pageSize, timeoutSeconds }
  }
)

/** `$top` for a job: the operator's, else the catalog's, else the configuration's; 1..1000. */
export const pageSizeOf = (job: CatalogJob, settings: JobSettings, configured: number): number =>
  Math.min(1000, Math.max(1, settings.pageSize.get(job.id) ?? job.pageSize ?? configured))

/** The job's timeout in seconds, if any. */
export const timeoutOf = (job: CatalogJob, settings: JobSettings): number | undefined =>
  settings.timeoutSeconds.get(job.id) ?? job.timeoutSeconds
