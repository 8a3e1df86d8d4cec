/**
 * The comparison points of the load benchmark, measured in the same run as the loader:
 * a raw COPY into an unindexed table (the ceiling of any COPY-based loader), and Drizzle's
 * `onConflictDoUpdate` in batches of 1000 (the obvious ORM way to upsert).
 */
import { createHash } from "node:crypto"
import type { PGlite } from "@electric-sql/pglite"
import { sql } from "drizzle-orm"
import pg from "pg"
import { from as copyFrom } from "pg-copy-streams"
import { CopyBinaryWriter } from "../src/core/copy-binary.js"
import type { StagingTableDef, Warehouse } from "../src/index.js"
import { stagingTable } from "../src/index.js"

/** Binary COPY rows of one `data` field, encoded as the loader encodes its rows. */
const encodeRows = (records: ReadonlyArray<unknown>, columnType: "jsonb" | "text"): Buffer => {
  const writer = new CopyBinaryWriter(4 << 20)
  for (const record of records) {
    writer.startRow(1)
    if (columnType === "jsonb") writer.jsonb(JSON.stringify(record))
    else writer.text(JSON.stringify(record))
  }
  return writer.finish()
}

/** The payload without its 19-byte header and 2-byte trailer, to splice batches into one stream. */
const rowsOnly = (payload: Buffer) => payload.subarray(19, payload.length - 2)

async function* batches<A>(records: Iterable<A>, size: number): AsyncGenerator<A[]> {
  let batch: A[] = []
  for (const record of records) {
    batch.push(record)
    if (batch.length === size) {
      yield batch
      batch = []
    }
  }
  if (batch.length > 0) yield batch
}

/**
 * One binary COPY stream of every record into an unindexed `(data <columnType>)` table, encoded
 * batch by batch like the loader does; returns the row count.
 */
export const rawCopyPostgres = async (
  url: string,
  columnType: "jsonb" | "text",
  records: Iterable<unknown>,
  batchSize: number
) => {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    const table = `bench_raw_copy_${columnType}`
    await client.query(`DROP TABLE IF EXISTS ${table}; CREATE TABLE ${table} (data ${columnType})`)
    const stream = client.query(copyFrom(`COPY ${table} (data) FROM STDIN (FORMAT binary)`))
    const done = new Promise<void>((resolve, reject) => {
      stream.on("error", reject)
      stream.on("finish", () => resolve())
    })
    const write = (chunk: Buffer) =>
      stream.write(chunk) ? Promise.resolve() : new Promise<void>((resolve) => stream.once("drain", resolve))
    let rows = 0
    let first = true
    for await (const batch of batches(records, batchSize)) {
      const payload = encodeRows(batch, columnType)
      await write(first ? payload.subarray(0, payload.length - 2) : rowsOnly(payload))
      first = false
      rows += batch.length
    }
    stream.end(Buffer.from([0xff, 0xff]))
    await done
    await client.query(`DROP TABLE ${table}`)
    return rows
  } finally {
    await client.end()
  }
}

/** PGlite cannot stream COPY: one `/dev/blob` binary COPY per batch. */
export const rawCopyPglite = async (warehouse: Warehouse, records: Iterable<unknown>, batchSize: number) => {
  await warehouse.query("DROP TABLE IF EXISTS bench_raw_copy_jsonb")
  await warehouse.query("CREATE TABLE bench_raw_copy_jsonb (data jsonb)")
  // The Warehouse API has no raw COPY; the benchmark uses the PGlite client under Drizzle.
  const pglite = (warehouse.db as unknown as { $client: PGlite }).$client
  let rows = 0
  for await (const batch of batches(records, batchSize)) {
    const blob = new Blob([encodeRows(batch, "jsonb")])
    await pglite.query("COPY bench_raw_copy_jsonb (data) FROM '/dev/blob' (FORMAT binary)", [], { blob })
    rows += batch.length
  }
  await warehouse.query("DROP TABLE bench_raw_copy_jsonb")
  return rows
}

/** Drizzle `insert ... onConflictDoUpdate` in batches of 1000, rewriting every row it meets. */
export const drizzleUpsert = async (
  warehouse: Warehouse,
  def: StagingTableDef,
  records: Iterable<{ id: number }>,
  runId: number
) => {
  const table = stagingTable(def)
  let rows = 0
  let batch: Array<typeof table.$inferInsert> = []
  const flush = async () => {
    await warehouse.db
      .insert(table)
      .values(batch)
      .onConflictDoUpdate({
        target: [table.sourceInstanceId, table.recordKey],
        set: {
          data: sql`excluded.data`,
          contentHash: sql`excluded.content_hash`,
          etlRunId: sql`excluded.etl_run_id`,
          updatedAt: sql`now()`
        }
      })
    batch = []
  }
  for (const record of records) {
    const json = JSON.stringify(record)
    batch.push({
      data: record,
      sourceInstanceId: 1,
      sourceId: String(record.id),
      recordKey: String(record.id),
      contentHash: createHash("md5").update(json).digest("hex"),
      etlJobId: 9,
      etlRunId: runId
    })
    rows++
    if (batch.length === 1000) await flush()
  }
  if (batch.length > 0) await flush()
  return rows
}
