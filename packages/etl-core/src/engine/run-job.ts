/**
 * One job from start to end: its run row (new, or reopened by a resume), the fetch decision,
 * the executor under the job's timeout, and the end of the run. A job's failure (a client error
 * after retries, a timeout, a database error) ends its run `failed` with a classified reason and
 * is returned in its report; it never fails the group. An interruption ends the run `cancelled`,
 * keeping every committed page and its checkpoint.
 */
import type { CcError, CcService } from "@trialsync/cc-client"
import type { StagingTableDef } from "@trialsync/warehouse"
import { Cause, Clock, Duration, Effect, Exit, Schedule } from "effect"
import { JobCatalog } from "../catalog/service.js"
import type { CatalogJob } from "../catalog/types.js"
import type { EngineConfig } from "../config/types.js"
import { RunLog } from "../services/run-log.js"
import type { RunRow } from "../services/run-rows.js"
import { type WarehouseService, withWarehouse } from "../services/warehouse.js"
import { JobDefinitionError, JobTimeoutError, type WarehouseError } from "./errors.js"
import { countPartitions, refreshParentStatistics, runFanoutJob } from "./fanout/job.js"
import { type ParentSource, parentSourceOf } from "./fanout/parents.js"
import { decideFetch } from "./incremental.js"
import { type JobOutcome, type JobRun, JobTally } from "./job-run.js"
import { type JobSettings, pageSizeOf, timeoutOf } from "./job-settings.js"
import { runPlainJob } from "./plain-job.js"
import { emitProgress, type ProgressReporter } from "./progress.js"
import { reportWithoutRun } from "./report-without-run.js"
import { acquireRunLock, type JobAlreadyRunningError, releaseRunLock } from "./run-lock.js"
import { dropStaleSeenRows } from "./sink/seen-keys.js"
import type { GroupContext, JobRunError, JobRunReport, RunContext } from "./types.js"

/** What every job of a group shares. */
export interface GroupRuntime {
  readonly group: GroupContext
  readonly instanceId: number
  readonly settings: JobSettings
  readonly config: EngineConfig
  /** HTTP requests in flight for the call. */
  readonly concurrency: number
  /** A job whose run lock another run holds waits for it (`--wait`) instead of being skipped. */
  readonly waitForLock?: boolean
}

export type JobServices = CcService | WarehouseService | RunLog | JobCatalog | ProgressReporter

type JobFailure = CcError | WarehouseError | JobTimeoutError | JobDefinitionError | JobAlreadyRunningError

/** The classification stored in `error_message` and reports: never holds the key. */
export const classifyFailure = (cause: Cause.Cause<JobFailure>): JobRunError => {
  const failure = Cause.failureOption(cause)
  if (failure._tag === "Some") return { tag: failure.value._tag, message: failure.value.message }
  const defect = Cause.squash(cause)
  return { tag: "Defect", message: defect instanceof Error ? defect.message : String(defect) }
}

/** The report of a run row. */
export const reportOf = (job: CatalogJob, row: RunRow, error?: JobRunError): JobRunReport => ({
  jobId: job.id,
  name: job.name,
  runId: row.id,
  status: row.status,
  inserted: row.inserted,
  updated: row.updated,
  unchanged: row.unchanged,
  deleted: row.deleted,
  pages: row.pages,
  requests: row.requests,
  partitionsTotal: row.partitionsTotal,
  partitionsDone: row.partitionsDone,
  partitionsFailed: row.partitionsFailed,
  partitionsSkipped: row.partitionsSkipped,
  durationMs: row.durationMs ?? 0,
  ...(row.context?.warnings === undefined || row.context.warnings.length === 0
    ? {}
    : { warnings: row.context.warnings }),
  ...(error === undefined
    ? row.errorMessage === null || row.status === "success"
      ? {}
      : { error: { tag: row.errorMessage.split(":")[0] ?? "Error", message: row.errorMessage } }
    : { error })
})

/** The target's definition, created if it is a table of one's own. */
const stagingDefOf = (
  job: CatalogJob
): Effect.Effect<StagingTableDef, JobDefinitionError | WarehouseError, JobCatalog | WarehouseService> =>
  Effect.gen(function* () {
    const catalog = yield* JobCatalog
    const def = catalog.stagingTable(job.targetTable)
    if (def === undefined) {
      return yield* new JobDefinitionError({
        jobId: job.id,
        message: `Job ${job.id} (${job.name}) writes ${job.targetTable}, which is neither in the warehouse's staging registry nor among the catalog's own tables: pass its defineStagingTable() definition to JobCatalog.fromJobs(jobs, { stagingTables }).`
      })
    }
    yield* withWarehouse(`creating ${def.name}`, (warehouse) => warehouse.ensureStagingTable(def))
    return def
  })

