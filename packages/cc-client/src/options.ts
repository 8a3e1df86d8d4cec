/**
 * `createCcClient` options: what a caller may pass, the defaults, and the checks that turn a bad
 * value into an `InvalidOptions` naming the option and the fix, before any request.
 */
import { InvalidOptions } from "./errors.js"
import { type CcLogger, type CcLogLevel, isLogLevel } from "./logger.js"
import { DEFAULT_RETRY, type RetrySettings } from "./retry-policy.js"
import { clientLifetimeSignal } from "./signals.js"
import { sleep } from "./sleep.js"
import { parseBaseUrl } from "./url.js"

export interface CcClientOptions {
  /** The CC site, e.g. `https://host/CCSWEB` or the sandbox URL; API paths are appended. */
  readonly baseUrl: string
  readonly apiKey: string
  /** Header carrying the key: default `CCAPIKey` (older installs: `X-ApiKey`). */
  readonly apiKeyHeader?: string
  /** Per attempt, including reading the body. Default 30 000. */
  readonly timeoutMs?: number
  /**
   * Longest wait for a response body once its headers arrived; past it the attempt ends with a
   * `BodyTimeout` (retried like a timeout) even when the fetch implementation would never settle
   * the read (Node 20 with a body that does not match its `Content-Encoding`). Default: env
   * `CC_BODY_TIMEOUT_MS`, else `timeoutMs`.
   */
  readonly bodyTimeoutMs?: number
  /**
   * Largest response body accepted, in decoded bytes: checked against `Content-Length` before
   * reading and counted while streaming; a larger one is a `ResponseTooLarge` (never retried).
   * Default: env `CC_MAX_RESPONSE_BYTES`, else 64 MiB (67 108 864).
   */
  readonly maxResponseBytes?: number
  /** Retries after the first attempt. Default 5. */
  readonly maxRetries?: number
  /** Requests in flight at most, shared by every call of this client. Default 8. */
  readonly concurrency?: number
  /** Request starts per second, shared by every call of this client. Default 10; `Infinity` or 0 = unlimited. */
  readonly requestsPerSecond?: number
  /**
   * The ceiling of the adaptive rate (README "Adaptive rate"). When it is above
   * `requestsPerSecond`, the client starts at `requestsPerSecond`, raises the rate while answers
   * come back fast and clean and halves it on a 429 or rising latency, never above this. Unset
   * (the default), equal or lower: a fixed rate (at most this). Env `ETL_RATE_LIMIT_RPS_MAX` in the engine.
   */
  readonly maxRequestsPerSecond?: number
  /** Tuning of the adaptive rate; only used when it is on. */
  readonly adaptiveRate?: {
    /** Requests per second added per round of clean answers. Default (max - start) / 20, at least 0.1. */
    readonly step?: number
    /** The floor. Default the smaller of 1 and the start rate. */
    readonly minRequestsPerSecond?: number
    /** After a decrease, no other decrease for this long. Default 1000 ms. */
    readonly cooldownMs?: number
  }
  /** Backoff with full jitter; `Retry-After` honoured up to `maxRetryAfterMs`. */
  readonly retry?: {
    readonly baseDelayMs?: number
    readonly maxDelayMs?: number
    readonly minDelayMs?: number
    readonly maxRetryAfterMs?: number
    readonly maxRetriesOn500?: number
  }
  /** Aborts everything the client does, now and later. */
  readonly signal?: AbortSignal
  /**
   * Receives retries (`warn`), request outcomes (`debug`) and failures; never the key. Default:
   * none (silent); `createJsonLineLogger()` writes JSON lines to stderr.
   */
  readonly logger?: CcLogger
  /** Least severe level passed to `logger`: `debug`, `info`, `warn` or `error`. Default: env `LOG_LEVEL`, else `info`. */
  readonly logLevel?: CcLogLevel
  /** Where `LOG_LEVEL`, `CC_BODY_TIMEOUT_MS` and `CC_MAX_RESPONSE_BYTES` are read. Default `process.env`. */
  readonly env?: Readonly<Record<string, string | undefined>>
  /** Waits between retries (injectable so tests count waits instead of spending wall time). */
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>
  /** Jitter source in [0, 1). Default `Math.random`. */
  readonly random?: () => number
  /** Wall clock for `Retry-After` dates. Default `Date.now`. */
  readonly now?: () => number
  /** The fetch to send with (e.g. one bound to a custom undici dispatcher). Default `globalThis.fetch`. */
  readonly fetch?: typeof globalThis.fetch
}

