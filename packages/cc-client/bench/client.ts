/**
 * `pnpm bench client`: the client against the sandbox (in a separate process, so CPU figures are
 * the client's own), each figure with its baseline measured in the same run:
 * - records/s through `records()` at zero latency, vs a raw `fetch` + `JSON.parse` loop over the same pages;
 * - CPU time per request of `get()`, vs raw `fetch`;
 * - with 20 ms latency, concurrency 8 and no rate limit: achieved requests/s as a fraction of the
 *   ideal 400/s (target >= 0.9), vs 8 raw `fetch` workers;
 * - with a limit of 50 requests/s: the achieved rate (it must not exceed the limit).
 * Prints one JSON line per result.
 */
import { spawn } from "node:child_process"
import { once } from "node:events"
import { dirname, join } from "node:path"
import { createInterface } from "node:readline"
import { fileURLToPath } from "node:url"
import { createCcClient } from "../src/index.js"

const here = dirname(fileURLToPath(import.meta.url))
const VISITS = "/api/v1/patient-visits/odata"
const DETAILS = "/api/v1/instance/details"
const SCALE = Number(process.env.BENCH_SCALE ?? 0.05)

const startSandboxProcess = async () => {
  const child = spawn(
    process.execPath,
    [
      "--conditions=source",
      "--import",
      "tsx",
      join(here, "sandbox-process.ts"),
      JSON.stringify({ scale: SCALE, seed: 1 })
    ],
    { stdio: ["ignore", "pipe", "inherit"] }
  )
  const lines = createInterface({ input: child.stdout })
  const [line] = (await once(lines, "line")) as [string]
  const info = JSON.parse(line) as { url: string; apiKey: string; apiKeyHeader: string }
  return { ...info, stop: () => child.kill("SIGTERM") }
}

const emit = (result: Record<string, unknown>) => console.log(JSON.stringify(result))

const sandbox = await startSandboxProcess()
const headers = { [sandbox.apiKeyHeader]: sandbox.apiKey, accept: "application/json" }

const setLatency = async (latencyMs: number) => {
  const response = await fetch(`${sandbox.url}/__sandbox/faults`, {
    method: "POST",
    headers: { ...headers, "content-type": "application/json" },
    body: JSON.stringify({ latencyMs })
  })
  if (!response.ok) throw new Error(`could not set sandbox latency: ${response.status}`)
}

const client = (overrides: Record<string, unknown> = {}) =>
  createCcClient({ baseUrl: sandbox.url, apiKey: sandbox.apiKey, requestsPerSecond: 0, ...overrides })

const timed = async <T>(run: () => Promise<T>) => {
  const cpu = process.cpuUsage()
  const start = performance.now()
  const value = await run()
  const used = process.cpuUsage(cpu)
  return { value, seconds: (performance.now() - start) / 1000, cpuMs: (used.user + used.system) / 1000 }
}

try {
  await setLatency(0)

  // 1. records/s through records(), vs raw fetch over the same pages.
  const rawRecords = async () => {
    let rows = 0
    for (let skip = 0; ; skip += 1000) {
      const response = await fetch(`${sandbox.url}${VISITS}?$top=1000${skip > 0 ? `&$skip=${skip}` : ""}`, { headers })
      const body = (await response.json()) as { Items: unknown[] }
      for (const _ of body.Items) rows++
      if (body.Items.length < 1000) return rows
    }
  }
  const viaClient = async () => {
    let rows = 0
    for await (const _ of client().records(VISITS)) rows++
    return rows
  }
  await rawRecords() // warm both the server's pages and the connections
  const raw = await timed(rawRecords)
  const ours = await timed(viaClient)
  emit({
    bench: "client.records",
    records: ours.value,
    recordsPerSec: Math.round(ours.value / ours.seconds),
    baseline: "raw fetch + JSON.parse, sequential pages",
    baselineRecordsPerSec: Math.round(raw.value / raw.seconds),
    ratio: Number((raw.seconds / ours.seconds).toFixed(3))
  })

  // 2. CPU time per request (one small object per request), sequential.
  const REQUESTS = 2000
  const rawGets = async () => {
    for (let i = 0; i < REQUESTS; i++) await (await fetch(`${sandbox.url}${DETAILS}`, { headers })).json()
  }
  const clientGets = async () => {
    const c = client()
    for (let i = 0; i < REQUESTS; i++) await c.get(DETAILS)
  }
  await rawGets()
  const rawCpu = await timed(rawGets)
  const clientCpu = await timed(clientGets)
  emit({
    bench: "client.cpuPerRequest",
    requests: REQUESTS,
    cpuMicrosPerRequest: Math.round((clientCpu.cpuMs * 1000) / REQUESTS),
    baseline: "raw fetch + json()",
    baselineCpuMicrosPerRequest: Math.round((rawCpu.cpuMs * 1000) / REQUESTS),
    overheadMicrosPerRequest: Math.round(((clientCpu.cpuMs - rawCpu.cpuMs) * 1000) / REQUESTS)
  })

  // 3. 20 ms latency, concurrency 8, no rate limit: fraction of the ideal 400 requests/s.
  await setLatency(20)
  const LATENT = 1200
  const ideal = 8 * (1000 / 20)
  const rawWorkers = async () => {
    let next = 0
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next++ < LATENT) await (await fetch(`${sandbox.url}${DETAILS}`, { headers })).json()
      })
    )
  }
  const clientBurst = async () => {
    const c = client({ concurrency: 8 })
    await Promise.all(Array.from({ length: LATENT }, () => c.get(DETAILS)))
  }
  await rawWorkers()
  const rawLatent = await timed(rawWorkers)
  const clientLatent = await timed(clientBurst)
  emit({
    bench: "client.concurrency8.latency20ms",
    requests: LATENT,
    requestsPerSec: Math.round(LATENT / clientLatent.seconds),
    fractionOfIdeal400: Number((LATENT / clientLatent.seconds / ideal).toFixed(3)),
    target: 0.9,
    baseline: "8 raw fetch workers",
    baselineRequestsPerSec: Math.round(LATENT / rawLatent.seconds),
    baselineFractionOfIdeal400: Number((LATENT / rawLatent.seconds / ideal).toFixed(3))
  })

  // 4. A limit of 50 requests/s holds (starts are spaced 20 ms apart).
  await setLatency(0)
  const LIMITED = 150
  const limited = await timed(async () => {
    const c = client({ concurrency: 8, requestsPerSecond: 50 })
    await Promise.all(Array.from({ length: LIMITED }, () => c.get(DETAILS)))
  })
  emit({
    bench: "client.rateLimit50",
    requests: LIMITED,
    requestsPerSec: Number((LIMITED / limited.seconds).toFixed(2)),
    limit: 50,
    baseline: "the configured limit",
    ratio: Number((LIMITED / limited.seconds / 50).toFixed(3))
  })
} finally {
  sandbox.stop()
}