const fanoutSource = (job: CatalogJob): Effect.Effect<ParentSource | undefined, JobDefinitionError> => {
  if (job.parameters.length === 0) return Effect.succeed(undefined)
  const source = parentSourceOf(job)
  return source instanceof JobDefinitionError ? Effect.fail(source) : Effect.succeed(source)
}

/**
 * A new run row, with the fetch decision (and the partition count of a fan-out) in its context.
 * `started` gets the row inside the same uninterruptible step that writes it, so a cancel or a
 * failure right after the insert still finds the row to end.
 */
const startRun = (
  runtime: GroupRuntime,
  job: CatalogJob,
  source: ParentSource | undefined,
  started: (row: RunRow) => void
) =>
  Effect.gen(function* () {
    const runs = yield* RunLog
    const decision = yield* decideFetch(job, runtime.instanceId, {
      fullRefresh: runtime.group.fullRefresh,
      fullSweepIntervalHours: runtime.config.fullSweepIntervalHours,
      incrementalOverlapSeconds: runtime.config.incrementalOverlapSeconds
    })
    const counts =
      source === undefined
        ? undefined
        : yield* countPartitions(
            source,
            { jobId: job.id, instanceId: runtime.instanceId },
            decision.mode === "sweep" ? "sweep" : "changed-parents"
          )
    const context: RunContext = {
      group: runtime.group,
      mode: decision.mode,
      ...(decision.filter === undefined ? {} : { filter: decision.filter }),
      ...(decision.previousWatermark === undefined ? {} : { previousWatermark: decision.previousWatermark }),
      ...(counts === undefined ? {} : { fanout: counts })
    }
    const row = yield* Effect.uninterruptible(
      runs
        .start({
          jobId: job.id,
          groupId: runtime.group.id,
          instanceId: runtime.instanceId,
          trigger: runtime.group.trigger,
          context,
          ...(counts === undefined ? {} : { partitionsTotal: counts.total })
        })
        .pipe(Effect.tap((row) => Effect.sync(() => started(row))))
    )
    if (context.mode === "snapshot") {
      yield* withWarehouse("dropping stale seen keys", (db) =>
        dropStaleSeenRows(db, { jobId: job.id, table: job.targetTable, instanceId: runtime.instanceId, runId: row.id })
      )
    }
    return row
  })

/**
 * Runs (or, given `existing`, resumes) one job and returns its report. Never fails: the job's
 * own failures are in the report. Interrupted, it ends the run `cancelled` and reports that.
 */
export const executeJob = (
  runtime: GroupRuntime,
  job: CatalogJob,
  existing: RunRow | undefined
): Effect.Effect<JobRunReport, never, JobServices> =>
  Effect.uninterruptibleMask((restore) =>
    Effect.gen(function* () {
      // The run lock comes first (a resume's too): no run row is written without it, and it is
      // released only once the row is finished, whatever the exit (run-lock.ts).
      const startedAt = yield* Clock.currentTimeMillis
      const acquired = yield* Effect.exit(
        restore(acquireRunLock(runtime.instanceId, job, { wait: runtime.waitForLock === true }))
      )
      if (Exit.isFailure(acquired)) {
        const elapsedMs = (yield* Clock.currentTimeMillis) - startedAt
        if (Exit.isInterrupted(acquired)) {
          return reportWithoutRun(
            job,
            "cancelled",
            { tag: "Cancelled", message: "The run was cancelled while it waited for the job's run lock." },
            elapsedMs
          )
        }
        const error = classifyFailure(acquired.cause)
        return reportWithoutRun(job, error.tag === "JobAlreadyRunning" ? "skipped" : "failed", error, elapsedMs)
      }
      return yield* runHoldingLock(runtime, job, existing, restore).pipe(
        Effect.ensuring(releaseRunLock(acquired.value))
      )
    })
  )

