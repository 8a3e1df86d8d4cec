import { describe, expect, it } from "vitest"
import {
  addRunProgress,
  endOrphanRuns,
  failRunningRun,
  findRun,
  finishRun,
  insertRetryRun,
  insertRun,
  lastSuccessfulRun,
  runningRunOf,
  runningRunsWithOwner,
  runsOfGroup,
  type Warehouse,
  writePartitionRows
} from "../../src/index.js"
import type { Harness } from "./harness.js"

const jobLast = async (warehouse: Warehouse, jobId: number) =>
  (
    await warehouse.query<{
      last_run_id: number | null
      last_run_status: string | null
      last_run_records: number | null
    }>("SELECT last_run_id, last_run_status, last_run_records FROM dw_etl_jobs WHERE id = $1", [jobId])
  )[0]

export const runsSuite = (h: Harness) =>
  describe("runs (dw_etl_runs and the jobs' last run)", () => {
    let jobs = 8800
    const setUp = async () => {
      const warehouse = h.warehouse()
      const jobId = ++jobs
      await warehouse.query(
        `INSERT INTO dw_etl_jobs (id, name, source_endpoint, target_table) VALUES ($1, 'runs test', '/test', 'test_staging')`,
        [jobId]
      )
      const [instance] = await warehouse.query<{ id: number }>(
        "INSERT INTO dw_api_credentials (instance_name, base_url, api_key) VALUES ($1, 'http://cc', 'env:CC_API_KEY') RETURNING id",
        [`runs-${h.driver}-${jobId}`]
      )
      const groupId = `00000000-0000-4000-8000-${String(jobId).padStart(12, "0")}`
      const start = (owner = "me") =>
        insertRun<{ mode: string; owner: { token: string } }>(warehouse, {
          jobId,
          groupId,
          instanceId: Number(instance!.id),
          trigger: "test",
          context: { mode: "snapshot", owner: { token: owner } },
          startedAt: new Date("2026-12-01T06:12:00Z"),
          partitionsTotal: 3
        })
      return { warehouse, jobId, groupId, instanceId: Number(instance!.id), start }
    }

    it("a start and a finish keep the job's last run in step; a repeated finish counts the time once", async () => {
      const { warehouse, jobId, start } = await setUp()
      const run = await start()
      expect(run).toMatchObject({ jobId, status: "running", partitionsTotal: 3, context: { mode: "snapshot" } })
      expect(await jobLast(warehouse, jobId)).toMatchObject({ last_run_id: run.id, last_run_status: "running" })
      await warehouse.transaction((tx) =>
        addRunProgress(tx, run.id, { inserted: 4, pages: 2 }, { key: "plain", value: { page: 2 } })
      )
      await writePartitionRows(warehouse, { runId: run.id, jobId, at: new Date() }, [
        { parentKey: "a", params: {}, status: "done", pages: 1, records: 2, attempts: 1, error: null },
        { parentKey: "b", params: {}, status: "failed", pages: 0, records: 0, attempts: 2, error: "boom" }
      ])
      const end = { status: "partial" as const, error: null, watermark: "w1", elapsedMs: 1200, completedAt: new Date() }
      await finishRun(warehouse, run.id, end)
      const again = await finishRun(warehouse, run.id, end)
      expect(again).toMatchObject({ status: "partial", durationMs: 1200, inserted: 4, pages: 2, watermark: "w1" })
      expect(again).toMatchObject({ partitionsDone: 1, partitionsFailed: 1 })
      expect((await findRun<{ plain: unknown }>(warehouse, run.id))?.context?.plain).toEqual({ page: 2 })
      expect(await jobLast(warehouse, jobId)).toMatchObject({
        last_run_id: run.id,
        last_run_status: "partial",
        last_run_records: 4
      })
    })

    it("a retry continues its prior run in a new row, taking its partitions; the prior row is untouched", async () => {
      const { warehouse, jobId, groupId, start } = await setUp()
      const prior = await start()
      await writePartitionRows(warehouse, { runId: prior.id, jobId, at: new Date() }, [
        { parentKey: "a", params: {}, status: "done", pages: 1, records: 1, attempts: 1, error: null }
      ])
      await finishRun(warehouse, prior.id, {
        status: "failed",
        error: "X: y",
        watermark: null,
        elapsedMs: 5,
        completedAt: new Date()
      })
      const retry = await warehouse.transaction((tx) =>
        insertRetryRun(tx, { priorId: prior.id, owner: { token: "next" }, startedAt: new Date() })
      )
      expect(retry).toMatchObject({
        jobId,
        groupId,
        attempt: 2,
        status: "running",
        context: { owner: { token: "next" } }
      })
      const [moved] = await warehouse.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM dw_etl_partitions WHERE run_id = $1",
        [retry.id]
      )
      expect(moved?.n).toBe(1)
      expect(await findRun(warehouse, prior.id)).toMatchObject({ status: "failed", errorMessage: "X: y" })
      expect(await jobLast(warehouse, jobId)).toMatchObject({ last_run_id: retry.id, last_run_status: "running" })
      expect((await runsOfGroup(warehouse, groupId)).map((run) => run.id)).toEqual([prior.id, retry.id])
    })

    it("orphans of one owner and dead runs end failed; others stay running", async () => {
      const { warehouse, jobId, groupId, start } = await setUp()
      const mine = await start("me")
      const theirs = await start("them")
      const ended = await endOrphanRuns(warehouse, {
        groupId,
        jobId,
        ownerToken: "me",
        status: "failed",
        error: "E: cut",
        at: new Date()
      })
      expect(ended.map((run) => run.id)).toEqual([mine.id])
      expect((await runningRunsWithOwner(warehouse)).map((run) => run.id)).toContain(theirs.id)
      expect(
        await failRunningRun(warehouse, { runId: theirs.id, jobId, message: "ProcessDied: x", at: new Date() })
      ).toBe(true)
      expect(
        await failRunningRun(warehouse, { runId: theirs.id, jobId, message: "ProcessDied: x", at: new Date() })
      ).toBe(false)
      expect(await findRun(warehouse, theirs.id)).toMatchObject({ status: "failed", errorMessage: "ProcessDied: x" })
      expect(await jobLast(warehouse, jobId)).toMatchObject({ last_run_id: theirs.id, last_run_status: "failed" })
    })

    it("the last successful run is the latest of the modes asked for", async () => {
      const { warehouse, jobId, instanceId, start } = await setUp()
      const first = await start()
      await finishRun(warehouse, first.id, {
        status: "success",
        error: null,
        watermark: null,
        elapsedMs: 1,
        completedAt: new Date()
      })
      expect((await lastSuccessfulRun(warehouse, { jobId, instanceId, modes: ["snapshot"] }))?.id).toBe(first.id)
      expect(await lastSuccessfulRun(warehouse, { jobId, instanceId, modes: ["incremental"] })).toBeUndefined()
    })

    it("the running run of a job on an instance is its latest running row", async () => {
      const { warehouse, jobId, instanceId, start } = await setUp()
      expect(await runningRunOf(warehouse, { jobId, instanceId })).toBeUndefined()
      const older = await start("a")
      const newer = await start("b")
      expect(await runningRunOf(warehouse, { jobId, instanceId })).toMatchObject({
        id: newer.id,
        startedAt: new Date("2026-12-01T06:12:00Z")
      })
      await failRunningRun(warehouse, { runId: newer.id, jobId, message: "ProcessDied: x", at: new Date() })
      expect((await runningRunOf(warehouse, { jobId, instanceId }))?.id).toBe(older.id)
      expect(await runningRunOf(warehouse, { jobId, instanceId: instanceId + 1000 })).toBeUndefined()
    })
  })
