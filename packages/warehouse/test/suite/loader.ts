import { randomBytes } from "node:crypto"
import { describe, expect, it } from "vitest"
import { type BatchCounts, RecordLoadError } from "../../src/index.js"
import { type Harness, loadThenDeleteLast, rowsByKey, simpleRecords } from "./harness.js"

const table = "dim_sites_staging"

export const loaderSuite = (h: Harness) =>
  describe("loadStaging", () => {
    it("counts inserted, updated, unchanged and duplicates exactly, across batches", async () => {
      const warehouse = h.warehouse()
      const instanceId = h.freshInstanceId()
      const first = await warehouse.loadStaging(table, simpleRecords(10), {
        instanceId,
        jobId: 1,
        runId: 1,
        batchSize: 4
      })
      expect(first).toEqual({ inserted: 10, updated: 0, unchanged: 0, duplicates: 0, total: 10 })

      // 1-12: ids 3 and 7 changed, 11 and 12 new, and id 5 twice inside the first batch of 6.
      const records = [
        ...simpleRecords(2, 1),
        { id: 3, name: "record 3", tag: "v2" },
        { id: 5, name: "early copy", tag: "v1" },
        { id: 5, name: "record 5", tag: "v1" },
        { id: 4, name: "record 4", tag: "v1" },
        ...simpleRecords(1, 6),
        { id: 7, name: "record 7", tag: "v2" },
        ...simpleRecords(5, 8)
      ]
      const second = await warehouse.loadStaging(table, records, { instanceId, jobId: 1, runId: 2, batchSize: 6 })
      expect(second).toEqual({ inserted: 2, updated: 2, unchanged: 8, duplicates: 1, total: 13 })
      const rows = await rowsByKey(warehouse, table, instanceId)
      expect(rows.size).toBe(12)
      expect(rows.get("5")!.data).toEqual({ id: 5, name: "record 5", tag: "v1" })
      expect(rows.get("3")!.data).toEqual({ id: 3, name: "record 3", tag: "v2" })
      expect(rows.get("3")!.etl_run_id).toBe(2)
      expect(rows.get("4")!.etl_run_id).toBe(1)
      expect(rows.get("12")!.source_id).toBe("12")
    })

    it("a reload of identical data writes nothing (xmin and updated_at unchanged)", async () => {
      const warehouse = h.warehouse()
      const instanceId = h.freshInstanceId()
      await warehouse.loadStaging(table, simpleRecords(50), { instanceId, jobId: 1, runId: 1, batchSize: 20 })
      const before = await rowsByKey(warehouse, table, instanceId)
      const result = await warehouse.loadStaging(table, simpleRecords(50), {
        instanceId,
        jobId: 1,
        runId: 2,
        batchSize: 20
      })
      expect(result).toEqual({ inserted: 0, updated: 0, unchanged: 50, duplicates: 0, total: 50 })
      const after = await rowsByKey(warehouse, table, instanceId)
      for (const [key, row] of before) {
        expect(after.get(key)!.xmin, key).toBe(row.xmin)
        expect(after.get(key)!.updated_at).toEqual(row.updated_at)
        expect(after.get(key)!.etl_run_id).toBe(1)
      }
    })

    it("rewrites only the records whose content changed", async () => {
      const warehouse = h.warehouse()
      const instanceId = h.freshInstanceId()
      await warehouse.loadStaging(table, simpleRecords(10), { instanceId, jobId: 1, runId: 1 })
      const before = await rowsByKey(warehouse, table, instanceId)
      const changed = simpleRecords(10).map((record) => (record.id % 5 === 0 ? { ...record, tag: "v2" } : record))
      const result = await warehouse.loadStaging(table, changed, { instanceId, jobId: 7, runId: 2 })
      expect(result).toMatchObject({ inserted: 0, updated: 2, unchanged: 8 })
      const after = await rowsByKey(warehouse, table, instanceId)
      for (const [key, row] of after) {
        const rewritten = Number(key) % 5 === 0
        expect(row.xmin !== before.get(key)!.xmin, key).toBe(rewritten)
        expect(row.content_hash !== before.get(key)!.content_hash, key).toBe(rewritten)
        expect([row.etl_job_id, row.etl_run_id]).toEqual(rewritten ? [7, 2] : [1, 1])
      }
      expect(after.get("5")!.data).toMatchObject({ tag: "v2" })
    })

    it("revives a soft-deleted row that comes back (counted as updated)", async () => {
      const warehouse = h.warehouse()
      const instanceId = await loadThenDeleteLast(h, table, 3)
      expect((await rowsByKey(warehouse, table, instanceId)).get("3")).toMatchObject({ is_deleted: true })

      const result = await warehouse.loadStaging(table, simpleRecords(3), {
        instanceId,
        jobId: 1,
        runId: h.freshRunId()
      })
      expect(result).toEqual({ inserted: 0, updated: 1, unchanged: 2, duplicates: 0, total: 3 })
      expect((await rowsByKey(warehouse, table, instanceId)).get("3")).toMatchObject({
        is_deleted: false,
        deleted_at: null
      })
    })

    it("streams an async iterable in batches and calls inTransaction once per batch", async () => {
      const warehouse = h.warehouse()
      const instanceId = h.freshInstanceId()
      async function* pages() {
        for (let page = 0; page < 3; page++) {
          for (const record of simpleRecords(4, page * 4 + 1)) yield record
        }
      }
      const seen: BatchCounts[] = []
      const result = await warehouse.loadStaging(table, pages(), {
        instanceId,
        jobId: 1,
        runId: 1,
        batchSize: 5,
        inTransaction: async (tx, batch) => {
          const [row] = await tx.query<{ n: number }>(
            `SELECT count(*)::int AS n FROM ${table} WHERE source_instance_id = $1`,
            [instanceId]
          )
          // The batch's own rows are visible inside its transaction.
          expect(row!.n).toBe(seen.reduce((sum, counts) => sum + counts.inserted, 0) + batch.inserted)
          seen.push(batch)
        }
      })
      expect(result.inserted).toBe(12)
      expect(seen.map((batch) => batch.total)).toEqual([5, 5, 2])
    })

    it("inTransaction commits with its batch and rolls back with it", async () => {
      const warehouse = h.warehouse()
      const instanceId = h.freshInstanceId()
      await warehouse.query("CREATE TABLE IF NOT EXISTS test_checkpoints (instance_id int, batch int)")
      let batches = 0
      const failing = warehouse.loadStaging(table, simpleRecords(6), {
        instanceId,
        jobId: 1,
        runId: 1,
        batchSize: 3,
        inTransaction: async (tx) => {
          batches++
          await tx.query("INSERT INTO test_checkpoints VALUES ($1, $2)", [instanceId, batches])
          if (batches === 2) throw new Error("checkpoint write failed")
        }
      })
      await expect(failing).rejects.toThrow("checkpoint write failed")
      const checkpoints = await warehouse.query("SELECT batch FROM test_checkpoints WHERE instance_id = $1", [
        instanceId
      ])
      expect(checkpoints).toEqual([{ batch: 1 }])
      expect([...(await rowsByKey(warehouse, table, instanceId)).keys()].sort()).toEqual(["1", "2", "3"])
    })

    it("a failing source or a failing batch leaves committed batches and nothing half-applied", async () => {
      const warehouse = h.warehouse()
      const instanceId = h.freshInstanceId()
      async function* failingSource() {
        yield* simpleRecords(5)
        throw new Error("page 3 failed")
      }
      await expect(
        warehouse.loadStaging(table, failingSource(), { instanceId, jobId: 1, runId: 1, batchSize: 2 })
      ).rejects.toThrow("page 3 failed")
      // Batches [1,2] and [3,4] were sent and committed before the error surfaced; 5 never was.
      expect([...(await rowsByKey(warehouse, table, instanceId)).keys()].sort()).toEqual(["1", "2", "3", "4"])

      // A key too long for the unique index: the database rejects the batch [6, bad]; [8, 9] is never sent.
      const other = h.freshInstanceId()
      const records = [{ id: 6 }, { id: randomBytes(30_000).toString("base64") }, { id: 8 }, { id: 9 }]
      await expect(
        warehouse.loadStaging(table, records, { instanceId: other, jobId: 1, runId: 1, batchSize: 2 })
      ).rejects.toBeInstanceOf(RecordLoadError)
      expect((await rowsByKey(warehouse, table, other)).size).toBe(0)
    })

    it("two loaders racing on the same new keys both succeed; each key is written once", async () => {
      const warehouse = h.warehouse()
      const instanceId = h.freshInstanceId()
      const load = (runId: number) => warehouse.loadStaging(table, simpleRecords(40), { instanceId, jobId: 1, runId })
      const [a, b] = await Promise.all([load(1), load(2)])
      expect(a.inserted + b.inserted).toBe(40)
      expect(a.unchanged + b.unchanged).toBe(40)
      expect((await rowsByKey(warehouse, table, instanceId)).size).toBe(40)
    })

    it("an uncompared direct batch that meets an existing key is retried staged, exactly once", async () => {
      const warehouse = h.warehouse()
      const instanceId = h.freshInstanceId()
      await warehouse.loadStaging(table, simpleRecords(2, 50), { instanceId, jobId: 1, runId: 1 })
      // Batch 1 (1-3) is compared and all new; batch 2 (4, 50 changed, 51 unchanged) is sent direct
      // uncompared, fails on the unique index, and is applied staged; batch 3 goes staged.
      const records = [
        ...simpleRecords(4),
        { id: 50, name: "record 50", tag: "v2" },
        ...simpleRecords(1, 51),
        ...simpleRecords(1, 5)
      ]
      const result = await warehouse.loadStaging(table, records, { instanceId, jobId: 1, runId: 2, batchSize: 3 })
      expect(result).toEqual({ inserted: 5, updated: 1, unchanged: 1, duplicates: 0, total: 7 })
      const rows = await rowsByKey(warehouse, table, instanceId)
      expect([...rows.keys()].sort()).toEqual(["1", "2", "3", "4", "5", "50", "51"])
      expect(rows.get("50")!.data).toMatchObject({ tag: "v2" })
    })

    it("a new batch mixed with existing keys takes the staged path and still counts exactly", async () => {
      const warehouse = h.warehouse()
      const instanceId = h.freshInstanceId()
      // Batch 1 is all new; batch 2 (direct, retried staged) mixes new keys, a change and an unchanged key.
      const result = await warehouse.loadStaging(
        table,
        [...simpleRecords(3), { id: 3, name: "record 3", tag: "v2" }, ...simpleRecords(1, 2), ...simpleRecords(2, 4)],
        { instanceId, jobId: 1, runId: 1, batchSize: 3 }
      )
      expect(result).toEqual({ inserted: 5, updated: 1, unchanged: 1, duplicates: 0, total: 7 })
      expect((await rowsByKey(warehouse, table, instanceId)).get("3")!.data).toMatchObject({ tag: "v2" })
    })
  })
