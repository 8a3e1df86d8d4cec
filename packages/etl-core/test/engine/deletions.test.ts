/**
 * Deletions follow only a snapshot proven complete: rows deleted at the source while a
 * `--full-refresh` pages through it by `$skip` shift the pages, so the snapshot misses live rows;
 * the engine then marks nothing and says why. On a quiet source it marks exactly what vanished.
 * On both database drivers, against the sandbox over HTTP.
 */
import { type Sandbox, startSandbox } from "@trialsync/cc-sandbox"
import type { Warehouse } from "@trialsync/warehouse"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type RunReport, runJobs } from "../../src/index.js"
import { testDrivers } from "../fixtures/databases.js"
import { engineOver, runWith, sandboxConfig, sandboxCountsByJob } from "../fixtures/engine.js"

const VISITS = 9
const job = (report: RunReport, id: number) => report.jobs.find((candidate) => candidate.jobId === id)

const count = async (warehouse: Warehouse, sql: string): Promise<number> =>
  Number((await warehouse.query<{ n: number }>(sql))[0]?.n)

describe.each(testDrivers)("deletion marking on $name", (driver) => {
  let sandbox: Sandbox
  let warehouse: Warehouse
  let close: () => Promise<void>

  beforeAll(async () => {
    sandbox = await startSandbox({ scale: 0.0005, seed: 31 })
    ;({ db: warehouse, close } = await driver.open())
  })
  afterAll(async () => {
    await sandbox?.stop()
    await close?.()
  })

  const config = () => sandboxConfig(sandbox, { pageSize: 100 })
  const liveRows = () =>
    count(warehouse, "SELECT count(*)::int AS n FROM dim_patient_visits_staging WHERE NOT is_deleted")
  const deletedRows = () =>
    count(warehouse, "SELECT count(*)::int AS n FROM dim_patient_visits_staging WHERE is_deleted")

  it("rows deleted at the source after the first page: nothing is marked deleted, and the run says why", async () => {
    const first = await runWith(engineOver(warehouse, config()), runJobs({ jobIds: [VISITS] }))
    expect(job(first, VISITS)).toMatchObject({ status: "success", deleted: 0 })
    const loaded = await liveRows()
    expect(loaded).toBe(sandboxCountsByJob(sandbox, [VISITS]).get(VISITS)?.count)
    expect(loaded).toBeGreaterThan(500) // several pages of 100

    let deletedAtSource = 0
    const engine = engineOver(warehouse, config(), {
      onEvent: (event) => {
        if (event._tag === "JobProgress" && event.jobId === VISITS && deletedAtSource === 0) {
          const summary = sandbox.mutate({ fraction: 0.05, seed: 3, deletesOnly: true })
          deletedAtSource = summary.byEntity.patientVisit?.deleted ?? 0
        }
      }
    })
    const report = await runWith(engine, runJobs({ jobIds: [VISITS] }, { fullRefresh: true }))
    expect(deletedAtSource).toBeGreaterThan(0)
    const visits = job(report, VISITS)
    expect(visits).toMatchObject({ status: "success", deleted: 0 })
    expect(visits?.warnings).toEqual([
      `deletions not marked: the source changed during the snapshot (count ${loaded} → ${loaded - deletedAtSource})`
    ])
    // No row was marked deleted: neither the live ones the shifted pages skipped, nor the gone ones.
    expect(await deletedRows()).toBe(0)
    expect(await liveRows()).toBe(loaded)
    const [row] = await warehouse.query<{ warnings: unknown }>(
      "SELECT run_context->'warnings' AS warnings FROM dw_etl_runs WHERE id = $1",
      [visits?.runId]
    )
    expect(row?.warnings).toEqual(visits?.warnings)
  })

  it("a full refresh of a quiet source marks exactly the rows deleted there", async () => {
    const before = await liveRows()
    const truth = sandboxCountsByJob(sandbox, [VISITS]).get(VISITS)?.count ?? -1
    expect(truth).toBeLessThan(before)
    const report = await runWith(engineOver(warehouse, config()), runJobs({ jobIds: [VISITS] }, { fullRefresh: true }))
    const visits = job(report, VISITS)
    expect(visits).toMatchObject({ status: "success", deleted: before - truth })
    expect(visits?.warnings).toBeUndefined()
    expect(await liveRows()).toBe(truth)
    expect(await deletedRows()).toBe(before - truth)
  })
})
