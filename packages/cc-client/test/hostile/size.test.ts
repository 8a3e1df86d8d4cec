/**
 * Issue 13 item 6: a response larger than `maxResponseBytes` stops being read (by its
 * Content-Length before any byte, or counted while streaming) and ends in `ResponseTooLarge`
 * naming the limit, the URL and how to raise it.
 */
import { describe, expect, it } from "vitest"
import { InvalidOptions, ResponseTooLarge } from "../../src/errors.js"
import { DEFAULT_MAX_RESPONSE_BYTES } from "../../src/options.js"
import { collect, hostileClient, json, useHostileServer } from "../support/hostile-server.js"
import { rejection } from "../support/sandbox.js"

const server = useHostileServer()
const LIST = "/api/v1/subjects/odata"
const CHUNK = `[${"0,".repeat(8191)}0]`.slice(0, 16_384)

describe("maxResponseBytes", () => {
  it("stops a streamed body (no Content-Length) as soon as it passes the cap", async () => {
    let written = 0
    server.current.handle((_request, response) => {
      response.writeHead(200, { "content-type": "application/json" })
      response.write("[")
      // Up to 4 MiB in 16 KiB chunks, as long as the client keeps reading.
      const more = () => {
        while (written < 4 * 1024 * 1024 && !response.destroyed) {
          written += CHUNK.length
          if (!response.write(CHUNK)) return void response.once("drain", more)
        }
        response.end("]")
      }
      more()
    })
    const { client } = hostileClient(server.current, { maxResponseBytes: 64 * 1024, maxRetries: 3 })
    const error = await rejection(collect(client.records(LIST)))
    expect(error).toBeInstanceOf(ResponseTooLarge)
    expect(error).toMatchObject({
      _tag: "ResponseTooLarge",
      status: 200,
      attempts: 1, // never retried: the same request gets the same body
      maxResponseBytes: 65_536,
      url: `${server.current.url}/CCSWEB${LIST}`,
      path: LIST
    })
    expect((error as ResponseTooLarge).contentLength).toBeUndefined()
    const message = (error as ResponseTooLarge).message
    expect(message).toContain("above the limit of 65536 bytes")
    expect(message).toContain(`${server.current.url}/CCSWEB${LIST}`)
    expect(message).toContain("maxResponseBytes, CC_MAX_RESPONSE_BYTES")
    expect(server.current.requests).toHaveLength(1)
  })

  it("refuses a body whose Content-Length is above the cap before reading it", async () => {
    server.current.handle((_request, response) => {
      const body = JSON.stringify(Array.from({ length: 5000 }, (_, id) => ({ id })))
      response.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) })
      response.end(body)
    })
    const { client } = hostileClient(server.current, { maxResponseBytes: 1000 })
    const error = await rejection(client.get("/api/v1/instance/details"))
    expect(error).toMatchObject({ _tag: "ResponseTooLarge", maxResponseBytes: 1000, attempts: 1 })
    expect((error as ResponseTooLarge).contentLength).toBeGreaterThan(1000)
    expect((error as ResponseTooLarge).message).toMatch(/with a body of \d+ bytes \(Content-Length\)/)
  })

  it("reads a body up to the cap exactly, and takes the cap from CC_MAX_RESPONSE_BYTES", async () => {
    const body = JSON.stringify({ Items: [{ Id: 1 }, { Id: 2 }] })
    server.current.handle((_request, response) => json(response, body))
    const exact = hostileClient(server.current, { maxResponseBytes: Buffer.byteLength(body) })
    expect(await collect(exact.client.records(LIST))).toEqual([{ Id: 1 }, { Id: 2 }])
    const fromEnv = hostileClient(server.current, {
      env: { CC_MAX_RESPONSE_BYTES: String(Buffer.byteLength(body) - 1) }
    })
    expect(await rejection(fromEnv.client.get("/api/v1/instance/details"))).toMatchObject({
      _tag: "ResponseTooLarge",
      maxResponseBytes: Buffer.byteLength(body) - 1
    })
    expect(DEFAULT_MAX_RESPONSE_BYTES).toBe(64 * 1024 * 1024)
  })

  it("rejects an unusable limit, naming the option or the variable", () => {
    expect(() => hostileClient(server.current, { maxResponseBytes: 0 })).toThrow(InvalidOptions)
    expect(() => hostileClient(server.current, { maxResponseBytes: 1.5 })).toThrow(/maxResponseBytes/)
    expect(() => hostileClient(server.current, { env: { CC_MAX_RESPONSE_BYTES: "64MB" } })).toThrow(
      /CC_MAX_RESPONSE_BYTES must be a whole number/
    )
  })
})
