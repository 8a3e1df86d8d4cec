import { hash } from "./data/random.js"
import type { InstanceType, ListShape, SandboxFaults, SandboxOptions, ScriptedFault } from "./types.js"

/** Invalid sandbox options, faults or admin input; the message names the field and what to use instead. */
export class SandboxConfigError extends Error {
  override readonly name = "SandboxConfigError"
}

const fail = (message: string): never => {
  throw new SandboxConfigError(message)
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === "object" && !Array.isArray(value)

const checkKeys = (where: string, value: Record<string, unknown>, allowed: ReadonlyArray<string>): void => {
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) fail(`${where}: unknown field "${key}"; expected one of ${allowed.join(", ")}`)
  }
}

const numberIn = (where: string, value: unknown, min: number, max: number): number => {
  if (typeof value !== "number" || !Number.isFinite(value) || value < min || value > max) {
    fail(`${where} must be a number from ${min} to ${max} (got ${JSON.stringify(value)})`)
  }
  return value as number
}

/** Largest scale the id ranges and memory budget are sized for (10x the production volumes). */
export const MAX_SCALE = 10

export interface ResolvedOptions {
  readonly port: number
  readonly host: string
  readonly scale: number
  readonly seed: number
  readonly apiKey: string
  readonly apiKeyHeader: string
  readonly listShape: ListShape
  readonly instanceType: InstanceType
  readonly faults: SandboxFaults
}

/** A key derived from the seed: "sbx_" + 32 hex characters (stable, so scripts can reuse it). */
export const defaultApiKey = (seed: number): string => {
  let out = "sbx_"
  for (let part = 0; part < 4; part++) out += hash(seed, 0x6b6579, part).toString(16).padStart(8, "0")
  return out
}

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/

/** Checks `startSandbox` options and fills in the defaults. */
export const resolveOptions = (options: SandboxOptions = {}): ResolvedOptions => {
  if (!isObject(options)) fail("startSandbox options must be an object")
  checkKeys("startSandbox options", options as Record<string, unknown>, [
    "port",
    "host",
    "scale",
    "seed",
    "apiKey",
    "apiKeyHeader",
    "listShape",
    "instanceType",
    "faults"
  ])
  const port = options.port ?? 0
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    fail(`port must be an integer from 0 to 65535 (got ${JSON.stringify(port)})`)
  const scale = options.scale ?? 0.01
  if (typeof scale !== "number" || !Number.isFinite(scale) || scale <= 0 || scale > MAX_SCALE) {
    fail(
      `scale must be a number above 0 and at most ${MAX_SCALE} (1 = production volumes); got ${JSON.stringify(scale)}`
    )
  }
  const seed = options.seed ?? 42
  if (!Number.isInteger(seed)) fail(`seed must be an integer (got ${JSON.stringify(seed)})`)
  const apiKeyHeader = options.apiKeyHeader ?? "CCAPIKey"
  if (typeof apiKeyHeader !== "string" || !HEADER_NAME.test(apiKeyHeader)) {
    fail(`apiKeyHeader must be a valid HTTP header name such as "CCAPIKey" (got ${JSON.stringify(apiKeyHeader)})`)
  }
  const apiKey = options.apiKey ?? defaultApiKey(seed)
  if (typeof apiKey !== "string" || apiKey.length === 0 || /[\r\n]/.test(apiKey)) {
    fail("apiKey must be a non-empty single-line string")
  }
  const listShape = options.listShape ?? "pascal"
  if (!["pascal", "camel", "odata"].includes(listShape))
    fail(`listShape must be "pascal", "camel" or "odata" (got ${JSON.stringify(listShape)})`)
  const instanceType = options.instanceType ?? "CC"
  if (!["CC", "CCE", "CCS"].includes(instanceType))
    fail(`instanceType must be "CC", "CCE" or "CCS" (got ${JSON.stringify(instanceType)})`)
  return {
    port,
    host: options.host ?? "127.0.0.1",
    scale,
    seed,
    apiKey,
    apiKeyHeader,
    listShape,
    instanceType,
    faults: validateFaults(options.faults ?? {})
  }
}

