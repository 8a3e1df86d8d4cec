/**
 * The shared suite runs against both drivers, the way drizzle-orm tests its drivers: each suite
 * module exports a function taking a harness, and one test file per driver supplies it.
 */
import { afterAll, beforeAll } from "vitest"
import type { StagingTableName, Warehouse, WarehouseDriverName } from "../../src/index.js"

export interface Harness {
  readonly driver: WarehouseDriverName
  /** The migrated warehouse shared by the file's tests (opened once: PGlite start-up is slow). */
  readonly warehouse: () => Warehouse
  /** A source instance id no other test of the file uses, so tests do not see each other's rows. */
  readonly freshInstanceId: () => number
  /** A run id no other test of the file uses. */
  readonly freshRunId: () => number
}

export interface OpenedWarehouse {
  readonly warehouse: Warehouse
  readonly cleanup: () => Promise<void>
}

/** Opens and migrates one warehouse for the calling file; closes it after the file's tests. */
export const useWarehouse = (driver: WarehouseDriverName, open: () => Promise<OpenedWarehouse>): Harness => {
  let opened: OpenedWarehouse | undefined
  let instanceIds = 100
  let runIds = 1000
  beforeAll(async () => {
    opened = await open()
    await opened.warehouse.migrate()
  })
  afterAll(async () => {
    await opened?.cleanup()
  })
  return {
    driver,
    warehouse: () => {
      if (opened === undefined) throw new Error("The warehouse is not open yet (use it inside a test).")
      return opened.warehouse
    },
    freshInstanceId: () => ++instanceIds,
    freshRunId: () => ++runIds
  }
}

/** Rows of a staging table for one instance, keyed by record_key, with their physical version. */
export const rowsByKey = async (warehouse: Warehouse, table: string, instanceId: number) => {
  const rows = await warehouse.query<{
    record_key: string
    parent_key: string
    data: unknown
    xmin: string
    updated_at: Date
    is_deleted: boolean
    deleted_at: Date | null
    etl_run_id: number
    etl_job_id: number
    source_id: string | null
    content_hash: string
  }>(
    `SELECT record_key, parent_key, data, xmin::text AS xmin, updated_at, is_deleted, deleted_at, etl_run_id,
            etl_job_id, source_id, content_hash
       FROM "${table}" WHERE source_instance_id = $1 ORDER BY record_key, parent_key`,
    [instanceId]
  )
  return new Map(
    rows.map((row) => [row.parent_key === "" ? row.record_key : `${row.parent_key}/${row.record_key}`, row])
  )
}

/** `count` simple records with ids `first..first+count-1`. */
export const simpleRecords = (count: number, first = 1, tag = "v1") =>
  Array.from({ length: count }, (_, i) => ({ id: first + i, name: `record ${first + i}`, tag }))

/**
 * Loads records 1..count into a fresh instance of `table`, then soft-deletes the last one (a
 * complete snapshot without it); returns the instance.
 */
export const loadThenDeleteLast = async (h: Harness, table: StagingTableName, count: number): Promise<number> => {
  const warehouse = h.warehouse()
  const instanceId = h.freshInstanceId()
  await warehouse.loadStaging(table, simpleRecords(count), { instanceId, jobId: 1, runId: 1 })
  const snapshot = h.freshRunId()
  await warehouse.loadStaging(table, simpleRecords(count - 1), {
    instanceId,
    jobId: 1,
    runId: snapshot,
    trackSeen: true
  })
  if ((await warehouse.markMissingAsDeleted(table, { instanceId, runId: snapshot })) !== 1) {
    throw new Error("expected exactly one row soft-deleted")
  }
  return instanceId
}

/** A `dw_etl_runs` row (and its job, if missing); returns the run id. */
export const createRun = async (warehouse: Warehouse, jobId: number, startedAt?: Date): Promise<number> => {
  await warehouse.query(
    `INSERT INTO dw_etl_jobs (id, name, source_endpoint, target_table, job_group, catalog_status)
     VALUES ($1, 'test job', '/test', 'test_staging', 'test', 'valid') ON CONFLICT (id) DO NOTHING`,
    [jobId]
  )
  const [run] = await warehouse.query<{ id: number }>(
    "INSERT INTO dw_etl_runs (job_id, started_at) VALUES ($1, coalesce($2::timestamptz, now())) RETURNING id",
    [jobId, startedAt?.toISOString() ?? null]
  )
  return run!.id
}
