/**
 * What a new run and a resume share before any job starts: the plan with operators' switches,
 * the check that parent tables filled outside the plan hold data, and running the group under
 * a caller's AbortSignal with a report at the end whatever happened.
 */
import { hasCurrentParents } from "@trialsync/warehouse"
import { Clock, Effect, Exit, Fiber } from "effect"
import type { CatalogJob } from "../catalog/types.js"
import type { Plan } from "../planner/types.js"
import { RunLog } from "../services/run-log.js"
import { type WarehouseService, withWarehouse } from "../services/warehouse.js"
import { ParentNotLoadedError, type WarehouseError } from "./errors.js"
import { emitProgress } from "./progress.js"
import { type GroupJob, runGroup, skippedReport } from "./run-group.js"
import { type GroupRuntime, type JobServices, reportOf } from "./run-job.js"
import type { JobRunReport, RunOptions, RunReport } from "./types.js"

/**
 * Parent tables the plan reads but does not fill, that hold no current rows for the instance:
 * one {@link ParentNotLoadedError} per job that needs one.
 */
export const emptyExternalParents = (
  plan: Plan,
  jobs: ReadonlyArray<CatalogJob>,
  instanceId: number | undefined
): Effect.Effect<ReadonlyArray<ParentNotLoadedError>, WarehouseError, WarehouseService> =>
  Effect.gen(function* () {
    const missing: Array<ParentNotLoadedError> = []
    const byId = new Map(jobs.map((job) => [job.id, job]))
    for (const parent of plan.externalParents) {
      const loaded =
        instanceId !== undefined &&
        (yield* withWarehouse(`checking ${parent.parentTable} for parent keys`, (db) =>
          hasCurrentParents(db, parent.parentTable, instanceId)
        ))
      if (loaded) continue
      const job = byId.get(parent.jobId)
      missing.push(
        new ParentNotLoadedError({
          jobId: parent.jobId,
          name: job?.name ?? `job ${parent.jobId}`,
          parentTable: parent.parentTable,
          parentJobs: parent.producers.map((id) => ({ id, name: byId.get(id)?.name ?? `job ${id}` }))
        })
      )
    }
    return missing
  })

/** The group's jobs with their dependencies, resumable runs and reasons to skip. */
export const groupJobsOf = (
  plan: Plan,
  jobs: ReadonlyArray<CatalogJob>,
  existing: ReadonlyMap<number, import("../services/run-rows.js").RunRow>,
  skips: ReadonlyArray<ParentNotLoadedError>
): ReadonlyMap<number, GroupJob> => {
  const byId = new Map(jobs.map((job) => [job.id, job]))
  const entries = new Map<number, GroupJob>()
  for (const planned of plan.stages.flat()) {
    const job = byId.get(planned.jobId) as CatalogJob
    const skip = skips.find((error) => error.jobId === planned.jobId)
    const run = existing.get(planned.jobId)
    entries.set(planned.jobId, {
      job,
      after: planned.after,
      ...(run === undefined ? {} : { existing: run }),
      ...(skip === undefined ? {} : { skip: { tag: skip._tag, message: skip.message } })
    })
  }
  return entries
}

const overallStatus = (reports: ReadonlyArray<JobRunReport>, cancelled: boolean): RunReport["status"] => {
  if (cancelled || reports.some((report) => report.status === "cancelled")) return "cancelled"
  if (reports.some((report) => report.status === "failed" || report.status === "skipped")) return "failed"
  if (reports.some((report) => report.status === "partial")) return "partial"
  return "success"
}

/**
 * Runs the group and reports on it. With `signal`, aborting it cancels the group like an
 * interruption but the call still returns its report (status `cancelled`), read back from the
 * run rows so every job's committed counters are in it.
 */
export const runAndReport = (
  runtime: GroupRuntime,
  plan: Plan,
  jobs: ReadonlyMap<number, GroupJob>,
  options: RunOptions
): Effect.Effect<RunReport, WarehouseError, JobServices> =>
  Effect.gen(function* () {
    const startedAt = yield* Clock.currentTimeMillis
    yield* emitProgress({
      _tag: "PlanReady",
      groupId: runtime.group.id,
      stages: plan.stages.map((stage) => stage.map((job) => ({ jobId: job.jobId, name: job.name })))
    })
    const jobConcurrency = options.jobConcurrency ?? Math.max(2, runtime.concurrency)
    const fiber = yield* Effect.fork(runGroup(runtime, plan, jobs, jobConcurrency))
    const signal = options.signal
    const onAbort = () => Effect.runFork(Fiber.interrupt(fiber))
    if (signal?.aborted === true) onAbort()
    signal?.addEventListener("abort", onAbort, { once: true })
    const exit = yield* Fiber.await(fiber).pipe(
      Effect.ensuring(Effect.sync(() => signal?.removeEventListener("abort", onAbort)))
    )
    let reports: ReadonlyArray<JobRunReport>
    if (Exit.isSuccess(exit)) {
      reports = exit.value
    } else {
      const rows = yield* Effect.flatMap(RunLog, (runs) => runs.group(runtime.group.id))
      const latest = new Map(rows.map((row) => [row.jobId, row]))
      reports = plan.order
        .filter((id) => jobs.has(id))
        .map((id) => {
          const { job } = jobs.get(id) as GroupJob
          const row = latest.get(id)
          return row === undefined
            ? skippedReport(job, { tag: "Cancelled", message: "The run was cancelled before this job started." })
            : reportOf(job, row)
        })
    }
    const durationMs = (yield* Clock.currentTimeMillis) - startedAt
    return {
      groupId: runtime.group.id,
      status: overallStatus(reports, !Exit.isSuccess(exit)),
      jobs: reports,
      durationMs,
      requests: reports.reduce((sum, report) => sum + report.requests, 0)
    }
  })
