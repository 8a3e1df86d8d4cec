import { describe, expect, it } from "vitest"
import { DEFAULT_RETRY, parseRetryAfter, retryDelayMs, shouldRetry } from "../src/retry-policy.js"

const settings = { ...DEFAULT_RETRY, maxRetries: 5, maxRetriesOn500: 2 }

describe("parseRetryAfter", () => {
  it("reads delay-seconds", () => {
    expect(parseRetryAfter("2", 0)).toBe(2000)
    expect(parseRetryAfter(" 0 ", 0)).toBe(0)
    expect(parseRetryAfter("1.5", 0)).toBe(1500)
  })

  it("reads an HTTP date relative to now, and a past date as 0", () => {
    const now = Date.parse("Wed, 21 Oct 2015 07:28:00 GMT")
    expect(parseRetryAfter("Wed, 21 Oct 2015 07:28:05 GMT", now)).toBe(5000)
    expect(parseRetryAfter("Wed, 21 Oct 2015 07:27:00 GMT", now)).toBe(0)
  })

  it("ignores missing or unreadable values", () => {
    expect(parseRetryAfter(null, 0)).toBeUndefined()
    expect(parseRetryAfter("", 0)).toBeUndefined()
    expect(parseRetryAfter("soon", 0)).toBeUndefined()
    expect(parseRetryAfter("-3", 0)).toBeUndefined()
  })
})

describe("retryDelayMs", () => {
  it("honours a positive Retry-After exactly, capped", () => {
    expect(retryDelayMs({ retry: 1, retryAfterMs: 2000, random: () => 0.99, settings })).toBe(2000)
    expect(retryDelayMs({ retry: 1, retryAfterMs: 3_600_000, random: () => 0, settings })).toBe(
      settings.maxRetryAfterMs
    )
  })

  it("never spins on Retry-After 0: falls back to backoff with a floor", () => {
    expect(retryDelayMs({ retry: 1, retryAfterMs: 0, random: () => 0, settings })).toBe(settings.minDelayMs)
    expect(retryDelayMs({ retry: 3, retryAfterMs: 0, random: () => 0.5, settings })).toBe(500)
  })

  it("uses exponential backoff with full jitter, capped at maxDelayMs", () => {
    const at = (retry: number, random: number) => retryDelayMs({ retry, random: () => random, settings })
    expect(at(1, 0.999)).toBe(249)
    expect(at(2, 0.999)).toBe(499)
    expect(at(4, 0.5)).toBe(1000)
    expect(at(20, 0.5)).toBe(settings.maxDelayMs / 2)
    expect(at(2, 0)).toBe(settings.minDelayMs)
  })
})

describe("shouldRetry", () => {
  const status = (code: number) => ({ kind: "status" as const, status: code })

  it("retries 429, 502, 503, 504, timeouts and network errors", () => {
    for (const code of [429, 502, 503, 504]) expect(shouldRetry(status(code), "GET", 0, 0, settings)).toBe(true)
    expect(shouldRetry({ kind: "timeout" }, "GET", 0, 0, settings)).toBe(true)
    expect(shouldRetry({ kind: "network", refused: false }, "GET", 0, 0, settings)).toBe(true)
  })

  it("never retries 400, 401, 403, 404, 501", () => {
    for (const code of [400, 401, 403, 404, 501]) expect(shouldRetry(status(code), "GET", 0, 0, settings)).toBe(false)
  })

  it("retries a 500 at most maxRetriesOn500 times", () => {
    expect(shouldRetry(status(500), "GET", 0, 0, settings)).toBe(true)
    expect(shouldRetry(status(500), "GET", 1, 1, settings)).toBe(true)
    expect(shouldRetry(status(500), "GET", 2, 2, settings)).toBe(false)
  })

  it("stops after maxRetries", () => {
    expect(shouldRetry(status(503), "GET", 4, 0, settings)).toBe(true)
    expect(shouldRetry(status(503), "GET", 5, 0, settings)).toBe(false)
  })

  it("retries a POST only where the server certainly did not act", () => {
    expect(shouldRetry(status(429), "POST", 0, 0, settings)).toBe(true)
    expect(shouldRetry({ kind: "network", refused: true }, "POST", 0, 0, settings)).toBe(true)
    expect(shouldRetry(status(503), "POST", 0, 0, settings)).toBe(false)
    expect(shouldRetry({ kind: "network", refused: false }, "POST", 0, 0, settings)).toBe(false)
    expect(shouldRetry({ kind: "timeout" }, "POST", 0, 0, settings)).toBe(false)
  })
})
