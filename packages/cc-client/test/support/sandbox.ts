/**
 * Test support: a real sandbox over real HTTP per test file, and clients wired for counting
 * (waits are recorded instead of slept, so no test spends or measures wall time on backoff).
 */
import { type Sandbox, type SandboxOptions, startSandbox } from "@trialsync/cc-sandbox"
import { afterAll, beforeAll } from "vitest"
import { type CcClient, createCcClient } from "../../src/client.js"
import type { CcLogFields, CcLogger } from "../../src/logger.js"
import type { CcClientOptions } from "../../src/options.js"

/** A small world: enough rows for several pages at small page sizes, quick to start. */
export const TEST_SCALE = 0.002

/** Starts a sandbox for the file and stops it afterwards; read `.current` inside tests. */
export const useSandbox = (options: SandboxOptions = {}): { current: Sandbox } => {
  const holder = { current: undefined as unknown as Sandbox }
  beforeAll(async () => {
    holder.current = await startSandbox({ scale: TEST_SCALE, seed: 7, ...options })
  })
  afterAll(async () => {
    await holder.current?.stop()
  })
  return holder
}

/** A `sleep` that records each wait and returns at once (or rejects if the signal already fired). */
export const countingSleep = () => {
  const waits: number[] = []
  const sleep = async (ms: number, signal?: AbortSignal): Promise<void> => {
    waits.push(ms)
    if (signal?.aborted) throw new Error("aborted")
  }
  return { waits, sleep }
}

/** A logger that keeps every line, so tests can check what it was (and was not) told. */
export const recordingLogger = () => {
  const lines: Array<{ level: string; message: string; fields?: CcLogFields }> = []
  const at =
    (level: string) =>
    (message: string, fields?: CcLogFields): void => {
      lines.push(fields === undefined ? { level, message } : { level, message, fields })
    }
  const logger: CcLogger = { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") }
  return { lines, logger }
}

/** A client of the sandbox with no rate limit and counted waits, unless overridden. */
export const clientFor = (
  sandbox: Sandbox,
  overrides: Partial<CcClientOptions> = {}
): { client: CcClient; waits: number[] } => {
  const { waits, sleep } = countingSleep()
  const client = createCcClient({
    baseUrl: sandbox.url,
    apiKey: sandbox.apiKey,
    apiKeyHeader: sandbox.apiKeyHeader,
    requestsPerSecond: 0,
    sleep,
    random: () => 0.5,
    // Tests do not read the machine's LOG_LEVEL, CC_MAX_RESPONSE_BYTES or CC_BODY_TIMEOUT_MS.
    env: {},
    ...overrides
  })
  return { client, waits }
}

/** Resolves once `condition` holds, checking on real timers (waiting, not timing: no assertion on how long). */
export const until = async (condition: () => boolean, what: string): Promise<void> => {
  for (let tries = 0; tries < 2000; tries++) {
    if (condition()) return
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
  throw new Error(`gave up waiting for ${what}`)
}

/** The rejection of a promise that must reject. */
export const rejection = async (promise: Promise<unknown>): Promise<unknown> => {
  try {
    await promise
  } catch (error) {
    return error
  }
  throw new Error("expected the call to fail")
}
