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

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]!
}

/**
 * The machine is shared and noisy: run baseline and candidate in alternating rounds and keep each
 * one's median, so a burst of someone else's load hits both alike.
 */
const alternate = async <T>(rounds: number, baseline: () => Promise<T>, candidate: () => Promise<T>) => {
  const base: Array<Awaited<ReturnType<typeof timed<T>>>> = []
  const ours: Array<Awaited<ReturnType<typeof timed<T>>>> = []
  for (let round = 0; round < rounds; round++) {
    base.push(await timed(baseline))
    ours.push(await timed(candidate))
  }
  const pick = (runs: typeof base) => ({
    value: runs[0]!.value,
    seconds: median(runs.map((run) => run.seconds)),
    cpuMs: median(runs.map((run) => run.cpuMs))
  })
  return { baseline: pick(base), candidate: pick(ours) }
}

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
  const records = await alternate(3, rawRecords, viaClient)
  const raw = records.baseline
  const ours = records.candidate
  emit({
    bench: "client.records",
    records: ours.value,
    recordsPerSec: Math.round(ours.value / ours.seconds),
    baseline: "raw fetch + JSON.parse, sequential pages",
    baselineRecordsPerSec: Math.round(raw.value / raw.seconds),
    ratio: Number((raw.seconds / ours.seconds).toFixed(3))
  })

  // 2. CPU time per request (one small object per request), sequential.
  const REQUESTS = 500
  const ROUNDS = 7
  const rawGets = async () => {
    for (let i = 0; i < REQUESTS; i++) await (await fetch(`${sandbox.url}${DETAILS}`, { headers })).json()
  }
  const reused = client()
  const clientGets = async () => {
    for (let i = 0; i < REQUESTS; i++) await reused.get(DETAILS)
  }
  await rawGets()
  await clientGets()
  const cpu = await alternate(ROUNDS, rawGets, clientGets)
  const rawCpu = cpu.baseline
  const clientCpu = cpu.candidate
  emit({
    bench: "client.cpuPerRequest",
    requests: REQUESTS,
    rounds: ROUNDS,
    cpuMicrosPerRequest: Math.round((clientCpu.cpuMs * 1000) / REQUESTS),
    baseline: "raw fetch + json()",
    baselineCpuMicrosPerRequest: Math.round((rawCpu.cpuMs * 1000) / REQUESTS),
    overheadMicrosPerRequest: Math.round(((clientCpu.cpuMs - rawCpu.cpuMs) * 1000) / REQUESTS)
  })

  // 2b. The client's own CPU per request with the network taken out (an instant in-memory fetch),
  // which the shared machine's noise cannot hide: the same Response built and parsed is the baseline.
  const body = await (await fetch(`${sandbox.url}${DETAILS}`, { headers })).text()
  const instant = (async () =>
    new Response(body, { status: 200, headers: { "content-type": "application/json" } })) as typeof fetch
  const offline = createCcClient({ baseUrl: sandbox.url, apiKey: sandbox.apiKey, requestsPerSecond: 0, fetch: instant })
  const OFFLINE = 20_000
  const offlineCpu = await alternate(
    5,
    async () => {
      for (let i = 0; i < OFFLINE; i++) await (await instant(DETAILS)).json()
    },
    async () => {
      for (let i = 0; i < OFFLINE; i++) await offline.get(DETAILS)
    }
  )
  const offlineSdk = await timed(async () => {
    for (let i = 0; i < OFFLINE / 4; i++) await offline.sdk.instanceGetDetails()
  })
  emit({
    bench: "client.overheadPerRequest.noNetwork",
    requests: OFFLINE,
    cpuMicrosPerGet: Number(((offlineCpu.candidate.cpuMs * 1000) / OFFLINE).toFixed(1)),
    cpuMicrosPerSdkCall: Number(((offlineSdk.cpuMs * 1000) / (OFFLINE / 4)).toFixed(1)),
    baseline: "new Response + json() per request",
    baselineCpuMicros: Number(((offlineCpu.baseline.cpuMs * 1000) / OFFLINE).toFixed(1)),
    overheadMicrosPerGet: Number(
      (((offlineCpu.candidate.cpuMs - offlineCpu.baseline.cpuMs) * 1000) / OFFLINE).toFixed(1)
    )
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
  const latent = await alternate(3, rawWorkers, clientBurst)
  const rawLatent = latent.baseline
  const clientLatent = latent.candidate
  emit({
    bench: "client.concurrency8.latency20ms",
    requests: LATENT,
    requestsPerSec: Math.round(LATENT / clientLatent.seconds),
    fractionOfIdeal400: Number((LATENT / clientLatent.seconds / ideal).toFixed(3)),
    target: 0.9,
    baseline: "8 raw fetch workers",
    baselineRequestsPerSec: Math.round(LATENT / rawLatent.seconds),
    baselineFractionOfIdeal400: Number((LATENT / rawLatent.seconds / ideal).toFixed(3)),
    ratio: Number((rawLatent.seconds / clientLatent.seconds).toFixed(3))
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
    // 150 starts spaced 20 ms apart span 149 intervals.
    requestsPerSec: Number(((LIMITED - 1) / limited.seconds).toFixed(2)),
    limit: 50,
    baseline: "the configured limit",
    ratio: Number(((LIMITED - 1) / limited.seconds / 50).toFixed(3))
  })
} finally {
  sandbox.stop()
}
