import { getEventListeners } from "node:events"
import { beforeEach, describe, expect, it } from "vitest"
import {
  Aborted,
  BadRequest,
  BadResponse,
  Forbidden,
  InvalidQuery,
  isPermanent,
  Network,
  NotFound,
  NotImplemented,
  RateLimited,
  ServerError,
  Timeout
} from "../src/errors.js"
import { clientFor, rejection, until, useSandbox } from "./support/sandbox.js"

const sandbox = useSandbox()
const DETAILS = "/api/v1/instance/details"
const STUDIES = "/api/v1/studies/odata"

beforeEach(() => {
  sandbox.current.setFaults({})
  sandbox.current.resetStats()
})

const seen = () => sandbox.current.stats()

describe("Retry-After", () => {
  it("honours seconds", async () => {
    const { client, waits } = clientFor(sandbox.current)
    sandbox.current.enqueueFaults([{ status: 429, retryAfter: "2", pathPrefix: STUDIES }])
    const studies = await client.get(STUDIES, { query: { $top: 2 } })
    expect(studies).toHaveLength(2)
    expect(waits).toEqual([2000])
    expect(seen().byStatus["429"]).toBe(1)
  })

  it("honours an HTTP date, measured against the client's clock", async () => {
    const now = Date.parse("Tue, 03 Jun 2025 10:00:00 GMT")
    const { client, waits } = clientFor(sandbox.current, { now: () => now })
    sandbox.current.enqueueFaults([{ status: 503, retryAfter: "Tue, 03 Jun 2025 10:00:07 GMT", pathPrefix: STUDIES }])
    await client.get(STUDIES, { query: { $top: 1 } })
    expect(waits).toEqual([7000])
  })

  it("does not spin on Retry-After: 0 (waits at least the floor, growing with backoff)", async () => {
    const { client, waits } = clientFor(sandbox.current, { random: () => 0, retry: { minDelayMs: 100 } })
    sandbox.current.enqueueFaults([
      { status: 429, retryAfter: "0", pathPrefix: STUDIES },
      { status: 429, retryAfter: "0", pathPrefix: STUDIES }
    ])
    await client.get(STUDIES, { query: { $top: 1 } })
    expect(waits).toEqual([100, 100])
    expect(waits.every((ms) => ms > 0)).toBe(true)
  })

  it("caps a long Retry-After", async () => {
    const { client, waits } = clientFor(sandbox.current, { retry: { maxRetryAfterMs: 5000 } })
    sandbox.current.enqueueFaults([{ status: 429, retryAfter: "3600", pathPrefix: STUDIES }])
    await client.get(STUDIES, { query: { $top: 1 } })
    expect(waits).toEqual([5000])
  })

  it("gives up with RateLimited after maxRetries, carrying the attempts and the last hint", async () => {
    const { client, waits } = clientFor(sandbox.current, { maxRetries: 2 })
    sandbox.current.enqueueFaults(
      Array.from({ length: 3 }, () => ({ status: 429, retryAfter: "1", pathPrefix: STUDIES }))
    )
    const error = await rejection(client.get(STUDIES))
    expect(error).toBeInstanceOf(RateLimited)
    expect(error).toMatchObject({ _tag: "RateLimited", status: 429, attempts: 3, retryAfterMs: 1000, path: STUDIES })
    expect(waits).toEqual([1000, 1000])
    expect(seen().byStatus["429"]).toBe(3)
  })
})

