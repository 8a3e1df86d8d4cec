/**
 * Every engine service from one `EngineConfig`: the CC client (one client, so one limiter for
 * the whole process), the warehouse, the catalog, the run log, progress reporting and the
 * configuration itself.
 */

import { type CcClientOptions, CcService, createCcClient, makeCcService } from "@trialsync/cc-client"
import { pgliteDataDir, warehouseOptionsFromEnv } from "@trialsync/warehouse"
import { Effect, Layer, Redacted } from "effect"
import { JobCatalog } from "../catalog/service.js"
import { EngineConfigTag } from "../config/tag.js"
import type { EngineConfig } from "../config/types.js"
import type { WarehouseError } from "../engine/errors.js"
import { ProgressReporter } from "../engine/progress.js"
import type { EngineServices } from "../engine/run.js"
import { makeCcLogger } from "./cc-logger.js"
import { RunLog } from "./run-log.js"
import { type WarehouseLayerOptions, WarehouseService } from "./warehouse.js"

export interface EngineLayerOptions {
  /** Default: silent. */
  readonly progress?: Layer.Layer<ProgressReporter>
  /** Default: the shipped catalog. */
  readonly catalog?: Layer.Layer<JobCatalog>
  /** Default: opened from `databaseUrl` (PostgreSQL) or `<dataDir>/pglite` (PGlite), not migrated. */
  readonly warehouse?: Layer.Layer<WarehouseService, WarehouseError>
  /** Overrides for the CC client (tests: retry delays). */
  readonly cc?: Layer.Layer<CcService>
}

/** Where the warehouse of a configuration is. */
export const warehouseOptionsOf = (
  config: EngineConfig,
  env: NodeJS.ProcessEnv = process.env
): WarehouseLayerOptions =>
  config.databaseUrl === undefined
    ? { dataDir: pgliteDataDir(config.dataDir) }
    : // The timeouts (DATABASE_CONNECT_TIMEOUT_MS, DATABASE_STATEMENT_TIMEOUT_MS) are the warehouse's own variables.
      warehouseOptionsFromEnv({
        DATABASE_URL: Redacted.value(config.databaseUrl),
        DATABASE_CONNECT_TIMEOUT_MS: env.DATABASE_CONNECT_TIMEOUT_MS,
        DATABASE_STATEMENT_TIMEOUT_MS: env.DATABASE_STATEMENT_TIMEOUT_MS
      })

/**
 * The CC client of a configuration, for the layer's lifetime (closing the scope aborts what it
 * still has in flight).
 */
export const ccLayerOf = (
  config: EngineConfig,
  extra: Pick<CcClientOptions, "retry" | "logger"> = {}
): Layer.Layer<CcService> =>
  Layer.scoped(
    CcService,
    Effect.gen(function* () {
      const controller = new AbortController()
      yield* Effect.addFinalizer(() => Effect.sync(() => controller.abort()))
      const client = createCcClient({
        baseUrl: config.cc.baseUrl,
        apiKey: Redacted.value(config.cc.apiKey),
        apiKeyHeader: config.cc.apiKeyHeader,
        timeoutMs: config.timeoutSeconds * 1000,
        maxRetries: config.maxRetries,
        concurrency: config.concurrency,
        requestsPerSecond: config.requestsPerSecond,
        ...((config.maxRequestsPerSecond ?? 0) > 0 ? { maxRequestsPerSecond: config.maxRequestsPerSecond } : {}),
        signal: controller.signal,
        logger: makeCcLogger(config.logFormat),
        logLevel: config.logLevel,
        ...extra
      })
      return makeCcService(client)
    })
  )

/**
 * Builds every service the engine needs from a configuration.
 *
 * @example
 * ```ts
 * const config = yield* loadEngineConfig()
 * const report = yield* runJobs({ all: true }).pipe(Effect.provide(makeEngineLayer(config)))
 * ```
 */
export const makeEngineLayer = (
  config: EngineConfig,
  options: EngineLayerOptions = {}
): Layer.Layer<EngineServices, WarehouseError> => {
  const warehouse = options.warehouse ?? WarehouseService.layer(warehouseOptionsOf(config))
  return Layer.mergeAll(
    RunLog.layer,
    EngineConfigTag.layer(config),
    options.cc ?? ccLayerOf(config),
    options.catalog ?? JobCatalog.Default,
    options.progress ?? ProgressReporter.silent
  ).pipe(Layer.provideMerge(warehouse))
}
