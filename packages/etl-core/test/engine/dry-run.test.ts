/**
 * A dry run says how each job would fetch: a plain job's incremental `$filter` with the watermark
 * it comes from, and for a fan-out job the parent table its keys come from, how many keys it
 * holds and how many the run would fetch. On both drivers, against the sandbox over HTTP.
 */
import { type Sandbox, startSandbox } from "@trialsync/cc-sandbox"
import type { Warehouse } from "@trialsync/warehouse"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type DryRunReport, dryRun, runJobs } from "../../src/index.js"
import { testDrivers } from "../fixtures/databases.js"
import { type EngineHarness, engineOver, runWith, sandboxConfig } from "../fixtures/engine.js"

const STUDIES = 2
const SUBJECTS = 10
const entry = (report: DryRunReport, id: number) => report.jobs.find((job) => job.jobId === id)

describe.each(testDrivers)("dry run on $name", (driver) => {
  let sandbox: Sandbox
  let warehouse: Warehouse
  let close: () => Promise<void>
  let engine: EngineHarness

  beforeAll(async () => {
    sandbox = await startSandbox({ scale: 0.0005, seed: 21 })
    ;({ db: warehouse, close } = await driver.open())
    engine = engineOver(warehouse, sandboxConfig(sandbox))
  })
  afterAll(async () => {
    await sandbox?.stop()
    await close?.()
  })

  it("before any run: snapshot and sweep, parents unknown", async () => {
    const report = await runWith(engine, dryRun({ jobIds: [STUDIES, SUBJECTS] }))
    expect(entry(report, STUDIES)).toMatchObject({ mode: "snapshot", partitions: 1 })
    expect(entry(report, STUDIES)?.filter).toBeUndefined()
    expect(entry(report, SUBJECTS)).toMatchObject({
      mode: "sweep",
      parents: { table: "dim_studies_staging", placeholders: ["studyId"], keys: "unknown", toFetch: "unknown" }
    })
  })

  it("after runs: the studies job's $filter from its watermark, the subjects' parent keys to fetch", async () => {
    const studies = await runWith(engine, runJobs({ jobIds: [STUDIES] }))
    expect(studies.status).toBe("success")
    const [run] = await warehouse.query<{ watermark: string }>(
      "SELECT watermark FROM dw_etl_runs WHERE job_id = $1 ORDER BY id DESC LIMIT 1",
      [STUDIES]
    )
    const watermark = String(run?.watermark)
    expect(Number.isNaN(Date.parse(watermark))).toBe(false)
    const since = new Date(Date.parse(watermark) - 300_000).toISOString().replace(".000Z", "Z")

    const [parents] = await warehouse.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM dim_studies_staging WHERE NOT is_deleted"
    )
    const keys = Number(parents?.n)
    expect(keys).toBeGreaterThan(0)

    const before = await runWith(engine, dryRun({ jobIds: [STUDIES, SUBJECTS] }))
    expect(entry(before, STUDIES)).toMatchObject({ mode: "incremental", watermark, partitions: 1 })
    expect(entry(before, STUDIES)?.filter).toBe(`lastUpdatedOn gt ${since}`)
    expect(entry(before, SUBJECTS)).toMatchObject({
      mode: "sweep",
      partitions: keys,
      parents: { table: "dim_studies_staging", placeholders: ["studyId"], keys, toFetch: keys },
      firstPage: { status: "ok" }
    })

    expect((await runWith(engine, runJobs({ jobIds: [SUBJECTS] }))).status).toBe("success")
    const after = await runWith(engine, dryRun({ jobIds: [SUBJECTS] }))
    // Every parent was fetched and none changed since: the run would fetch none of them.
    expect(entry(after, SUBJECTS)).toMatchObject({
      mode: "changed-parents",
      partitions: 0,
      parents: { keys, toFetch: 0 }
    })
    // --full-refresh sweeps every parent again.
    const full = await runWith(engine, dryRun({ jobIds: [SUBJECTS] }, { fullRefresh: true }))
    expect(entry(full, SUBJECTS)).toMatchObject({ mode: "sweep", partitions: keys, parents: { keys, toFetch: keys } })
  })
})
