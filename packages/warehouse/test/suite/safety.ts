import { eq } from "drizzle-orm"
import { describe, expect, it } from "vitest"
import {
  bronzeTables,
  defineStagingTable,
  InvalidStagingTableError,
  InvalidWarehouseOptionError,
  UnknownStagingTableError
} from "../../src/index.js"
import { type Harness, simpleRecords } from "./harness.js"

export const safetySuite = (h: Harness) =>
  describe("table names and transactions", () => {
    it("refuses a table that is not in the registry, before any SQL", async () => {
      const warehouse = h.warehouse()
      const hostile = 'dim_sites_staging"; DROP TABLE dim_sites_staging; --'
      for (const name of ["dim_nope_staging", hostile, "dw_etl_runs"]) {
        await expect(
          warehouse.loadStaging(name as "dim_sites_staging", simpleRecords(1), { instanceId: 1, jobId: 1, runId: 1 })
        ).rejects.toBeInstanceOf(UnknownStagingTableError)
        await expect(
          warehouse.markMissingAsDeleted(name as "dim_sites_staging", { instanceId: 1, runId: 1 })
        ).rejects.toBeInstanceOf(UnknownStagingTableError)
      }
      expect(() => defineStagingTable({ name: hostile, description: "x" })).toThrow(InvalidStagingTableError)
      expect(() => defineStagingTable({ name: "dw_mine", description: "x" })).toThrow(InvalidStagingTableError)
      expect(() => defineStagingTable({ name: "ok_staging", description: "x", key: { fields: ["a?"] } })).toThrow(
        InvalidStagingTableError
      )
      const [exists] = await warehouse.query<{ ok: boolean }>(
        "SELECT to_regclass('dim_sites_staging') IS NOT NULL AS ok"
      )
      expect(exists!.ok).toBe(true)
      await expect(
        warehouse.loadStaging("dim_sites_staging", [], { instanceId: 1.5, jobId: 1, runId: 1 })
      ).rejects.toBeInstanceOf(InvalidWarehouseOptionError)
    })

    it("loads a defineStagingTable table only after ensureStagingTable, and only as defined", async () => {
      const warehouse = h.warehouse()
      const mine = defineStagingTable({ name: "custom_subjects_staging", description: "study 42 subjects", key: "id" })
      await expect(
        warehouse.loadStaging(mine, simpleRecords(1), { instanceId: 1, jobId: 9001, runId: 1 })
      ).rejects.toThrow(/ensureStagingTable/)
      await warehouse.ensureStagingTable(mine)
      const instanceId = h.freshInstanceId()
      expect(await warehouse.loadStaging(mine, simpleRecords(2), { instanceId, jobId: 9001, runId: 1 })).toMatchObject({
        inserted: 2
      })
      expect(
        await warehouse.loadStaging("custom_subjects_staging" as "dim_sites_staging", simpleRecords(2), {
          instanceId,
          jobId: 9001,
          runId: 2
        })
      ).toMatchObject({ unchanged: 2 })
      const different = defineStagingTable({ ...mine, parentScoped: true })
      await expect(
        warehouse.loadStaging(different, simpleRecords(1), { instanceId, jobId: 9001, runId: 3 })
      ).rejects.toBeInstanceOf(UnknownStagingTableError)
      await expect(warehouse.ensureStagingTable(different)).rejects.toBeInstanceOf(InvalidStagingTableError)
    })

    it("transaction() commits on success and rolls back on error; tx.db is bound to it", async () => {
      const warehouse = h.warehouse()
      const instanceId = h.freshInstanceId()
      await warehouse.query("CREATE TABLE IF NOT EXISTS test_tx (instance_id int, note text)")
      await warehouse.transaction(async (tx) => {
        await tx.query("INSERT INTO test_tx VALUES ($1, 'kept')", [instanceId])
        await expect(tx.db.transaction(async () => undefined)).rejects.toThrow(/Already inside/)
      })
      await expect(
        warehouse.transaction(async (tx) => {
          await tx.query("INSERT INTO test_tx VALUES ($1, 'dropped')", [instanceId])
          await tx.db.execute("SELECT 1")
          throw new Error("boom")
        })
      ).rejects.toThrow("boom")
      expect(await warehouse.query("SELECT note FROM test_tx WHERE instance_id = $1", [instanceId])).toEqual([
        { note: "kept" }
      ])
      // Drizzle over the full schema, outside and inside a transaction.
      await warehouse.loadStaging("dim_sites_staging", simpleRecords(2), { instanceId, jobId: 1, runId: 1 })
      const sites = bronzeTables.dim_sites_staging
      const keys = await warehouse.db
        .select({ key: sites.recordKey, data: sites.data })
        .from(sites)
        .where(eq(sites.sourceInstanceId, instanceId))
        .orderBy(sites.recordKey)
      expect(keys).toEqual([
        { key: "1", data: { id: 1, name: "record 1", tag: "v1" } },
        { key: "2", data: { id: 2, name: "record 2", tag: "v1" } }
      ])
      const inside = await warehouse.transaction((tx) =>
        tx.db.query.dim_sites_staging.findMany({ where: eq(sites.sourceInstanceId, instanceId) })
      )
      expect(inside).toHaveLength(2)
    })
  })
