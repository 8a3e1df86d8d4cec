/**
 * `pnpm bench load [--driver postgres|pglite|all] [--records N] [--batch-size N] [--table T]`
 *
 * Loads N (default 200,000) ~500-byte records into a staging table three times (first load,
 * identical reload, 10% changed) and measures, in the same run, a raw COPY into an unindexed
 * table and Drizzle's onConflictDoUpdate. Prints one JSON line per result, then a summary line
 * with the targets. PostgreSQL runs in a throwaway database; PGlite in a temporary directory.
 */
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { parseArgs } from "node:util"
import { defineStagingTable, getStagingTable, openWarehouse, type Warehouse } from "../src/index.js"
import { createTestDatabase } from "../src/testing/index.js"
import { drizzleUpsert, rawCopyPglite, rawCopyPostgres } from "./baselines.js"
import { visitRecords } from "./records.js"

const { values: args } = parseArgs({
  options: {
    driver: { type: "string", default: "all" },
    records: { type: "string", default: "200000" },
    "batch-size": { type: "string", default: "5000" },
    table: { type: "string", default: "dim_patient_visits_staging" }
  }
})
const count = Number(args.records)
const batchSize = Number(args["batch-size"])
const target = getStagingTable(args.table!)

let peakRss = 0
const sampleRss = () => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss)
}
const sampler = setInterval(sampleRss, 20)

const emit = (line: Record<string, unknown>) => {
  sampleRss()
  console.log(JSON.stringify({ bench: "load", ...line, peakRssMB: Math.round(peakRss / 1e6) }))
}

const timed = async <A>(run: () => Promise<A>) => {
  const start = performance.now()
  const result = await run()
  return { result, ms: performance.now() - start }
}

const rate = (rows: number, ms: number) => Math.round((rows / ms) * 1000)

/** Rows of `table` written since `xid` (their xmin is newer): exact, per table. */
const rowsWrittenSince = async (warehouse: Warehouse, table: string, xid: bigint) => {
  const [row] = await warehouse.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM "${table}" WHERE xmin::text::bigint >= $1`,
    [String(xid % 4_294_967_296n)]
  )
  return row!.n
}
const currentXid = async (warehouse: Warehouse) => {
  const [row] = await warehouse.query<{ xid: string }>("SELECT pg_current_xact_id()::text AS xid")
  return BigInt(row!.xid)
}
const walPosition = async (warehouse: Warehouse) =>
  (await warehouse.query<{ lsn: string }>("SELECT pg_current_wal_lsn()::text AS lsn"))[0]!.lsn
const walSince = async (warehouse: Warehouse, lsn: string) =>
  Number(
    (await warehouse.query<{ d: string }>("SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), $1)::text AS d", [lsn]))[0]!.d
  )

const runDriver = async (driver: "postgres" | "pglite") => {
  const database = driver === "postgres" ? await createTestDatabase("bench_load") : undefined
  const dataDir = driver === "pglite" ? mkdtempSync(join(tmpdir(), "trialsync-bench-")) : undefined
  const warehouse = await openWarehouse(database ? { databaseUrl: database.url } : { dataDir })
  const results: Record<string, number> = {}
  try {
    await warehouse.migrate()
    const raw = await timed(() =>
      database
        ? rawCopyPostgres(database.url, "jsonb", visitRecords(count), batchSize)
        : rawCopyPglite(warehouse, visitRecords(count), batchSize)
    )
    results.rawCopy = rate(raw.result, raw.ms)
    emit({
      driver,
      case: "raw-copy-unindexed-jsonb",
      rows: raw.result,
      ms: Math.round(raw.ms),
      rowsPerSec: results.rawCopy
    })
    if (database) {
      const text = await timed(() => rawCopyPostgres(database.url, "text", visitRecords(count), batchSize))
      emit({
        driver,
        case: "raw-copy-unindexed-text",
        rows: text.result,
        ms: Math.round(text.ms),
        rowsPerSec: rate(text.result, text.ms)
      })
    }

    const phases = [
      { name: "loader-first-load", revision: 0, runId: 1 },
      { name: "loader-identical-reload", revision: 0, runId: 2 },
      { name: "loader-10pct-changed", revision: 1, runId: 3 }
    ]
    for (const phase of phases) {
      const xid = await currentXid(warehouse)
      const lsn = database ? await walPosition(warehouse) : undefined
      const load = await timed(() =>
        warehouse.loadStaging(target, visitRecords(count, phase.revision), {
          instanceId: 1,
          jobId: 9,
          runId: phase.runId,
          batchSize
        })
      )
      const rowsWritten = await rowsWrittenSince(warehouse, target.name, xid)
      results[phase.name] = rate(count, load.ms)
      emit({
        driver,
        case: phase.name,
        table: target.name,
        rows: count,
        ms: Math.round(load.ms),
        rowsPerSec: results[phase.name],
        ratioToRawCopy: Number((results[phase.name]! / results.rawCopy!).toFixed(2)),
        ...load.result,
        rowsWritten,
        ...(lsn === undefined ? {} : { walBytes: await walSince(warehouse, lsn) })
      })
    }

    const drizzleTable = defineStagingTable({ ...target, name: "bench_drizzle_staging" })
    await warehouse.ensureStagingTable(drizzleTable)
    for (const [name, runId] of [
      ["drizzle-onconflict-first-load", 1],
      ["drizzle-onconflict-identical-reload", 2]
    ] as const) {
      if (!database && runId === 2) break
      const lsn = database ? await walPosition(warehouse) : undefined
      const upsert = await timed(() => drizzleUpsert(warehouse, drizzleTable, visitRecords(count), runId))
      results[name] = rate(upsert.result, upsert.ms)
      emit({
        driver,
        case: name,
        rows: upsert.result,
        ms: Math.round(upsert.ms),
        rowsPerSec: results[name],
        ...(lsn === undefined ? {} : { walBytes: await walSince(warehouse, lsn) })
      })
    }
    return results
  } finally {
    await warehouse.close()
    await database?.drop()
    if (dataDir) rmSync(dataDir, { recursive: true, force: true })
  }
}

const drivers = args.driver === "all" ? (["postgres", "pglite"] as const) : [args.driver as "postgres" | "pglite"]
for (const driver of drivers) {
  const results = await runDriver(driver)
  sampleRss()
  const first = results["loader-first-load"]!
  emit({
    driver,
    case: "summary",
    firstLoadRowsPerSec: first,
    firstLoadVsRawCopy: Number((first / results.rawCopy!).toFixed(2)),
    reloadSpeedup: Number((results["loader-identical-reload"]! / first).toFixed(2)),
    vsDrizzleOnConflict: Number((first / results["drizzle-onconflict-first-load"]!).toFixed(2)),
    peakRssMB: Math.round(peakRss / 1e6),
    targets: {
      firstLoadAtLeast100k: first >= 100_000,
      firstLoadAtLeast60PctOfRawCopy: first >= 0.6 * results.rawCopy!,
      reloadAtLeast2x: results["loader-identical-reload"]! >= 2 * first,
      peakRssUnder300MB: peakRss < 300e6
    }
  })
}
clearInterval(sampler)