export interface ResolvedOptions {
  readonly baseUrl: URL
  readonly apiKey: string
  readonly apiKeyHeader: string
  readonly timeoutMs: number
  readonly bodyTimeoutMs: number
  readonly maxResponseBytes: number
  readonly concurrency: number
  readonly requestsPerSecond: number
  /** Undefined: a fixed rate. */
  readonly adaptive:
    | { readonly max: number; readonly min: number; readonly step: number; readonly cooldownMs: number }
    | undefined
  readonly retry: RetrySettings
  readonly signal: AbortSignal | undefined
  readonly logger: CcLogger | undefined
  readonly logLevel: CcLogLevel
  readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>
  readonly random: () => number
  readonly now: () => number
  readonly fetch: typeof globalThis.fetch
}

/** An HTTP header name (RFC 9110 token). */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/

const check = (ok: boolean, option: string, problem: string): void => {
  if (!ok) throw new InvalidOptions({ option, problem })
}

const wholeAtLeast = (value: number, min: number): boolean => Number.isInteger(value) && value >= min

const nonNegative = (value: number | undefined, option: string): void =>
  check(value === undefined || (Number.isFinite(value) && value >= 0), option, "must be a finite number >= 0.")

/** The default `maxResponseBytes`: 64 MiB. */
export const DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024 * 1024

/** A whole number from an environment variable, or undefined when unset; InvalidOptions naming it when unreadable. */
const envWhole = (env: Readonly<Record<string, string | undefined>>, name: string): number | undefined => {
  const text = env[name]?.trim()
  if (text === undefined || text === "") return undefined
  const value = Number(text)
  check(/^\d+$/.test(text) && value >= 1, name, `must be a whole number >= 1 (it is ${JSON.stringify(text)}).`)
  return value
}

/**
 * `LOG_LEVEL` as a client level. The variable is shared with the application's own logger, so
 * other libraries' names are mapped (`trace` is debug, `fatal` is error) and an unknown value
 * means the default, `info`, rather than a failure to create the client.
 */
const levelOfEnv = (text: string | undefined): CcLogLevel => {
  const name = text?.trim().toLowerCase()
  if (name === "trace") return "debug"
  if (name === "fatal") return "error"
  return isLogLevel(name) ? name : "info"
}

/**
 * Applies defaults and checks every option.
 *
 * @example
 * ```ts
 * resolveOptions({ baseUrl: "https://host/CCSWEB", apiKey: process.env.CC_API_KEY ?? "" })
 * ```
 */
