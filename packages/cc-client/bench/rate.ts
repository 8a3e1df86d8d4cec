/**
 * `pnpm bench rate`: the adaptive rate against a sandbox (in its own process) with a hidden limit
 * of `BENCH_HIDDEN_RPS` (default 50) requests/s and `BENCH_LATENCY_MS` (default 20) of latency,
 * `BENCH_RATE_SECONDS` (default 60) per run, 8 workers asking as fast as the client lets them.
 * Prints one JSON line per run:
 * - `adaptive`: start 10, ceiling 2x the hidden limit (`maxRequestsPerSecond`);
 * - baselines measured in the same run: a fixed rate at the start (10/s, what a configured rate
 *   gives today) and a fixed rate at the ceiling (what guessing too high gives).
 * Each line: seconds until the 2xx rate over a 2 s window first reaches 0.9 of the hidden limit
 * (`null`: never), the share of attempts answered 429, the settled 2xx rate (mean over the last
 * third of the run) as a share of the limit, and the client's final rate. Target (issue 10):
 * >= 0.9 of the limit within 120 s, <= 1% 429s.
 */
import { spawn } from "node:child_process"
import { once } from "node:events"
import { dirname, join } from "node:path"
import { createInterface } from "node:readline"
import { fileURLToPath } from "node:url"
import { type CcClient, createCcClient } from "../src/index.js"

const here = dirname(fileURLToPath(import.meta.url))
const DETAILS = "/api/v1/instance/details"
const HIDDEN = Number(process.env.BENCH_HIDDEN_RPS ?? 50)
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 20)
const SECONDS = Number(process.env.BENCH_RATE_SECONDS ?? 60)
const START = 10
const WORKERS = 8

const startSandboxProcess = async () => {
  const options = { scale: 0.001, seed: 1, faults: { rateLimitRps: HIDDEN, latencyMs: LATENCY_MS } }
  const child = spawn(
    process.execPath,
    ["--conditions=source", "--import", "tsx", join(here, "sandbox-process.ts"), JSON.stringify(options)],
    { stdio: ["ignore", "pipe", "inherit"] }
  )
  const lines = createInterface({ input: child.stdout })
  const [line] = (await once(lines, "line")) as [string]
  const info = JSON.parse(line) as { url: string; apiKey: string; apiKeyHeader: string }
  return { ...info, stop: () => child.kill("SIGTERM") }
}

const sandbox = await startSandboxProcess()

/** Drives `client` for `seconds` and returns per-second counts of 2xx answers. */
const drive = async (client: CcClient, seconds: number) => {
  const startedAt = performance.now()
  const endAt = startedAt + seconds * 1000
  const okPerSecond = new Array<number>(Math.ceil(seconds)).fill(0)
  const worker = async () => {
    while (performance.now() < endAt) {
      try {
        await client.get(DETAILS)
        const second = Math.floor((performance.now() - startedAt) / 1000)
        if (second < okPerSecond.length) okPerSecond[second]!++
      } catch {
        // a 429 after every retry: counted in the client's metrics
      }
    }
  }
  await Promise.all(Array.from({ length: WORKERS }, worker))
  return okPerSecond
}

const run = async (name: string, options: { requestsPerSecond: number; maxRequestsPerSecond?: number }) => {
  // A fresh key bucket for each run: wait out the previous run's debt.
  await new Promise((resolve) => setTimeout(resolve, 2000))
  const client = createCcClient({
    baseUrl: sandbox.url,
    apiKey: sandbox.apiKey,
    apiKeyHeader: sandbox.apiKeyHeader,
    concurrency: WORKERS,
    env: {},
    ...options
  })
  const ok = await drive(client, SECONDS)
  const metrics = client.metrics()
  const attempts = metrics.attempts
  const limited = metrics.byStatus["429"] ?? 0
  let reachedAt: number | null = null
  for (let second = 1; second < ok.length; second++) {
    if ((ok[second - 1]! + ok[second]!) / 2 >= 0.9 * HIDDEN) {
      reachedAt = second + 1
      break
    }
  }
  const tail = ok.slice(Math.floor((ok.length * 2) / 3))
  const settled = tail.reduce((sum, count) => sum + count, 0) / Math.max(1, tail.length)
  console.log(
    JSON.stringify({
      bench: "rate",
      run: name,
      hiddenLimitRps: HIDDEN,
      latencyMs: LATENCY_MS,
      seconds: SECONDS,
      startRps: options.requestsPerSecond,
      maxRps: options.maxRequestsPerSecond ?? null,
      secondsTo90Percent: reachedAt,
      attempts,
      share429: Number((limited / Math.max(1, attempts)).toFixed(4)),
      settledOkRps: Number(settled.toFixed(1)),
      settledShareOfLimit: Number((settled / HIDDEN).toFixed(3)),
      finalClientRps: Number(metrics.requestsPerSecond.toFixed(1)),
      rateChanges: metrics.rateChanges,
      meetsTarget: reachedAt !== null && reachedAt <= 120 && limited / Math.max(1, attempts) <= 0.01
    })
  )
}

try {
  await run("adaptive", { requestsPerSecond: START, maxRequestsPerSecond: 2 * HIDDEN })
  await run("fixed-start", { requestsPerSecond: START })
  await run("fixed-ceiling", { requestsPerSecond: 2 * HIDDEN })
} finally {
  sandbox.stop()
}
