/**
 * The shape of the engine's configuration (docs/design.md §7): what `loadEngineConfig` returns
 * and what `EngineConfigTag` carries.
 */
import type { Redacted } from "effect"

export const logLevels = ["debug", "info", "warn", "error"] as const
export type LogLevel = (typeof logLevels)[number]

export const logFormats = ["pretty", "json"] as const
export type LogFormat = (typeof logFormats)[number]

/** How to reach one Clinical Conductor instance. */
export interface CcConnectionConfig {
  /** `CC_API_BASE_URL` without a trailing slash, e.g. `https://host/CCSWEB`; `""` when not configured. */
  readonly baseUrl: string
  /** `CC_API_KEY`. Redacted: printing or serialising it shows `<redacted>`. */
  readonly apiKey: Redacted.Redacted<string>
  /** `CC_API_KEY_HEADER`, default `CCAPIKey` (older installs use `X-ApiKey`). */
  readonly apiKeyHeader: string
  /**
   * Where the key came from, as `dw_api_credentials.api_key` records it; default `env:CC_API_KEY`
   * (a registered instance chosen with `--instance` has its own, e.g. `env:CC_API_KEY_SITE2`).
   */
  readonly apiKeyRef?: string | undefined
}

export interface EngineConfig {
  readonly cc: CcConnectionConfig
  /** `DATABASE_URL`; `undefined` selects the embedded PGlite warehouse under `dataDir`. */
  readonly databaseUrl: Redacted.Redacted<string> | undefined
  /** `TRIALSYNC_DATA_DIR`, default `.trialsync` (PGlite lives in `<dataDir>/pglite`). */
  readonly dataDir: string
  /** `ETL_PAGE_SIZE`: records per request (`$top`), 1..1000, default 1000. */
  readonly pageSize: number
  /** `ETL_CONCURRENCY`: requests in flight for the whole process, default 8. */
  readonly concurrency: number
  /** `ETL_RATE_LIMIT_RPS`: requests per second for the whole process, default 10; 0 = unlimited. */
  readonly requestsPerSecond: number
  /**
   * `ETL_RATE_LIMIT_RPS_MAX`: the ceiling of the adaptive rate, default 0 (off). Above
   * `requestsPerSecond`, the client starts there (or at the rate the last run of the instance
   * learned) and adapts up to this; 0, equal or lower: a fixed rate.
   */
  readonly maxRequestsPerSecond?: number | undefined
  /** `ETL_MAX_RETRIES`: retries after the first attempt of a request, default 5. */
  readonly maxRetries: number
  /** `ETL_TIMEOUT_SECONDS`: per request attempt, default 30. */
  readonly timeoutSeconds: number
  /** `ETL_FULL_SWEEP_HOURS`: how often a fan-out job refetches every parent, default 168 (weekly). */
  readonly fullSweepIntervalHours: number
  /** `ETL_INCREMENTAL_OVERLAP_SECONDS`: subtracted from the watermark of incremental jobs, default 300. */
  readonly incrementalOverlapSeconds: number
  /** `LOG_LEVEL`, default `info`. */
  readonly logLevel: LogLevel
  /** `LOG_FORMAT`, default `pretty` (`json`: one JSON object per line). */
  readonly logFormat: LogFormat
}

/**
 * Groups a caller insists on:
 * - `cc`: `CC_API_BASE_URL` and `CC_API_KEY` must be set (anything that talks to CC);
 * - `database`: `DATABASE_URL` must be set (no embedded PGlite fallback).
 */
export type ConfigRequirement = "cc" | "database"

export interface LoadEngineConfigOptions {
  /** Default `["cc"]`. Pass `[]` for commands that only use the warehouse. */
  readonly require?: ReadonlyArray<ConfigRequirement>
  /**
   * A `.env` file read under the environment (the environment wins). Default: `.env` in the
   * working directory when `env` is not given, none when it is; `false` never reads one.
   */
  readonly envFile?: string | false
}
