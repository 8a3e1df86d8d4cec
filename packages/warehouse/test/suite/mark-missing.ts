import { describe, expect, it } from "vitest"
import { SeenKeysLostError } from "../../src/index.js"
import { createRun, type Harness, rowsByKey, simpleRecords } from "./harness.js"

const deletedKeys = async (h: Harness, table: string, instanceId: number) =>
  [...(await rowsByKey(h.warehouse(), table, instanceId)).entries()]
    .filter(([, row]) => row.is_deleted)
    .map(([key]) => key)
    .sort()

const seenKeyCount = async (h: Harness, runId: number) =>
  (
    await h
      .warehouse()
      .query<{ n: number }>("SELECT count(*)::int AS n FROM dw_etl_seen_keys WHERE run_id = $1", [runId])
  )[0]!.n

export const markMissingSuite = (h: Harness) =>
  describe("markMissingAsDeleted", () => {
    it("per instance: deletes only that instance's unseen rows and cleans up the run's keys", async () => {
      const warehouse = h.warehouse()
      const [a, b] = [h.freshInstanceId(), h.freshInstanceId()]
      for (const instanceId of [a, b]) {
        await warehouse.loadStaging("dim_sites_staging", simpleRecords(5), { instanceId, jobId: 1, runId: 1 })
      }
      const run = h.freshRunId()
      const seen = await warehouse.loadStaging("dim_sites_staging", simpleRecords(3), {
        instanceId: a,
        jobId: 1,
        runId: run,
        trackSeen: true,
        batchSize: 2
      })
      expect(seen.unchanged).toBe(3)
      expect(await seenKeyCount(h, run)).toBe(3)
      expect(await warehouse.markMissingAsDeleted("dim_sites_staging", { instanceId: a, runId: run })).toBe(2)
      expect(await deletedKeys(h, "dim_sites_staging", a)).toEqual(["4", "5"])
      expect(await deletedKeys(h, "dim_sites_staging", b)).toEqual([])
      expect(await seenKeyCount(h, run)).toBe(0)
      const [row] = await warehouse.query<{ deleted_at: Date | null; moved: boolean }>(
        `SELECT deleted_at, updated_at > created_at AS moved FROM dim_sites_staging
          WHERE source_instance_id = $1 AND record_key = '4'`,
        [a]
      )
      expect(row!.deleted_at).toBeInstanceOf(Date)
      expect(row!.moved).toBe(true) // updated_at moves so incremental transforms see the delete
      // Already deleted rows are not counted again.
      expect(await warehouse.markMissingAsDeleted("dim_sites_staging", { instanceId: a, runId: run })).toBe(3)
    })

    it("per instance and parent: only that parent's rows (parent-scoped and per-parent tables)", async () => {
      const warehouse = h.warehouse()
      const instanceId = h.freshInstanceId()
      const run = h.freshRunId()
      for (const study of ["10", "11"]) {
        await warehouse.loadStaging("dim_subjects_staging", simpleRecords(3, study === "10" ? 1 : 100), {
          instanceId,
          jobId: 10,
          runId: 1,
          parentKey: study
        })
        await warehouse.loadStaging(
          "dim_study_warnings_staging",
          [
            { type: "Visit", description: "a" },
            { type: "Visit", description: "b" }
          ],
          { instanceId, jobId: 145, runId: 1, parentKey: study }
        )
      }
      // Study 10's snapshot: subject 3 and warning "b" are gone.
      await warehouse.loadStaging("dim_subjects_staging", simpleRecords(2), {
        instanceId,
        jobId: 10,
        runId: run,
        parentKey: "10",
        trackSeen: true
      })
      await warehouse.loadStaging("dim_study_warnings_staging", [{ type: "Visit", description: "a" }], {
        instanceId,
        jobId: 145,
        runId: run,
        parentKey: "10",
        trackSeen: true
      })
      expect(
        await warehouse.markMissingAsDeleted("dim_subjects_staging", { instanceId, runId: run, parentKey: "10" })
      ).toBe(1)
      expect(
        await warehouse.markMissingAsDeleted("dim_study_warnings_staging", { instanceId, runId: run, parentKey: "10" })
      ).toBe(1)
      expect(await deletedKeys(h, "dim_subjects_staging", instanceId)).toEqual(["10/3"])
      expect(await deletedKeys(h, "dim_study_warnings_staging", instanceId)).toEqual(["10/Visit|||b"])
    })

    it("counts keys recorded on the direct path (new rows, quoted keys) as seen", async () => {
      const warehouse = h.warehouse()
      const instanceId = h.freshInstanceId()
      const run = h.freshRunId()
      const records = [{ id: 'a,"b"' }, { id: "c\\d" }, { id: "{e}" }, { id: "plain" }]
      // An empty table: the first batch is probed and COPYed direct, the second goes direct unprobed.
      const result = await warehouse.loadStaging("dim_sites_staging", records, {
        instanceId,
        jobId: 1,
        runId: run,
        trackSeen: true,
        batchSize: 2
      })
      expect(result.inserted).toBe(4)
      expect(await seenKeyCount(h, run)).toBe(4)
      expect(await warehouse.markMissingAsDeleted("dim_sites_staging", { instanceId, runId: run })).toBe(0)
      expect((await rowsByKey(warehouse, "dim_sites_staging", instanceId)).size).toBe(4)
    })

    it("refuses when the recorded keys do not match expectedSeen (keys lost)", async () => {
      const warehouse = h.warehouse()
      const instanceId = h.freshInstanceId()
      const run = h.freshRunId()
      const load = await warehouse.loadStaging("dim_sites_staging", simpleRecords(3), {
        instanceId,
        jobId: 1,
        runId: run,
        trackSeen: true
      })
      const expectedSeen = load.total - load.duplicates
      // As if a crash had emptied part of the UNLOGGED table.
      await warehouse.query("DELETE FROM dw_etl_seen_keys WHERE run_id = $1 AND record_key = '2'", [run])
      const error = await warehouse
        .markMissingAsDeleted("dim_sites_staging", { instanceId, runId: run, expectedSeen })
        .catch((cause: unknown) => cause)
      expect(error).toBeInstanceOf(SeenKeysLostError)
      expect((error as Error).message).toContain("2 recorded keys where 3 were committed")
      expect(await deletedKeys(h, "dim_sites_staging", instanceId)).toEqual([])
      await warehouse.query(
        "INSERT INTO dw_etl_seen_keys (run_id, table_name, source_instance_id, parent_key, record_key) VALUES ($1, 'dim_sites_staging', $2, '', '2')",
        [run, instanceId]
      )
      expect(await warehouse.markMissingAsDeleted("dim_sites_staging", { instanceId, runId: run, expectedSeen })).toBe(
        0
      )
    })

    it("refuses a run that began before the database last started (its seen keys may be lost)", async () => {
      const warehouse = h.warehouse()
      const instanceId = h.freshInstanceId()
      await warehouse.loadStaging("dim_sites_staging", simpleRecords(2), { instanceId, jobId: 1, runId: 1 })
      const stale = await createRun(warehouse, 1, new Date("2000-01-01T00:00:00Z"))
      const error = await warehouse
        .markMissingAsDeleted("dim_sites_staging", { instanceId, runId: stale })
        .catch((cause: unknown) => cause)
      expect(error).toBeInstanceOf(SeenKeysLostError)
      expect(await deletedKeys(h, "dim_sites_staging", instanceId)).toEqual([])
      const fresh = await createRun(warehouse, 1)
      await warehouse.loadStaging("dim_sites_staging", simpleRecords(1), {
        instanceId,
        jobId: 1,
        runId: fresh,
        trackSeen: true
      })
      expect(await warehouse.markMissingAsDeleted("dim_sites_staging", { instanceId, runId: fresh })).toBe(1)
    })
  })