describe("transient failures", () => {
  it("retries 502, 503 and 504 with exponential backoff and full jitter", async () => {
    const { client, waits } = clientFor(sandbox.current, { random: () => 0.5 })
    sandbox.current.enqueueFaults([502, 503, 504].map((status) => ({ status, pathPrefix: STUDIES })))
    await client.get(STUDIES, { query: { $top: 1 } })
    expect(waits).toEqual([125, 250, 500])
    expect(client.metrics()).toMatchObject({ requests: 1, attempts: 4, retries: 3 })
  })

  it("retries a 500 only twice", async () => {
    const { client } = clientFor(sandbox.current)
    sandbox.current.enqueueFaults(Array.from({ length: 4 }, () => ({ status: 500, pathPrefix: STUDIES })))
    const error = await rejection(client.get(STUDIES))
    expect(error).toBeInstanceOf(ServerError)
    expect(error).toMatchObject({ status: 500, attempts: 3 })
    expect(seen().byStatus["500"]).toBe(3)
  })

  it("retries a connection reset", async () => {
    const { client } = clientFor(sandbox.current)
    sandbox.current.enqueueFaults([{ reset: true, pathPrefix: STUDIES }])
    await client.get(STUDIES, { query: { $top: 1 } })
    expect(client.metrics().byStatus).toMatchObject({ network: 1, "200": 1 })
  })

  it("reports Network with the origin when nothing listens", async () => {
    const { client } = clientFor(sandbox.current, { baseUrl: "http://127.0.0.1:9", maxRetries: 1 })
    const error = await rejection(client.get(DETAILS))
    expect(error).toBeInstanceOf(Network)
    expect((error as Network).message).toContain("http://127.0.0.1:9")
    expect(error).toMatchObject({ attempts: 2 })
  })

  it("times out an attempt that takes too long, and retries it", async () => {
    // Generous enough that the second, normal answer never times out on a busy machine.
    const { client } = clientFor(sandbox.current, { timeoutMs: 2000 })
    sandbox.current.enqueueFaults([{ delayMs: 30_000, pathPrefix: STUDIES }])
    await client.get(STUDIES, { query: { $top: 1 } })
    expect(client.metrics().byStatus).toMatchObject({ timeout: 1, "200": 1 })
  })

  it("reports Timeout when every attempt times out", async () => {
    const { client } = clientFor(sandbox.current, { timeoutMs: 100, maxRetries: 1 })
    sandbox.current.enqueueFaults([
      { delayMs: 3000, pathPrefix: STUDIES },
      { delayMs: 3000, pathPrefix: STUDIES }
    ])
    const error = await rejection(client.get(STUDIES))
    expect(error).toBeInstanceOf(Timeout)
    expect(error).toMatchObject({ attempts: 2, timeoutMs: 100 })
    expect((error as Timeout).message).toContain("raise timeoutMs")
  })
})

describe("permanent errors are never retried", () => {
  it("404 for a path the spec does not have: NotFound after one request, naming base URL and endpoint", async () => {
    const { client, waits } = clientFor(sandbox.current)
    const error = await rejection(client.getUntyped("/api/v1/no-such-thing"))
    expect(error).toBeInstanceOf(NotFound)
    expect(error).toMatchObject({ status: 404, attempts: 1, method: "GET", path: "/api/v1/no-such-thing" })
    expect((error as NotFound).message).toContain("check the base URL")
    expect(isPermanent(error as NotFound)).toBe(true)
    expect(waits).toEqual([])
    expect(seen().requests).toBe(1)
  })

  it("404 for a parent that does not exist", async () => {
    const { client } = clientFor(sandbox.current)
    const error = await rejection(
      client.get("/api/v1/studies/{studyId}/subjects/odata", { params: { studyId: 999999 } })
    )
    expect(error).toMatchObject({ _tag: "NotFound", attempts: 1, path: "/api/v1/studies/999999/subjects/odata" })
    expect(seen().requests).toBe(1)
  })

  it("501 for a CCE-only endpoint: NotImplemented after one request", async () => {
    const { client } = clientFor(sandbox.current)
    const error = await rejection(client.get("/api/v1/engagements/odata"))
    expect(error).toBeInstanceOf(NotImplemented)
    expect(error).toMatchObject({ status: 501, attempts: 1 })
    expect(seen().requests).toBe(1)
  })

  it("400 and 403: BadRequest and Forbidden after one request each", async () => {
    const { client, waits } = clientFor(sandbox.current)
    sandbox.current.enqueueFaults([
      { status: 400, body: '{"message":"bad $filter"}', pathPrefix: STUDIES },
      { status: 403, pathPrefix: STUDIES }
    ])
    const bad = await rejection(client.get(STUDIES))
    expect(bad).toBeInstanceOf(BadRequest)
    expect((bad as BadRequest).message).toContain("bad $filter")
    expect(await rejection(client.get(STUDIES))).toBeInstanceOf(Forbidden)
    expect(waits).toEqual([])
    expect(seen().requests).toBe(2)
  })

  it("a 200 that is not JSON is a BadResponse, not retried", async () => {
    const { client } = clientFor(sandbox.current)
    sandbox.current.enqueueFaults([{ invalidJson: true, pathPrefix: STUDIES }])
    const error = await rejection(client.get(STUDIES))
    expect(error).toBeInstanceOf(BadResponse)
    expect((error as BadResponse).message).toContain("not JSON")
    expect(error).toMatchObject({ attempts: 1, status: 200 })
  })

  it("$top above 1000 is an InvalidQuery before any request", async () => {
    const { client } = clientFor(sandbox.current)
    const error = await rejection(client.get(STUDIES, { query: { $top: 1001 } }))
    expect(error).toBeInstanceOf(InvalidQuery)
    expect(error).toMatchObject({ attempts: 0 })
    expect(seen().requests).toBe(0)
  })
})

