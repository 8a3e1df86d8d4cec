/**
 * Sandbox start-up and serving benchmark. Prints one JSON line per result:
 * - `sandbox-start` per scale (0.01 is the baseline; 0.1 and 1 are compared with it), each in a fresh
 *   process: time for `startSandbox` to listen, RSS after start, and the time of a first page vs a
 *   page deep in the patient-visit list (`$skip` near the end), which shows paging is O(page size);
 * - `sandbox-throughput`: requests/s at concurrency 8 over keep-alive (client and server share this
 *   process), against a plain `node:http` server answering a precomputed body of the same size,
 *   measured in the same run: the same 50-row page again and again (served from the record cache),
 *   distinct 50-row pages (generated), and distinct 1000-row pages (rows/s of a full sync).
 * Run: node --conditions=source --import tsx --expose-gc packages/cc-sandbox/bench/start.ts [--quick]
 */
import { spawnSync } from "node:child_process"
import { Agent, createServer, request } from "node:http"
import type { AddressInfo } from "node:net"
import { fileURLToPath } from "node:url"
import { startSandbox } from "../src/index.js"

const MB = 2 ** 20
const quick = process.argv.includes("--quick")

const fetchJson = async (url: string, headers: Record<string, string>): Promise<{ ms: number; body: unknown }> => {
  const started = performance.now()
  const response = await fetch(url, { headers })
  const body = await response.json()
  return { ms: performance.now() - started, body }
}

/** In a child process: start one sandbox, measure, print one JSON object. */
const measureStart = async (scale: number): Promise<void> => {
  const started = performance.now()
  const sandbox = await startSandbox({ scale, seed: 42 })
  const startMs = performance.now() - started
  globalThis.gc?.()
  const rssAfterStartMb = process.memoryUsage().rss / MB
  const headers = { [sandbox.apiKeyHeader]: sandbox.apiKey }
  const total = sandbox.counts()["/api/v1/patient-visits/odata"]!
  const first = await fetchJson(`${sandbox.url}/api/v1/patient-visits/odata?$top=1000`, headers)
  const deepSkip = Math.max(0, total - 1000)
  const firstAgain = await fetchJson(`${sandbox.url}/api/v1/patient-visits/odata?$top=1000&$skip=1000`, headers)
  const deep = await fetchJson(`${sandbox.url}/api/v1/patient-visits/odata?$top=1000&$skip=${deepSkip}`, headers)
  globalThis.gc?.()
  console.log(
    JSON.stringify({
      scale,
      records: sandbox.info().generatedRecords,
      patientVisits: total,
      startMs: Math.round(startMs),
      rssAfterStartMb: Math.round(rssAfterStartMb),
      rssAfterPagesMb: Math.round(process.memoryUsage().rss / MB),
      firstPageMs: Math.round(first.ms),
      nearPageMs: Math.round(firstAgain.ms),
      deepPageMs: Math.round(deep.ms),
      deepSkip
    })
  )
  await sandbox.stop()
}

/** Requests per second through `path(n)` (the n-th request's path) at concurrency 8, for `seconds`. */
const load = async (
  base: string,
  path: (n: number) => string,
  headers: Record<string, string>,
  seconds: number
): Promise<number> => {
  const agent = new Agent({ keepAlive: true, maxSockets: 8 })
  const deadline = performance.now() + seconds * 1000
  let done = 0
  let issued = 0
  const worker = async (): Promise<void> => {
    while (performance.now() < deadline) {
      const url = new URL(path(issued++), base)
      await new Promise<void>((resolve, reject) => {
        const req = request(url, { agent, headers }, (response) => {
          response.resume()
          response.on("end", () => resolve())
        })
        req.on("error", reject)
        req.end()
      })
      done++
    }
  }
  const started = performance.now()
  await Promise.all(Array.from({ length: 8 }, worker))
  agent.destroy()
  return done / ((performance.now() - started) / 1000)
}

const measureThroughput = async (): Promise<void> => {
  const seconds = quick ? 1 : 3
  const sandbox = await startSandbox({ scale: 0.1, seed: 42 })
  const headers = { [sandbox.apiKeyHeader]: sandbox.apiKey }
  const small = "/api/v1/patient-visits/odata?$top=50&$skip=100"
  const body = JSON.stringify((await fetchJson(`${sandbox.url}${small}`, headers)).body)
  const baseline = createServer((_, response) => {
    response.writeHead(200, {
      "content-type": "application/json; charset=utf-8",
      "content-length": Buffer.byteLength(body)
    })
    response.end(body)
  })
  await new Promise<void>((resolve) => baseline.listen(0, "127.0.0.1", resolve))
  const baselineUrl = `http://127.0.0.1:${(baseline.address() as AddressInfo).port}`
  const total = sandbox.counts()["/api/v1/patient-visits/odata"]!
  const distinct = (top: number) => (n: number) => `/api/v1/patient-visits/odata?$top=${top}&$skip=${(n * top) % total}`
  await load(baselineUrl, () => small, headers, 0.5)
  await load(sandbox.url, () => small, headers, 0.5)
  const baselineRps = await load(baselineUrl, () => small, headers, seconds)
  const cachedRps = await load(sandbox.url, () => small, headers, seconds)
  const generatedRps = await load(sandbox.url, distinct(50), headers, seconds)
  const pageRps = await load(sandbox.url, distinct(1000), headers, seconds)
  console.log(
    JSON.stringify({
      bench: "sandbox-throughput",
      scale: 0.1,
      concurrency: 8,
      pageBytes: Buffer.byteLength(body),
      baselineRps: Math.round(baselineRps),
      cachedPageRps: Math.round(cachedRps),
      cachedVsBaseline: Number((cachedRps / baselineRps).toFixed(3)),
      generatedPageRps: Math.round(generatedRps),
      generatedVsBaseline: Number((generatedRps / baselineRps).toFixed(3)),
      generatedRowsPerSecond: Math.round(pageRps * 1000)
    })
  )
  baseline.close()
  await sandbox.stop()
}

const childScale = process.argv.indexOf("--child")
if (childScale >= 0) {
  await measureStart(Number(process.argv[childScale + 1]))
} else {
  const scales = quick ? [0.01, 0.1] : [0.01, 0.1, 1]
  let baseline: { startMs: number; rssAfterStartMb: number } | undefined
  for (const scale of scales) {
    const child = spawnSync(
      process.execPath,
      [...process.execArgv, fileURLToPath(import.meta.url), "--child", String(scale)],
      {
        encoding: "utf8"
      }
    )
    if (child.status !== 0) {
      console.error(child.stderr)
      process.exit(1)
    }
    const result = JSON.parse(child.stdout.trim().split("\n").at(-1)!) as { startMs: number; rssAfterStartMb: number }
    baseline ??= result
    console.log(
      JSON.stringify({
        bench: "sandbox-start",
        ...result,
        baselineScale: scales[0],
        startVsBaseline: Number((result.startMs / Math.max(1, baseline.startMs)).toFixed(2)),
        rssVsBaseline: Number((result.rssAfterStartMb / baseline.rssAfterStartMb).toFixed(2))
      })
    )
  }
  await measureThroughput()
}
