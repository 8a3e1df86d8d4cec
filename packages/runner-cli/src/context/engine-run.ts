/**
 * Running the engine for a command: its layer (warehouse migrated on open, progress wired to the
 * renderer), SIGINT/SIGTERM turned into the engine's AbortSignal, and the report printed.
 */
import { Effect, type Layer } from "effect"
import { CommandFailed, StoppedBySignal } from "../cli/errors.js"
import { Signals } from "../cli/signals.js"
import {
  type EngineConfig,
  type EngineError,
  type EngineServices,
  makeEngineLayer,
  type ProgressReporter,
  type RunReport,
  type WarehouseError,
  WarehouseService,
  warehouseOptionsOf
} from "../engine.js"
import { CliOutput } from "../output/cli-output.js"
import {
  formatResumeHint,
  formatRunSummary,
  runSucceeded,
  statusCounts,
  unfinishedJobs
} from "../output/run-summary.js"
import { jsonLine } from "../render/index.js"
import { acquireProgress } from "./progress.js"

/** The engine's services for a command: the warehouse is migrated when it opens (idempotent). */
export const engineLayerFor = (
  config: EngineConfig,
  progress: Layer.Layer<ProgressReporter>,
  options: { readonly migrate?: boolean } = {}
): Layer.Layer<EngineServices, WarehouseError> =>
  makeEngineLayer(config, {
    progress,
    warehouse: WarehouseService.layer({ ...warehouseOptionsOf(config), migrate: options.migrate ?? true })
  })

/** Prints a finished run: a JSON line with LOG_FORMAT=json, else a table and the totals. */
export const printRunReport = (config: EngineConfig, report: RunReport) =>
  Effect.flatMap(CliOutput, (output) =>
    Effect.sync(() => {
      if (config.logFormat === "json") {
        const level = runSucceeded(report) ? "info" : report.status === "failed" ? "error" : "warn"
        output.writeRaw(jsonLine(Date.now(), level, "RunFinished", statusCounts(report), { ...report }))
        return
      }
      output.out("", ...formatRunSummary(report))
      const hint = formatResumeHint(report)
      if (hint.length > 0) output.out(...hint)
    })
  )

/**
 * Runs `start` (runJobs or resumeRun) with live progress; prints the report; fails with
 * `StoppedBySignal` (exit 130/143) when a signal cancelled it, `CommandFailed` (exit 1) when a
 * job did not succeed.
 */
export const runWithProgress = (
  config: EngineConfig,
  start: (signal: AbortSignal) => Effect.Effect<RunReport, EngineError, EngineServices>
) =>
  Effect.scoped(
    Effect.gen(function* () {
      const signals = yield* Signals
      const progress = yield* acquireProgress(config)
      const report = yield* signals.withAbortSignal((signal) =>
        start(signal).pipe(Effect.provide(engineLayerFor(config, progress.reporter)))
      )
      yield* progress.finish
      yield* printRunReport(config, report)
      yield* failUnlessSucceeded(report, signals.received())
      return report
    })
  )

/** The exit status of a finished run. */
export const failUnlessSucceeded = (report: RunReport, signal: "SIGINT" | "SIGTERM" | undefined) => {
  const unfinished = unfinishedJobs(report)
  if (signal !== undefined) {
    const cancelled = unfinished
      .filter((job) => job.status === "cancelled")
      .map((job) => `job ${job.jobId} (run ${job.runId})`)
    return Effect.fail(
      new StoppedBySignal({
        signal,
        message: `${signal}: stopped after committing what was loaded; cancelled: ${cancelled.length === 0 ? "none" : cancelled.join(", ")}.`
      })
    )
  }
  if (runSucceeded(report)) return Effect.void
  const notSucceeded = report.jobs.filter((job) => job.status !== "success")
  // Jobs another process is running (their run lock is held): say which run, on stderr.
  const running = report.jobs.flatMap((job) =>
    job.status === "skipped" && job.error?.tag === "JobAlreadyRunning" ? [`${job.error.message}.`] : []
  )
  return Effect.fail(
    new CommandFailed({
      message: [
        ...running,
        `${notSucceeded.length} of ${report.jobs.length} jobs did not succeed (${statusCounts(report)}).`
      ].join("\n")
    })
  )
}
