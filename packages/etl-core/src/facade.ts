/**
 * The engine for callers who do not use Effect: Promises over `runJobs` and `resumeRun`, with
 * the configuration from the environment (and `.env`) under whatever the caller passes.
 */

import type { Layer } from "effect"
import { Cause, Effect, Exit, Redacted } from "effect"
import type { JobCatalog } from "./catalog/service.js"
import { ConfigError } from "./config/errors.js"
import { loadEngineConfig } from "./config/load.js"
import type { EngineConfig } from "./config/types.js"
import { type ProgressEvent, ProgressReporter } from "./engine/progress.js"
import { type EngineServices, resumeRun, runJobs } from "./engine/run.js"
import type { RunOptions, RunReport, Selection } from "./engine/types.js"
import { makeEngineLayer, warehouseOptionsOf } from "./services/engine-layer.js"
import { WarehouseService } from "./services/warehouse.js"

/** Configuration overrides: plain strings are accepted where the engine keeps redacted values. */
export type FacadeConfig = Omit<Partial<EngineConfig>, "cc" | "databaseUrl"> & {
  readonly cc?: {
    readonly baseUrl?: string
    readonly apiKey?: string | Redacted.Redacted<string>
    readonly apiKeyHeader?: string
  }
  readonly databaseUrl?: string | Redacted.Redacted<string>
}

export interface FacadeOptions extends RunOptions {
  /** Overrides of the configuration read from the environment (and `.env`). */
  readonly config?: FacadeConfig
  /** Receives every progress event (a throwing callback is ignored). */
  readonly onProgress?: (event: ProgressEvent) => void
  /** Aborting stops the run; the Promise still resolves, with status `cancelled`. */
  readonly signal?: AbortSignal
  /** Apply pending warehouse migrations first (default true). */
  readonly migrate?: boolean
  /** A catalog of your own (`JobCatalog.fromJobs(jobs, { stagingTables })`). */
  readonly catalog?: Layer.Layer<JobCatalog>
  /** The environment to read instead of `process.env` (no `.env` file is read then). */
  readonly env?: Record<string, string | undefined>
}

const redacted = (value: string | Redacted.Redacted<string> | undefined): Redacted.Redacted<string> | undefined =>
  value === undefined ? undefined : Redacted.isRedacted(value) ? value : Redacted.make(value)

/** The configuration: environment first, the caller's overrides on top, then checked. */
export const resolveFacadeConfig = (
  overrides: FacadeConfig = {},
  env?: Record<string, string | undefined>
): Effect.Effect<EngineConfig, ConfigError> =>
  Effect.gen(function* () {
    const loaded = yield* loadEngineConfig(env, { require: [] })
    const { cc, databaseUrl, ...rest } = overrides
    const apiKey = redacted(cc?.apiKey) ?? loaded.cc.apiKey
    const config: EngineConfig = {
      ...loaded,
      ...rest,
      cc: {
        baseUrl: (cc?.baseUrl ?? loaded.cc.baseUrl).replace(/\/+$/, ""),
        apiKey,
        apiKeyHeader: cc?.apiKeyHeader ?? loaded.cc.apiKeyHeader
      },
      databaseUrl: databaseUrl === undefined ? loaded.databaseUrl : redacted(databaseUrl)
    }
    if (config.cc.baseUrl === "") {
      return yield* new ConfigError({
        variable: "CC_API_BASE_URL",
        message:
          "CC_API_BASE_URL is not set: set it to the CC site, e.g. https://host/CCSWEB (or pass config.cc.baseUrl)."
      })
    }
    if (Redacted.value(config.cc.apiKey).trim() === "") {
      return yield* new ConfigError({
        variable: "CC_API_KEY",
        message: "CC_API_KEY is not set: set it to the API key of the CC API user (or pass config.cc.apiKey)."
      })
    }
    return config
  })

const run = <A>(options: FacadeOptions, program: Effect.Effect<A, unknown, EngineServices>): Promise<A> => {
  const main = Effect.gen(function* () {
    const config = yield* resolveFacadeConfig(options.config, options.env)
    const layer = makeEngineLayer(config, {
      progress:
        options.onProgress === undefined ? ProgressReporter.silent : ProgressReporter.fromCallback(options.onProgress),
      ...(options.catalog === undefined ? {} : { catalog: options.catalog }),
      warehouse: WarehouseService.layer({ ...warehouseOptionsOf(config), migrate: options.migrate !== false })
    })
    return yield* Effect.provide(program, layer)
  })
  return Effect.runPromiseExit(main).then((exit) => {
    if (Exit.isSuccess(exit)) return exit.value
    throw Cause.squash(exit.cause)
  })
}

const runOptionsOf = (options: FacadeOptions): RunOptions => {
  const { config: _config, onProgress: _onProgress, migrate: _migrate, catalog: _catalog, env: _env, ...rest } = options
  return rest
}

/**
 * Runs one job (and nothing else: its parents' staging must hold data).
 *
 * @example
 * ```ts
 * import { runJob } from "@trialsync/etl-core"
 * const report = await runJob(2, { config: { cc: { baseUrl, apiKey } } })
 * console.log(report.jobs[0]?.status, report.jobs[0]?.inserted)
 * ```
 */
export function runJob(jobId: number, options: FacadeOptions = {}): Promise<RunReport> {
  return run(options, runJobs({ jobIds: [jobId] }, runOptionsOf(options)))
}

/**
 * Runs every active job in dependency order (or a selection: `{ category }`, `{ jobIds }`).
 *
 * @example
 * ```ts
 * const controller = new AbortController()
 * process.on("SIGTERM", () => controller.abort())
 * const report = await runAll({ signal: controller.signal, onProgress: (event) => console.log(event._tag) })
 * process.exitCode = report.status === "success" ? 0 : 1
 * ```
 */
export function runAll(options: FacadeOptions & { readonly selection?: Selection } = {}): Promise<RunReport> {
  const { selection, ...rest } = options
  return run(rest, runJobs(selection ?? { all: true }, runOptionsOf(rest)))
}

/**
 * Continues the group of run `runId` (interrupted, failed, cancelled or partial).
 *
 * @example
 * ```ts
 * const report = await resume(1234)
 * ```
 */
export function resume(runId: number, options: FacadeOptions = {}): Promise<RunReport> {
  return run(options, resumeRun(runId, runOptionsOf(options)))
}
