/**
 * The run log's writes that must survive the database dropping our connection: a start writes
 * the run row and the job's last run in one statement; `abandon` ends the `running` row of a
 * start whose reply was lost; `finish` can be retried without counting the time twice. On both
 * drivers.
 */
import { Effect } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import type { RunContext } from "../../src/engine/types.js"
import { RunLog, seedCatalog, WarehouseService } from "../../src/index.js"
import { type TestDriver, testDrivers } from "../fixtures/databases.js"

const groupId = "00000000-0000-4000-8000-00000000abcd"
const context: RunContext = {
  group: { id: groupId, selection: { all: true }, jobIds: [2], fullRefresh: false, trigger: "test", instanceName: "x" },
  mode: "snapshot"
}

describe.each(testDrivers.map((driver) => [driver.name, driver] as const))(
  "the run log on %s",
  (_, driver: TestDriver) => {
    let opened: Awaited<ReturnType<TestDriver["open"]>>
    beforeAll(async () => {
      opened = await driver.open()
      await seedCatalog(opened.db)
      await opened.db.query(
        "INSERT INTO dw_api_credentials (id, instance_name, base_url, api_key) VALUES (1, 'x', 'http://cc', 'env:CC_API_KEY')"
      )
    })
    afterAll(() => opened.close())

    const withRuns = <A>(use: (runs: RunLog["Type"]) => Effect.Effect<A, unknown>) =>
      Effect.runPromise(
        Effect.flatMap(RunLog, use).pipe(
          Effect.provide(RunLog.layer),
          Effect.provide(WarehouseService.fromWarehouse(opened.db))
        ) as Effect.Effect<A>
      )
    const jobLast = async (jobId: number) =>
      (
        await opened.db.query<{ last_run_id: number | null; last_run_status: string | null }>(
          "SELECT last_run_id, last_run_status FROM dw_etl_jobs WHERE id = $1",
          [jobId]
        )
      )[0]

    it("a start points the job's last run at its row in the same statement", async () => {
      const row = await withRuns((runs) => runs.start({ jobId: 2, groupId, instanceId: 1, trigger: "test", context }))
      expect(row.status).toBe("running")
      expect(await jobLast(2)).toMatchObject({ last_run_id: row.id, last_run_status: "running" })
    })

    it("abandon ends this process's running row of the job and group, and leaves others alone", async () => {
      const other = await opened.db.query<{ id: number }>(
        `INSERT INTO dw_etl_runs (job_id, group_id, source_instance_id, run_status, trigger, run_context, started_at)
       VALUES (2, $1, 1, 'running', 'test', '{"owner": {"pid": 1, "host": "elsewhere", "token": "t"}}', now())
       RETURNING id`,
        [groupId]
      )
      const ended = await withRuns((runs) =>
        runs.abandon({ groupId, jobId: 2, status: "failed", error: "WarehouseError: connection terminated" })
      )
      expect(ended).toHaveLength(1)
      expect(ended[0]).toMatchObject({ status: "failed", errorMessage: "WarehouseError: connection terminated" })
      expect(await jobLast(2)).toMatchObject({ last_run_id: ended[0]?.id, last_run_status: "failed" })
      const [foreign] = await opened.db.query<{ run_status: string }>(
        "SELECT run_status FROM dw_etl_runs WHERE id = $1",
        [other[0]?.id]
      )
      expect(foreign?.run_status).toBe("running")
    })

    it("a finish retried after its commit counts the elapsed time once", async () => {
      const row = await withRuns((runs) => runs.start({ jobId: 10, groupId, instanceId: 1, trigger: "test", context }))
      const end = { status: "success" as const, elapsedMs: 1500 }
      await withRuns((runs) => runs.finish(row.id, end))
      const again = await withRuns((runs) => runs.finish(row.id, end))
      expect(again).toMatchObject({ status: "success", durationMs: 1500 })
      expect(await jobLast(10)).toMatchObject({ last_run_id: row.id, last_run_status: "success" })
    })
  }
)
