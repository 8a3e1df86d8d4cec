/**
 * `trialsync status [--job-id N] [--json]` and `trialsync history [--job-id N] [--limit N] [--json]`:
 * the run log, read through the engine.
 */
import { Command, Options } from "@effect/cli"
import { Effect, Option } from "effect"
import { numberFlag } from "../cli/flags.js"
import { loadCliConfig } from "../context/config.js"
import {
  type EngineConfig,
  type JobStatusRow,
  jobStatus,
  type RunHistoryRow,
  runHistory,
  WarehouseService,
  warehouseOptionsOf
} from "../engine.js"
import { printLines } from "../output/cli-output.js"
import { formatDuration, formatTimestamp } from "../output/format.js"
import { formatTable } from "../output/table.js"

const jobIdFlag = numberFlag("job-id", { min: 1, max: 1_000_000 }).pipe(
  Options.optional,
  Options.withDescription("Only this job.")
)
const jsonFlag = Options.boolean("json").pipe(Options.withDescription("Print JSON instead of a table."))

/** Reads the run log without migrating: a read must not change the warehouse. */
const readLog = <A, E>(config: EngineConfig, read: Effect.Effect<A, E, WarehouseService>) =>
  read.pipe(Effect.provide(WarehouseService.layer({ ...warehouseOptionsOf(config), migrate: false })))

const formatStatus = (rows: ReadonlyArray<JobStatusRow>): Array<string> =>
  formatTable(rows, [
    { header: "job", value: (row) => row.jobId, alignRight: true },
    { header: "name", value: (row) => row.name, maxWidth: 32 },
    { header: "active", value: (row) => (row.active ? "yes" : "no") },
    { header: "last run", value: (row) => row.lastRunId ?? "-", alignRight: true },
    { header: "status", value: (row) => row.lastRunStatus ?? "never run" },
    { header: "records", value: (row) => row.lastRunRecords, alignRight: true },
    { header: "at", value: (row) => formatTimestamp(row.lastRunAt) },
    {
      header: "took",
      value: (row) => (row.lastRunDurationMs === null ? "-" : formatDuration(row.lastRunDurationMs)),
      alignRight: true
    },
    { header: "error", value: (row) => row.lastRunError ?? "", maxWidth: 80 }
  ])

export const statusCommand = Command.make("status", { jobId: jobIdFlag, json: jsonFlag }, ({ jobId, json }) =>
  Effect.gen(function* () {
    const config = yield* loadCliConfig([])
    const rows = yield* readLog(config, jobStatus(Option.getOrUndefined(jobId)))
    if (json) return yield* printLines(JSON.stringify(rows, null, 2))
    // Without --job-id, jobs that are switched off and never ran are noise: count them instead.
    const shown = Option.isSome(jobId) ? rows : rows.filter((row) => row.active || row.lastRunId !== null)
    const hidden = rows.length - shown.length
    const failing = shown.filter((row) => row.lastRunStatus !== null && row.lastRunStatus !== "success")
    yield* printLines(
      ...formatStatus(shown),
      "",
      `${shown.length} jobs shown${hidden > 0 ? ` (${hidden} inactive jobs that never ran are hidden; --json lists all)` : ""}; ` +
        `${shown.filter((row) => row.lastRunStatus === "success").length} last succeeded, ${failing.length} did not, ` +
        `${shown.filter((row) => row.lastRunStatus === null).length} never ran.`
    )
  })
).pipe(Command.withDescription("The last run of each job."))

const formatHistory = (rows: ReadonlyArray<RunHistoryRow>): Array<string> =>
  formatTable(rows, [
    { header: "run", value: (row) => row.runId, alignRight: true },
    { header: "job", value: (row) => row.jobId, alignRight: true },
    { header: "name", value: (row) => row.name, maxWidth: 28 },
    { header: "status", value: (row) => row.status },
    { header: "trigger", value: (row) => row.trigger },
    { header: "retry of", value: (row) => row.retryOf ?? "", alignRight: true },
    { header: "started", value: (row) => formatTimestamp(row.startedAt) },
    {
      header: "took",
      value: (row) => (row.durationMs === null ? "-" : formatDuration(row.durationMs)),
      alignRight: true
    },
    { header: "inserted", value: (row) => row.inserted, alignRight: true },
    { header: "updated", value: (row) => row.updated, alignRight: true },
    { header: "unchanged", value: (row) => row.unchanged, alignRight: true },
    { header: "deleted", value: (row) => row.deleted, alignRight: true },
    { header: "requests", value: (row) => row.requests, alignRight: true },
    { header: "error", value: (row) => row.error ?? "", maxWidth: 80 }
  ])

export const historyCommand = Command.make(
  "history",
  {
    jobId: jobIdFlag,
    limit: numberFlag("limit", { min: 1, max: 10_000 }).pipe(
      Options.withDefault(20),
      Options.withDescription("How many runs, newest first.")
    ),
    json: jsonFlag
  },
  ({ jobId, limit, json }) =>
    Effect.gen(function* () {
      const config = yield* loadCliConfig([])
      const rows = yield* readLog(config, runHistory({ jobId: Option.getOrUndefined(jobId), limit }))
      if (json) return yield* printLines(JSON.stringify(rows, null, 2))
      yield* printLines(
        ...(rows.length === 0 ? ["No runs yet: start one with `pnpm trialsync run`."] : formatHistory(rows))
      )
    })
).pipe(Command.withDescription("Recent runs, newest first."))
