/**
 * Issue 9 §6: names that come from configuration (a catalog of one's own, a custom staging
 * table, a fan-out binding's parent table and key path) are checked before they can reach SQL.
 * A hostile name is refused with an error naming the job and the field, and nothing runs.
 */
import { type Sandbox, startSandbox } from "@trialsync/cc-sandbox"
import { defineStagingTable, InvalidStagingTableError, type Warehouse } from "@trialsync/warehouse"
import { Effect, Layer } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { defineJobs, JobCatalog, type JobRow, runJobs } from "../../src/index.js"
import { testDrivers } from "../fixtures/databases.js"
import { engineOver, runWith, sandboxConfig } from "../fixtures/engine.js"

const hostile = 'x"; DROP TABLE y; --'
const driver = testDrivers.find((candidate) => candidate.name === "postgresql")!

const sites: JobRow = {
  id: 900,
  name: "Hostile",
  endpoint: "/api/v1/sites",
  target: "dim_sites_staging",
  category: "core",
  list: "array",
  active: true
}
const subjects: JobRow = {
  id: 901,
  name: "Hostile fan-out",
  endpoint: "/api/v1/studies/{studyId}/subjects/odata",
  target: "dim_subjects_staging",
  category: "core",
  list: "page",
  active: true,
  params: [{ name: "studyId", parentTable: "dim_studies_staging", keyPath: "id" }]
}

describe("identifiers from configuration never reach SQL unchecked", () => {
  let sandbox: Sandbox
  let warehouse: Warehouse
  let close: () => Promise<void>

  beforeAll(async () => {
    sandbox = await startSandbox({ scale: 0.0005, seed: 3 })
    ;({ db: warehouse, close } = await driver.open())
    await warehouse.query("CREATE TABLE y (n int)")
  })
  afterAll(async () => {
    await sandbox?.stop()
    await close?.()
  })

  const tableYStillThere = async () =>
    (await warehouse.query<{ ok: boolean }>("SELECT to_regclass('y') IS NOT NULL AS ok"))[0]?.ok

  it("defineStagingTable refuses a hostile table name or key path", () => {
    expect(() => defineStagingTable({ name: hostile, description: "x" })).toThrow(InvalidStagingTableError)
    expect(() => defineStagingTable({ name: hostile, description: "x" })).toThrow(/staging table name must match/)
    expect(() =>
      defineStagingTable({ name: "my_staging", description: "x", key: { fields: [`id${hostile}`] } })
    ).toThrow(/is not a dotted path/)
  })

  const cases: ReadonlyArray<readonly [string, JobRow, RegExp]> = [
    ["target table", { ...sites, target: hostile }, /Job 900 \(Hostile\): target table "x\\"; DROP TABLE y; --"/],
    [
      "parent table",
      { ...subjects, params: [{ name: "studyId", parentTable: hostile, keyPath: "id" }] },
      /Job 901 \(Hostile fan-out\): parent table "x\\"; DROP TABLE y; --" of \{studyId\}/
    ],
    [
      "key path",
      { ...subjects, params: [{ name: "studyId", parentTable: "dim_studies_staging", keyPath: `id${hostile}` }] },
      /Job 901 \(Hostile fan-out\): key path "idx\\"; DROP TABLE y; --" of \{studyId\}/
    ]
  ]

  it.each(cases)("a catalog whose %s is hostile is refused before any SQL", async (_what, row, message) => {
    const jobs = defineJobs([row])
    expect(() => JobCatalog.fromJobs(jobs)).toThrow(message)
    expect(() => JobCatalog.fromJobs(jobs)).toThrow(/not a plain lowercase SQL name|use field names joined by dots/)
    // The same job with a clean name is accepted, so the refusal is about the name alone.
    expect(() => JobCatalog.fromJobs(defineJobs([sites, subjects]))).not.toThrow()
    expect(await tableYStillThere()).toBe(true)
    const [runs] = await warehouse.query<{ n: number }>("SELECT count(*)::int AS n FROM dw_etl_runs")
    expect(runs?.n).toBe(0)
  })

  it("the engine refuses a hostile name that bypassed the catalog check, before writing a run", async () => {
    const jobs = defineJobs([{ ...sites, target: hostile }])
    const handMade = Layer.succeed(JobCatalog, {
      jobs,
      get: (id: number) => Effect.succeed(jobs.find((job) => job.id === id)!),
      stagingTable: () => undefined
    })
    const engine = engineOver(warehouse, sandboxConfig(sandbox), { catalog: handMade })
    const report = await runWith(engine, runJobs({ jobIds: [900] }))
    expect(report.jobs[0]).toMatchObject({ status: "failed", requests: 0, error: { tag: "JobDefinitionError" } })
    expect(report.jobs[0]?.error?.message).toMatch(/writes x"; DROP TABLE y; --, which is neither in the warehouse/)
    expect(await tableYStillThere()).toBe(true)
    const [runs] = await warehouse.query<{ n: number }>("SELECT count(*)::int AS n FROM dw_etl_runs")
    expect(runs?.n).toBe(0)
  })
})
