import { timingSafeEqual } from "node:crypto"
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http"
import { setTimeout as sleep } from "node:timers/promises"
import type { ScriptedFault } from "../types.js"
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

const UNKNOWN_PATH = "(not in spec)"
const INVALID_JSON_BODY = '{"Items": [{"id": 1, "name": "trunc'

const errorBody = (error: string, message: string): string => JSON.stringify({ error, message, data: null })

const send = (response: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void => {
  response.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(body),
    ...headers
  })
  response.end(body)
}

/**
 * The HTTP face of the sandbox: plain `node:http` (keep-alive, no framework), one JSON
 * serialisation per answer. Order per API request: route match (404 for paths the spec lacks),
 * method (405), latency and scripted faults, API key (401), rate limit (429), random faults, answer.
 */
export const createSandboxServer = (deps: ServerDeps): Server => {
  const { api, faults, stats } = deps
  const expectedKey = Buffer.from(deps.apiKey)
  const headerName = deps.apiKeyHeader.toLowerCase()

  const authorized = (request: IncomingMessage): boolean => {
    const value = request.headers[headerName]
    const given = Buffer.from(typeof value === "string" ? value : "")
    return given.length === expectedKey.length && timingSafeEqual(given, expectedKey)
  }

  const unauthorized = (response: ServerResponse): void =>
    send(
      response,
      401,
      errorBody("Unauthorized", `Missing or invalid API key: send the key in the "${deps.apiKeyHeader}" request header`)
    )

  const answerScripted = async (fault: ScriptedFault, response: ServerResponse, template: string): Promise<boolean> => {
    if ("reset" in fault) {
      stats.record(template, "reset")
      response.socket?.destroy()
      return true
    }
    if ("delayMs" in fault) {
      await sleep(fault.delayMs)
      return false
    }
    if ("invalidJson" in fault) {
      stats.record(template, 200)
      send(response, 200, INVALID_JSON_BODY)
      return true
    }
    stats.record(template, fault.status)
    const body =
      fault.body ?? errorBody("ScriptedFault", `Scripted answer ${fault.status} from the sandbox fault queue`)
    send(response, fault.status, body, fault.retryAfter === undefined ? {} : { "retry-after": fault.retryAfter })
    return true
  }

  const handleApi = async (
    request: IncomingMessage,
    response: ServerResponse,
    path: string,
    search: string
  ): Promise<void> => {
    const match = api.router.match(path)
    if (match === undefined) {
      const methods = api.methodsOf(path)
      if (methods !== undefined) {
        stats.record(path, 405)
        send(
          response,
          405,
          errorBody(
            "MethodNotAllowed",
            `The sandbox serves GET only; the spec has ${methods.join(", ")} for this path`
          ),
          {
            allow: "GET"
          }
        )
        return
      }
      stats.record(UNKNOWN_PATH, 404)
      send(response, 404, errorBody("NotFound", `No such path in the Clinical Conductor API: ${path}`))
      return
    }
    const template = match.template
    if (request.method !== "GET" && request.method !== "HEAD") {
      stats.record(template, 405)
      send(response, 405, errorBody("MethodNotAllowed", `The sandbox serves GET only (got ${request.method})`), {
        allow: "GET"
      })
      return
    }
    const latency = faults.current.latencyMs ?? 0
    if (latency > 0) await sleep(latency)
    const scripted = faults.takeScripted(path)
    if (scripted !== undefined && (await answerScripted(scripted, response, template))) return
    const anonymous = match.value.route.kind === "custom" && match.value.route.anonymous === true
    if (!anonymous && !authorized(request)) {
      stats.record(template, 401)
      unauthorized(response)
      return
    }
    const wait = faults.overRateLimit(deps.apiKey, Date.now())
    if (wait !== undefined) {
      stats.record(template, 429)
      send(
        response,
        429,
        errorBody("TooManyRequests", `Rate limit of ${faults.current.rateLimitRps} requests per second exceeded`),
        {
          "retry-after": String(wait)
        }
      )
      return
    }
    const random = faults.drawRandomFault()
    if (random === "reset") {
      stats.record(template, "reset")
      response.socket?.destroy()
      return
    }
    if (random !== undefined) {
      stats.record(template, random)
      const headers: Record<string, string> =
        random === 429 ? { "retry-after": String(faults.current.retryAfterSeconds ?? 1) } : {}
      send(response, random, errorBody("TransientFault", `Injected transient fault ${random}`), headers)
      return
    }
    const answer = api.answer({
      template,
      params: match.params,
      query: new URLSearchParams(search),
      api: match.value,
      selfUrl: `http://${request.headers.host ?? "127.0.0.1"}${path}`,
      ignoreSkip: faults.current.ignoreSkip === true
    })
    stats.record(template, answer.status)
    const body = answer.json
    if (request.method === "HEAD") {
      response.writeHead(answer.status, {
        "content-type": "application/json; charset=utf-8",
        "content-length": Buffer.byteLength(body)
      })
      response.end()
    } else send(response, answer.status, body)
  }

  const server = createServer((request, response) => {
    const url = request.url ?? "/"
    const question = url.indexOf("?")
    const path = question < 0 ? url : url.slice(0, question)
    const search = question < 0 ? "" : url.slice(question + 1)
    const admin = path.startsWith("/__sandbox/")
    const work = admin
      ? authorized(request)
        ? answerAdmin(deps.controls, path, request).then((body) => send(response, 200, JSON.stringify(body)))
        : Promise.resolve(unauthorized(response))
      : handleApi(request, response, path, search)
    work.catch((error: unknown) => {
      if (response.headersSent || response.destroyed) return
      if (error instanceof HttpError) {
        if (!admin) stats.record(api.router.match(path)?.template ?? UNKNOWN_PATH, error.status)
        send(response, error.status, errorBody(error.error, error.message))
        return
      }
      if (!admin) stats.record(api.router.match(path)?.template ?? UNKNOWN_PATH, 500)
      send(
        response,
        500,
        errorBody("InternalError", `Sandbox failure: ${error instanceof Error ? error.message : String(error)}`)
      )
    })
  })
  server.keepAliveTimeout = 65_000
  return server
}
