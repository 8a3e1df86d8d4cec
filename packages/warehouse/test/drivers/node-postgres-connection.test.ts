/**
 * node-postgres against a server that drops connections: `pg_terminate_backend` on our backends
 * mid-load fails the load with a typed error (no unhandled 'error' event: vitest fails a file
 * that has one), rolls back the batch in flight, and leaves the warehouse usable.
 */
import { setTimeout as sleep } from "node:timers/promises"
import { createTestDatabase, type TestDatabase, testAdminUrl } from "@trialsync/warehouse/testing"
import pg from "pg"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { openWarehouse, type Warehouse, WarehouseConnectionLostError } from "../../src/index.js"

describe("a connection terminated by the server", () => {
  let database: TestDatabase
  let warehouse: Warehouse
  let admin: pg.Client
  beforeAll(async () => {
    database = await createTestDatabase("warehouse_terminate")
    warehouse = await openWarehouse({ databaseUrl: database.url })
    await warehouse.migrate()
    admin = new pg.Client({ connectionString: testAdminUrl() })
    await admin.connect()
  })
  afterAll(async () => {
    await admin?.end()
    await warehouse?.close()
    await database?.drop()
  })

  /** Terminates every backend of the test database (ours), and waits until they are gone. */
  const terminateOurBackends = async () => {
    const { rows } = await admin.query<{ pid: number }>(
      "SELECT pid, pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()",
      [database.name]
    )
    expect(rows.length).toBeGreaterThan(0)
    const pids = rows.map((row) => row.pid)
    for (;;) {
      const { rows: alive } = await admin.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM pg_stat_activity WHERE pid = ANY($1)",
        [pids]
      )
      if (alive[0]!.n === 0) return
      await sleep(10)
    }
  }

  const countRows = async (instanceId: number) => {
    const [row] = await warehouse.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM dim_sites_staging WHERE source_instance_id = $1",
      [instanceId]
    )
    return row!.n
  }

  const records = Array.from({ length: 30 }, (_, i) => ({ id: i + 1, name: `site ${i + 1}` }))

  it("fails the load with WarehouseConnectionLostError, commits nothing of that batch, and recovers", async () => {
    let batches = 0
    const error = await warehouse
      .loadStaging("dim_sites_staging", records, {
        instanceId: 1,
        jobId: 1,
        runId: 1,
        batchSize: 10,
        inTransaction: async () => {
          if (++batches === 2) await terminateOurBackends()
        }
      })
      .catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(WarehouseConnectionLostError)
    expect((error as WarehouseConnectionLostError)._tag).toBe("WarehouseConnectionLostError")
    expect((error as Error).message).toBe(
      `The PostgreSQL connection to 127.0.0.1:5432/${database.name} was closed by the server (terminated); ` +
        "the batch in flight was rolled back — rerun or `trialsync resume`."
    )
    // The first batch committed; the second (terminated before its COMMIT) did not.
    expect(await countRows(1)).toBe(10)
    // A new connection serves the rerun, which completes.
    const rerun = await warehouse.loadStaging("dim_sites_staging", records, { instanceId: 1, jobId: 1, runId: 2 })
    expect(rerun).toMatchObject({ inserted: 20, unchanged: 10 })
    expect(await countRows(1)).toBe(30)
  })

  it("fails a transaction's next statement with WarehouseConnectionLostError and rolls it back", async () => {
    const error = await warehouse
      .transaction(async (tx) => {
        await tx.query(
          "INSERT INTO dim_sites_staging (data, source_instance_id, record_key, content_hash) VALUES ('{}', 2, 'k', 'h')"
        )
        await terminateOurBackends()
        await tx.query("SELECT 1")
      })
      .catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(WarehouseConnectionLostError)
    expect(await countRows(2)).toBe(0)
  })

  it("drops idle pooled connections the server closed; the next query opens a new one", async () => {
    await Promise.all([warehouse.query("SELECT 1"), warehouse.query("SELECT 2"), warehouse.query("SELECT 3")])
    await terminateOurBackends()
    const [row] = await warehouse.query<{ one: number }>("SELECT 1 AS one")
    expect(row).toEqual({ one: 1 })
  })
})
