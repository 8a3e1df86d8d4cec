/**
 * Test support: a small hostile HTTP server on 127.0.0.1 (real sockets, no mocked fetch). Each
 * test gives it a handler; it records every request it got (method, URL, headers) so tests can
 * check what the client sent, and where.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http"
import type { AddressInfo } from "node:net"
import { afterAll, afterEach, beforeAll } from "vitest"
import { type CcClient, createCcClient } from "../../src/client.js"
import type { CcClientOptions } from "../../src/options.js"
import { countingSleep } from "./sandbox.js"

export type Handler = (request: IncomingMessage, response: ServerResponse) => void

export interface SeenRequest {
  readonly method: string
  readonly url: string
  readonly headers: IncomingMessage["headers"]
}

export interface HostileServer {
  /** `http://127.0.0.1:PORT` */
  readonly url: string
  /** The same server under another host name (`localhost`): another origin to the client. */
  readonly otherOriginUrl: string
  readonly requests: SeenRequest[]
  handle(handler: Handler): void
}

const notSet: Handler = (_request, response) => {
  response.writeHead(500, { "content-type": "text/plain" })
  response.end("no handler set for this test")
}

/** Starts a server for the test file; the handler and the request log are reset after each test. */
export const useHostileServer = (): { current: HostileServer } => {
  let server: Server | undefined
  let handler: Handler = notSet
  const requests: SeenRequest[] = []
  const holder = { current: undefined as unknown as HostileServer }
  beforeAll(async () => {
    server = createServer((request, response) => {
      requests.push({ method: request.method ?? "", url: request.url ?? "", headers: request.headers })
      handler(request, response)
    })
    await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve))
    const { port } = server.address() as AddressInfo
    holder.current = {
      url: `http://127.0.0.1:${port}`,
      otherOriginUrl: `http://localhost:${port}`,
      requests,
      handle: (next) => {
        handler = next
      }
    }
  })
  afterEach(() => {
    handler = notSet
    requests.length = 0
  })
  afterAll(async () => {
    server?.closeAllConnections()
    await new Promise<void>((resolve) => (server === undefined ? resolve() : server.close(() => resolve())))
  })
  return holder
}

export const HOSTILE_KEY = "sbx/key+with=odd chars"

/** A client of the hostile server: no rate limit, counted waits, no retries unless overridden. */
export const hostileClient = (
  server: HostileServer,
  overrides: Partial<CcClientOptions> = {}
): { client: CcClient; waits: number[] } => {
  const { waits, sleep } = countingSleep()
  const client = createCcClient({
    baseUrl: `${server.url}/CCSWEB`,
    apiKey: HOSTILE_KEY,
    requestsPerSecond: 0,
    maxRetries: 0,
    sleep,
    random: () => 0.5,
    env: {},
    ...overrides
  })
  return { client, waits }
}

/** Answers JSON with status 200 (or the given one). */
export const json = (response: ServerResponse, body: unknown, status = 200): void => {
  const text = typeof body === "string" ? body : JSON.stringify(body)
  response.writeHead(status, { "content-type": "application/json; charset=utf-8" })
  response.end(text)
}

/** Every record of a paginated call. */
export const collect = async <T>(iterable: AsyncIterable<T>): Promise<T[]> => {
  const all: T[] = []
  for await (const item of iterable) all.push(item)
  return all
}
