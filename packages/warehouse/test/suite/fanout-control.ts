import { describe, expect, it } from "vitest"
import {
  addRunDeletedRecords,
  addRunWarning,
  analyzeFanoutParents,
  countFailedPartitions,
  countParents,
  dropDonePartitionsBefore,
  type FanoutParents,
  InvalidWarehouseOptionError,
  markChildrenOfGoneParents,
  maxRunWarnings,
  readPartitionCandidates,
  writeParentState,
  writePartitionRows
} from "../../src/index.js"
import { createRun, type Harness, rowsByKey } from "./harness.js"

const parents: FanoutParents = { parentTable: "dim_studies_staging", keyPaths: [["id"]] }
const sweep = { changedOnly: false, failedOnly: false }

const partition = (parentKey: string, status: "done" | "failed" | "skipped") => ({
  parentKey,
  params: { studyId: parentKey },
  status,
  pages: 1,
  records: 0,
  attempts: 1,
  error: status === "failed" ? "boom" : null
})

/** Three studies (ids 1..3, one of them without an id in a nested path) of a fresh instance. */
const loadStudies = async (h: Harness) => {
  const warehouse = h.warehouse()
  const instanceId = h.freshInstanceId()
  const studies = [1, 2, 3].map((id) => ({ id, sponsor: id === 3 ? {} : { id: `s${id}` } }))
  await warehouse.loadStaging("dim_studies_staging", studies, { instanceId, jobId: 2, runId: 1 })
  return instanceId
}

