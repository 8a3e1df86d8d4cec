import { describe, expect, it } from "vitest"
import type { Warehouse } from "../../src/index.js"
import { type Harness, loadThenDeleteLast, rowsByKey, simpleRecords } from "./harness.js"

const table = "dim_sites_staging"

const seenKeys = async (warehouse: Warehouse, name: string, runId: number, instanceId: number) =>
  (
    await warehouse.query<{ key: string }>(
      `SELECT parent_key || '/' || record_key AS key FROM dw_etl_seen_keys
        WHERE run_id = $1 AND table_name = $2 AND source_instance_id = $3 ORDER BY 1`,
      [runId, name, instanceId]
    )
  ).map((row) => row.key)

/** The hash-first staged path: only the rows whose key or hash differ travel and are written. */
export const stagedSuite = (h: Harness) =>
  describe("loadStaging, staged batches", () => {
    it("a batch of unchanged, changed, new, returning and repeated keys: counts, rows, lineage, seen keys", async () => {
      const warehouse = h.warehouse()
      const instanceId = await loadThenDeleteLast(h, table, 6)
      const before = await rowsByKey(warehouse, table, instanceId)
      expect(before.get("6")).toMatchObject({ is_deleted: true })

      const runId = h.freshRunId()
      const [one, two, three, four, five, six] = simpleRecords(6)
      const records = [
        { id: 4, name: "record 4", tag: "early copy" }, // repeated below: the last one (unchanged) wins
        one, // unchanged
        { ...two!, tag: "v2" }, // changed
        three, // unchanged
        six, // soft-deleted, same content: revived
        { id: 7, name: "record 7", tag: "v1" }, // new
        four,
        five, // repeated below: the last one (changed) wins
        { ...five!, tag: "v2" }
      ]
      const result = await warehouse.loadStaging(table, records, { instanceId, jobId: 2, runId, trackSeen: true })
      expect(result).toEqual({ inserted: 1, updated: 3, unchanged: 3, duplicates: 2, total: 9 })

      const after = await rowsByKey(warehouse, table, instanceId)
      expect(after.size).toBe(7)
      for (const key of ["1", "3", "4"]) {
        const [was, is] = [before.get(key)!, after.get(key)!]
        expect(is.xmin, key).toBe(was.xmin)
        expect(is.updated_at, key).toEqual(was.updated_at)
        expect([is.etl_job_id, is.etl_run_id], key).toEqual([was.etl_job_id, was.etl_run_id])
        expect(is.data, key).toEqual({ id: Number(key), name: `record ${key}`, tag: "v1" })
      }
      for (const key of ["2", "5", "6", "7"]) {
        const is = after.get(key)!
        expect([is.etl_job_id, is.etl_run_id, is.is_deleted, is.deleted_at], key).toEqual([2, runId, false, null])
        expect(is.source_id, key).toBe(key)
      }
      for (const key of ["2", "5", "6"]) expect(after.get(key)!.updated_at > before.get(key)!.updated_at).toBe(true)
      expect(after.get("2")!.data).toEqual({ id: 2, name: "record 2", tag: "v2" })
      expect(after.get("5")!.data).toEqual({ id: 5, name: "record 5", tag: "v2" })
      expect(after.get("6")!.data).toEqual({ id: 6, name: "record 6", tag: "v1" })
      expect(after.get("7")!.data).toEqual({ id: 7, name: "record 7", tag: "v1" })
      expect(after.get("2")!.content_hash).not.toBe(before.get("2")!.content_hash)
      expect(after.get("6")!.content_hash).toBe(before.get("6")!.content_hash)
      expect(await seenKeys(warehouse, table, runId, instanceId)).toEqual(["/1", "/2", "/3", "/4", "/5", "/6", "/7"])
    })

    it("an all-unchanged batch still records every key as seen, and a later batch applies normally", async () => {
      const warehouse = h.warehouse()
      const instanceId = h.freshInstanceId()
      await warehouse.loadStaging(table, simpleRecords(4), { instanceId, jobId: 1, runId: 1 })
      const runId = h.freshRunId()
      const records = [...simpleRecords(4), ...simpleRecords(2, 5)]
      const result = await warehouse.loadStaging(table, records, {
        instanceId,
        jobId: 1,
        runId,
        trackSeen: true,
        batchSize: 4
      })
      expect(result).toEqual({ inserted: 2, updated: 0, unchanged: 4, duplicates: 0, total: 6 })
      expect(await seenKeys(warehouse, table, runId, instanceId)).toEqual(["/1", "/2", "/3", "/4", "/5", "/6"])
      expect(await warehouse.markMissingAsDeleted(table, { instanceId, runId })).toBe(0)
    })

    it("parent-scoped rows are compared within their parent", async () => {
      const warehouse = h.warehouse()
      const instanceId = h.freshInstanceId()
      const roles = "dim_study_roles_staging"
      await warehouse.loadStaging(roles, simpleRecords(3), { instanceId, jobId: 143, runId: 1, parentKey: "10" })
      const runId = h.freshRunId()
      // The same keys under another parent are other rows; under parent 10, only id 2 changed.
      const other = await warehouse.loadStaging(roles, simpleRecords(3), {
        instanceId,
        jobId: 143,
        runId,
        parentKey: "11"
      })
      expect(other).toMatchObject({ inserted: 3, updated: 0, unchanged: 0 })
      const changed = simpleRecords(3).map((record) => (record.id === 2 ? { ...record, tag: "v2" } : record))
      const same = await warehouse.loadStaging(roles, changed, { instanceId, jobId: 143, runId, parentKey: "10" })
      expect(same).toMatchObject({ inserted: 0, updated: 1, unchanged: 2 })
      const rows = await rowsByKey(warehouse, roles, instanceId)
      expect(rows.size).toBe(6)
      expect(rows.get("10/2")!.data).toMatchObject({ tag: "v2" })
      expect(rows.get("11/2")!.data).toMatchObject({ tag: "v1" })
    })

    it("keys containing U+001F (the separator of the comparison) still load, compare and count exactly", async () => {
      const warehouse = h.warehouse()
      const instanceId = h.freshInstanceId()
      const records = (tag: string) => [
        { id: "a\u001fb", tag },
        { id: "a", tag: "v1" },
        { id: "b", tag: "v1" }
      ]
      await warehouse.loadStaging(table, records("v1"), { instanceId, jobId: 1, runId: 1 })
      const runId = h.freshRunId()
      const result = await warehouse.loadStaging(table, records("v2"), { instanceId, jobId: 1, runId, trackSeen: true })
      expect(result).toEqual({ inserted: 0, updated: 1, unchanged: 2, duplicates: 0, total: 3 })
      const rows = await rowsByKey(warehouse, table, instanceId)
      expect(rows.size).toBe(3)
      expect(rows.get("a\u001fb")!.data).toEqual({ id: "a\u001fb", tag: "v2" })
      expect(await seenKeys(warehouse, table, runId, instanceId)).toEqual(["/a", "/a\u001fb", "/b"])
    })
  })