/** `executeJob` once the run lock is held. */
const runHoldingLock = (
  runtime: GroupRuntime,
  job: CatalogJob,
  existing: RunRow | undefined,
  restore: <A, E, R>(effect: Effect.Effect<A, E, R>) => Effect.Effect<A, E, R>
): Effect.Effect<JobRunReport, never, JobServices> =>
  Effect.gen(function* () {
    const runs = yield* RunLog
    const startedAt = yield* Clock.currentTimeMillis
    let row: RunRow | undefined
    const body = Effect.gen(function* () {
      const source = yield* fanoutSource(job)
      const def = yield* stagingDefOf(job)
      if (source !== undefined) yield* refreshParentStatistics(source)
      const started = (next: RunRow) => {
        row = next
      }
      const current =
        existing === undefined
          ? yield* startRun(runtime, job, source, started)
          : yield* Effect.uninterruptible(
              runs.retry(existing).pipe(Effect.tap((next) => Effect.sync(() => started(next))))
            )
      const context = current.context as RunContext
      const tally = new JobTally(job.id, current.id, startedAt, {
        pages: current.pages,
        rows: current.inserted + current.updated + current.unchanged,
        requests: current.requests
      })
      tally.partitionsTotal = context.fanout?.total
      // A retry's partition rows came over from the run it continues: count them as done.
      const before = existing ?? current
      tally.partitionsDone = before.partitionsDone + before.partitionsSkipped
      yield* emitProgress({
        _tag: "JobStarted",
        jobId: job.id,
        name: job.name,
        runId: current.id,
        partitionsTotal: context.fanout?.total,
        resumed: existing !== undefined
      })
      const jobRun: JobRun = {
        job,
        def,
        run: current,
        context,
        instanceId: runtime.instanceId,
        pageSize: pageSizeOf(job, runtime.settings, runtime.config.pageSize),
        concurrency: runtime.concurrency,
        resumed: existing !== undefined,
        tally
      }
      const execute: Effect.Effect<JobOutcome, JobFailure, JobServices> =
        source === undefined ? runPlainJob(jobRun) : runFanoutJob(jobRun, def, source)
      const timeout = timeoutOf(job, runtime.settings)
      return yield* timeout === undefined
        ? execute
        : execute.pipe(
            Effect.timeoutFail({
              duration: Duration.seconds(timeout),
              onTimeout: () => new JobTimeoutError({ jobId: job.id, timeoutSeconds: timeout })
            })
          )
    })
    const exit = yield* Effect.exit(restore(body))
    const elapsedMs = (yield* Clock.currentTimeMillis) - startedAt
    if (row === undefined) {
      // Failed before its run row reached us (a definition or database problem). The insert
      // may still have committed with its reply lost: end any such row of ours.
      const error = Exit.isFailure(exit) ? classifyFailure(exit.cause) : { tag: "Defect", message: "no run row" }
      const status = Exit.isInterrupted(exit) ? "cancelled" : "failed"
      const orphans = yield* runs
        .abandon({
          groupId: existing?.groupId ?? runtime.group.id,
          jobId: job.id,
          status,
          error: status === "failed" ? `${error.tag}: ${error.message}` : null
        })
        .pipe(
          Effect.retry({ times: 10, schedule: Schedule.spaced("500 millis") }),
          Effect.orElseSucceed(() => [])
        )
      const report = reportWithoutRun(job, status, error, elapsedMs)
      const orphan = orphans.at(-1)
      return orphan === undefined ? report : { ...report, runId: orphan.id }
    }
    const runId = (row as RunRow).id
    const end = Exit.match(exit, {
      onSuccess: (outcome) => ({ status: outcome.status, watermark: outcome.watermark ?? null, error: undefined }),
      onFailure: (cause) =>
        Cause.isInterruptedOnly(cause)
          ? { status: "cancelled" as const, watermark: null, error: undefined }
          : { status: "failed" as const, watermark: null, error: classifyFailure(cause) }
    })
    const finished = yield* runs
      .finish(runId, {
        status: end.status,
        elapsedMs,
        ...(end.error === undefined ? {} : { error: `${end.error.tag}: ${end.error.message}` }),
        ...(end.watermark === null ? {} : { watermark: end.watermark })
      })
      .pipe(
        // The failure being recorded may be the database dropping our connections: the pool
        // reconnects, so try again before leaving the row `running` (the next command would
        // then end it as a dead process's run).
        Effect.retry({ times: 10, schedule: Schedule.spaced("500 millis") }),
        Effect.orElseSucceed(() => ({ ...(row as RunRow), status: end.status }))
      )
    yield* emitProgress({
      _tag: "JobFinished",
      jobId: job.id,
      runId,
      status: finished.status,
      inserted: finished.inserted,
      updated: finished.updated,
      unchanged: finished.unchanged,
      deleted: finished.deleted,
      pages: finished.pages,
      requests: finished.requests,
      durationMs: finished.durationMs ?? elapsedMs,
      ...(end.error === undefined ? {} : { error: `${end.error.tag}: ${end.error.message}` })
    })
    return reportOf(job, finished, end.error)
  })
