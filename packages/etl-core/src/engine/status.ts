/**
 * Reading the run log for operators (`trialsync status`, `history`) and preparing a warehouse
 * (`trialsync migrate`).
 */
import { type JobLastRunRow, listJobStatus, listRunHistory, type RunStatus } from "@trialsync/warehouse"
import { Effect } from "effect"
import { catalogJobs } from "../catalog/jobs.js"
import { seedCatalog } from "../catalog/seed.js"
import { JobCatalog } from "../catalog/service.js"
import { failDeadRuns } from "../services/run-owner.js"
import { type WarehouseService, withWarehouse } from "../services/warehouse.js"
import type { WarehouseError } from "./errors.js"
import type { RunCounters } from "./types.js"

/** One job with its last run (`trialsync status`), as the warehouse reads it. */
export type JobStatusRow = JobLastRunRow

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
    return listJobStatus(db, jobId)
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
    return listRunHistory(db, options)
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
