/**
 * The hand-written transport beneath everything the client sends (stripe-node style): the shared
 * limiter, the API key header, a timeout per attempt, retries with backoff and full jitter, and
 * classification into typed errors. The generated ky client reaches it through `asFetch`, and
 * `get`/pagination call `send` directly, so every request of a client shares one limiter.
 */

import type { AdaptiveRate } from "./adaptive-rate.js"
import {
  Aborted,
  BadRequest,
  BadResponse,
  BodyTimeout,
  type CcError,
  Forbidden,
  Network,
  NotFound,
  NotImplemented,
  RateLimited,
  ResponseTooLarge,
  ServerError,
  Timeout,
  Unauthorized
} from "./errors.js"
import type { RequestLimiter } from "./limiter.js"
import type { CcLogger, Scrub } from "./logger.js"
import type { MetricsRecorder } from "./metrics.js"
import { checkTop } from "./odata.js"
import { readBody } from "./read-body.js"
import { type AttemptFailure, parseRetryAfter, type RetrySettings, retryDelayMs, shouldRetry } from "./retry-policy.js"
import { linkSignals } from "./signals.js"
import { WaitAborted } from "./sleep.js"

export interface TransportSettings {
  readonly baseUrl: URL
  readonly apiKey: string
  readonly apiKeyHeader: string
  readonly timeoutMs: number
  readonly bodyTimeoutMs: number
  readonly maxResponseBytes: number
  readonly retry: RetrySettings
  readonly limiter: RequestLimiter
  /** The adaptive rate fed with every answer; undefined for a fixed rate. */
  readonly adaptive: AdaptiveRate | undefined
  readonly signal: AbortSignal | undefined
  readonly logger: CcLogger | undefined
  readonly scrub: Scrub
  readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>
  readonly random: () => number
  readonly now: () => number
  readonly fetch: typeof globalThis.fetch
  readonly metrics: MetricsRecorder
}

export interface TransportRequest {
  readonly method: string
  readonly url: URL
  readonly body?: Uint8Array
  readonly contentType?: string
  readonly signal?: AbortSignal
}

export interface TransportResponse {
  readonly status: number
  readonly headers: Headers
  readonly text: string
  readonly attempts: number
}

type Attempt =
  | { readonly kind: "response"; readonly status: number; readonly headers: Headers; readonly text: string }
  | { readonly kind: "timeout" }
  | { readonly kind: "aborted" }
  | { readonly kind: "network"; readonly detail: string; readonly refused: boolean }
  /** A 2xx whose body did not arrive in full within `bodyTimeoutMs`. */
  | { readonly kind: "body-timeout"; readonly status: number; readonly encoding: string | undefined }
  /** A 2xx whose body is above `maxResponseBytes`. */
  | { readonly kind: "too-large"; readonly status: number; readonly declared: number | undefined }
  /** A 2xx whose body could not be decoded (e.g. `Content-Encoding: gzip` over plain bytes). */
  | {
      readonly kind: "undecodable"
      readonly status: number
      readonly encoding: string | undefined
      readonly detail: string
    }

export interface Transport {
  /** One logical request: waits for the limiter, retries per policy, resolves on 2xx, rejects with a `CcError`. */
  send(request: TransportRequest): Promise<TransportResponse>
  /** The API path of a URL (base path and query removed), as errors and logs show it. */
  apiPath(url: URL): string
  /** Removes the key from text that came from the server. */
  scrub(text: string): string
}

const DETAIL_LIMIT = 300

/** What the server said in an error body: its `message` when JSON has one, else the start of the text. */
const excerpt = (text: string, scrub: Scrub): string | undefined => {
  const trimmed = text.trim()
  if (trimmed === "") return undefined
  let said = trimmed
  if (trimmed.startsWith("{")) {
    try {
      const body = JSON.parse(trimmed) as Record<string, unknown>
      const message = body.message ?? body.Message ?? body.error ?? body.Error
      if (typeof message === "string") said = message
    } catch {
      // not JSON after all: keep the text
    }
  }
  const flat = scrub(said.replace(/\s+/g, " "))
  return flat.length > DETAIL_LIMIT ? `${flat.slice(0, DETAIL_LIMIT)}...` : flat
}

const describeNetworkError = (error: unknown): { detail: string; refused: boolean } => {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | undefined)?.cause
  const code = typeof cause?.code === "string" ? cause.code : undefined
  const message = typeof cause?.message === "string" ? cause.message : error instanceof Error ? error.message : "failed"
  return { detail: code ?? message, refused: code === "ECONNREFUSED" }
}

/**
 * @example
 * ```ts
 * const transport = createTransport(settings)
 * const { text } = await transport.send({ method: "GET", url: new URL("https://host/CCSWEB/api/v1/instance/details") })
 * ```
 */
