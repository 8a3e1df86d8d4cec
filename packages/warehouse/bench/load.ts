/**
 * `pnpm bench load [--driver postgres|pglite|all] [--records N] [--batch-size N] [--tables a,b]`
 *
 * Loads N (default 200,000) ~550-byte records into staging tables three times (first load,
 * identical reload, 10% changed), then measures in the same run a raw binary COPY into an
 * unindexed table and Drizzle's onConflictDoUpdate in batches of 1000. One JSON line per result,
 * then a summary line per driver with the targets. Default tables: the heaviest registry table
 * (dim_patient_visits_staging: pk, key, partial parent and updated_at indexes) and a typical one
 * (dim_elements_staging: pk and key). PostgreSQL runs in a throwaway database; PGlite in a
 * temporary directory.
 */
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { parseArgs } from "node:util"
import { defineStagingTable, getStagingTable, openWarehouse, type Warehouse } from "../src/index.js"
import { createTestDatabase } from "../src/testing/index.js"
import { drizzleUpsert, rawCopyPglite, rawCopyPostgres } from "./baselines.js"
import { emit, peakRssMB, rate, resetPeakRss, stopSampling, timed } from "./measure.js"
import { visitRecords } from "./records.js"

const { values: args } = parseArgs({
  options: {
    driver: { type: "string", default: "all" },
    records: { type: "string", default: "200000" },
    "batch-size": { type: "string", default: "5000" },
    tables: { type: "string", default: "dim_patient_visits_staging,dim_elements_staging" }
  }
})
const count = Number(args.records)
const batchSize = Number(args["batch-size"])
const tables = args.tables!.split(",").map((name) => getStagingTable(name.trim()))

/** Rows of `table` written since `xid` (their xmin is newer): exact, per table. */
const rowsWrittenSince = async (warehouse: Warehouse, table: string, xid: bigint) => {
  const [row] = await warehouse.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM "${table}" WHERE xmin::text::bigint >= $1`,
    [String(xid % 4_294_967_296n)]
  )
  return row!.n
}
const currentXid = async (warehouse: Warehouse) =>
  BigInt((await warehouse.query<{ xid: string }>("SELECT pg_current_xact_id()::text AS xid"))[0]!.xid)
const walPosition = async (warehouse: Warehouse) =>
  (await warehouse.query<{ lsn: string }>("SELECT pg_current_wal_lsn()::text AS lsn"))[0]!.lsn
/** Server-wide: other sessions' writes in the same window are included. */
const walSince = async (warehouse: Warehouse, lsn: string) =>
  Number(
    (await warehouse.query<{ d: string }>("SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), $1)::text AS d", [lsn]))[0]!.d
  )

const phases = [
  { name: "loader-first-load", revision: 0, runId: 1 },
  { name: "loader-identical-reload", revision: 0, runId: 2 },
  { name: "loader-10pct-changed", revision: 1, runId: 3 }
] as const

const runDriver = async (driver: "postgres" | "pglite") => {
  const database = driver === "postgres" ? await createTestDatabase("bench_load") : undefined
  const dataDir = driver === "pglite" ? mkdtempSync(join(tmpdir(), "trialsync-bench-")) : undefined
  const warehouse = await openWarehouse(database ? { databaseUrl: database.url } : { dataDir })
  const rates = new Map<string, number>()
  try {
    await warehouse.migrate()
    const startRssMB = resetPeakRss()
    for (const table of tables) {
      for (const phase of phases) {
        const xid = await currentXid(warehouse)
        const lsn = database ? await walPosition(warehouse) : undefined
        const load = await timed(() =>
          warehouse.loadStaging(table, visitRecords(count, phase.revision), {
            instanceId: 1,
            jobId: 9,
            runId: phase.runId,
            batchSize
          })
        )
        rates.set(`${table.name}:${phase.name}`, rate(count, load.ms))
        emit({
          driver,
          case: phase.name,
          table: table.name,
          rows: count,
          ms: Math.round(load.ms),
          rowsPerSec: rate(count, load.ms),
          ...load.result,
          rowsWritten: await rowsWrittenSince(warehouse, table.name, xid),
          ...(lsn === undefined ? {} : { walBytes: await walSince(warehouse, lsn) })
        })
      }
    }
    const loaderPeakRssMB = peakRssMB()

    const raw = await timed(() =>
      database
        ? rawCopyPostgres(database.url, "jsonb", visitRecords(count), batchSize)
        : rawCopyPglite(warehouse, visitRecords(count), batchSize)
    )
    const rawCopy = rate(raw.result, raw.ms)
    emit({ driver, case: "raw-copy-unindexed-jsonb", rows: raw.result, ms: Math.round(raw.ms), rowsPerSec: rawCopy })
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

    const drizzleTable = defineStagingTable({ ...tables[0]!, name: "bench_drizzle_staging" })
    await warehouse.ensureStagingTable(drizzleTable)
    let drizzleFirst = 0
    for (const [name, runId] of [
      ["drizzle-onconflict-first-load", 1],
      ["drizzle-onconflict-identical-reload", 2]
    ] as const) {
      if (!database && runId === 2) break
      const lsn = database ? await walPosition(warehouse) : undefined
      const upsert = await timed(() => drizzleUpsert(warehouse, drizzleTable, visitRecords(count), runId))
      drizzleFirst ||= rate(upsert.result, upsert.ms)
      emit({
        driver,
        case: name,
        table: drizzleTable.name,
        rows: upsert.result,
        ms: Math.round(upsert.ms),
        rowsPerSec: rate(upsert.result, upsert.ms),
        ...(lsn === undefined ? {} : { walBytes: await walSince(warehouse, lsn) })
      })
    }

    for (const table of tables) {
      const first = rates.get(`${table.name}:loader-first-load`)!
      const reload = rates.get(`${table.name}:loader-identical-reload`)!
      emit({
        driver,
        case: "summary",
        table: table.name,
        firstLoadRowsPerSec: first,
        rawCopyRowsPerSec: rawCopy,
        firstLoadVsRawCopy: Number((first / rawCopy).toFixed(2)),
        reloadRowsPerSec: reload,
        reloadSpeedup: Number((reload / first).toFixed(2)),
        firstLoadVsDrizzleOnConflict: Number((first / drizzleFirst).toFixed(2)),
        startRssMB,
        loaderPeakRssMB,
        targets: {
          firstLoadAtLeast100k: first >= 100_000,
          firstLoadAtLeast60PctOfRawCopy: first >= 0.6 * rawCopy,
          reloadAtLeast2x: reload >= 2 * first,
          loaderPeakRssUnder300MB: loaderPeakRssMB < 300
        }
      })
    }
  } finally {
    await warehouse.close()
    await database?.drop()
    if (dataDir) rmSync(dataDir, { recursive: true, force: true })
  }
}

const drivers = args.driver === "all" ? (["postgres", "pglite"] as const) : [args.driver as "postgres" | "pglite"]
for (const driver of drivers) await runDriver(driver)
stopSampling()
