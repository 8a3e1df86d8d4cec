/**
 * Runs a planned group of jobs: each job starts as soon as the jobs it waits for have finished
 * (not stage by stage), at most `jobConcurrency` at once, sharing the client's process-wide
 * HTTP limits. A job whose dependency failed, was skipped or was cancelled does not run; its
 * report says which job and why. Jobs a resume finds already successful are reported as they
 * stand.
 */
import { Deferred, Effect } from "effect"
import type { CatalogJob } from "../catalog/types.js"
import type { Plan } from "../planner/types.js"
import type { RunRow } from "../services/run-rows.js"
import { reportWithoutRun } from "./report-without-run.js"
import { executeJob, type GroupRuntime, type JobServices, reportOf } from "./run-job.js"
import type { JobRunError, JobRunReport } from "./types.js"

export interface GroupJob {
  readonly job: CatalogJob
  /** Planned jobs this one waits for. */
  readonly after: ReadonlyArray<number>
  /** The run a resume continues, or the successful run it keeps. */
  readonly existing?: RunRow
  /** Set when the job must not run at all (e.g. its parent table is empty). */
  readonly skip?: JobRunError
}

export const skippedReport = (job: CatalogJob, error: JobRunError): JobRunReport =>
  reportWithoutRun(job, "skipped", error)

const blocking = (report: JobRunReport): boolean =>
  report.status === "failed" || report.status === "skipped" || report.status === "cancelled"

const dependencyError = (report: JobRunReport): JobRunError => ({
  tag: "DependencyFailed",
  message: `Job ${report.jobId} (${report.name}) ${report.status === "skipped" ? "was skipped" : report.status === "cancelled" ? "was cancelled" : "failed"}${report.error === undefined ? "" : ` (${report.error.tag})`}, so this job did not run; fix it and resume the run.`
})

/** Runs the group; returns one report per job, in plan order. */
export const runGroup = (
  runtime: GroupRuntime,
  plan: Plan,
  jobs: ReadonlyMap<number, GroupJob>,
  jobConcurrency: number
): Effect.Effect<ReadonlyArray<JobRunReport>, never, JobServices> =>
  Effect.gen(function* () {
    const order = plan.order.filter((id) => jobs.has(id))
    const done = new Map<number, Deferred.Deferred<JobRunReport>>()
    for (const id of order) done.set(id, yield* Deferred.make<JobRunReport>())
    const slots = yield* Effect.makeSemaphore(Math.max(1, jobConcurrency))

    const runOne = (id: number) =>
      Effect.gen(function* () {
        const entry = jobs.get(id) as GroupJob
        const { job } = entry
        const dependencies = entry.after.filter((dependency) => done.has(dependency))
        const before = yield* Effect.forEach(dependencies, (dependency) =>
          Deferred.await(done.get(dependency) as Deferred.Deferred<JobRunReport>)
        )
        const failedDependency = before.find(blocking)
        if (entry.skip !== undefined) return skippedReport(job, entry.skip)
        if (failedDependency !== undefined) return skippedReport(job, dependencyError(failedDependency))
        if (entry.existing?.status === "success") return reportOf(job, entry.existing)
        return yield* slots.withPermits(1)(executeJob(runtime, job, entry.existing))
      }).pipe(Effect.tap((report) => Deferred.succeed(done.get(id) as Deferred.Deferred<JobRunReport>, report)))

    return yield* Effect.forEach(order, runOne, { concurrency: "unbounded" })
  })
