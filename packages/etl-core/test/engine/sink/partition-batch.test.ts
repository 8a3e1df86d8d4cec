/**
 * Fan-out rows are written by the engine's partition batcher, not the loader; they must be stored
 * exactly as the loader stores them: NUL and lone surrogates escaped losslessly (PostgreSQL's
 * jsonb cannot hold `\u0000`), the same content hash, so a reload through either path is unchanged.
 */
import { decodeStoredJson, getStagingTable, openWarehouse, type Warehouse } from "@trialsync/warehouse"
import { createTestDatabase, type TestDatabase } from "@trialsync/warehouse/testing"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { encodeRecords, writePartitionRecords } from "../../../src/engine/sink/partition-batch.js"

const def = getStagingTable("dim_patient_allergies_staging")
const hostile = [
  { id: 1, name: "nul a\u0000b" },
  { id: 2, name: "lone \ud800 surrogate" },
  { id: 3, name: "plain" }
]

describe.each(["postgresql", "pglite"] as const)("partition batches on %s", (driver) => {
  let database: TestDatabase | undefined
  let warehouse: Warehouse
  beforeAll(async () => {
    if (driver === "postgresql") database = await createTestDatabase("partition_batch")
    warehouse = await openWarehouse(database === undefined ? { inMemory: true } : { databaseUrl: database.url })
    await warehouse.migrate()
  })
  afterAll(async () => {
    await warehouse.close()
    await database?.drop()
  })

  it("stores NUL and lone surrogates losslessly, with the loader's key and hash", async () => {
    const encoded = encodeRecords(def, hostile)
    if ("invalid" in encoded) throw new Error(encoded.invalid)
    const ids = { instanceId: 7, jobId: 148, runId: 1 }
    const written = await warehouse.transaction((tx) =>
      writePartitionRecords(tx, def, ids, [{ parentKey: "p1", records: encoded }])
    )
    expect(written).toMatchObject({ inserted: 3, updated: 0 })
    const rows = await warehouse.query<{ record_key: string; data: unknown; content_hash: string }>(
      `SELECT record_key, data, content_hash FROM ${def.name} WHERE source_instance_id = 7 ORDER BY record_key`
    )
    expect(rows.map((row) => decodeStoredJson(row.data))).toEqual(hostile)

    // The loader, given the same records for another parent-less instance, computes the same hashes.
    await warehouse.loadStaging(def.name, hostile, { instanceId: 8, jobId: 148, runId: 2, parentKey: "p1" })
    const loaded = await warehouse.query<{ record_key: string; content_hash: string }>(
      `SELECT record_key, content_hash FROM ${def.name} WHERE source_instance_id = 8 ORDER BY record_key`
    )
    expect(loaded.map((row) => row.content_hash)).toEqual(rows.map((row) => row.content_hash))

    const again = await warehouse.transaction((tx) =>
      writePartitionRecords(tx, def, ids, [{ parentKey: "p1", records: encoded }])
    )
    expect(again).toMatchObject({ inserted: 0, updated: 0, deleted: 0 })
  })
})
