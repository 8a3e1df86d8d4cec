/**
 * Loading the engine configuration from the environment and an optional `.env` file.
 */
import { join } from "node:path"
import { Effect, Redacted } from "effect"
import { readEnvFile } from "./env-file.js"
import { ConfigError, type ConfigProblem } from "./errors.js"
import { EnvReader } from "./rules.js"
import {
  type ConfigRequirement,
  type EngineConfig,
  type LoadEngineConfigOptions,
  logFormats,
  logLevels
} from "./types.js"
import { readApiKey, readBaseUrl, readDatabaseUrl } from "./urls.js"

type Env = Readonly<Record<string, string | undefined>>

const mergeEnvFile = (
  env: Env | undefined,
  options: LoadEngineConfigOptions
): { readonly merged: Env; readonly problems: ReadonlyArray<ConfigProblem> } => {
  const base = env ?? process.env
  const path = options.envFile ?? (env === undefined ? join(process.cwd(), ".env") : false)
  if (path === false) return { merged: base, problems: [] }
  const file = readEnvFile(path)
  switch (file._tag) {
    case "Absent":
      return { merged: base, problems: [] }
    case "Unreadable":
      return { merged: base, problems: [file.problem] }
    case "Loaded": {
      // The environment wins over the file, as with dotenv and Node's --env-file; an empty
      // variable in the environment still counts as set there.
      const merged: Record<string, string | undefined> = { ...file.values }
      for (const [key, value] of Object.entries(base)) if (value !== undefined) merged[key] = value
      return { merged, problems: [] }
    }
  }
}

/** Validates a merged environment; pure, so tests can feed it anything. */
export const parseEngineConfig = (
  env: Env,
  require: ReadonlyArray<ConfigRequirement>
): { readonly config: EngineConfig; readonly problems: ReadonlyArray<ConfigProblem> } => {
  const reader = new EnvReader(env)
  const needsCc = require.includes("cc")
  const baseUrl = readBaseUrl(reader, needsCc)
  const apiKey = readApiKey(reader, needsCc)
  const apiKeyHeader = reader.headerName("CC_API_KEY_HEADER", "CCAPIKey")
  const databaseUrl = readDatabaseUrl(reader, require.includes("database"))
  const config: EngineConfig = {
    cc: { baseUrl, apiKey: Redacted.make(apiKey), apiKeyHeader },
    databaseUrl: databaseUrl === undefined ? undefined : Redacted.make(databaseUrl),
    dataDir: reader.path("TRIALSYNC_DATA_DIR", ".trialsync"),
    pageSize: reader.number("ETL_PAGE_SIZE", { min: 1, max: 1000, fallback: 1000, integer: true }),
    concurrency: reader.number("ETL_CONCURRENCY", { min: 1, max: 64, fallback: 8, integer: true }),
    requestsPerSecond: reader.number("ETL_RATE_LIMIT_RPS", { min: 0, max: 10_000, fallback: 10, integer: false }),
    maxRequestsPerSecond: reader.number("ETL_RATE_LIMIT_RPS_MAX", { min: 0, max: 10_000, fallback: 0, integer: false }),
    maxRetries: reader.number("ETL_MAX_RETRIES", { min: 0, max: 20, fallback: 5, integer: true }),
    timeoutSeconds: reader.number("ETL_TIMEOUT_SECONDS", { min: 1, max: 3600, fallback: 30, integer: false }),
    fullSweepIntervalHours: reader.number("ETL_FULL_SWEEP_HOURS", { min: 0, max: 8760, fallback: 168, integer: false }),
    incrementalOverlapSeconds: reader.number("ETL_INCREMENTAL_OVERLAP_SECONDS", {
      min: 0,
      max: 604_800,
      fallback: 300,
      integer: true
    }),
    logLevel: reader.choice("LOG_LEVEL", logLevels, "info"),
    logFormat: reader.choice("LOG_FORMAT", logFormats, "pretty")
  }
  return { config, problems: reader.problems }
}

/**
 * Reads the engine configuration from the environment and a `.env` file in the working directory
 * (when `env` is not given; the environment wins over the file). Every variable is validated;
 * all problems are reported together in one {@link ConfigError} whose message names each
 * variable and what to set, and never shows the value of `CC_API_KEY` or `DATABASE_URL`.
 *
 * `options.require` (default `["cc"]`) lists what must be present: `cc` for anything that calls
 * Clinical Conductor, `database` to refuse the embedded PGlite fallback. When `cc` is not required
 * and `CC_API_BASE_URL` is unset, `cc.baseUrl` is `""` (see {@link isCcConfigured}).
 *
 * @example
 * ```ts
 * const config = await Effect.runPromise(loadEngineConfig())
 * config.pageSize // 1000 unless ETL_PAGE_SIZE says otherwise
 * Redacted.value(config.cc.apiKey) // the key, for the HTTP client only
 *
 * // In tests: an explicit environment, no .env
 * loadEngineConfig({ CC_API_BASE_URL: "http://127.0.0.1:4010", CC_API_KEY: "k", ETL_PAGE_SIZE: "0" })
 * // fails: ConfigError "ETL_PAGE_SIZE must be a whole number from 1 to 1000 (got \"0\"): ..."
 * ```
 */
export const loadEngineConfig = (
  env?: Record<string, string | undefined>,
  options: LoadEngineConfigOptions = {}
): Effect.Effect<EngineConfig, ConfigError> =>
  Effect.suspend(() => {
    const { merged, problems: fileProblems } = mergeEnvFile(env, options)
    const { config, problems } = parseEngineConfig(merged, options.require ?? ["cc"])
    const all = [...fileProblems, ...problems]
    return all.length === 0 ? Effect.succeed(config) : Effect.fail(ConfigError.fromProblems(all))
  })

/** Whether a configuration names a CC instance (always true when loaded with `require: ["cc"]`). */
export const isCcConfigured = (config: EngineConfig): boolean => config.cc.baseUrl !== ""
