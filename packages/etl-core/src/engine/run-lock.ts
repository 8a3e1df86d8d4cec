/**
 * The run lock (docs/design.md §11): a run of a job holds the warehouse lock on
 * (instance, job) from before its run row is written until after it is finished, so one job runs
 * at most once at a time per CC instance, on any host, and a `running` row whose lock is free
 * belongs to a process that died. The lock is a PostgreSQL session advisory lock on a connection
 * of its own (PGlite: in-process), so it dies with the process.
 */
import { type HeldLock, runningRunOf } from "@trialsync/warehouse"
import { Data, Effect, Schedule } from "effect"
import type { CatalogJob } from "../catalog/types.js"
import { runLockKey } from "../services/run-owner.js"
import type { WarehouseService } from "../services/warehouse.js"
import { withWarehouse } from "../services/warehouse.js"
import type { WarehouseError } from "./errors.js"
import { emitProgress, type ProgressReporter } from "./progress.js"

const utc = (at: Date, now: Date): string => {
  const iso = at.toISOString()
  const time = iso.slice(11, 16)
  return iso.slice(0, 10) === now.toISOString().slice(0, 10) ? `${time} UTC` : `${iso.slice(0, 10)} ${time} UTC`
}

/** Another process holds the job's run lock: the job was not started (no run row was written). */
export class JobAlreadyRunningError extends Data.TaggedError("JobAlreadyRunning")<{
  readonly jobId: number
  readonly name: string
  /** The `running` row of the holder, when it has written one. */
  readonly runId: number | undefined
  readonly startedAt: Date | undefined
  readonly now: Date
}> {
  override get message(): string {
    const run =
      this.runId === undefined
        ? "another process holds its run lock (its run row is not written yet)"
        : `run ${this.runId}${this.startedAt === undefined ? "" : ` since ${utc(this.startedAt, this.now)}`}`
    return `job ${this.jobId} (${this.name}) is already running: ${run}`
  }
}

/** The latest `running` row of (instance, job): whom a refusal names. */
const runningRun = (instanceId: number, jobId: number) =>
  withWarehouse("reading the run that holds the job's lock", (warehouse) =>
    runningRunOf(warehouse, { jobId, instanceId })
  )

const refusal = (instanceId: number, job: CatalogJob) =>
  Effect.flatMap(
    runningRun(instanceId, job.id),
    (running) =>
      new JobAlreadyRunningError({
        jobId: job.id,
        name: job.name,
        runId: running?.id,
        startedAt: running?.startedAt,
        now: new Date()
      })
  )

/** Uninterruptible: a lock taken while the fiber was being interrupted would never be released. */
const tryRunLock = (instanceId: number, jobId: number) =>
  Effect.uninterruptible(
    withWarehouse("taking the job's run lock", (warehouse) => warehouse.tryLock(runLockKey(instanceId, jobId)))
  )

/**
 * Takes the run lock of (instance, job); fails with `JobAlreadyRunningError` when another run
 * holds it, or, with `wait`, polls until it is free (interruptible), saying once whom it waits for.
 */
export const acquireRunLock = (
  instanceId: number,
  job: CatalogJob,
  options: { readonly wait?: boolean; readonly pollMs?: number } = {}
): Effect.Effect<HeldLock, JobAlreadyRunningError | WarehouseError, WarehouseService | ProgressReporter> =>
  Effect.gen(function* () {
    const first = yield* tryRunLock(instanceId, job.id)
    if (first !== undefined) return first
    const refused = yield* Effect.flip(refusal(instanceId, job))
    if (refused._tag !== "JobAlreadyRunning" || options.wait !== true) return yield* refused
    yield* emitProgress({
      _tag: "Log",
      level: "info",
      message: `${refused.message}; waiting for it to end (--wait).`,
      fields: { jobId: job.id, ...(refused.runId === undefined ? {} : { runId: refused.runId }) }
    })
    return yield* tryRunLock(instanceId, job.id).pipe(
      Effect.flatMap((lock) => (lock === undefined ? Effect.fail("held" as const) : Effect.succeed(lock))),
      Effect.retry({
        while: (error) => error === "held",
        schedule: Schedule.spaced(`${options.pollMs ?? 1000} millis`)
      }),
      Effect.catchIf(
        (error): error is "held" => error === "held",
        () => Effect.die(new Error("unreachable: the lock wait ended without the lock"))
      )
    )
  })

/** Gives the lock up; never fails (a lost connection has already freed it). */
export const releaseRunLock = (lock: HeldLock): Effect.Effect<void> =>
  Effect.promise(() => lock.release().catch(() => undefined))
