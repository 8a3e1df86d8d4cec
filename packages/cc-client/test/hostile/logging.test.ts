/**
 * Issue 13 item 5: the client's log lines honour LOG_LEVEL (or `logLevel`), every retry is a
 * warn line with the status, the wait and the attempt (n of max), and every request is a debug
 * line with the method, the URL (key masked), the status and the time it took.
 */
import { describe, expect, it } from "vitest"
import { createJsonLineLogger } from "../../src/logger.js"
import { HOSTILE_KEY, hostileClient, json, useHostileServer } from "../support/hostile-server.js"
import { recordingLogger } from "../support/sandbox.js"

const server = useHostileServer()
const DETAILS = "/api/v1/instance/details"

/** 429 (Retry-After: 1), then 503, then 200. */
const flaky = () => {
  let calls = 0
  server.current.handle((_request, response) => {
    calls++
    if (calls === 1) {
      response.writeHead(429, { "retry-after": "1", "content-type": "text/plain" })
      response.end(`slow down, ${HOSTILE_KEY}`)
    } else if (calls === 2) {
      response.writeHead(503, { "content-type": "text/plain" })
      response.end("busy")
    } else json(response, { ok: true })
  })
}

describe("retry and request log lines", () => {
  it("logs each retry at warn with status, wait and attempt n of max, and each request at debug", async () => {
    flaky()
    const { lines, logger } = recordingLogger()
    const { client, waits } = hostileClient(server.current, { logger, env: { LOG_LEVEL: "debug" }, maxRetries: 4 })
    expect(await client.getUntyped(DETAILS, { query: { $select: "name" } })).toEqual({ ok: true })
    expect(waits).toEqual([1000, 250])

    const retries = lines.filter((line) => line.level === "warn")
    expect(retries.map((line) => line.fields)).toEqual([
      expect.objectContaining({
        status: 429,
        waitMs: 1000,
        attempt: 1,
        maxAttempts: 5,
        retryAfterMs: 1000,
        path: DETAILS
      }),
      expect.objectContaining({ status: 503, waitMs: 250, attempt: 2, maxAttempts: 5, path: DETAILS })
    ])
    expect(retries[0]?.message).toBe(`CC GET ${DETAILS} answered 429 (attempt 1 of 5); retrying in 1000 ms`)

    const requests = lines.filter((line) => line.level === "debug")
    expect(requests.map((line) => line.fields?.status)).toEqual([429, 503, 200])
    for (const [index, line] of requests.entries()) {
      expect(line.fields).toMatchObject({
        method: "GET",
        url: `${server.current.url}/CCSWEB${DETAILS}?$select=name`,
        attempt: index + 1
      })
      expect(typeof line.fields?.ms).toBe("number")
    }
    expect(JSON.stringify(lines)).not.toContain("odd chars")
  })

  it("passes on only the levels LOG_LEVEL allows (default info: retries, no request lines)", async () => {
    const levels = async (options: Parameters<typeof hostileClient>[1]) => {
      flaky()
      const { lines, logger } = recordingLogger()
      const { client } = hostileClient(server.current, { logger, maxRetries: 4, ...options })
      await client.get(DETAILS)
      return lines.map((line) => line.level)
    }
    expect(await levels({ env: {} })).toEqual(["warn", "warn"])
    expect(await levels({ env: { LOG_LEVEL: "error" } })).toEqual([])
    expect(await levels({ env: { LOG_LEVEL: "DEBUG" } })).toEqual(["debug", "warn", "debug", "warn", "debug"])
    expect(await levels({ env: { LOG_LEVEL: "trace" } })).toHaveLength(5)
    expect(await levels({ env: { LOG_LEVEL: "debug" }, logLevel: "warn" })).toEqual(["warn", "warn"])
    expect(() => hostileClient(server.current, { logLevel: "verbose" as never })).toThrow(/option logLevel/)
  })

  it("writes JSON lines with createJsonLineLogger", async () => {
    flaky()
    const written: string[] = []
    const logger = createJsonLineLogger((line) => written.push(line))
    const { client } = hostileClient(server.current, { logger, logLevel: "warn", maxRetries: 4 })
    await client.get(DETAILS)
    const parsed = written.map((line) => JSON.parse(line) as Record<string, unknown>)
    expect(parsed.map((line) => [line.level, line.status, line.waitMs])).toEqual([
      ["warn", 429, 1000],
      ["warn", 503, 250]
    ])
    expect(written.every((line) => line.endsWith("\n"))).toBe(true)
  })
})