export const resolveOptions = (options: CcClientOptions): ResolvedOptions => {
  check(typeof options === "object" && options !== null, "options", "must be an object with baseUrl and apiKey.")
  const baseUrl = typeof options.baseUrl === "string" ? parseBaseUrl(options.baseUrl) : undefined
  check(
    baseUrl !== undefined,
    "baseUrl",
    "must be an absolute http(s) URL without query, fragment or credentials, e.g. https://host/CCSWEB (set CC_API_BASE_URL)."
  )
  check(
    typeof options.apiKey === "string" && options.apiKey.trim() !== "",
    "apiKey",
    "must be a non-empty string (set CC_API_KEY)."
  )
  const apiKeyHeader = options.apiKeyHeader ?? "CCAPIKey"
  check(
    typeof apiKeyHeader === "string" && HEADER_NAME.test(apiKeyHeader),
    "apiKeyHeader",
    "must be an HTTP header name such as CCAPIKey or X-ApiKey (set CC_API_KEY_HEADER)."
  )
  const timeoutMs = options.timeoutMs ?? 30_000
  check(Number.isFinite(timeoutMs) && timeoutMs > 0, "timeoutMs", "must be a positive number of milliseconds.")
  const env = options.env ?? process.env
  const bodyTimeoutMs = options.bodyTimeoutMs ?? envWhole(env, "CC_BODY_TIMEOUT_MS") ?? timeoutMs
  check(
    Number.isFinite(bodyTimeoutMs) && bodyTimeoutMs > 0,
    "bodyTimeoutMs",
    "must be a positive number of milliseconds (CC_BODY_TIMEOUT_MS)."
  )
  const maxResponseBytes =
    options.maxResponseBytes ?? envWhole(env, "CC_MAX_RESPONSE_BYTES") ?? DEFAULT_MAX_RESPONSE_BYTES
  check(
    maxResponseBytes === Infinity || wholeAtLeast(maxResponseBytes, 1),
    "maxResponseBytes",
    "must be a whole number of bytes >= 1, or Infinity (CC_MAX_RESPONSE_BYTES)."
  )
  const logLevel = options.logLevel ?? levelOfEnv(env.LOG_LEVEL)
  check(isLogLevel(logLevel), "logLevel", "must be debug, info, warn or error.")
  const maxRetries = options.maxRetries ?? DEFAULT_RETRY.maxRetries
  check(wholeAtLeast(maxRetries, 0), "maxRetries", "must be a whole number >= 0.")
  const concurrency = options.concurrency ?? 8
  check(
    concurrency === Infinity || wholeAtLeast(concurrency, 1),
    "concurrency",
    "must be a whole number >= 1 (or Infinity)."
  )
  const rps = options.requestsPerSecond ?? 10
  check(
    rps === Infinity || (Number.isFinite(rps) && rps >= 0),
    "requestsPerSecond",
    "must be a number > 0, or 0/Infinity for no limit."
  )
  const start = rps === 0 ? Infinity : rps
  const max = options.maxRequestsPerSecond
  check(
    max === undefined || max === Infinity || (Number.isFinite(max) && max > 0),
    "maxRequestsPerSecond",
    "must be a number > 0 or Infinity (ETL_RATE_LIMIT_RPS_MAX)."
  )
  const tuning = options.adaptiveRate ?? {}
  nonNegative(tuning.cooldownMs, "adaptiveRate.cooldownMs")
  check(
    tuning.step === undefined || (Number.isFinite(tuning.step) && tuning.step > 0),
    "adaptiveRate.step",
    "must be a number > 0."
  )
  check(
    tuning.minRequestsPerSecond === undefined ||
      (Number.isFinite(tuning.minRequestsPerSecond) && tuning.minRequestsPerSecond > 0),
    "adaptiveRate.minRequestsPerSecond",
    "must be a number > 0."
  )
  const adaptiveOn = max !== undefined && Number.isFinite(max) && Number.isFinite(start) && max > start
  const adaptive = adaptiveOn
    ? {
        max,
        min: Math.min(tuning.minRequestsPerSecond ?? Math.min(1, start), start),
        step: tuning.step ?? Math.max(0.1, (max - start) / 20),
        cooldownMs: tuning.cooldownMs ?? 1000
      }
    : undefined
  const retry = options.retry ?? {}
  nonNegative(retry.baseDelayMs, "retry.baseDelayMs")
  nonNegative(retry.maxDelayMs, "retry.maxDelayMs")
  nonNegative(retry.minDelayMs, "retry.minDelayMs")
  nonNegative(retry.maxRetryAfterMs, "retry.maxRetryAfterMs")
  check(
    retry.maxRetriesOn500 === undefined || wholeAtLeast(retry.maxRetriesOn500, 0),
    "retry.maxRetriesOn500",
    "must be a whole number >= 0."
  )
  for (const name of ["sleep", "random", "now", "fetch"] as const) {
    check(options[name] === undefined || typeof options[name] === "function", name, "must be a function.")
  }
  return {
    baseUrl: baseUrl as URL,
    apiKey: options.apiKey,
    apiKeyHeader,
    timeoutMs,
    bodyTimeoutMs,
    maxResponseBytes,
    concurrency,
    requestsPerSecond: max === undefined ? start : Math.min(start, max),
    adaptive,
    retry: {
      maxRetries,
      maxRetriesOn500: retry.maxRetriesOn500 ?? DEFAULT_RETRY.maxRetriesOn500,
      baseDelayMs: retry.baseDelayMs ?? DEFAULT_RETRY.baseDelayMs,
      maxDelayMs: retry.maxDelayMs ?? DEFAULT_RETRY.maxDelayMs,
      minDelayMs: retry.minDelayMs ?? DEFAULT_RETRY.minDelayMs,
      maxRetryAfterMs: retry.maxRetryAfterMs ?? DEFAULT_RETRY.maxRetryAfterMs
    },
    signal: clientLifetimeSignal(options.signal),
    logger: options.logger,
    logLevel,
    sleep: options.sleep ?? sleep,
    random: options.random ?? Math.random,
    now: options.now ?? Date.now,
    fetch: options.fetch ?? globalThis.fetch.bind(globalThis)
  }
}
