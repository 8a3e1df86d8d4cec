/**
 * A sync killed with SIGKILL at any point and then resumed leaves the warehouse exactly as an
 * uninterrupted sync: the sync runs in a child process (test/fixtures/sync-child.ts) that is
 * killed when its progress reaches a chosen point; `resume` continues the group; the staging
 * contents (keys, parents, data, deletion flags) and the run statuses are compared with an
 * uninterrupted sync into another database. Resumes must not refetch committed work.
 */
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { type Sandbox, startSandbox } from "@trialsync/cc-sandbox"
import { openWarehouse, type Warehouse } from "@trialsync/warehouse"
import { createTestDatabase, type TestDatabase } from "@trialsync/warehouse/testing"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type FacadeOptions, type ProgressEvent, resume, runAll } from "../../src/index.js"
import { requestsByShape, type StagingRow, stagingContents } from "../fixtures/engine.js"
import { type ChildTarget, runChildUntil } from "../fixtures/kill-child.js"

const pageSize = 20

type Target = ChildTarget

const facadeOptions = (sandbox: Sandbox, target: Target): FacadeOptions => ({
  env: {},
  config: {
    cc: { baseUrl: sandbox.url, apiKey: sandbox.apiKey },
    ...("databaseUrl" in target ? { databaseUrl: target.databaseUrl } : { dataDir: target.pgliteDir }),
    requestsPerSecond: 0,
    concurrency: 8,
    pageSize
  }
})

const latestStatuses = async (warehouse: Warehouse): Promise<ReadonlyArray<[number, string]>> =>
  (
    await warehouse.query<{ job_id: number; run_status: string }>(
      "SELECT DISTINCT ON (job_id) job_id, run_status FROM dw_etl_runs ORDER BY job_id, id DESC"
    )
  ).map((row) => [Number(row.job_id), row.run_status])

const withWarehouse = async <A>(target: Target, use: (warehouse: Warehouse) => Promise<A>): Promise<A> => {
  const warehouse = await openWarehouse(
    "databaseUrl" in target
      ? { databaseUrl: target.databaseUrl, poolSize: 2 }
      : { dataDir: join(target.pgliteDir, "pglite") }
  )
  try {
    return await use(warehouse)
  } finally {
    await warehouse.close()
  }
}

const anyRunOf = (warehouse: Warehouse) =>
  warehouse
    .query<{ id: number }>("SELECT id FROM dw_etl_runs ORDER BY id DESC LIMIT 1")
    .then((rows) => Number(rows[0]?.id))

describe("resume after SIGKILL", () => {
  let sandbox: Sandbox
  let reference: { readonly contents: ReadonlyArray<StagingRow>; readonly statuses: ReadonlyArray<[number, string]> }
  const databases: Array<TestDatabase> = []
  const directories: Array<string> = []

  const freshPostgres = async (): Promise<Target> => {
    const database = await createTestDatabase("etl_core_resume")
    databases.push(database)
    return { databaseUrl: database.url }
  }

  beforeAll(async () => {
    sandbox = await startSandbox({ scale: 0.0002, seed: 41 })
    const target = await freshPostgres()
    const report = await runAll(facadeOptions(sandbox, target))
    expect(report.status).toBe("success")
    reference = await withWarehouse(target, async (warehouse) => ({
      contents: await stagingContents(warehouse),
      statuses: await latestStatuses(warehouse)
    }))
    expect(reference.contents.length).toBeGreaterThan(1000)
  })
  afterAll(async () => {
    await sandbox?.stop()
    for (const database of databases) await database.drop()
    for (const directory of directories) rmSync(directory, { recursive: true, force: true })
  })

  /** Kills at `killAt`, resumes, compares with the reference; returns what the test inspects. */
  const killAndResume = async (target: Target, killAt: (event: ProgressEvent) => boolean) => {
    await runChildUntil(sandbox, target, pageSize, killAt)
    const before = await withWarehouse(target, async (warehouse) => ({
      runId: await anyRunOf(warehouse),
      runs: await warehouse.query<{
        job_id: number
        run_status: string
        pages: number
        partitions_done: number
        id: number
      }>("SELECT id, job_id, run_status, pages, partitions_done FROM dw_etl_runs ORDER BY id")
    }))
    sandbox.resetStats()
    const report = await resume(before.runId, facadeOptions(sandbox, target))
    expect(report.status).toBe("success")
    const requests = requestsByShape(sandbox.stats())
    await withWarehouse(target, async (warehouse) => {
      const contents = await stagingContents(warehouse)
      expect(contents.length).toBe(reference.contents.length)
      expect(contents).toEqual(reference.contents)
      expect(await latestStatuses(warehouse)).toEqual(reference.statuses)
    })
    return { before, requests, report }
  }

  it("mid plain job, after some committed pages: the resume fetches only the remaining pages", async () => {
    const target = await freshPostgres()
    const { before, requests } = await killAndResume(
      target,
      (event) => event._tag === "JobProgress" && event.jobId === 9 && event.pages >= 5
    )
    const visits = before.runs.find((run) => Number(run.job_id) === 9)
    expect(visits?.run_status).toBe("running")
    const committed = Number(visits?.pages)
    expect(committed).toBeGreaterThanOrEqual(5)
    // 459 patient visits in pages of 20: 23 pages; the resume asks for the rest only.
    expect(requests.get("/api/v1/patient-visits/odata")).toBe(23 - committed)
  })

  it("mid fan-out, after some committed partitions: the resume fetches only the other partitions", async () => {
    const target = await freshPostgres()
    const { before, requests } = await killAndResume(
      target,
      (event) => event._tag === "JobProgress" && event.jobId === 166 && event.partitionsDone >= 120
    )
    const elements = before.runs.find((run) => Number(run.job_id) === 166)
    expect(elements?.run_status).toBe("running")
    const done = Number(elements?.partitions_done)
    expect(done).toBeGreaterThanOrEqual(120)
    expect(requests.get("/api/v1/patient-visits/{}/elements")).toBe(459 - done)
  })

  it("between jobs: the jobs that never started run on resume, finished ones are not fetched again", async () => {
    const target = await freshPostgres()
    const { before, requests } = await killAndResume(
      target,
      (event) => event._tag === "JobFinished" && event.jobId === 3
    )
    expect(before.runs.find((run) => Number(run.job_id) === 3)?.run_status).toBe("success")
    expect(before.runs.some((run) => Number(run.job_id) === 175)).toBe(false)
    expect(requests.get("/api/v1/patients/odata")).toBeUndefined()
  })

  it("at an arbitrary point on PGlite (a directory the killed process had open)", async () => {
    const directory = mkdtempSync(join(tmpdir(), "etl-core-resume-"))
    directories.push(directory)
    let events = 0
    await killAndResume({ pgliteDir: directory }, () => ++events >= 40)
  })
})