export const fanoutControlSuite = (h: Harness) =>
  describe("fan-out bookkeeping (parents, dw_etl_partitions, dw_etl_parent_state, run counters)", () => {
    it("reads a run's candidates by keyset, leaving out completed partitions and unchanged parents", async () => {
      const warehouse = h.warehouse()
      const instanceId = await loadStudies(h)
      const jobId = 9_801
      const runId = await createRun(warehouse, jobId)
      const page = { instanceId, jobId, runId, after: 0, limit: 10 }
      const all = await readPartitionCandidates(warehouse, parents, sweep, page)
      expect(all.map((c) => [c.parentKey, c.values])).toEqual([
        ["1", ["1"]],
        ["2", ["2"]],
        ["3", ["3"]]
      ])
      expect(all.every((c) => c.prior === undefined && c.parentHash.length > 0)).toBe(true)
      const next = await readPartitionCandidates(warehouse, parents, sweep, {
        ...page,
        after: all[0]!.cursor,
        limit: 1
      })
      expect(next.map((c) => c.parentKey)).toEqual(["2"])
      // Two placeholders: values in order, the partition key joined by "/"; a missing value leaves the parent out.
      const nested = { parentTable: "dim_studies_staging", keyPaths: [["id"], ["sponsor", "id"]] }
      const both = await readPartitionCandidates(warehouse, nested, sweep, page)
      expect(both.map((c) => [c.parentKey, c.values])).toEqual([
        ["1/s1", ["1", "s1"]],
        ["2/s2", ["2", "s2"]]
      ])

      const at = new Date()
      await writePartitionRows(warehouse, { runId, jobId, at }, [partition("1", "done"), partition("2", "failed")])
      expect((await readPartitionCandidates(warehouse, parents, sweep, page)).map((c) => c.parentKey)).toEqual([
        "2",
        "3"
      ])
      const failed = await readPartitionCandidates(warehouse, parents, { changedOnly: false, failedOnly: true }, page)
      expect(failed.map((c) => [c.parentKey, c.prior?.status])).toEqual([["2", "failed"]])
      expect(await countFailedPartitions(warehouse, runId)).toBe(1)

      await writeParentState(warehouse, { jobId, instanceId, runId, at }, [
        { parentKey: "3", parentHash: all[2]!.parentHash }
      ])
      const changed = await readPartitionCandidates(warehouse, parents, { changedOnly: true, failedOnly: false }, page)
      expect(changed.map((c) => c.parentKey)).toEqual(["2"])
      expect(await warehouse.transaction((tx) => countParents(tx, parents, { instanceId, jobId }))).toEqual({
        current: 3,
        changed: 2
      })
      await analyzeFanoutParents(warehouse, parents.parentTable)
    })

    it("refuses a key path or a table name it could not splice safely", async () => {
      const warehouse = h.warehouse()
      const ids = { instanceId: 1, jobId: 1, runId: 1, after: 0, limit: 1 }
      for (const keyPaths of [[["id'; DROP TABLE x; --"]], [[]], []]) {
        await expect(
          readPartitionCandidates(warehouse, { parentTable: "dim_studies_staging", keyPaths }, sweep, ids)
        ).rejects.toBeInstanceOf(InvalidWarehouseOptionError)
      }
      await expect(
        readPartitionCandidates(warehouse, { parentTable: 'x"; --', keyPaths: [["id"]] }, sweep, ids)
      ).rejects.toThrow(/SQL identifier/)
    })

    it("marks the children of gone parents deleted and forgets those parents", async () => {
      const warehouse = h.warehouse()
      const instanceId = await loadStudies(h)
      const jobId = 9_802
      const runId = await createRun(warehouse, jobId)
      for (const study of ["1", "2"]) {
        await warehouse.loadStaging("dim_subjects_staging", [{ id: `${study}01` }, { id: `${study}02` }], {
          instanceId,
          jobId,
          runId,
          parentKey: study
        })
      }
      const at = new Date()
      await writeParentState(warehouse, { jobId, instanceId, runId, at }, [
        { parentKey: "1", parentHash: "h1" },
        { parentKey: "2", parentHash: "h2" }
      ])
      await warehouse.query(
        "UPDATE dim_studies_staging SET is_deleted = true WHERE source_instance_id = $1 AND record_key = '2'",
        [instanceId]
      )
      const ids = { instanceId, jobId }
      const deleted = await warehouse.transaction((tx) =>
        markChildrenOfGoneParents(tx, parents, "dim_subjects_staging", ids)
      )
      expect(deleted).toBe(2)
      const rows = await rowsByKey(warehouse, "dim_subjects_staging", instanceId)
      expect([...rows.values()].filter((row) => row.is_deleted).map((row) => row.record_key)).toEqual(["201", "202"])
      const state = await warehouse.query<{ parent_key: string }>(
        "SELECT parent_key FROM dw_etl_parent_state WHERE job_id = $1 AND source_instance_id = $2",
        [jobId, instanceId]
      )
      expect(state.map((row) => row.parent_key)).toEqual(["1"])
      expect(
        await warehouse.transaction((tx) => markChildrenOfGoneParents(tx, parents, "dim_subjects_staging", ids))
      ).toBe(0)
    })

    it("drops the done partitions of a job's earlier runs, and adds to a run's deletions and warnings", async () => {
      const warehouse = h.warehouse()
      const jobId = 9_803
      const [older, current] = [await createRun(warehouse, jobId), await createRun(warehouse, jobId)]
      const at = new Date()
      for (const runId of [older, current]) {
        await writePartitionRows(warehouse, { runId, jobId, at }, [partition("1", "done"), partition("2", "failed")])
      }
      await dropDonePartitionsBefore(warehouse, { jobId, runId: current })
      const left = await warehouse.query<{ run_id: number; parent_key: string }>(
        "SELECT run_id, parent_key FROM dw_etl_partitions WHERE job_id = $1 ORDER BY run_id, parent_key",
        [jobId]
      )
      expect(left.map((row) => [row.run_id, row.parent_key])).toEqual([
        [older, "2"],
        [current, "1"],
        [current, "2"]
      ])

      await addRunDeletedRecords(warehouse, current, 3)
      await addRunDeletedRecords(warehouse, current, 4)
      for (let n = 0; n < maxRunWarnings + 2; n++) await addRunWarning(warehouse, current, `warning ${n}`)
      const [run] = await warehouse.query<{ records_deleted: number; warnings: ReadonlyArray<string> }>(
        "SELECT records_deleted, run_context->'warnings' AS warnings FROM dw_etl_runs WHERE id = $1",
        [current]
      )
      expect(run!.records_deleted).toBe(7)
      expect(run!.warnings).toHaveLength(maxRunWarnings)
      expect(run!.warnings[0]).toBe("warning 0")
    })
  })
