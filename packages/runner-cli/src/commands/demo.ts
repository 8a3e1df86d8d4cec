import { Command, Options } from "@effect/cli"
import { getStagingTable, pgliteDataDir } from "@trialsync/warehouse"
import { Effect, Redacted } from "effect"
import { numberFlag } from "../cli/flags.js"
import { Signals } from "../cli/signals.js"
import { loadCliConfig, registerSecrets } from "../context/config.js"
import { engineLayerFor, failUnlessSucceeded, printRunReport } from "../context/engine-run.js"
import { acquireProgress } from "../context/progress.js"
import {
  catalogJobs,
  type EngineConfig,
  goldSummary,
  type RunReport,
  runJobs,
  runTransform,
  silverGoldCounts,
  WarehouseService
} from "../engine.js"
import { CliOutput, printLines } from "../output/cli-output.js"
import { formatDemoSummary, type StagingCount, sourceCountFor } from "../output/demo-summary.js"
import { formatCount, formatDuration } from "../output/format.js"
import { formatRunSummary, runSucceeded } from "../output/run-summary.js"
import { formatGoldTable, formatLayerCounts } from "../output/transform-summary.js"
import { acquireSandbox } from "./sandbox.js"
import { failOnQuality, printTransformReport } from "./transform.js"

const flags = {
  scale: numberFlag("scale", { min: 0.0001, max: 10, integer: false, pseudoName: "S" }).pipe(
    Options.withDefault(0.01),
    Options.withDescription("Sandbox data volume: 0.01 (default) is ~150k records; 1 is production size.")
  ),
  seed: numberFlag("seed", { min: 0, max: 2 ** 31 - 1 }).pipe(
    Options.withDefault(42),
    Options.withDescription("Same seed, same data.")
  )
} as const

/** Rows per staging table of the jobs that ran, for this run's CC instance. */
const stagingCounts = (report: RunReport, sandboxCounts: Readonly<Record<string, number>>) =>
  Effect.gen(function* () {
    const warehouse = yield* WarehouseService
    const query = <R>(text: string, params: ReadonlyArray<unknown>) =>
      Effect.promise(() => warehouse.query<R>(text, params))
    const [instance] = yield* query<{ id: number }>(
      "SELECT source_instance_id AS id FROM dw_etl_runs WHERE group_id = $1 AND source_instance_id IS NOT NULL LIMIT 1",
      [report.groupId]
    )
    const ran = new Set(report.jobs.filter((job) => job.runId !== undefined).map((job) => job.jobId))
    const byTable = new Map<string, Array<(typeof catalogJobs)[number]>>()
    for (const job of catalogJobs) {
      if (!ran.has(job.id)) continue
      byTable.set(job.targetTable, [...(byTable.get(job.targetTable) ?? []), job])
    }
    const counts: Array<StagingCount> = []
    for (const [table, jobs] of [...byTable].sort(([left], [right]) => left.localeCompare(right))) {
      // The registry refuses names it does not know, so only registry names reach the SQL.
      const name = getStagingTable(table).name
      const [row] = yield* query<{ count: number }>(
        `SELECT count(*)::int AS count FROM ${name} WHERE source_instance_id = $1 AND NOT is_deleted`,
        [instance?.id ?? -1]
      )
      const sources = jobs.map((job) => sourceCountFor(job, sandboxCounts))
      counts.push({
        table,
        jobIds: jobs.map((job) => job.id),
        rows: Number(row?.count ?? 0),
        source: sources.every((count) => count === undefined)
          ? undefined
          : Math.max(...sources.map((count) => count ?? 0))
      })
    }
    return counts
  })

/** The configuration for the demo: the sandbox as the source, no request-rate limit (our own server). */
const demoConfig = (
  base: EngineConfig,
  sandbox: { url: string; apiKey: string; apiKeyHeader: string }
): EngineConfig => ({
  ...base,
  cc: { baseUrl: sandbox.url, apiKey: Redacted.make(sandbox.apiKey), apiKeyHeader: sandbox.apiKeyHeader },
  requestsPerSecond: 0
})

export const demoCommand = Command.make("demo", flags, ({ scale, seed }) =>
  Effect.scoped(
    Effect.gen(function* () {
      const started = Date.now()
      const output = yield* CliOutput
      const signals = yield* Signals
      const base = yield* loadCliConfig([])
      const sandbox = yield* acquireSandbox({ port: 0, scale, seed })
      const config = demoConfig(base, sandbox)
      registerSecrets(output.redactor, config)
      const info = sandbox.info()
      yield* printLines(
        `TrialSync demo: a Clinical Conductor sandbox (scale ${info.scale}, seed ${info.seed}, ${formatCount(info.generatedRecords)} records) at ${sandbox.url}`,
        `  warehouse: ${config.databaseUrl === undefined ? `embedded PGlite in ${pgliteDataDir(config.dataDir)}` : "DATABASE_URL"}; every active job, no rate limit (it is our own server)`,
        ""
      )
      const progress = yield* acquireProgress(config)
      const transformMs = yield* Effect.gen(function* () {
        const report = yield* signals.withAbortSignal((signal) => runJobs({ all: true }, { trigger: "demo", signal }))
        yield* progress.finish
        const counts = yield* stagingCounts(report, sandbox.counts())
        // The whole run table only when something needs a look; the staging summary covers the rest.
        if (runSucceeded(report) && config.logFormat !== "json")
          yield* printLines("", formatRunSummary(report).at(-1) ?? "")
        else yield* printRunReport(config, report)
        yield* printLines("", ...formatDemoSummary(counts, report))
        yield* failUnlessSucceeded(report, signals.received())

        yield* printLines("", "Transforming Bronze -> Silver -> Gold ...")
        const transform = yield* runTransform({ mode: "incremental" })
        yield* printTransformReport(config, transform, { compact: true })
        const layers = yield* silverGoldCounts()
        const gold = yield* goldSummary({ limit: 5 })
        yield* printLines("", ...formatLayerCounts(layers), "", ...formatGoldTable(gold))
        yield* failOnQuality(transform)
        return transform.durationMs
      }).pipe(Effect.provide(engineLayerFor(config, progress.reporter)))
      yield* printLines(
        "",
        `Demo done in ${formatDuration(Date.now() - started)} (transform ${formatDuration(transformMs)}).`,
        "Next: `pnpm trialsync status`, `pnpm trialsync history`, or point CC_API_BASE_URL/CC_API_KEY at your CC and `pnpm trialsync run --all`."
      )
    })
  )
).pipe(Command.withDescription("Sandbox + embedded warehouse + full sync of every active job + summary."))