export const createTransport = (settings: TransportSettings): Transport => {
  const basePath = settings.baseUrl.pathname.replace(/\/+$/, "")
  const baseUrlText = `${settings.baseUrl.origin}${basePath}`

  const apiPath = (url: URL): string =>
    settings.scrub(
      basePath !== "" && url.pathname.startsWith(basePath) ? url.pathname.slice(basePath.length) : url.pathname
    )

  const attemptOnce = async (request: TransportRequest, signal: AbortSignal): Promise<Attempt> => {
    const controller = new AbortController()
    let timedOut = false
    const onAbort = () => controller.abort()
    signal.addEventListener("abort", onAbort, { once: true })
    const timer = setTimeout(() => {
      timedOut = true
      controller.abort()
    }, settings.timeoutMs)
    const headers: Record<string, string> = { accept: "application/json", [settings.apiKeyHeader]: settings.apiKey }
    if (request.contentType !== undefined) headers["content-type"] = request.contentType
    try {
      const response = await settings.fetch(request.url, {
        method: request.method,
        headers,
        body: request.body,
        signal: controller.signal,
        // A redirect would carry the key header to wherever it points: report it instead.
        redirect: "manual"
      })
      const status = response.status
      const ok = status >= 200 && status < 300
      const body = await readBody(response, {
        maxBytes: settings.maxResponseBytes,
        timeoutMs: settings.bodyTimeoutMs,
        signal: controller.signal
      })
      // Whatever is left of a body we stopped reading goes with its connection.
      if (body.kind !== "text") controller.abort()
      switch (body.kind) {
        case "text":
          return { kind: "response", status, headers: response.headers, text: body.text }
        case "aborted":
          if (signal.aborted) return { kind: "aborted" }
          return { kind: "timeout" }
        case "failed":
          throw body.error
        default:
          // An error status keeps its meaning (and its retries) whatever its body was.
          if (!ok) return { kind: "response", status, headers: response.headers, text: "" }
          if (body.kind === "too-large") return { kind: "too-large", status, declared: body.declared }
          if (body.kind === "body-timeout") return { kind: "body-timeout", status, encoding: body.encoding }
          return { kind: "undecodable", status, encoding: body.encoding, detail: body.detail }
      }
    } catch (error) {
      if (signal.aborted) return { kind: "aborted" }
      if (timedOut) return { kind: "timeout" }
      return { kind: "network", ...describeNetworkError(error) }
    } finally {
      clearTimeout(timer)
      signal.removeEventListener("abort", onAbort)
    }
  }

  /** Origin, base path and API path: the URL an error names (no query string, so never a key in one). */
  const urlText = (url: URL): string => `${settings.baseUrl.origin}${settings.scrub(url.pathname)}`

  const toError = (request: TransportRequest, attempt: Attempt, attempts: number, retryAfterMs?: number): CcError => {
    const base = { method: request.method, path: apiPath(request.url), attempts }
    switch (attempt.kind) {
      case "aborted":
        return new Aborted(base)
      case "timeout":
        return new Timeout({ ...base, timeoutMs: settings.timeoutMs })
      case "network":
        return new Network({ ...base, origin: settings.baseUrl.origin, detail: attempt.detail })
      case "body-timeout":
        return new BodyTimeout({
          ...base,
          status: attempt.status,
          url: urlText(request.url),
          bodyTimeoutMs: settings.bodyTimeoutMs,
          ...(attempt.encoding === undefined ? {} : { contentEncoding: attempt.encoding })
        })
      case "too-large":
        return new ResponseTooLarge({
          ...base,
          status: attempt.status,
          url: urlText(request.url),
          maxResponseBytes: settings.maxResponseBytes,
          ...(attempt.declared === undefined ? {} : { contentLength: attempt.declared })
        })
      case "undecodable":
        return new BadResponse({
          ...base,
          status: attempt.status,
          reason: `a body that could not be decoded (Content-Encoding: ${attempt.encoding ?? "none"}; ${attempt.detail}): the server's compression label does not match its bytes, so check the CC host's (IIS) compression settings or a proxy in between`
        })
      case "response": {
        const status = attempt.status
        const detail = excerpt(attempt.text, settings.scrub)
        const fields = detail === undefined ? { ...base, status } : { ...base, status, detail }
        if (status >= 300 && status < 400) {
          const location = settings.scrub(attempt.headers.get("location") ?? "an unnamed location")
          return new BadResponse({ ...base, status, reason: `a redirect to ${location} (not followed)` })
        }
        if (status === 401) return new Unauthorized({ ...fields, apiKeyHeader: settings.apiKeyHeader })
        if (status === 403) return new Forbidden(fields)
        if (status === 404) return new NotFound({ ...fields, baseUrl: baseUrlText })
        if (status === 408) return new Timeout({ ...base, status, timeoutMs: settings.timeoutMs })
        if (status === 429) return new RateLimited(retryAfterMs === undefined ? fields : { ...fields, retryAfterMs })
        if (status === 501) return new NotImplemented(fields)
        if (status >= 500) return new ServerError(fields)
        return new BadRequest(fields)
      }
    }
  }

  const failureOf = (attempt: Exclude<Attempt, { kind: "aborted" }>): AttemptFailure => {
    switch (attempt.kind) {
      case "timeout":
      case "body-timeout":
        return { kind: "timeout" }
      case "too-large":
      case "undecodable":
        return { kind: "final" }
      case "network":
        return { kind: "network", refused: attempt.refused }
      case "response": {
        const retryAfterMs = parseRetryAfter(attempt.headers.get("retry-after"), settings.now())
        return retryAfterMs === undefined
          ? { kind: "status", status: attempt.status }
          : { kind: "status", status: attempt.status, retryAfterMs }
      }
    }
  }

  const send = async (request: TransportRequest): Promise<TransportResponse> => {
    checkTop(request.url.searchParams.get("$top") ?? undefined, { method: request.method, path: apiPath(request.url) })
    const linked = linkSignals([settings.signal, request.signal])
    const metrics = settings.metrics
    metrics.requestStarted()
    let attempts = 0
    let retries = 0
    let retriesOn500 = 0
    try {
      for (;;) {
        let release: () => void
        try {
          release = await settings.limiter.acquire(linked.signal)
        } catch (error) {
          if (error instanceof WaitAborted) throw toError(request, { kind: "aborted" }, attempts)
          throw error
        }
        attempts++
        metrics.attemptStarted()
        let outcome = "error"
        let attempt: Attempt
        const startedAt = performance.now()
        try {
          attempt = await attemptOnce(request, linked.signal)
          outcome = attempt.kind === "response" ? String(attempt.status) : attempt.kind
        } finally {
          release()
          metrics.attemptEnded(outcome)
        }
        if (settings.logger !== undefined) {
          const ms = Math.round(performance.now() - startedAt)
          const status = "status" in attempt ? attempt.status : undefined
          settings.logger.debug(
            `CC ${request.method} ${settings.scrub(request.url.href)} -> ${status ?? attempt.kind} in ${ms} ms`,
            {
              method: request.method,
              url: settings.scrub(request.url.href),
              ...(status === undefined ? {} : { status }),
              outcome: attempt.kind,
              ms,
              attempt: attempts
            }
          )
        }
        const isLimited = attempt.kind === "response" && attempt.status === 429
        if (isLimited) settings.adaptive?.rateLimited()
        if (attempt.kind === "response" && attempt.status >= 200 && attempt.status < 300) {
          settings.adaptive?.answered(performance.now() - startedAt)
          return { status: attempt.status, headers: attempt.headers, text: attempt.text, attempts }
        }
        if (attempt.kind === "aborted") throw toError(request, attempt, attempts)
        const failure = failureOf(attempt)
        const retryAfterMs = failure.kind === "status" ? failure.retryAfterMs : undefined
        if (!shouldRetry(failure, request.method, retries, retriesOn500, settings.retry)) {
          const error = toError(request, attempt, attempts, retryAfterMs)
          settings.logger?.debug("CC request failed", {
            method: request.method,
            path: error.path,
            error: error._tag,
            status: error.status,
            attempts
          })
          throw error
        }
        retries++
        if (failure.kind === "status" && failure.status === 500) retriesOn500++
        const delayMs = retryDelayMs({
          retry: retries,
          retryAfterMs,
          random: settings.random,
          settings: settings.retry
        })
        metrics.retried()
        if (settings.logger !== undefined) {
          const path = apiPath(request.url)
          const outcome = attempt.kind === "response" ? attempt.status : attempt.kind
          const maxAttempts = settings.retry.maxRetries + 1
          settings.logger.warn(
            `CC ${request.method} ${path} answered ${outcome} (attempt ${attempts} of ${maxAttempts}); retrying in ${delayMs} ms`,
            {
              method: request.method,
              path,
              ...(attempt.kind === "response" ? { status: attempt.status } : {}),
              outcome,
              attempt: attempts,
              maxAttempts,
              waitMs: delayMs,
              ...(retryAfterMs === undefined ? {} : { retryAfterMs })
            }
          )
        }
        try {
          // A 429 is about the client, not this request: the whole limiter pauses (this request
          // waits for the pause when it asks the limiter again); other failures wait on their own.
          if (isLimited) settings.limiter.pauseFor(delayMs)
          else await settings.sleep(delayMs, linked.signal)
        } catch (error) {
          if (linked.signal.aborted) throw toError(request, { kind: "aborted" }, attempts)
          throw error
        }
        if (linked.signal.aborted) throw toError(request, { kind: "aborted" }, attempts)
      }
    } finally {
      linked.dispose()
    }
  }

  return { send, apiPath, scrub: settings.scrub }
}
