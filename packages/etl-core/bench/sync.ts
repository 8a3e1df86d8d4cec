/**
 * `pnpm bench sync [--scale 0.1] [--driver postgresql|pglite|both] [--latency-job 148]`: the engine end to end against
 * the sandbox, one JSON line per result. The sandbox runs in its own process (its CPU is
 * reported separately) and every engine run in another (bench/sync-run.ts), so neither shares
 * an event loop and each run's peak RSS is its own.
 *
 * Results, on the local PostgreSQL (default) and/or an embedded PGlite (a temporary directory):
 * - sync.full: a first full sync (zero latency): wall time, rows/s, requests/s, peak RSS.
 * - sync.resync: the same sync again, nothing changed: its speed-up over the first (target >= 5).
 * - sync.incremental: after a 1% mutation, child requests against the full sync's.
 * - sync.latency20ms: a fan-out job over 20 ms of latency per request: requests/s over the ideal
 *   concurrency / latency (target >= 0.9), with raw `fetch` workers on the same paths as the
 *   baseline measured in the same run.
 */
import { type ChildProcess, spawn } from "node:child_process"
import { mkdtempSync, readFileSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { createInterface } from "node:readline"
import { fileURLToPath } from "node:url"
import { parseArgs } from "node:util"
import { openWarehouse } from "@trialsync/warehouse"
import { createTestDatabase } from "@trialsync/warehouse/testing"
import { bundleEngineRunner } from "./bundle.js"

const { values } = parseArgs({
  options: {
    scale: { type: "string", default: "0.1" },
    driver: { type: "string", default: "postgresql" },
    "latency-job": { type: "string", default: "148" },
    concurrency: { type: "string", default: "8" }
  }
})
const scale = Number(values.scale)
const concurrency = Number(values.concurrency)
const latencyJob = Number(values["latency-job"])
const here = (path: string) => fileURLToPath(new URL(path, import.meta.url))
const node = (script: string) => [process.execPath, "--conditions=source", "--import", "tsx", script] as const

const emit = (result: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(result)}\n`)

/** CPU milliseconds a process has used so far (Linux /proc). */
const cpuMsOf = (pid: number): number => {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? []
  const ticks = Number(fields[11]) + Number(fields[12])
  return Math.round((ticks * 1000) / 100)
}

interface SandboxProcess {
  readonly url: string
  readonly apiKey: string
  readonly child: ChildProcess
  readonly admin: (path: string, body?: unknown) => Promise<unknown>
}

const startSandboxProcess = async (): Promise<SandboxProcess> => {
  const [command, ...args] = node(join(here("../../cc-sandbox/src/main.ts")))
  const child = spawn(command, [...args, "--port", "0", "--scale", String(scale), "--seed", "42"], {
    stdio: ["ignore", "pipe", "inherit"]
  })
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream })
  let url = ""
  let apiKey = ""
  for await (const line of lines) {
    url ||= /listening on (\S+)/.exec(line)?.[1] ?? ""
    apiKey ||= /API key:\s+(\S+)/.exec(line)?.[1] ?? ""
    if (url !== "" && apiKey !== "") break
  }
  const admin = async (path: string, body?: unknown) => {
    const response = await fetch(`${url}/__sandbox/${path}`, {
      method: body === undefined ? "GET" : "POST",
      headers: { CCAPIKey: apiKey, "content-type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) })
    })
    return response.json()
  }
  return { url, apiKey, child, admin }
}

interface RunResult {
  readonly wallMs: number
  readonly cpuMs: number
  readonly maxRssMb: number
  readonly jobsAtPeak: ReadonlyArray<number>
  readonly status: string
  readonly rows: number
  readonly inserted: number
  readonly updated: number
  readonly deleted: number
  readonly requests: number
  readonly failed: ReadonlyArray<string>
  readonly jobs: ReadonlyArray<{ readonly id: number; readonly durationMs: number; readonly requests: number }>
}

type Target = { readonly databaseUrl: string } | { readonly pgliteDir: string }

/** One engine run in its own process; returns its figures and the sandbox's CPU meanwhile. */
const engineRun = async (
  sandbox: SandboxProcess,
  target: Target,
  task: { readonly selection?: string; readonly fullRefresh?: boolean }
): Promise<RunResult & { readonly sandboxCpuMs: number; readonly childRequests: number }> => {
  await sandbox.admin("stats/reset", {})
  const sandboxCpu = cpuMsOf(sandbox.child.pid as number)
  // As `pnpm trialsync` runs the engine: a smaller young generation keeps the peak lower (below).
  const child = spawn(process.execPath, ["--max-semi-space-size=8", runner], {
    stdio: ["ignore", "pipe", "inherit"],
    env: {
      ...process.env,
      SANDBOX_URL: sandbox.url,
      SANDBOX_KEY: sandbox.apiKey,
      CONCURRENCY: String(concurrency),
      SELECTION: task.selection ?? "all",
      FULL_REFRESH: task.fullRefresh === true ? "1" : "0",
      ...("databaseUrl" in target ? { DATABASE_URL: target.databaseUrl } : { PGLITE_DIR: target.pgliteDir })
    }
  })
  let output = ""
  for await (const line of createInterface({ input: child.stdout as NodeJS.ReadableStream })) output = line
  const result = JSON.parse(output) as RunResult
  const stats = (await sandbox.admin("stats")) as { byPath: Record<string, number> }
  // Child calls: every path with a placeholder (per-parent lists).
  const childRequests = Object.entries(stats.byPath)
    .filter(([path]) => path.includes("{"))
    .reduce((sum, [, count]) => sum + count, 0)
  return { ...result, sandboxCpuMs: cpuMsOf(sandbox.child.pid as number) - sandboxCpu, childRequests }
}

/** Raw `fetch` workers over the same per-parent paths: the latency baseline of this run. */
const rawFetchRate = async (sandbox: SandboxProcess, paths: ReadonlyArray<string>): Promise<number> => {
  let next = 0
  const started = performance.now()
  const worker = async () => {
    while (next < paths.length) {
      const path = paths[next++] as string
      const response = await fetch(`${sandbox.url}${path}`, { headers: { CCAPIKey: sandbox.apiKey } })
      await response.json()
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker))
  return paths.length / ((performance.now() - started) / 1000)
}

const suite = async (sandbox: SandboxProcess, driver: "postgresql" | "pglite", target: Target) => {
  const base = { scale, driver, concurrency }
  const full = await engineRun(sandbox, target, {})
  emit({
    bench: "sync.full",
    ...base,
    status: full.status,
    failed: full.failed,
    wallMs: full.wallMs,
    rows: full.rows,
    rowsPerSec: Math.round(full.rows / (full.wallMs / 1000)),
    requests: full.requests,
    requestsPerSec: Math.round(full.requests / (full.wallMs / 1000)),
    peakRssMb: full.maxRssMb,
    targetPeakRssMb: 300,
    jobsRunningAtPeak: full.jobsAtPeak,
    engineCpuMs: full.cpuMs,
    sandboxCpuMs: full.sandboxCpuMs
  })
  const resync = await engineRun(sandbox, target, {})
  emit({
    bench: "sync.resync",
    ...base,
    status: resync.status,
    wallMs: resync.wallMs,
    baselineFullWallMs: full.wallMs,
    speedup: Number((full.wallMs / resync.wallMs).toFixed(1)),
    targetSpeedup: 5,
    rowsRewritten: resync.inserted + resync.updated + resync.deleted,
    childRequests: resync.childRequests,
    peakRssMb: resync.maxRssMb,
    engineCpuMs: resync.cpuMs,
    sandboxCpuMs: resync.sandboxCpuMs
  })
  const mutation = (await sandbox.admin("mutate", { fraction: 0.01 })) as {
    updated: number
    inserted: number
    deleted: number
  }
  const incremental = await engineRun(sandbox, target, {})
  emit({
    bench: "sync.incremental",
    ...base,
    status: incremental.status,
    mutation: { fraction: 0.01, updated: mutation.updated, inserted: mutation.inserted, deleted: mutation.deleted },
    wallMs: incremental.wallMs,
    childRequests: incremental.childRequests,
    baselineFullChildRequests: full.childRequests,
    childRequestRatio: Number((incremental.childRequests / full.childRequests).toFixed(4)),
    rowsWritten: incremental.inserted + incremental.updated + incremental.deleted
  })
}

const latency = async (sandbox: SandboxProcess, target: Target) => {
  const latencyMs = 20
  const warehouse = await openWarehouse(
    "databaseUrl" in target ? { databaseUrl: target.databaseUrl } : { dataDir: join(target.pgliteDir, "pglite") }
  )
  const parents = await warehouse.query<{ id: string }>(
    "SELECT record_key AS id FROM dim_patients_staging WHERE NOT is_deleted ORDER BY id"
  )
  await warehouse.close()
  await sandbox.admin("faults", { latencyMs })
  const ideal = concurrency / (latencyMs / 1000)
  const baseline = await rawFetchRate(
    sandbox,
    parents.slice(0, Math.min(parents.length, 4000)).map((parent) => `/api/v1/patients/${parent.id}/allergies`)
  )
  const run = await engineRun(sandbox, target, { selection: String(latencyJob), fullRefresh: true })
  await sandbox.admin("faults", {})
  // The job's own time: the process start and the plan are not the fan-out's rate.
  const job = run.jobs.find((entry) => entry.id === latencyJob)
  const jobMs = job?.durationMs ?? run.wallMs
  const achieved = (job?.requests ?? run.requests) / (jobMs / 1000)
  emit({
    bench: "sync.latency20ms",
    scale,
    job: latencyJob,
    concurrency,
    latencyMs,
    status: run.status,
    requests: job?.requests ?? run.requests,
    jobMs,
    wallMs: run.wallMs,
    requestsPerSec: Math.round(achieved),
    idealRequestsPerSec: ideal,
    fractionOfIdeal: Number((achieved / ideal).toFixed(3)),
    target: 0.9,
    baselineRawFetchRequestsPerSec: Math.round(baseline),
    baselineFractionOfIdeal: Number((baseline / ideal).toFixed(3)),
    engineCpuMs: run.cpuMs,
    sandboxCpuMs: run.sandboxCpuMs
  })
}

const migrated = async (target: Target): Promise<Target> => {
  const warehouse = await openWarehouse(
    "databaseUrl" in target ? { databaseUrl: target.databaseUrl } : { dataDir: join(target.pgliteDir, "pglite") }
  )
  await warehouse.migrate()
  await warehouse.close()
  return target
}

const runner = await bundleEngineRunner(here("../dist/bench"))
const sandbox = await startSandboxProcess()
const database = await createTestDatabase("etl_core_bench")
const directory = mkdtempSync(join(tmpdir(), "etl-core-bench-"))
try {
  if (values.driver !== "pglite") {
    const postgres = await migrated({ databaseUrl: database.url })
    await suite(sandbox, "postgresql", postgres)
    await latency(sandbox, postgres)
  }
  if (values.driver !== "postgresql") {
    // A fresh sandbox: the PostgreSQL suite mutated the first one.
    const restarted = values.driver === "pglite" ? sandbox : await startSandboxProcess()
    try {
      await suite(restarted, "pglite", await migrated({ pgliteDir: directory }))
    } finally {
      if (restarted !== sandbox) restarted.child.kill("SIGTERM")
    }
  }
} finally {
  sandbox.child.kill("SIGTERM")
  await database.drop()
  rmSync(directory, { recursive: true, force: true })
}