/** Checks a `SandboxFaults` object (from the library or `POST /__sandbox/faults`). */
export const validateFaults = (input: unknown): SandboxFaults => {
  if (!isObject(input)) return fail("faults must be an object")
  checkKeys("faults", input, ["latencyMs", "faultRate", "retryAfterSeconds", "rateLimitRps", "ignoreSkip"])
  const faults: SandboxFaults = {}
  if (input.latencyMs !== undefined) faults.latencyMs = numberIn("faults.latencyMs", input.latencyMs, 0, 600_000)
  if (input.faultRate !== undefined) faults.faultRate = numberIn("faults.faultRate", input.faultRate, 0, 1)
  if (input.retryAfterSeconds !== undefined) {
    faults.retryAfterSeconds = numberIn("faults.retryAfterSeconds", input.retryAfterSeconds, 0, 86_400)
  }
  if (input.rateLimitRps !== undefined)
    faults.rateLimitRps = numberIn("faults.rateLimitRps", input.rateLimitRps, 0.001, 1_000_000)
  if (input.ignoreSkip !== undefined) {
    if (typeof input.ignoreSkip !== "boolean")
      fail(`faults.ignoreSkip must be true or false (got ${JSON.stringify(input.ignoreSkip)})`)
    faults.ignoreSkip = input.ignoreSkip as boolean
  }
  return faults
}

/** Checks a list of scripted faults (from the library or `POST /__sandbox/faults/queue`). */
export const validateScriptedFaults = (input: unknown): Array<ScriptedFault> => {
  if (!Array.isArray(input)) return fail("scripted faults must be an array")
  return input.map((item, position): ScriptedFault => {
    const where = `scripted fault #${position}`
    if (!isObject(item)) return fail(`${where} must be an object`)
    const pathPrefix = item.pathPrefix
    if (pathPrefix !== undefined && typeof pathPrefix !== "string") fail(`${where}: pathPrefix must be a string`)
    const prefix = pathPrefix === undefined ? {} : { pathPrefix: pathPrefix as string }
    if ("status" in item) {
      checkKeys(where, item, ["status", "retryAfter", "body", "pathPrefix"])
      const status = item.status
      if (!Number.isInteger(status) || (status as number) < 100 || (status as number) > 599) {
        fail(`${where}: status must be an HTTP status code from 100 to 599 (got ${JSON.stringify(status)})`)
      }
      if (item.retryAfter !== undefined && typeof item.retryAfter !== "string")
        fail(`${where}: retryAfter must be a string such as "0" or an HTTP date`)
      if (item.body !== undefined && typeof item.body !== "string") fail(`${where}: body must be a string`)
      return {
        status: status as number,
        ...(item.retryAfter === undefined ? {} : { retryAfter: item.retryAfter as string }),
        ...(item.body === undefined ? {} : { body: item.body as string }),
        ...prefix
      }
    }
    if ("reset" in item) {
      checkKeys(where, item, ["reset", "pathPrefix"])
      if (item.reset !== true) fail(`${where}: reset must be true`)
      return { reset: true, ...prefix }
    }
    if ("delayMs" in item) {
      checkKeys(where, item, ["delayMs", "pathPrefix"])
      return { delayMs: numberIn(`${where}: delayMs`, item.delayMs, 0, 600_000), ...prefix }
    }
    if ("invalidJson" in item) {
      checkKeys(where, item, ["invalidJson", "pathPrefix"])
      if (item.invalidJson !== true) fail(`${where}: invalidJson must be true`)
      return { invalidJson: true, ...prefix }
    }
    return fail(`${where} must have one of "status", "reset", "delayMs" or "invalidJson"`)
  })
}
