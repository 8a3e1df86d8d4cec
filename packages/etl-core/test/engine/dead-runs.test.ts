/**
 * A run whose process died (SIGKILL) does not stay `running` forever: the next command that
 * reads or writes the run log ends it `failed` ("process died"), keeping its checkpoint; `resume`
 * then continues it in a NEW run row (`retry_of` = the failed one, attempt 2) whose counters are
 * what the resume itself did, while the failed row keeps its status and error. On PostgreSQL and
 * on PGlite, with a real child process.
 */
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { type Sandbox, startSandbox } from "@trialsync/cc-sandbox"
import { openWarehouse, type Warehouse } from "@trialsync/warehouse"
import { createTestDatabase, type TestDatabase } from "@trialsync/warehouse/testing"
import { Effect } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type FacadeOptions, jobStatus, resume, runHistory, WarehouseService } from "../../src/index.js"
import { requestsByShape } from "../fixtures/engine.js"
import { type ChildTarget, runChildUntil } from "../fixtures/kill-child.js"

const pageSize = 20
const VISITS = 9
/** 459 patient visits at this scale and seed: 23 pages of 20. */
const visitPages = 23

interface RunRowView {
  readonly id: number
  readonly job_id: number
  readonly run_status: string
  readonly error_message: string | null
  readonly retry_of: number | null
  readonly attempt: number
  readonly pages: number
  readonly group_id: string
  readonly checkpoint: unknown
}

const runsOf = (warehouse: Warehouse) =>
  warehouse
    .query<RunRowView>(
      `SELECT id, job_id, run_status, error_message, retry_of, attempt, pages, group_id,
              run_context->'plain' AS checkpoint
       FROM dw_etl_runs ORDER BY id`
    )
    .then((rows) =>
      rows.map((row) => ({
        ...row,
        id: Number(row.id),
        job_id: Number(row.job_id),
        pages: Number(row.pages),
        attempt: Number(row.attempt),
        retry_of: row.retry_of === null ? null : Number(row.retry_of)
      }))
    )

describe("runs of a process that died", () => {
  let sandbox: Sandbox
  const databases: Array<TestDatabase> = []
  const directories: Array<string> = []

  beforeAll(async () => {
    sandbox = await startSandbox({ scale: 0.0002, seed: 41 })
  })
  afterAll(async () => {
    await sandbox?.stop()
    for (const database of databases) await database.drop()
    for (const directory of directories) rmSync(directory, { recursive: true, force: true })
  })

  const facadeOptions = (target: ChildTarget): FacadeOptions => ({
    env: {},
    config: {
      cc: { baseUrl: sandbox.url, apiKey: sandbox.apiKey },
      ...("databaseUrl" in target ? { databaseUrl: target.databaseUrl } : { dataDir: target.pgliteDir }),
      requestsPerSecond: 0,
      concurrency: 8,
      pageSize
    }
  })

  const open = (target: ChildTarget) =>
    openWarehouse(
      "databaseUrl" in target
        ? { databaseUrl: target.databaseUrl, poolSize: 2 }
        : { dataDir: join(target.pgliteDir, "pglite") }
    )

  const killedMidVisits = async (target: ChildTarget) => {
    const child = await runChildUntil(
      sandbox,
      target,
      pageSize,
      (event) => event._tag === "JobProgress" && event.jobId === VISITS && event.pages >= 5
    )
    const warehouse = await open(target)
    try {
      const runs = await runsOf(warehouse)
      const visits = runs.find((run) => run.job_id === VISITS)
      expect(visits?.run_status).toBe("running")
      // The next command that touches the runs (here `status`) finds the dead process.
      const status = await Effect.runPromise(
        jobStatus(VISITS).pipe(Effect.provide(WarehouseService.fromWarehouse(warehouse)))
      )
      const message = `ProcessDied: process died (pid ${child.pid} on `
      expect(status[0]?.lastRunStatus).toBe("failed")
      expect(status[0]?.lastRunError?.startsWith(message)).toBe(true)
      const after = await runsOf(warehouse)
      const killed = after.find((run) => run.id === visits?.id)
      expect(killed).toMatchObject({ run_status: "failed", pages: visits?.pages })
      expect(killed?.error_message?.startsWith(message)).toBe(true)
      // The checkpoint stays, so the resume continues from it.
      expect(killed?.checkpoint).toEqual(visits?.checkpoint)
      // No run of the dead process is left running.
      expect(after.filter((run) => run.run_status === "running")).toEqual([])
      return { killed: killed as RunRowView, before: after }
    } finally {
      await warehouse.close()
    }
  }

  const resumeAndCheck = async (target: ChildTarget, killed: RunRowView, before: ReadonlyArray<RunRowView>) => {
    sandbox.resetStats()
    const report = await resume(killed.id, facadeOptions(target))
    expect(report.status).toBe("success")
    const committed = killed.pages
    expect(committed).toBeGreaterThanOrEqual(5)
    // PostgreSQL keeps the seen keys of the killed run: the resume asks for the remaining pages
    // only. A PGlite directory reopened after a kill loses them (UNLOGGED), and the snapshot
    // starts over from page 1 (see the README); either way the report counts what was fetched.
    const resumedPages = requestsByShape(sandbox.stats()).get("/api/v1/patient-visits/odata")
    expect(resumedPages).toBe("databaseUrl" in target ? visitPages - committed : visitPages)
    // The resume's report is what the resume did, not the group's totals.
    const visits = report.jobs.find((job) => job.jobId === VISITS)
    expect(visits).toMatchObject({ status: "success", pages: resumedPages, requests: resumedPages })
    expect(visits?.runId).not.toBe(killed.id)
    const warehouse = await open(target)
    try {
      const after = await runsOf(warehouse)
      // One row per execution: the failed rows stay as they were, each retried by a new row.
      for (const old of before) expect(after.find((run) => run.id === old.id)).toEqual(old)
      const retry = after.find((run) => run.id === visits?.runId)
      expect(retry).toMatchObject({
        job_id: VISITS,
        run_status: "success",
        retry_of: killed.id,
        attempt: 2,
        pages: resumedPages,
        group_id: killed.group_id,
        error_message: null
      })
      for (const failed of before.filter((run) => run.run_status === "failed")) {
        expect(after.filter((run) => run.retry_of === failed.id)).toHaveLength(1)
      }
      const history = await Effect.runPromise(
        runHistory({ jobId: VISITS }).pipe(Effect.provide(WarehouseService.fromWarehouse(warehouse)))
      )
      expect(history.map((run) => [run.status, run.retryOf])).toEqual([
        ["success", killed.id],
        ["failed", null]
      ])
    } finally {
      await warehouse.close()
    }
  }

  it("on PostgreSQL: the next command marks the run failed, and resume completes it in a new run row", async () => {
    const database = await createTestDatabase("etl_core_dead_runs")
    databases.push(database)
    const target = { databaseUrl: database.url }
    const { killed, before } = await killedMidVisits(target)
    await resumeAndCheck(target, killed, before)
  })

  it("on PGlite: the same, in the directory the killed process had open", async () => {
    const directory = mkdtempSync(join(tmpdir(), "etl-core-dead-runs-"))
    directories.push(directory)
    const target = { pgliteDir: directory }
    const { killed, before } = await killedMidVisits(target)
    await resumeAndCheck(target, killed, before)
  })
})
