/**
 * The engine's entry points for running: `runJobs` (a new group of runs for a selection) and
 * `resumeRun` (continue the group of an interrupted, failed or partial run).
 */
import { randomUUID } from "node:crypto"
import { Effect } from "effect"
import { seedCatalog } from "../catalog/seed.js"
import { JobCatalog } from "../catalog/service.js"
import { EngineConfigTag } from "../config/tag.js"
import type { EngineConfig } from "../config/types.js"
import { plan } from "../planner/plan.js"
import type { Plan, Selection } from "../planner/types.js"
import { ccLayerOf } from "../services/engine-layer.js"
import { RunLog } from "../services/run-log.js"
import type { RunRow } from "../services/run-rows.js"
import { withWarehouse } from "../services/warehouse.js"
import { dryRun } from "./dry-run.js"
import {
  type EngineError,
  InstanceMismatchError,
  NothingToResumeError,
  RunInProgressError,
  RunNotFoundError,
  type WarehouseError
} from "./errors.js"
import { emptyExternalParents, groupJobsOf, runAndReport } from "./group-setup.js"
import { configuredInstanceName, registerSourceInstance } from "./instance.js"
import { readJobSettings } from "./job-settings.js"
import { withLearnedRate } from "./learned-rate.js"
import { emitProgress } from "./progress.js"
import type { GroupRuntime, JobServices } from "./run-job.js"
import type { GroupContext, RunOptions, RunReport } from "./types.js"

/** Everything the engine's run functions need. */
export type EngineServices = JobServices | EngineConfigTag

const seed = Effect.flatMap(JobCatalog, (catalog) =>
  withWarehouse("seeding the job catalog into dw_etl_jobs", (warehouse) => seedCatalog(warehouse, catalog.jobs))
)

/** Ends the runs whose process died (`failed`, checkpoint kept) and logs each. */
const endDeadRuns = Effect.gen(function* () {
  const runs = yield* RunLog
  const dead = yield* runs.failDead()
  for (const run of dead) {
    yield* emitProgress({
      _tag: "Log",
      level: "warn",
      message: `Run ${run.runId} of job ${run.jobId} was left running by a process that died; it is now failed (resume it to continue).`,
      fields: { jobId: run.jobId, runId: run.runId }
    })
  }
})

const identify = (instanceName: string) =>
  Effect.gen(function* () {
    const config = yield* EngineConfigTag
    return yield* registerSourceInstance({
      baseUrl: config.cc.baseUrl,
      apiKeyHeader: config.cc.apiKeyHeader,
      apiKeyRef: config.cc.apiKeyRef,
      instanceName
    })
  })

/**
 * Runs the selected jobs as one group: `{ all: true }` every active job in dependency order,
 * independent jobs in parallel; `{ category }` the category's active jobs; `{ jobIds }` those
 * jobs (their parents' staging must already hold data). Job failures are in the report; the
 * call fails only when nothing can run (bad selection, empty parent table for `--job-id`,
 * unreachable source, database down).
 *
 * @example
 * ```ts
 * const report = yield* runJobs({ all: true }, { trigger: "schedule" })
 * console.log(report.status, report.jobs.map((job) => `${job.jobId} ${job.status}`))
 * ```
 */
export const runJobs = (
  selection: Selection,
  options: RunOptions = {}
): Effect.Effect<RunReport, EngineError, EngineServices> =>
  Effect.gen(function* () {
    if (options.dryRun === true) return yield* dryRunAsReport(selection, options)
    const catalog = yield* JobCatalog
    yield* seed
    yield* endDeadRuns
    const settings = yield* readJobSettings
    const planned = yield* plan({ jobs: catalog.jobs, select: selection, activeOverrides: settings.active })
    const instanceName = options.instanceName ?? configuredInstanceName
    const instance = yield* identify(instanceName)
    const instanceId = instance.id as number
    const group: GroupContext = {
      id: randomUUID(),
      selection,
      jobIds: planned.order,
      fullRefresh: options.fullRefresh === true,
      trigger: options.trigger ?? "cli",
      instanceName
    }
    return yield* runPlanned({ group, instanceId, settings, planned, existing: new Map() }, options)
  })

/**
 * Runs a planned group: refused when a selected job's parents hold no data (unless the
 * selection is `all`, where such jobs are skipped), under the run's HTTP concurrency.
 */
const runPlanned = (
  input: {
    readonly group: GroupContext
    readonly instanceId: number
    readonly settings: GroupRuntime["settings"]
    readonly planned: Plan
    readonly existing: ReadonlyMap<number, RunRow>
  },
  options: RunOptions
): Effect.Effect<RunReport, EngineError, EngineServices> =>
  Effect.gen(function* () {
    const { group, instanceId, settings, planned, existing } = input
    const config = yield* EngineConfigTag
    const catalog = yield* JobCatalog
    const missing = yield* emptyExternalParents(planned, catalog.jobs, instanceId)
    const [firstMissing] = missing
    if (firstMissing !== undefined && !("all" in group.selection)) return yield* firstMissing
    const runtime: GroupRuntime = {
      group,
      instanceId,
      settings,
      config,
      concurrency: options.concurrency ?? config.concurrency,
      waitForLock: options.wait === true
    }
    return yield* withHttpConcurrency(
      config,
      options,
      withLearnedRate(
        instanceId,
        runAndReport(runtime, planned, groupJobsOf(planned, catalog.jobs, existing, missing), options)
      )
    )
  })

