import { timingSafeEqual } from "node:crypto"
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http"
import { setTimeout as sleep } from "node:timers/promises"
import { answerAdmin, type SandboxControls } from "./admin.js"
import type { Api } from "./api.js"
import type { FaultController } from "./faults.js"
import { HttpError } from "./route-types.js"
import type { RequestStats } from "./stats.js"

export interface ServerDeps {
  readonly api: Api
  readonly faults: FaultController
  readonly stats: RequestStats
  readonly controls: SandboxControls
  readonly apiKey: string
  readonly apiKeyHeader: string
}

/** What one API request gets: an answer, or a destroyed socket. Counted in stats under `template`. */
type Outcome =
  | {
      readonly template: string
      readonly status: number
      readonly body: string
      readonly headers?: Record<string, string>
    }
  | { readonly template: string; readonly reset: true }

const UNKNOWN_PATH = "(not in spec)"
const INVALID_JSON_BODY = '{"Items": [{"id": 1, "name": "trunc'

const errorBody = (error: string, message: string): string => JSON.stringify({ error, message, data: null })

const send = (
  response: ServerResponse,
  status: number,
  body: string,
  headers: Record<string, string> = {},
  head = false
): void => {
  response.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(body),
    ...headers
  })
  response.end(head ? undefined : body)
}

/**
 * The HTTP face of the sandbox: plain `node:http` (keep-alive, no framework), one JSON text per
 * answer. Order per API request: route match (404 for paths the spec lacks), method (405), scripted
 * faults, API key (401), rate limit (429), random faults, answer. With `latencyMs`, every API outcome
 * is delivered `latencyMs` after the request arrived (or as soon as it is ready, if later): latency
 * models the network, so it does not stack on top of the time spent generating the answer.
 */
export const createSandboxServer = (deps: ServerDeps): Server => {
  const { api, faults, stats } = deps
  const expectedKey = Buffer.from(deps.apiKey)
  const headerName = deps.apiKeyHeader.toLowerCase()
  const unauthorizedBody = errorBody(
    "Unauthorized",
    `Missing or invalid API key: send the key in the "${deps.apiKeyHeader}" request header`
  )

  const authorized = (request: IncomingMessage): boolean => {
    const value = request.headers[headerName]
    const given = Buffer.from(typeof value === "string" ? value : "")
    return given.length === expectedKey.length && timingSafeEqual(given, expectedKey)
  }

  const decide = async (request: IncomingMessage, path: string, search: string): Promise<Outcome> => {
    const match = api.router.match(path)
    if (match === undefined) {
      const methods = api.methodsOf(path)
      if (methods === undefined) {
        return {
          template: UNKNOWN_PATH,
          status: 404,
          body: errorBody("NotFound", `No such path in the Clinical Conductor API: ${path}`)
        }
      }
      const message = `The sandbox serves GET only; the spec has ${methods.join(", ")} for this path`
      return { template: path, status: 405, body: errorBody("MethodNotAllowed", message), headers: { allow: "GET" } }
    }
    const template = match.template
    if (request.method !== "GET" && request.method !== "HEAD") {
      const message = `The sandbox serves GET only (got ${request.method})`
      return { template, status: 405, body: errorBody("MethodNotAllowed", message), headers: { allow: "GET" } }
    }
    const scripted = faults.takeScripted(path)
    if (scripted !== undefined) {
      if ("reset" in scripted) return { template, reset: true }
      if ("invalidJson" in scripted) return { template, status: 200, body: INVALID_JSON_BODY }
      if ("delayMs" in scripted) await sleep(scripted.delayMs)
      else {
        const body =
          scripted.body ?? errorBody("ScriptedFault", `Scripted answer ${scripted.status} from the sandbox fault queue`)
        const headers: Record<string, string> =
          scripted.retryAfter === undefined ? {} : { "retry-after": scripted.retryAfter }
        return { template, status: scripted.status, body, headers }
      }
    }
    const anonymous = match.value.route.kind === "custom" && match.value.route.anonymous === true
    if (!anonymous && !authorized(request)) return { template, status: 401, body: unauthorizedBody }
    const wait = faults.overRateLimit(deps.apiKey, Date.now())
    if (wait !== undefined) {
      const message = `Rate limit of ${faults.current.rateLimitRps} requests per second exceeded`
      return {
        template,
        status: 429,
        body: errorBody("TooManyRequests", message),
        headers: { "retry-after": String(wait) }
      }
    }
    const random = faults.drawRandomFault()
    if (random === "reset") return { template, reset: true }
    if (random !== undefined) {
      const headers: Record<string, string> =
        random === 429 ? { "retry-after": String(faults.current.retryAfterSeconds ?? 1) } : {}
      return {
        template,
        status: random,
        body: errorBody("TransientFault", `Injected transient fault ${random}`),
        headers
      }
    }
    try {
      const answer = api.answer({
        template,
        params: match.params,
        query: new URLSearchParams(search),
        api: match.value,
        selfUrl: `http://${request.headers.host ?? "127.0.0.1"}${path}`,
        ignoreSkip: faults.current.ignoreSkip === true
      })
      return { template, status: answer.status, body: answer.json }
    } catch (error) {
      if (error instanceof HttpError)
        return { template, status: error.status, body: errorBody(error.error, error.message) }
      const message = `Sandbox failure: ${error instanceof Error ? error.message : String(error)}`
      return { template, status: 500, body: errorBody("InternalError", message) }
    }
  }

  const handleApi = async (
    request: IncomingMessage,
    response: ServerResponse,
    path: string,
    search: string
  ): Promise<void> => {
    const due = performance.now() + (faults.current.latencyMs ?? 0)
    const outcome = await decide(request, path, search)
    const left = due - performance.now()
    if (left > 0) await sleep(Math.ceil(left))
    if ("reset" in outcome) {
      stats.record(outcome.template, "reset")
      response.socket?.destroy()
      return
    }
    stats.record(outcome.template, outcome.status)
    send(response, outcome.status, outcome.body, outcome.headers, request.method === "HEAD")
  }

  const handleAdmin = async (request: IncomingMessage, response: ServerResponse, path: string): Promise<void> => {
    if (!authorized(request)) return send(response, 401, unauthorizedBody)
    try {
      send(response, 200, JSON.stringify(await answerAdmin(deps.controls, path, request)))
    } catch (error) {
      if (error instanceof HttpError) send(response, error.status, errorBody(error.error, error.message))
      else
        send(
          response,
          500,
          errorBody("InternalError", `Sandbox failure: ${error instanceof Error ? error.message : String(error)}`)
        )
    }
  }

  const server = createServer((request, response) => {
    const url = request.url ?? "/"
    const question = url.indexOf("?")
    const path = question < 0 ? url : url.slice(0, question)
    const search = question < 0 ? "" : url.slice(question + 1)
    const work = path.startsWith("/__sandbox/")
      ? handleAdmin(request, response, path)
      : handleApi(request, response, path, search)
    work.catch(() => {
      // The socket went away while waiting (client aborted): nothing left to answer.
      if (!response.headersSent && !response.destroyed) response.socket?.destroy()
    })
  })
  server.keepAliveTimeout = 65_000
  return server
}
