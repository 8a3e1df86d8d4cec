/**
 * Which CC instance a `run` or `resume` talks to, and the configuration that reaches it.
 *
 * - `--instance NAME`: that registered, active instance: its base URL, key header, key (from its
 *   reference, e.g. `env:CC_API_KEY_SITE2`) and rate ceiling replace the `CC_*` settings (the
 *   ceiling caps `ETL_RATE_LIMIT_RPS` and `ETL_RATE_LIMIT_RPS_MAX`).
 * - no `--instance`, `CC_API_BASE_URL` set: the configured instance (recorded as `default`).
 * - neither: the only active registered instance, or an error that lists them.
 * - `resume` continues against the instance its run used.
 */
import {
  chooseInstance,
  InstanceConfigError,
  resolveApiKey,
  type SourceInstanceRow,
  UnknownInstanceError,
  type Warehouse
} from "@trialsync/warehouse"
import { Effect, Redacted } from "effect"
import { type CommandFailed, UsageError } from "../cli/errors.js"
import { configuredInstanceName, type EngineConfig, isCcConfigured } from "../engine.js"
import { CliOutput } from "../output/cli-output.js"
import { loadCliConfig } from "./config.js"
import { acquireMigratedWarehouse, warehouseCall } from "./warehouse.js"

/** The configuration and instance name a run uses. */
export interface InstanceChoice {
  readonly config: EngineConfig
  /** The name runs are recorded under (`default` for the configured instance). */
  readonly instanceName: string | undefined
}

/** The configuration for `instance`: its settings replace the `CC_*` ones; its key is masked. */
const configFor = (config: EngineConfig, instance: SourceInstanceRow) =>
  Effect.gen(function* () {
    const key = yield* instanceCall("Resolving the instance's key failed", async () => resolveApiKey(instance))
    const output = yield* CliOutput
    output.redactor.add(key)
    const ceiling = instance.rateLimitRps
    const requestsPerSecond =
      ceiling === undefined
        ? config.requestsPerSecond
        : config.requestsPerSecond === 0
          ? ceiling
          : Math.min(config.requestsPerSecond, ceiling)
    // The adaptive rate's ceiling stays under the instance's too (ETL_RATE_LIMIT_RPS_MAX).
    const configuredMax = config.maxRequestsPerSecond ?? 0
    const maxRequestsPerSecond =
      ceiling === undefined || configuredMax <= 0 ? configuredMax : Math.min(configuredMax, ceiling)
    return {
      config: {
        ...config,
        requestsPerSecond,
        maxRequestsPerSecond,
        cc: {
          baseUrl: instance.baseUrl.replace(/\/+$/, ""),
          apiKey: Redacted.make(key),
          apiKeyHeader: instance.apiKeyHeader,
          apiKeyRef: instance.apiKeyRef
        }
      },
      instanceName: instance.name
    } satisfies InstanceChoice
  })

/**
 * Runs an instance-repository call: bad input (`InstanceConfigError`, `UnknownInstanceError`) is a
 * usage error (exit 2) naming the field or listing the instances; anything else a failed command.
 */
export const instanceCall = <A>(
  what: string,
  run: () => Promise<A>,
  usage?: string
): Effect.Effect<A, UsageError | CommandFailed> =>
  Effect.tryPromise({ try: run, catch: (cause) => cause }).pipe(
    Effect.catchAll(
      (cause): Effect.Effect<A, UsageError | CommandFailed> =>
        cause instanceof InstanceConfigError || cause instanceof UnknownInstanceError
          ? Effect.fail(new UsageError({ message: cause.message, ...(usage === undefined ? {} : { usage }) }))
          : warehouseCall(what, () => Promise.reject(cause))
    )
  )

/** Runs `read` on the migrated warehouse, as an instance-repository call. */
const withMigratedWarehouse = <A>(config: EngineConfig, what: string, read: (warehouse: Warehouse) => Promise<A>) =>
  Effect.scoped(
    Effect.flatMap(acquireMigratedWarehouse(config), (warehouse) => instanceCall(what, () => read(warehouse)))
  )

/**
 * The instance `run` uses (see the module comment).
 *
 * @example
 * ```ts
 * const { config, instanceName } = yield* chooseRunInstance(Option.getOrUndefined(input.instance))
 * ```
 */
export const chooseRunInstance = (name: string | undefined) =>
  Effect.gen(function* () {
    const config = yield* loadCliConfig([])
    if (name === undefined && isCcConfigured(config)) {
      // The configured instance: CC_API_KEY must be there too.
      return { config: yield* loadCliConfig(["cc"]), instanceName: undefined } satisfies InstanceChoice
    }
    const chosen = yield* withMigratedWarehouse(config, "Reading dw_api_credentials failed", (warehouse) =>
      chooseInstance(warehouse, name).catch((cause: unknown) => {
        // Nothing registered and nothing configured: say what the configuration lacks instead.
        if (name === undefined && cause instanceof UnknownInstanceError && cause.known.length === 0) return undefined
        throw cause
      })
    )
    if (chosen === undefined) {
      yield* loadCliConfig(["cc"])
      return yield* new UsageError({ message: new UnknownInstanceError({ name, known: [] }).message })
    }
    return yield* configFor(config, chosen)
  })

/**
 * The instance `resume --run-id N` continues against: the run's own, unless that is the
 * configured (`default`) instance and `CC_API_BASE_URL` is set.
 */
export const chooseResumeInstance = (runId: number) =>
  Effect.gen(function* () {
    const config = yield* loadCliConfig([])
    const instance = yield* withMigratedWarehouse(config, "Reading the run's instance failed", async (warehouse) => {
      const [row] = await warehouse.query<{ instance_name: string }>(
        `SELECT c.instance_name FROM dw_etl_runs r JOIN dw_api_credentials c ON c.id = r.source_instance_id
         WHERE r.id = $1`,
        [runId]
      )
      return row === undefined ? undefined : await chooseInstance(warehouse, row.instance_name).catch(() => undefined)
    })
    if (instance === undefined || (instance.name === configuredInstanceName && isCcConfigured(config))) {
      return { config: yield* loadCliConfig(["cc"]), instanceName: undefined } satisfies InstanceChoice
    }
    return yield* configFor(config, instance)
  })