/**
 * `options.concurrency` (`--concurrency N`) is the HTTP limit of this call: when it differs from
 * the configuration's, the call gets a client of its own with that limit (the limiter lives in
 * the client), otherwise the ambient `CcService` is used as it is.
 */
const withHttpConcurrency = <A, E, R>(
  config: EngineConfig,
  options: RunOptions,
  effect: Effect.Effect<A, E, R>
): Effect.Effect<A, E, R> =>
  options.concurrency === undefined || options.concurrency === config.concurrency
    ? effect
    : Effect.provide(effect, ccLayerOf({ ...config, concurrency: options.concurrency }))

/** The latest run of each job of a group. */
const latestRuns = (rows: ReadonlyArray<RunRow>): ReadonlyMap<number, RunRow> => {
  const latest = new Map<number, RunRow>()
  for (const row of rows) {
    const seen = latest.get(row.jobId)
    if (seen === undefined || seen.id < row.id) latest.set(row.jobId, row)
  }
  return latest
}

const groupOf = (row: RunRow): GroupContext =>
  row.context?.group ?? {
    id: row.groupId ?? randomUUID(),
    selection: { jobIds: [row.jobId] },
    jobIds: [row.jobId],
    fullRefresh: false,
    trigger: row.trigger,
    instanceName: configuredInstanceName
  }

/**
 * Continues the group of run `runId` without refetching committed work: successful jobs stay
 * as they are; failed, cancelled, partial and interrupted (still `running`) runs continue from
 * their checkpoints (completed partitions skipped, a half-loaded one continued from its last
 * page, a plain job from its last cursor); jobs of the group that never started run now.
 *
 * @example
 * ```ts
 * const report = yield* resumeRun(1234)
 * ```
 */
export const resumeRun = (
  runId: number,
  options: RunOptions = {}
): Effect.Effect<RunReport, EngineError, EngineServices> =>
  Effect.gen(function* () {
    const catalog = yield* JobCatalog
    const runs = yield* RunLog
    yield* endDeadRuns
    const row = yield* runs.get(runId)
    if (row === undefined) return yield* new RunNotFoundError({ runId })
    const group = groupOf(row)
    const existing = latestRuns(row.groupId === null ? [row] : yield* runs.group(row.groupId))
    for (const run of existing.values()) {
      // Still running after the dead ones were ended: a live process (or another host's) has it.
      if (run.status === "running" && run.context?.owner !== undefined) {
        return yield* new RunInProgressError({ runId: run.id, pid: run.context.owner.pid })
      }
    }
    if (group.jobIds.every((id) => existing.get(id)?.status === "success")) {
      return yield* new NothingToResumeError({ runId, groupId: group.id })
    }
    const instance = yield* identify(options.instanceName ?? group.instanceName)
    const instanceId = instance.id as number
    if (row.sourceInstanceId !== null && row.sourceInstanceId !== instanceId) {
      return yield* new InstanceMismatchError({
        runId,
        runInstanceId: row.sourceInstanceId,
        currentInstanceId: instanceId
      })
    }
    yield* seed
    const settings = yield* readJobSettings
    const planned = yield* plan({
      jobs: catalog.jobs,
      select: { jobIds: group.jobIds },
      activeOverrides: settings.active
    })
    return yield* runPlanned({ group, instanceId, settings, planned, existing }, options)
  })

/** `runJobs(..., { dryRun: true })`: the dry run, reported as jobs that did not run. */
const dryRunAsReport = (
  selection: Selection,
  options: RunOptions
): Effect.Effect<RunReport, EngineError | WarehouseError, EngineServices> =>
  Effect.map(dryRun(selection, options), (report) => ({
    groupId: "dry-run",
    status: "success",
    durationMs: 0,
    requests: report.jobs.length,
    jobs: report.jobs.map((job) => ({
      jobId: job.jobId,
      name: job.name,
      runId: undefined,
      status: "skipped",
      inserted: 0,
      updated: 0,
      unchanged: 0,
      deleted: 0,
      pages: job.firstPage.status === "ok" ? 1 : 0,
      requests: 1,
      partitionsTotal: typeof job.partitions === "number" ? job.partitions : 0,
      partitionsDone: 0,
      partitionsFailed: 0,
      partitionsSkipped: 0,
      durationMs: 0,
      ...(job.firstPage.status === "error"
        ? { error: { tag: job.firstPage.tag, message: job.firstPage.message } }
        : { error: { tag: "DryRun", message: "Dry run: the first page was fetched, nothing was written." } })
    }))
  }))
