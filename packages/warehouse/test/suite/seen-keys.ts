import { describe, expect, it } from "vitest"
import {
  clearSeenKeys,
  countSeenKeys,
  countSeenKeysAmong,
  dropStaleSeenKeys,
  SeenKeysLostError
} from "../../src/index.js"
import { createRun, type Harness, rowsByKey, simpleRecords } from "./harness.js"

const rollback = new Error("rollback")

const deletedKeys = async (h: Harness, table: string, instanceId: number) =>
  [...(await rowsByKey(h.warehouse(), table, instanceId)).entries()]
    .filter(([, row]) => row.is_deleted)
    .map(([key]) => key)
    .sort()

export const seenKeysSuite = (h: Harness) =>
  describe("seen keys (dw_etl_seen_keys) and markMissingAsDeleted in a transaction", () => {
    it("counts, compares and clears one parent's seen keys, in the loader's stored form", async () => {
      const warehouse = h.warehouse()
      const instanceId = h.freshInstanceId()
      const runId = h.freshRunId()
      const table = "dim_subjects_staging"
      await warehouse.loadStaging(table, simpleRecords(3), {
        instanceId,
        jobId: 10,
        runId,
        parentKey: "10",
        trackSeen: true
      })
      await warehouse.loadStaging(table, simpleRecords(3, 100), {
        instanceId,
        jobId: 10,
        runId,
        parentKey: "a\u0000b",
        trackSeen: true
      })
      const scope = { runId, table, instanceId, parentKey: "a\u0000b" }
      expect(await countSeenKeys(warehouse, scope)).toBe(3)
      expect(await countSeenKeys(warehouse, { ...scope, parentKey: "10" })).toBe(3)
      expect(await countSeenKeys(warehouse, { ...scope, instanceId: h.freshInstanceId() })).toBe(0)
      expect(await countSeenKeysAmong(warehouse, scope, ["100", "102", "103"])).toBe(2)
      expect(await countSeenKeysAmong(warehouse, scope, [])).toBe(0)
      await clearSeenKeys(warehouse, scope)
      expect(await countSeenKeys(warehouse, scope)).toBe(0)
      expect(await countSeenKeys(warehouse, { ...scope, parentKey: "10" })).toBe(3)
    })

    it("drops the seen keys earlier runs of the job left behind, and only those", async () => {
      const warehouse = h.warehouse()
      const instanceId = h.freshInstanceId()
      const table = "dim_sites_staging"
      const jobId = 9_901
      const [older, current] = [await createRun(warehouse, jobId), await createRun(warehouse, jobId)]
      const otherJob = await createRun(warehouse, jobId + 1)
      for (const runId of [older, current, otherJob]) {
        await warehouse.loadStaging(table, simpleRecords(2), { instanceId, jobId, runId, trackSeen: true })
      }
      const scope = (runId: number) => ({ runId, table, instanceId, parentKey: "" })
      await dropStaleSeenKeys(warehouse, { jobId, table, instanceId, runId: current })
      expect(await countSeenKeys(warehouse, scope(older))).toBe(0)
      expect(await countSeenKeys(warehouse, scope(current))).toBe(2)
      expect(await countSeenKeys(warehouse, scope(otherJob))).toBe(2)
    })

    it("marks missing rows in the caller's transaction: rolled back with it, committed with it", async () => {
      const warehouse = h.warehouse()
      const instanceId = h.freshInstanceId()
      const table = "dim_sites_staging"
      await warehouse.loadStaging(table, simpleRecords(4), { instanceId, jobId: 1, runId: 1 })
      const runId = h.freshRunId()
      await warehouse.loadStaging(table, simpleRecords(3), { instanceId, jobId: 1, runId, trackSeen: true })
      const options = { instanceId, runId, expectedSeen: 3 }
      await expect(
        warehouse.transaction(async (tx) => {
          expect(await tx.markMissingAsDeleted(table, options)).toBe(1)
          // A whole-table scope prefers hash joins for the rest of the transaction.
          const [setting] = await tx.query<{ enable_nestloop: string }>("SHOW enable_nestloop")
          expect(setting!.enable_nestloop).toBe("off")
          throw rollback
        })
      ).rejects.toBe(rollback)
      expect(await deletedKeys(h, table, instanceId)).toEqual([])
      expect(await countSeenKeys(warehouse, { runId, table, instanceId, parentKey: "" })).toBe(3)
      const lost = await warehouse
        .transaction((tx) => tx.markMissingAsDeleted(table, { ...options, expectedSeen: 4 }))
        .catch((cause: unknown) => cause)
      expect(lost).toBeInstanceOf(SeenKeysLostError)
      expect(await warehouse.transaction((tx) => tx.markMissingAsDeleted(table, options))).toBe(1)
      expect(await deletedKeys(h, table, instanceId)).toEqual(["4"])
      expect(await countSeenKeys(warehouse, { runId, table, instanceId, parentKey: "" })).toBe(0)
      const [after] = await warehouse.query<{ enable_nestloop: string }>("SHOW enable_nestloop")
      expect(after!.enable_nestloop).toBe("on")
    })

    it("marks one parent's missing rows in a transaction, encoding the parent key as the loader does", async () => {
      const warehouse = h.warehouse()
      const instanceId = h.freshInstanceId()
      const table = "dim_subjects_staging"
      // Not parent-scoped: a key is unique per instance, so each parent has its own keys.
      await warehouse.loadStaging(table, simpleRecords(3), { instanceId, jobId: 10, runId: 1, parentKey: "a\u0000b" })
      await warehouse.loadStaging(table, simpleRecords(3, 100), { instanceId, jobId: 10, runId: 1, parentKey: "c" })
      const runId = h.freshRunId()
      const parentKey = "a\u0000b"
      await warehouse.loadStaging(table, simpleRecords(2), { instanceId, jobId: 10, runId, parentKey, trackSeen: true })
      const deleted = await warehouse.transaction(async (tx) => {
        const marked = await tx.markMissingAsDeleted(table, { instanceId, runId, parentKey, expectedSeen: 2 })
        const [setting] = await tx.query<{ enable_nestloop: string }>("SHOW enable_nestloop")
        expect(setting!.enable_nestloop).toBe("on")
        return marked
      })
      expect(deleted).toBe(1)
      const rows = await rowsByKey(warehouse, table, instanceId)
      expect([...rows.values()].filter((row) => row.is_deleted).map((row) => row.record_key)).toEqual(["3"])
      expect([...rows.values()].filter((row) => row.parent_key === "c" && !row.is_deleted)).toHaveLength(3)
    })
  })
