/**
 * `pnpm bench transform [--scale 0.1] [--driver postgresql|pglite] [--fraction 0.01]`: the
 * Bronze -> Silver -> Gold transformation at sandbox scale, one JSON line per result.
 *
 * The sandbox runs in its own process. Bronze is loaded from it over HTTP as a complete
 * snapshot sync would (test/transform/support/bronze.ts: the loader for plain jobs, the engine's
 * partition batcher for fan-outs), timed apart from the transformations. Then, on the same
 * warehouse:
 * - transform.full: the first transformation (empty Silver, everything read and written);
 * - transform.noop: an incremental one right after (nothing changed);
 * - bronze.reload: `mutate({ fraction })` in the sandbox, then a complete second sync;
 * - transform.incremental: the incremental transformation of those changes;
 * - transform.rebuild: a full transformation of the same state (reads and compares everything);
 * - transform.ratio: full and rebuild time over incremental time (target: incremental >= 10x faster).
 * Each transformation line has its time per layer and table, rows written, and the time left for
 * data-quality checks and bookkeeping.
 */
import { type ChildProcess, spawn } from "node:child_process"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { createInterface } from "node:readline"
import { fileURLToPath } from "node:url"
import { parseArgs } from "node:util"
import { openWarehouse, type Warehouse } from "@trialsync/warehouse"
import { createTestDatabase } from "@trialsync/warehouse/testing"
import { type TransformReport, transform } from "../src/index.js"
import { loadBronze, registerInstance } from "../test/transform/support/bronze.js"

const { values } = parseArgs({
  options: {
    scale: { type: "string", default: "0.1" },
    driver: { type: "string", default: "postgresql" },
    fraction: { type: "string", default: "0.01" }
  }
})
const scale = Number(values.scale)
const fraction = Number(values.fraction)
const driver = values.driver
if (!(scale > 0) || !(fraction > 0 && fraction <= 1) || (driver !== "postgresql" && driver !== "pglite")) {
  console.error("Usage: pnpm bench transform [--scale 0.1] [--driver postgresql|pglite] [--fraction 0.01]")
  process.exit(2)
}

const emit = (result: Record<string, unknown>) =>
  process.stdout.write(`${JSON.stringify({ bench: "transform", driver, scale, ...result })}\n`)

interface SandboxProcess {
  readonly url: string
  readonly apiKey: string
  readonly apiKeyHeader: string
  readonly child: ChildProcess
  readonly mutate: (fraction: number) => Promise<unknown>
}

const startSandboxProcess = async (): Promise<SandboxProcess> => {
  const main = fileURLToPath(new URL("../../cc-sandbox/src/main.ts", import.meta.url))
  const child = spawn(
    process.execPath,
    ["--conditions=source", "--import", "tsx", main, "--port", "0", "--scale", String(scale), "--seed", "42"],
    { stdio: ["ignore", "pipe", "inherit"] }
  )
  let url = ""
  let apiKey = ""
  for await (const line of createInterface({ input: child.stdout as NodeJS.ReadableStream })) {
    url ||= /listening on (\S+)/.exec(line)?.[1] ?? ""
    apiKey ||= /API key:\s+(\S+)/.exec(line)?.[1] ?? ""
    if (url !== "" && apiKey !== "") break
  }
  const mutate = async (share: number) => {
    const response = await fetch(`${url}/__sandbox/mutate`, {
      method: "POST",
      headers: { CCAPIKey: apiKey, "content-type": "application/json" },
      body: JSON.stringify({ fraction: share })
    })
    return response.json()
  }
  return { url, apiKey, apiKeyHeader: "CCAPIKey", child, mutate }
}

const timed = async <A>(run: () => Promise<A>) => {
  const started = performance.now()
  const result = await run()
  return { result, ms: Math.round(performance.now() - started) }
}

const describeReport = (report: TransformReport) => {
  const silverMs = report.layers.filter((layer) => layer.layer === "silver").reduce((sum, layer) => sum + layer.ms, 0)
  const goldMs = report.layers.filter((layer) => layer.layer === "gold").reduce((sum, layer) => sum + layer.ms, 0)
  return {
    mode: report.mode,
    status: report.status,
    ms: report.durationMs,
    silverMs,
    goldMs,
    checksAndBookkeepingMs: report.durationMs - silverMs - goldMs,
    rowsWritten: report.layers.reduce((sum, layer) => sum + layer.rowsWritten, 0),
    tables: Object.fromEntries(report.layers.map((layer) => [layer.table, { rows: layer.rowsWritten, ms: layer.ms }])),
    failedChecks: report.quality.filter((check) => !check.passed).map((check) => `${check.check}:${check.table}`)
  }
}

const stagingRows = async (warehouse: Warehouse) => {
  const [row] = await warehouse.query<{ n: string | number }>(
    "SELECT sum(row_count)::bigint AS n FROM v_table_freshness WHERE layer = 'bronze'"
  )
  return Number(row?.n ?? 0)
}

const sandbox = await startSandboxProcess()
const database = driver === "postgresql" ? await createTestDatabase("transform_bench") : undefined
const dataDir = driver === "pglite" ? mkdtempSync(join(tmpdir(), "trialsync-transform-bench-")) : undefined
const warehouse = await openWarehouse(database === undefined ? { dataDir: dataDir! } : { databaseUrl: database.url })
try {
  await warehouse.migrate()
  const instanceId = await registerInstance(warehouse, "bench")
  const load = await timed(() => loadBronze(warehouse, sandbox, { instanceId }))
  emit({ case: "bronze.load", ms: load.ms, stagingRows: await stagingRows(warehouse) })

  const full = await transform(warehouse, { mode: "full" })
  emit({ case: "transform.full", ...describeReport(full) })
  const noop = await transform(warehouse)
  emit({ case: "transform.noop", ...describeReport(noop) })

  const { updated, inserted, deleted } = (await sandbox.mutate(fraction)) as Record<string, number>
  const reload = await timed(() => loadBronze(warehouse, sandbox, { instanceId }))
  const changed = Object.values(reload.result).reduce((sum, rows) => sum + rows, 0)
  emit({
    case: "bronze.reload",
    fraction,
    ms: reload.ms,
    stagingRowsChanged: changed,
    mutated: { updated, inserted, deleted }
  })

  const incremental = await transform(warehouse)
  emit({ case: "transform.incremental", ...describeReport(incremental) })
  const rebuild = await transform(warehouse, { mode: "full" })
  emit({ case: "transform.rebuild", ...describeReport(rebuild) })
  const ratio = (baseline: number) => Math.round((baseline / Math.max(incremental.durationMs, 1)) * 10) / 10
  emit({
    case: "transform.ratio",
    fullMs: full.durationMs,
    rebuildMs: rebuild.durationMs,
    incrementalMs: incremental.durationMs,
    fullOverIncremental: ratio(full.durationMs),
    rebuildOverIncremental: ratio(rebuild.durationMs),
    target: 10,
    met: ratio(full.durationMs) >= 10
  })
} finally {
  await warehouse.close()
  await database?.drop()
  if (dataDir !== undefined) rmSync(dataDir, { recursive: true, force: true })
  sandbox.child.kill("SIGTERM")
}
