/**
 * When to retry and how long to wait (docs/design.md §6).
 *
 * - Retried: 429, 502, 503, 504, 408, timeouts and network errors, with exponential backoff and
 *   full jitter, honouring `Retry-After` (seconds or an HTTP date), capped.
 * - 500 is retried too, but at most `maxRetriesOn500` times (default 2). The previous client
 *   retried every 5xx, and the sandbox (like a real IIS/ASP.NET host under load: deadlocks, pool
 *   exhaustion) sends transient 500s; but a 500 that is a server bug for this one request will not
 *   heal, so spending the full budget on it only delays the error.
 * - Never retried: 400, 401, 403, 404, 501 (and other 4xx): the same request gets the same answer.
 * - Non-idempotent methods (POST, PATCH) are retried only on 429 and refused connections, where
 *   the server certainly did not act on the request.
 * - `Retry-After: 0` (or a date in the past) must not make us spin: it falls back to the normal
 *   backoff, which is never shorter than `minDelayMs`.
 */

export interface RetrySettings {
  /** Retries after the first attempt. */
  readonly maxRetries: number
  /** Retries allowed for a 500 (it is often a bug, not a blip). */
  readonly maxRetriesOn500: number
  /** First backoff ceiling; doubles per attempt. */
  readonly baseDelayMs: number
  /** Largest backoff ceiling. */
  readonly maxDelayMs: number
  /** Smallest wait between attempts, whatever the jitter or `Retry-After` says. */
  readonly minDelayMs: number
  /** Largest `Retry-After` honoured; longer hints wait this long. */
  readonly maxRetryAfterMs: number
}

export const DEFAULT_RETRY: RetrySettings = {
  maxRetries: 5,
  maxRetriesOn500: 2,
  baseDelayMs: 250,
  maxDelayMs: 20_000,
  minDelayMs: 100,
  maxRetryAfterMs: 60_000
}

/** What one attempt ended with, as far as the retry decision cares. */
export type AttemptFailure =
  | { readonly kind: "status"; readonly status: number; readonly retryAfterMs?: number }
  | { readonly kind: "timeout" }
  | { readonly kind: "network"; readonly refused: boolean }
  /** The answer itself is unusable (too large, undecodable): the same request gets the same answer. */
  | { readonly kind: "final" }

const IDEMPOTENT = new Set(["GET", "HEAD", "OPTIONS", "PUT", "DELETE"])

const RETRYABLE_STATUS = new Set([408, 429, 500, 502, 503, 504])

/**
 * Whether a failed attempt should be tried again.
 *
 * @param retriesSoFar retries already made for this request (0 after the first attempt).
 * @param retriesOn500SoFar retries already made because of a 500.
 */
export const shouldRetry = (
  failure: AttemptFailure,
  method: string,
  retriesSoFar: number,
  retriesOn500SoFar: number,
  settings: RetrySettings
): boolean => {
  if (retriesSoFar >= settings.maxRetries) return false
  const idempotent = IDEMPOTENT.has(method)
  switch (failure.kind) {
    case "final":
      return false
    case "timeout":
      return idempotent
    case "network":
      return idempotent || failure.refused
    case "status":
      if (!RETRYABLE_STATUS.has(failure.status)) return false
      if (failure.status === 429) return true
      if (!idempotent) return false
      return failure.status !== 500 || retriesOn500SoFar < settings.maxRetriesOn500
  }
}

/**
 * Parses a `Retry-After` header: delay-seconds (`"2"`, `"0"`, `"1.5"`) or an HTTP date.
 * Returns milliseconds from `nowMs` (0 for a date in the past), or undefined when absent or unreadable.
 *
 * @example
 * ```ts
 * parseRetryAfter("2", 0) // 2000
 * parseRetryAfter("Wed, 21 Oct 2015 07:28:05 GMT", Date.parse("Wed, 21 Oct 2015 07:28:00 GMT")) // 5000
 * ```
 */
export const parseRetryAfter = (header: string | null | undefined, nowMs: number): number | undefined => {
  if (header === null || header === undefined) return undefined
  const text = header.trim()
  if (text === "") return undefined
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000)
  // HTTP dates always name a day or month; this keeps Date.parse from reading "-3" as a year.
  if (!/[A-Za-z]{3}/.test(text)) return undefined
  const at = Date.parse(text)
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs)
}

/**
 * How long to wait before retry number `retry` (1-based).
 * A positive `Retry-After` is honoured exactly (capped at `maxRetryAfterMs`, floored at `minDelayMs`);
 * otherwise full jitter: uniform in [0, min(maxDelayMs, baseDelayMs * 2^(retry-1))), floored at `minDelayMs`.
 *
 * @example
 * ```ts
 * retryDelayMs({ retry: 1, retryAfterMs: 2000, random: Math.random, settings: DEFAULT_RETRY }) // 2000
 * retryDelayMs({ retry: 3, random: () => 0.5, settings: DEFAULT_RETRY }) // 500 (half of 250 * 4)
 * ```
 */
export const retryDelayMs = (input: {
  readonly retry: number
  readonly retryAfterMs?: number
  readonly random: () => number
  readonly settings: RetrySettings
}): number => {
  const { settings } = input
  if (input.retryAfterMs !== undefined && input.retryAfterMs > 0) {
    return Math.max(settings.minDelayMs, Math.min(settings.maxRetryAfterMs, input.retryAfterMs))
  }
  const ceiling = Math.min(settings.maxDelayMs, settings.baseDelayMs * 2 ** (input.retry - 1))
  return Math.max(settings.minDelayMs, Math.floor(input.random() * ceiling))
}
