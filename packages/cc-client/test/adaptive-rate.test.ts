/**
 * The adaptive rate over real HTTP against the sandbox: it climbs toward a hidden limit and
 * settles near it without a storm of 429s, a 429 pauses every request of the client, the ceiling
 * holds, and rising latency lowers the rate. Rates and limits are small so each test takes seconds.
 */
import { afterEach, describe, expect, it } from "vitest"
import type { CcClient } from "../src/client.js"
import { InvalidOptions } from "../src/errors.js"
import { clientFor, rejection, until, useSandbox } from "./support/sandbox.js"

const DETAILS = "/api/v1/instance/details"

const sandbox = useSandbox()

afterEach(() => {
  sandbox.current.setFaults({})
})

/** Sends `count` requests through `workers` concurrent loops; returns the client's rate after each answer. */
const drive = async (client: CcClient, count: number, workers = 4): Promise<number[]> => {
  const rates: number[] = []
  let left = count
  const worker = async () => {
    while (left > 0) {
      left--
      await client.get(DETAILS)
      rates.push(client.currentRequestsPerSecond())
    }
  }
  await Promise.all(Array.from({ length: workers }, worker))
  return rates
}

/** A real sleep (the server's bucket must refill) whose waits are recorded. */
const recordedRealSleep = () => {
  const waits: number[] = []
  const sleep = (ms: number, signal?: AbortSignal) =>
    new Promise<void>((resolve, reject) => {
      waits.push(ms)
      if (signal?.aborted) return reject(new Error("aborted"))
      setTimeout(resolve, ms)
    })
  return { waits, sleep }
}

describe("adaptive rate", () => {
  it("rises toward a hidden limit and settles at >= 0.8 of it without a storm of 429s", async () => {
    const hidden = 40
    sandbox.current.setFaults({ rateLimitRps: hidden })
    const { sleep } = recordedRealSleep()
    const { client } = clientFor(sandbox.current, {
      requestsPerSecond: 10,
      maxRequestsPerSecond: 2 * hidden,
      adaptiveRate: { step: 15 },
      sleep
    })
    const rates = await drive(client, 240)
    expect(Math.max(...rates)).toBeGreaterThanOrEqual(hidden)
    expect(Math.max(...rates)).toBeLessThanOrEqual(2 * hidden)
    const settled = rates.slice(Math.floor((rates.length * 2) / 3))
    const mean = settled.reduce((sum, rate) => sum + rate, 0) / settled.length
    expect(mean).toBeGreaterThanOrEqual(0.8 * hidden)
    const metrics = client.metrics()
    expect((metrics.byStatus["429"] ?? 0) / metrics.attempts).toBeLessThanOrEqual(0.05)
    expect(metrics.rateChanges.increases).toBeGreaterThan(0)
    expect(metrics.requestsPerSecond).toBe(client.currentRequestsPerSecond())
  })

  it("never goes above maxRequestsPerSecond", async () => {
    const { client } = clientFor(sandbox.current, {
      requestsPerSecond: 10,
      maxRequestsPerSecond: 20,
      adaptiveRate: { step: 10 },
      sleep: recordedRealSleep().sleep
    })
    const rates = await drive(client, 60)
    expect(Math.max(...rates)).toBe(20)
    expect(client.currentRequestsPerSecond()).toBe(20)
  })

  it("halves the rate when latency rises", async () => {
    const { client } = clientFor(sandbox.current, {
      requestsPerSecond: 20,
      maxRequestsPerSecond: 40,
      adaptiveRate: { step: 1 },
      sleep: recordedRealSleep().sleep
    })
    await drive(client, 30, 2)
    const before = client.currentRequestsPerSecond()
    sandbox.current.setFaults({ latencyMs: 200 })
    await drive(client, 8, 2)
    expect(client.metrics().rateChanges.decreases).toBeGreaterThanOrEqual(1)
    expect(client.currentRequestsPerSecond()).toBeLessThanOrEqual(before / 2)
  })

  it("continues from a learned rate, within the floor and the ceiling", () => {
    const { client } = clientFor(sandbox.current, { requestsPerSecond: 10, maxRequestsPerSecond: 50 })
    expect(client.adaptiveRate).toBe(true)
    expect(client.startFromRate(33)).toBe(33)
    expect(client.startFromRate(500)).toBe(50)
    expect(client.startFromRate(Number.NaN)).toBe(50)
    const fixed = clientFor(sandbox.current, { requestsPerSecond: 10 }).client
    expect(fixed.adaptiveRate).toBe(false)
    expect(fixed.startFromRate(33)).toBe(10)
  })

  it("is off unless the ceiling is above the start rate, and checks its options", () => {
    const fixed = clientFor(sandbox.current, { requestsPerSecond: 10, maxRequestsPerSecond: 5 }).client
    expect(fixed.currentRequestsPerSecond()).toBe(5)
    expect(clientFor(sandbox.current, { requestsPerSecond: 10 }).client.currentRequestsPerSecond()).toBe(10)
    expect(() => clientFor(sandbox.current, { maxRequestsPerSecond: -1 })).toThrow(InvalidOptions)
    expect(() =>
      clientFor(sandbox.current, { requestsPerSecond: 1, maxRequestsPerSecond: 2, adaptiveRate: { step: 0 } })
    ).toThrow(InvalidOptions)
  })
})

describe("a 429 pauses the whole client", () => {
  it("holds back every request until its Retry-After has passed", async () => {
    const pauses: Array<{ ms: number; resume: () => void }> = []
    const sleep = (ms: number) => new Promise<void>((resume) => pauses.push({ ms, resume }))
    const { client } = clientFor(sandbox.current, { sleep })
    sandbox.current.enqueueFaults([{ status: 429, retryAfter: "2" }])
    const first = client.get(DETAILS)
    await until(() => pauses.length === 1, "the pause")
    expect(pauses[0]?.ms).toBe(2000)
    const others = [client.get(DETAILS), client.get(DETAILS), client.get(DETAILS)]
    // Real time for the others to reach the server, were they not held back.
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect(client.metrics().attempts).toBe(1)
    pauses[0]?.resume()
    await Promise.all([first, ...others])
    const metrics = client.metrics()
    expect(metrics.attempts).toBe(5)
    expect(metrics.byStatus).toEqual({ "200": 4, "429": 1 })
  })

  it("lets a request held by a pause be aborted", async () => {
    const sleep = () => new Promise<void>(() => {})
    const { client } = clientFor(sandbox.current, { sleep })
    sandbox.current.enqueueFaults([{ status: 429, retryAfter: "5" }])
    void client.get(DETAILS).catch(() => undefined)
    await until(() => client.metrics().byStatus["429"] === 1, "the 429")
    const controller = new AbortController()
    const held = client.get(DETAILS, { signal: controller.signal })
    controller.abort()
    expect(await rejection(held)).toMatchObject({ _tag: "Aborted" })
  })
})
