import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest"
import { type Sandbox, startSandbox } from "../../src/index.js"
import { get, post } from "../support.js"

let sandbox: Sandbox

beforeAll(async () => {
  sandbox = await startSandbox({ scale: 0.002, seed: 3 })
})
afterEach(() => sandbox.setFaults({}))
afterAll(() => sandbox.stop())

/** A status, or "reset" when the connection was destroyed without an answer. */
const outcome = async (target: Sandbox, path: string): Promise<number | "reset"> => {
  try {
    return (await get(target, path)).status
  } catch {
    return "reset"
  }
}

describe("scripted faults", () => {
  it("answers queued faults in order, once each, then serves normally", async () => {
    sandbox.enqueueFaults([
      { status: 429, retryAfter: "0" },
      { status: 503, body: "upstream down" },
      { invalidJson: true },
      { reset: true },
      { delayMs: 5 }
    ])
    const first = await get(sandbox, "/api/v1/studies/odata")
    expect(first.status).toBe(429)
    expect(first.headers.get("retry-after")).toBe("0")
    const second = await get(sandbox, "/api/v1/studies/odata")
    expect(second.status).toBe(503)
    expect(second.text).toBe("upstream down")
    expect(second.headers.get("retry-after")).toBeNull()
    const third = await get(sandbox, "/api/v1/studies/odata")
    expect(third.status).toBe(200)
    expect(third.json).toBeUndefined()
    expect(await outcome(sandbox, "/api/v1/studies/odata")).toBe("reset")
    const delayed = await get(sandbox, "/api/v1/studies/odata")
    expect(delayed.status).toBe(200)
    expect(Array.isArray(delayed.json)).toBe(true)
    expect(sandbox.info().queuedFaults).toBe(0)
    expect((await get(sandbox, "/api/v1/studies/odata")).status).toBe(200)
  })

  it("applies a fault only to paths starting with its prefix, keeping the others queued", async () => {
    sandbox.enqueueFaults([{ status: 502, pathPrefix: "/api/v1/sites" }, { status: 504 }])
    expect((await get(sandbox, "/api/v1/studies/odata")).status).toBe(504)
    expect((await get(sandbox, "/api/v1/studies/odata")).status).toBe(200)
    expect((await get(sandbox, "/api/v1/sites")).status).toBe(502)
    expect((await get(sandbox, "/api/v1/sites")).status).toBe(200)
  })

  it("accepts a queue over HTTP and rejects malformed entries with a message", async () => {
    const date = new Date(Date.now() + 2000).toUTCString()
    expect((await post(sandbox, "/__sandbox/faults/queue", [{ status: 429, retryAfter: date }])).status).toBe(200)
    const answer = await get(sandbox, "/api/v1/sites")
    expect(answer.status).toBe(429)
    expect(answer.headers.get("retry-after")).toBe(date)
    const bad = await post(sandbox, "/__sandbox/faults/queue", [{ status: "soon" }])
    expect(bad.status).toBe(400)
    expect(bad.json.message).toMatch(/status/)
    const unknown = await post(sandbox, "/__sandbox/faults/queue", [{ explode: true }])
    expect(unknown.status).toBe(400)
  })
})

describe("configured faults", () => {
  it("limits requests per second per key with 429 and Retry-After", async () => {
    sandbox.setFaults({ rateLimitRps: 2 })
    const answers = []
    for (let n = 0; n < 8; n++) answers.push(await get(sandbox, "/api/v1/sites"))
    expect(answers[0]!.status).toBe(200)
    const limited = answers.filter((answer) => answer.status === 429)
    expect(limited.length).toBeGreaterThan(0)
    for (const answer of limited) expect(Number(answer.headers.get("retry-after"))).toBeGreaterThanOrEqual(1)
    expect(sandbox.stats().byStatus["429"]).toBeGreaterThanOrEqual(limited.length)
  })

  it("draws the same transient faults for the same seed and requests", async () => {
    const run = async (): Promise<Array<number | "reset">> => {
      const target = await startSandbox({ scale: 0.002, seed: 99, faults: { faultRate: 0.5, retryAfterSeconds: 0 } })
      try {
        const outcomes: Array<number | "reset"> = []
        for (let n = 0; n < 40; n++) outcomes.push(await outcome(target, "/api/v1/sites"))
        return outcomes
      } finally {
        await target.stop()
      }
    }
    const first = await run()
    expect(await run()).toEqual(first)
    const faults = first.filter((status) => status !== 200)
    expect(faults.length).toBeGreaterThan(8)
    expect(faults.length).toBeLessThan(32)
    for (const status of faults) expect([429, 500, 502, 503, 504, "reset"]).toContain(status)
  })

  it("sends retryAfterSeconds with random 429s", async () => {
    const target = await startSandbox({ scale: 0.002, seed: 99, faults: { faultRate: 1, retryAfterSeconds: 7 } })
    try {
      let seen = false
      for (let n = 0; n < 30 && !seen; n++) {
        const answer = await get(target, "/api/v1/sites").catch(() => undefined)
        if (answer?.status === 429) {
          expect(answer.headers.get("retry-after")).toBe("7")
          seen = true
        }
      }
      expect(seen).toBe(true)
    } finally {
      await target.stop()
    }
  })

  it("can ignore $skip so clients detect the same page twice", async () => {
    expect((await post(sandbox, "/__sandbox/faults", { ignoreSkip: true })).status).toBe(200)
    const first = await get(sandbox, "/api/v1/patient-visits/odata?$top=10")
    const second = await get(sandbox, "/api/v1/patient-visits/odata?$top=10&$skip=10")
    expect(second.json.Items).toEqual(first.json.Items)
    sandbox.setFaults({})
    const honest = await get(sandbox, "/api/v1/patient-visits/odata?$top=10&$skip=10")
    expect(honest.json.Items).not.toEqual(first.json.Items)
  })

  it("rejects unknown or out-of-range fault settings", async () => {
    const answer = await post(sandbox, "/__sandbox/faults", { faultrate: 0.1 })
    expect(answer.status).toBe(400)
    expect(answer.json.message).toMatch(/faultrate/)
    expect(() => sandbox.setFaults({ latencyMs: -1 })).toThrow(/latencyMs/)
  })

  it("never applies faults to the admin API", async () => {
    sandbox.setFaults({ faultRate: 1 })
    for (let n = 0; n < 5; n++) expect((await get(sandbox, "/__sandbox/info")).status).toBe(200)
  })
})
