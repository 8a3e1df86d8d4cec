import type { IncomingMessage } from "node:http"
import { SandboxConfigError, validateFaults, validateScriptedFaults } from "../config.js"
import { MutationError } from "../data/mutate.js"
import type { Sandbox } from "../types.js"
import { HttpError } from "./route-types.js"

/** What the admin API drives: the library's control methods, plus a description of the sandbox. */
export type SandboxControls = Pick<
  Sandbox,
  "mutate" | "advanceClock" | "setFaults" | "enqueueFaults" | "counts" | "stats" | "resetStats" | "info"
>

const MAX_BODY_BYTES = 1_000_000

const readJson = async (request: IncomingMessage): Promise<unknown> => {
  const chunks: Array<Buffer> = []
  let size = 0
  for await (const chunk of request) {
    size += (chunk as Buffer).length
    if (size > MAX_BODY_BYTES) throw new HttpError(413, "PayloadTooLarge", "Admin request bodies are limited to 1 MB")
    chunks.push(chunk as Buffer)
  }
  const text = Buffer.concat(chunks).toString("utf8").trim()
  if (text === "") return {}
  try {
    return JSON.parse(text)
  } catch {
    throw new HttpError(400, "BadRequest", "The request body is not valid JSON")
  }
}

const objectBody = (body: unknown, what: string): Record<string, unknown> => {
  if (body === null || typeof body !== "object" || Array.isArray(body)) {
    throw new HttpError(400, "BadRequest", `${what} expects a JSON object body`)
  }
  return body as Record<string, unknown>
}

const ROUTES: Readonly<Record<string, string>> = {
  "/__sandbox/counts": "GET",
  "/__sandbox/stats": "GET",
  "/__sandbox/info": "GET",
  "/__sandbox/mutate": "POST",
  "/__sandbox/clock": "POST",
  "/__sandbox/faults": "POST",
  "/__sandbox/faults/queue": "POST",
  "/__sandbox/stats/reset": "POST"
}

/**
 * The admin API under `/__sandbox/` (same key as the API; never subject to faults or counted in
 * stats): GET counts, stats, info; POST mutate, clock, faults, faults/queue, stats/reset.
 */
export const answerAdmin = async (
  controls: SandboxControls,
  path: string,
  request: IncomingMessage
): Promise<unknown> => {
  const method = ROUTES[path]
  if (method === undefined) {
    throw new HttpError(404, "NotFound", `Unknown admin path ${path}; use one of ${Object.keys(ROUTES).join(", ")}`)
  }
  if (request.method !== method) throw new HttpError(405, "MethodNotAllowed", `${path} expects ${method}`)
  try {
    switch (path) {
      case "/__sandbox/counts":
        return controls.counts()
      case "/__sandbox/stats":
        return controls.stats()
      case "/__sandbox/info":
        return controls.info()
      case "/__sandbox/mutate": {
        const body = objectBody(await readJson(request), path)
        return controls.mutate(body as unknown as Parameters<Sandbox["mutate"]>[0])
      }
      case "/__sandbox/clock": {
        const body = objectBody(await readJson(request), path)
        controls.advanceClock(body.advanceMs as number)
        return controls.info()
      }
      case "/__sandbox/faults":
        controls.setFaults(validateFaults(await readJson(request)))
        return { ok: true }
      case "/__sandbox/faults/queue":
        controls.enqueueFaults(validateScriptedFaults(await readJson(request)))
        return { ok: true }
      default:
        controls.resetStats()
        return { ok: true }
    }
  } catch (error) {
    if (error instanceof SandboxConfigError || error instanceof MutationError) {
      throw new HttpError(400, "BadRequest", error.message)
    }
    throw error
  }
}
