/**
 * Issue 13 item 1: a body read must end. `Content-Encoding: gzip` over bytes that are not a
 * complete gzip stream leaves Node 20's fetch waiting forever for the rest; plain bytes labelled
 * gzip fail to decode. Both end in a typed error naming the URL (never the key) and the fix.
 */
import { gzipSync } from "node:zlib"
import { describe, expect, it } from "vitest"
import { BadResponse, BodyTimeout, InvalidOptions, isPermanent } from "../../src/errors.js"
import { HOSTILE_KEY, hostileClient, json, useHostileServer } from "../support/hostile-server.js"
import { rejection } from "../support/sandbox.js"

const server = useHostileServer()
const DETAILS = "/api/v1/instance/details"
const body = JSON.stringify({ Items: Array.from({ length: 200 }, (_, id) => ({ Id: id, Name: `n${id}` })) })

describe("a body that never arrives in full", () => {
  it("ends a gzip-labelled body that stops short with BodyTimeout, not a hang", async () => {
    server.current.handle((_request, response) => {
      const gz = gzipSync(body)
      response.writeHead(200, {
        "content-type": "application/json",
        "content-encoding": "gzip",
        "content-length": gz.length
      })
      // The whole declared length arrives, but the gzip stream inside is cut: the decoder waits forever.
      response.end(gz.subarray(0, gz.length - 12))
    })
    // timeoutMs is far beyond the test's own timeout: only the body timeout can end this.
    const { client } = hostileClient(server.current, { timeoutMs: 600_000, bodyTimeoutMs: 300 })
    const error = await rejection(client.get(DETAILS, { query: { note: HOSTILE_KEY } } as never))
    expect(error).toBeInstanceOf(BodyTimeout)
    expect(error).toMatchObject({
      _tag: "BodyTimeout",
      status: 200,
      attempts: 1,
      bodyTimeoutMs: 300,
      contentEncoding: "gzip",
      url: `${server.current.url}/CCSWEB${DETAILS}`
    })
    const message = (error as BodyTimeout).message
    expect(message).toContain(`GET ${server.current.url}/CCSWEB${DETAILS}`)
    expect(message).toContain("Content-Encoding: gzip")
    expect(message).toContain("bodyTimeoutMs (CC_BODY_TIMEOUT_MS)")
    expect(JSON.stringify(error)).not.toContain("odd")
  })

  it("ends a body that stalls mid-way, and retries it like a timeout", async () => {
    server.current.handle((_request, response) => {
      response.writeHead(200, { "content-type": "application/json" })
      response.write(body.slice(0, 100)) // ... and nothing more
    })
    const { client, waits } = hostileClient(server.current, { timeoutMs: 600_000, bodyTimeoutMs: 200, maxRetries: 1 })
    const error = await rejection(client.get(DETAILS))
    expect(error).toMatchObject({ _tag: "BodyTimeout", attempts: 2 })
    expect((error as BodyTimeout).contentEncoding).toBeUndefined()
    expect(waits).toHaveLength(1)
    expect(server.current.requests).toHaveLength(2)
    expect(isPermanent(error as BodyTimeout)).toBe(false)
  })

  it("defaults the body timeout to CC_BODY_TIMEOUT_MS, else timeoutMs", async () => {
    server.current.handle((_request, response) => {
      response.writeHead(200, { "content-type": "application/json" })
      response.write("[")
    })
    const fromEnv = hostileClient(server.current, { timeoutMs: 600_000, env: { CC_BODY_TIMEOUT_MS: "150" } })
    expect(await rejection(fromEnv.client.get(DETAILS))).toMatchObject({ _tag: "BodyTimeout", bodyTimeoutMs: 150 })
    const fromTimeout = hostileClient(server.current, { timeoutMs: 250 })
    const error = await rejection(fromTimeout.client.get(DETAILS))
    expect(["Timeout", "BodyTimeout"]).toContain((error as { _tag: string })._tag)
    expect(() => hostileClient(server.current, { env: { CC_BODY_TIMEOUT_MS: "soon" } })).toThrow(InvalidOptions)
    expect(() => hostileClient(server.current, { bodyTimeoutMs: 0 })).toThrow(/bodyTimeoutMs/)
  })
})

describe("a body that cannot be decoded", () => {
  it("is a BadResponse naming the encoding, not a network error retried", async () => {
    server.current.handle((_request, response) => {
      response.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip" })
      response.end(body) // plain JSON labelled gzip
    })
    const { client, waits } = hostileClient(server.current, { maxRetries: 3, timeoutMs: 600_000, bodyTimeoutMs: 5000 })
    const error = await rejection(client.get(DETAILS))
    expect(error).toBeInstanceOf(BadResponse)
    expect(error).toMatchObject({ _tag: "BadResponse", status: 200, attempts: 1 })
    expect((error as BadResponse).reason).toMatch(/could not be decoded \(Content-Encoding: gzip; Z_DATA_ERROR\)/)
    expect(waits).toEqual([])
  })

  it("keeps an error status's meaning when its body is undecodable (a 503 is still retried)", async () => {
    let calls = 0
    server.current.handle((_request, response) => {
      calls++
      if (calls === 1) {
        response.writeHead(503, { "content-type": "text/plain", "content-encoding": "gzip" })
        response.end("busy")
      } else json(response, { ok: true })
    })
    const { client, waits } = hostileClient(server.current, { maxRetries: 2 })
    expect(await client.get(DETAILS)).toEqual({ ok: true })
    expect(waits).toHaveLength(1)
  })
})

describe("a body read in chunks", () => {
  it("decodes UTF-8 split across chunks and drops a byte order mark", async () => {
    server.current.handle((_request, response) => {
      const bytes = Buffer.concat([
        Buffer.from([0xef, 0xbb, 0xbf]),
        Buffer.from(JSON.stringify({ Name: "Zoë 試験 ✓" }))
      ])
      response.writeHead(200, { "content-type": "application/json" })
      // One byte at a time: every multi-byte character is split between chunks.
      let at = 0
      const next = () => {
        if (at >= bytes.length) return void response.end()
        response.write(bytes.subarray(at, at + 1))
        at++
        setImmediate(next)
      }
      next()
    })
    const { client } = hostileClient(server.current)
    expect(await client.get(DETAILS)).toEqual({ Name: "Zoë 試験 ✓" })
  })
})
