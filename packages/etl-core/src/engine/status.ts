/**
 * Reading the run log for operators (`trialsync status`, `history`) and preparing a warehouse
 * (`trialsync migrate`).
 */
import type { RunStatus } from "@trialsync/warehouse"
import { Effect } from "effect"
import { catalogJobs } from "../catalog/jobs.js"
import { seedCatalog } from "../catalog/seed.js"
import { JobCatalog } from "../catalog/service.js"
import { failDeadRuns } from "../services/run-owner.js"
import { type WarehouseService, withWarehouse } from "../services/warehouse.js"
import type { WarehouseError } from "./errors.js"
import type { RunCounters } from "./types.js"

/** One job with its last run (`trialsync status`). */
export interface JobStatusRow {
  readonly jobId: number
  readonly name: string
  readonly category: string
  readonly targetTable: string
  readonly active: boolean
  readonly catalogStatus: string
  readonly lastRunId: number | null
  readonly lastRunStatus: RunStatus | null
  readonly lastRunRecords: number | null
  readonly lastRunAt: Date | null
  readonly lastRunError: string | null
  readonly lastRunDurationMs: number | null
}

/** One run (`trialsync history`). */
export interface RunHistoryRow extends RunCounters {
  readonly runId: number
  readonly jobId: number
  readonly name: string
  readonly groupId: string | null
  readonly status: RunStatus
  readonly trigger: string
  readonly attempt: number
  /** The run this one retried (a resume), if any. */
  readonly retryOf: number | null
  readonly startedAt: Date
  readonly completedAt: Date | null
  readonly durationMs: number | null
  readonly error: string | null
}

const num = (value: unknown): number => Number(value ?? 0)
const numOrNull = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value))
const dateOrNull = (value: unknown): Date | null =>
  value === null || value === undefined ? null : value instanceof Date ? value : new Date(String(value))

/**
 * Every job (or one) with its last run, by id. Runs left `running` by a process that died are
 * ended `failed` first (services/run-owner.ts), as by `runHistory`, `runJobs` and `resumeRun`.
 *
 * @example
 * ```ts
 * const rows = yield* jobStatus(2) // [{ jobId: 2, lastRunStatus: "success", lastRunRecords: 105, ... }]
 * ```
 */
export const jobStatus = (
  jobId?: number
): Effect.Effect<ReadonlyArray<JobStatusRow>, WarehouseError, WarehouseService> =>
  withWarehouse("reading job status", async (db) => {
    await failDeadRuns(db, new Date())
    const rows = await db.query<Record<string, unknown>>(
      `SELECT j.id, j.name, j.job_group AS category, j.target_table, j.is_active, j.catalog_status, j.last_run_id, j.last_run_status,
              j.last_run_records, j.last_run_at, r.error_message, r.duration_ms
       FROM dw_etl_jobs AS j LEFT JOIN dw_etl_runs AS r ON r.id = j.last_run_id
       WHERE $1::int IS NULL OR j.id = $1::int ORDER BY j.id`,
      [jobId ?? null]
    )
    return rows.map((row) => ({
      jobId: num(row.id),
      name: String(row.name),
      category: String(row.category),
      targetTable: String(row.target_table),
      active: row.is_active === true,
      catalogStatus: String(row.catalog_status),
      lastRunId: numOrNull(row.last_run_id),
      lastRunStatus: (row.last_run_status as RunStatus | null) ?? null,
      lastRunRecords: numOrNull(row.last_run_records),
      lastRunAt: dateOrNull(row.last_run_at),
      lastRunError: (row.error_message as string | null) ?? null,
      lastRunDurationMs: numOrNull(row.duration_ms)
    }))
  })

/**
 * Runs, newest first (default 20).
 *
 * @example
 * ```ts
 * const last10 = yield* runHistory({ jobId: 2, limit: 10 })
 * ```
 */
export const runHistory = (options: {
  readonly jobId?: number
  readonly limit?: number
}): Effect.Effect<ReadonlyArray<RunHistoryRow>, WarehouseError, WarehouseService> =>
  withWarehouse("reading run history", async (db) => {
    await failDeadRuns(db, new Date())
    const rows = await db.query<Record<string, unknown>>(
      `SELECT r.*, j.name FROM dw_etl_runs AS r JOIN dw_etl_jobs AS j ON j.id = r.job_id
       WHERE $1::int IS NULL OR r.job_id = $1::int ORDER BY r.started_at DESC, r.id DESC LIMIT $2::int`,
      [options.jobId ?? null, Math.max(1, options.limit ?? 20)]
    )
    return rows.map((row) => ({
      runId: num(row.id),
      jobId: num(row.job_id),
      name: String(row.name),
      groupId: (row.group_id as string | null) ?? null,
      status: row.run_status as RunStatus,
      trigger: String(row.trigger),
      attempt: num(row.attempt),
      retryOf: numOrNull(row.retry_of),
      startedAt: dateOrNull(row.started_at) as Date,
      completedAt: dateOrNull(row.completed_at),
      durationMs: numOrNull(row.duration_ms),
      inserted: num(row.records_inserted),
      updated: num(row.records_updated),
      unchanged: num(row.records_unchanged),
      deleted: num(row.records_deleted),
      pages: num(row.pages),
      requests: num(row.requests),
      partitionsTotal: num(row.partitions_total),
      partitionsDone: num(row.partitions_done),
      partitionsFailed: num(row.partitions_failed),
      partitionsSkipped: num(row.partitions_skipped),
      error: (row.error_message as string | null) ?? null
    }))
  })

/**
 * Applies pending migrations and seeds the catalog into `dw_etl_jobs` (idempotent): the
 * `JobCatalog` service's jobs when one is provided, else the shipped catalog.
 *
 * @example
 * ```ts
 * const { jobsSeeded } = yield* migrateAndSeed() // 90
 * ```
 */
export const migrateAndSeed = (): Effect.Effect<
  { readonly jobsSeeded: number; readonly inserted: number; readonly updated: number },
  WarehouseError,
  WarehouseService
> =>
  Effect.gen(function* () {
    const provided = yield* Effect.serviceOption(JobCatalog)
    const jobs = provided._tag === "Some" ? provided.value.jobs : catalogJobs
    yield* withWarehouse("migrating the warehouse", (warehouse) => warehouse.migrate())
    const result = yield* withWarehouse("seeding the job catalog into dw_etl_jobs", (warehouse) =>
      seedCatalog(warehouse, jobs)
    )
    return { jobsSeeded: jobs.length, inserted: result.inserted.length, updated: result.updated.length }
  })