describe("abort", () => {
  it("cancels an in-flight request", async () => {
    const { client } = clientFor(sandbox.current)
    sandbox.current.enqueueFaults([{ delayMs: 10_000, pathPrefix: STUDIES }])
    const controller = new AbortController()
    const pending = rejection(client.get(STUDIES, { signal: controller.signal }))
    await until(() => client.metrics().inFlight === 1, "the request to be in flight")
    controller.abort()
    const error = await pending
    expect(error).toBeInstanceOf(Aborted)
    expect(error).toMatchObject({ attempts: 1 })
    expect(client.metrics()).toMatchObject({ inFlight: 0, attempts: 1, byStatus: { aborted: 1 } })
  })

  it("cancels a pending retry wait, and no further attempt is made", async () => {
    let waiting = 0
    const sleep = (_ms: number, signal?: AbortSignal) =>
      new Promise<void>((_, reject) => {
        waiting++
        signal?.addEventListener("abort", () => reject(new Error("aborted")), { once: true })
      })
    const controller = new AbortController()
    const { client } = clientFor(sandbox.current, { sleep, signal: controller.signal })
    sandbox.current.enqueueFaults([{ status: 503, pathPrefix: STUDIES }])
    const pending = rejection(client.get(STUDIES))
    await until(() => waiting === 1, "the retry wait")
    controller.abort()
    const error = await pending
    expect(error).toBeInstanceOf(Aborted)
    expect(error).toMatchObject({ attempts: 1 })
    expect(seen().requests).toBe(1)
    expect(await rejection(client.get(DETAILS))).toBeInstanceOf(Aborted)
    expect(seen().requests).toBe(1)
  })

  it("a client signal takes one listener, however many requests are in flight or queued", async () => {
    const controller = new AbortController()
    const { client } = clientFor(sandbox.current, { signal: controller.signal, concurrency: 4 })
    const warnings: Array<string> = []
    const onWarning = (warning: Error) => warnings.push(warning.name)
    process.on("warning", onWarning)
    try {
      await Promise.all(Array.from({ length: 40 }, () => client.get(DETAILS)))
      // Warnings are emitted on the next tick.
      await new Promise((resolve) => setImmediate(resolve))
    } finally {
      process.off("warning", onWarning)
    }
    expect(warnings).not.toContain("MaxListenersExceededWarning")
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(1)
    controller.abort()
    expect(await rejection(client.get(DETAILS))).toBeInstanceOf(Aborted)
  })

  it("cancels a wait for a limiter slot", async () => {
    const { client } = clientFor(sandbox.current, { concurrency: 1 })
    sandbox.current.enqueueFaults([{ delayMs: 500, pathPrefix: STUDIES }])
    const first = client.get(STUDIES, { query: { $top: 1 } })
    await until(() => client.metrics().inFlight === 1, "the first request to hold the only slot")
    const controller = new AbortController()
    const second = rejection(client.get(DETAILS, { signal: controller.signal }))
    controller.abort()
    expect(await second).toMatchObject({ _tag: "Aborted", attempts: 0 })
    await first
    expect(client.metrics().attempts).toBe(1)
  })
})
