/**
 * `trialsync run (--job-id N | --all | --category C) [--instance NAME] [--dry-run] [--full-refresh] [--concurrency N] [--wait]`
 *
 * A job another run is executing on the same CC instance (any process, any host: its run lock is
 * held) is skipped at once with `JobAlreadyRunning: job N (Name) is already running: run R since
 * HH:MM UTC` and the command exits 1; `--wait` waits for that run to end instead.
 */
import { Command, Options } from "@effect/cli"
import { Effect, Option } from "effect"
import { CommandFailed, UsageError } from "../cli/errors.js"
import { numberFlag, repeatedNumberFlag } from "../cli/flags.js"
import { usageFor } from "../cli/usage.js"
import { engineLayerFor, runWithProgress } from "../context/engine-run.js"
import { chooseRunInstance } from "../context/instance-config.js"
import { dryRun, ProgressReporter, runJobs, type Selection } from "../engine.js"
import { printLines } from "../output/cli-output.js"
import { formatDryRun } from "../output/dry-run.js"
import { formatDryFetch } from "../render/dry-run-fetch.js"

const flags = {
  jobIds: repeatedNumberFlag("job-id", { min: 1, max: 1_000_000 }).pipe(
    Options.withDescription("Run this job (repeat for several); its parents' staging must already hold data.")
  ),
  all: Options.boolean("all").pipe(Options.withDescription("Run every active job, in dependency order.")),
  category: Options.text("category").pipe(
    Options.withPseudoName("C"),
    Options.optional,
    Options.withDescription("Run the active jobs of a category (core, study, patient, visit, reference, ...).")
  ),
  dryRun: Options.boolean("dry-run").pipe(
    Options.withDescription("Show the plan and the first page of each job; write nothing.")
  ),
  fullRefresh: Options.boolean("full-refresh").pipe(
    Options.withDescription("Ignore watermarks and parent hashes: fetch everything, mark deletions.")
  ),
  instance: Options.text("instance").pipe(
    Options.withPseudoName("NAME"),
    Options.optional,
    Options.withDescription("The registered CC instance to sync (default: the configured or the only active one).")
  ),
  concurrency: numberFlag("concurrency", { min: 1, max: 64 }).pipe(
    Options.optional,
    Options.withDescription("HTTP requests in flight (default ETL_CONCURRENCY).")
  ),
  wait: Options.boolean("wait").pipe(
    Options.withDescription(
      "A job another process is running on this CC instance: wait for that run to end, then run it (default: skip it, exit 1)."
    )
  )
} as const

const selectionOf = (input: {
  readonly jobIds: ReadonlyArray<number>
  readonly all: boolean
  readonly category: Option.Option<string>
}): Effect.Effect<Selection, UsageError> => {
  const chosen = [input.jobIds.length > 0, input.all, Option.isSome(input.category)].filter(Boolean).length
  if (chosen !== 1) {
    return Effect.fail(
      new UsageError({
        message:
          chosen === 0
            ? "run needs a selection: --job-id N, --all or --category C."
            : "run takes one selection: --job-id N, --all or --category C, not several.",
        usage: usageFor("run")
      })
    )
  }
  if (input.all) return Effect.succeed({ all: true })
  if (Option.isSome(input.category)) return Effect.succeed({ category: input.category.value })
  return Effect.succeed({ jobIds: input.jobIds })
}

export const runCommand = Command.make("run", flags, (input) =>
  Effect.gen(function* () {
    const selection = yield* selectionOf(input)
    const { config, instanceName } = yield* chooseRunInstance(Option.getOrUndefined(input.instance))
    const concurrency = Option.getOrUndefined(input.concurrency)
    const options = {
      fullRefresh: input.fullRefresh,
      trigger: "cli",
      wait: input.wait,
      ...(instanceName === undefined ? {} : { instanceName }),
      ...(concurrency === undefined ? {} : { concurrency })
    }
    if (input.dryRun) {
      const report = yield* dryRun(selection, options).pipe(
        Effect.provide(engineLayerFor(config, ProgressReporter.silent, { migrate: false }))
      )
      yield* printLines(...formatDryRun(report), ...formatDryFetch(report))
      const failed = report.jobs.filter((job) => job.firstPage.status === "error")
      if (failed.length > 0) {
        return yield* new CommandFailed({
          message: `${failed.length} of ${report.jobs.length} jobs could not fetch their first page: ${failed.map((job) => job.jobId).join(", ")}.`
        })
      }
      return
    }
    yield* runWithProgress(config, (signal) => runJobs(selection, { ...options, signal }))
  })
).pipe(Command.withDescription("Sync jobs from Clinical Conductor into the warehouse."))
