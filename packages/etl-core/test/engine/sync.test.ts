/**
 * Full, unchanged and changed syncs of every active job against the sandbox over HTTP, on both
 * database drivers.
 */
import { type Sandbox, startSandbox } from "@trialsync/cc-sandbox"
import type { Warehouse } from "@trialsync/warehouse"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { catalogJobs, endpointShape, type RunReport, runJobs } from "../../src/index.js"
import { testDrivers } from "../fixtures/databases.js"
import {
  currentCounts,
  type EngineHarness,
  engineOver,
  requestsByShape,
  rowVersions,
  runWith,
  sandboxConfig,
  sandboxCountsByJob
} from "../fixtures/engine.js"

const fanoutShapes = new Set(
  catalogJobs.filter((job) => job.parameters.length > 0).map((job) => endpointShape(job.endpoint))
)
const childRequests = (sandbox: Sandbox): number =>
  [...requestsByShape(sandbox.stats())].filter(([shape]) => fanoutShapes.has(shape)).reduce((sum, [, n]) => sum + n, 0)

const totals = (report: RunReport) =>
  report.jobs.reduce(
    (sum, job) => ({
      inserted: sum.inserted + job.inserted,
      updated: sum.updated + job.updated,
      deleted: sum.deleted + job.deleted
    }),
    { inserted: 0, updated: 0, deleted: 0 }
  )

const byJob = (report: RunReport, id: number) => report.jobs.find((job) => job.jobId === id)

describe.each(testDrivers)("sync against the sandbox on $name", (driver) => {
  let sandbox: Sandbox
  let warehouse: Warehouse
  let close: () => Promise<void>
  let engine: EngineHarness
  let instanceId: number
  let active: ReadonlyArray<number>

  const expectCountsMatchSandbox = async () => {
    const counts = await currentCounts(warehouse, instanceId)
    const expected = sandboxCountsByJob(sandbox, active)
    expect(expected.size).toBe(54)
    const mismatches = [...expected]
      .filter(([, { table, count }]) => counts.get(table) !== count)
      .map(([jobId, { table, count }]) => `${jobId} ${table}: staging ${counts.get(table)}, sandbox ${count}`)
    expect(mismatches).toEqual([])
  }

  beforeAll(async () => {
    sandbox = await startSandbox({ scale: 0.0005, seed: 11 })
    ;({ db: warehouse, close } = await driver.open())
    engine = engineOver(warehouse, sandboxConfig(sandbox))
  })
  afterAll(async () => {
    await sandbox?.stop()
    await close?.()
  })

  it("a full sync loads every active job: current rows per staging table equal the sandbox's counts", async () => {
    const report = await runWith(engine, runJobs({ all: true }, { trigger: "test" }))
    expect(report.jobs.filter((job) => job.status !== "success")).toEqual([])
    expect(report.status).toBe("success")
    active = report.jobs.map((job) => job.jobId)
    expect(active).toHaveLength(57)
    const [instance] = await warehouse.query<{ id: number }>("SELECT id FROM dw_api_credentials")
    instanceId = Number(instance?.id)
    await expectCountsMatchSandbox()
    // The operators' queries of docs/design.md §5 show the runs.
    const [studies] = await warehouse.query<{ last_run_status: string; last_run_records: number }>(
      "SELECT id, name, last_run_status, last_run_records, last_run_at FROM dw_etl_jobs WHERE target_table = 'dim_studies_staging' AND id = 2"
    )
    expect(studies).toMatchObject({ last_run_status: "success", last_run_records: 3 })
    const runs = await warehouse.query<{ run_status: string; records_loaded: number }>(
      "SELECT run_status, records_loaded, error_message, started_at FROM dw_etl_runs WHERE job_id = 2 ORDER BY started_at DESC LIMIT 10"
    )
    expect(runs).toEqual([expect.objectContaining({ run_status: "success", records_loaded: 3 })])
    const patientLists = byJob(report, 148)
    expect(patientLists).toMatchObject({ partitionsTotal: 76, partitionsDone: 76, partitionsFailed: 0 })
  })

  it("a second sync with no source change rewrites no row and fetches no child list", async () => {
    const before = await rowVersions(warehouse)
    sandbox.resetStats()
    const report = await runWith(engine, runJobs({ all: true }))
    expect(report.status).toBe("success")
    expect(totals(report)).toEqual({ inserted: 0, updated: 0, deleted: 0 })
    expect(await rowVersions(warehouse)).toEqual(before)
    expect(childRequests(sandbox)).toBe(0)
    expect(byJob(report, 166)).toMatchObject({ partitionsTotal: 0, requests: 0 })
  })

  it("after a 1% mutation a full-refresh sync rewrites exactly the changed records and marks the deletions", async () => {
    const mutation = sandbox.mutate({ fraction: 0.01 })
    const before = await rowVersions(warehouse)
    const report = await runWith(engine, runJobs({ all: true }, { fullRefresh: true }))
    expect(report.status).toBe("success")
    await expectCountsMatchSandbox()
    // Jobs whose records embed no other entity's: their changes are exactly the entity's (the
    // sandbox never updates monitors: study contacts quote every field of their list schema).
    const entityOf: Record<number, string> = {
      1: "site",
      26: "staff",
      32: "provider",
      35: "sponsor",
      139: "monitor",
      8: "element",
      120: "sysAllergy",
      148: "patientAllergy",
      152: "patientMedication",
      156: "campaignTouch",
      157: "referralTouch",
      161: "stipend",
      166: "patientVisitElement"
    }
    for (const [jobId, entity] of Object.entries(entityOf)) {
      const changes = mutation.byEntity[entity] ?? { updated: 0, inserted: 0, deleted: 0 }
      expect({ job: Number(jobId), ...byJobCounts(report, Number(jobId)) }).toEqual({
        job: Number(jobId),
        inserted: changes.inserted,
        updated: changes.updated,
        deleted: changes.deleted
      })
    }
    // Nothing else was rewritten: the rows whose version moved are the reported changes.
    const after = new Set(await rowVersions(warehouse))
    const rewritten = before.filter((version) => !after.has(version)).length
    const { inserted, updated, deleted } = totals(report)
    expect(rewritten).toBe(updated + deleted)
    expect(after.size - (before.length - rewritten)).toBe(updated + deleted + inserted)
  })

  it("an incremental sync fetches children only of parents that changed", async () => {
    sandbox.mutate({ fraction: 0.01, seed: 5 })
    sandbox.resetStats()
    const report = await runWith(engine, runJobs({ all: true }))
    expect(report.status).toBe("success")
    const elements = byJob(report, 166)
    const visits = await warehouse.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM dim_patient_visits_staging WHERE NOT is_deleted AND source_instance_id = $1",
      [instanceId]
    )
    const parents = Number(visits[0]?.n)
    // Changed parents only: a handful of the ~1,150 patient visits.
    expect(elements?.partitionsTotal).toBeGreaterThan(0)
    expect(elements?.partitionsTotal).toBeLessThan(parents / 20)
    const served = requestsByShape(sandbox.stats()).get(endpointShape("/api/v1/patient-visits/{id}/elements")) ?? 0
    expect(served).toBe(elements?.partitionsTotal)
    expect(childRequests(sandbox)).toBeLessThan(parents / 5)
  })
})

const byJobCounts = (report: RunReport, jobId: number) => {
  const job = report.jobs.find((candidate) => candidate.jobId === jobId)
  return { inserted: job?.inserted, updated: job?.updated, deleted: job?.deleted }
}
