import { afterAll, beforeAll, describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import {
  type CatalogJob,
  catalogJobs,
  planOrThrow,
  readJobSwitches,
  type SqlExecutor,
  seedCatalog,
  seedCatalogEffect
} from "../../src/index.js"
import { testDrivers } from "../fixtures/databases.js"

interface JobRowInDb {
  id: number
  name: string
  source_endpoint: string
  original_endpoint: string
  target_table: string
  is_active: boolean
  requires_parameters: boolean
  parameter_name: string | null
  parameter_source_table: string | null
  parameter_source_column: string | null
  catalog_status: string
  status_reason: string
  job_group: string
  parameters: ReadonlyArray<Record<string, unknown>>
  depends_on: ReadonlyArray<number>
  timestamp_field_name: string | null
  schedule: string | null
  batch_size: number | null
  updated_at: Date
}

const rowOf = async (db: SqlExecutor, id: number) =>
  (await db.query<JobRowInDb>("SELECT * FROM dw_etl_jobs WHERE id = $1", [id]))[0] as JobRowInDb

describe.each(testDrivers)("seedCatalog on $name", (driver) => {
  let db: SqlExecutor
  let close: () => Promise<void>
  beforeAll(async () => {
    ;({ db, close } = await driver.open())
  })
  afterAll(() => close())

  it("inserts all 90 jobs under their original ids, active per the catalog's defaults", async () => {
    const result = await seedCatalog(db)
    expect(result.inserted).toEqual(catalogJobs.map((job) => job.id))
    expect(result).toMatchObject({ updated: [], unchanged: 0, notInCatalog: [] })
    // The operators' existing queries (docs/design.md §5) keep working.
    const listed = await db.query<{ id: number; is_active: boolean; last_run_status: string | null }>(
      "SELECT id, name, source_endpoint, is_active, last_run_status FROM dw_etl_jobs ORDER BY id"
    )
    expect(listed.map((row) => [row.id, row.is_active])).toEqual(
      catalogJobs.map((job) => [job.id, job.activeByDefault])
    )
    const studies = await db.query<{ id: number }>(
      "SELECT id, name, last_run_status, last_run_records, last_run_at FROM dw_etl_jobs WHERE target_table = 'dim_studies_staging' ORDER BY id"
    )
    expect(studies.map((row) => row.id)).toEqual([2, 164])
  })

  it("fills definitions and the original parameter columns with the corrected sources", async () => {
    expect(await rowOf(db, 11)).toMatchObject({
      source_endpoint: "/api/v1/studies/{studyId}/visits/odata",
      requires_parameters: true,
      parameter_name: "studyId",
      parameter_source_table: "dim_studies_staging",
      parameter_source_column: "data->>'id'",
      catalog_status: "fixed",
      job_group: "study"
    })
    expect(await rowOf(db, 160)).toMatchObject({
      parameter_name: "studyId,subjectId",
      parameter_source_table: "dim_subjects_staging",
      parameter_source_column: "data->'study'->>'id',data->>'id'",
      is_active: false,
      parameters: [
        { name: "studyId", parentTable: "dim_subjects_staging", parentJobId: 10, keyPath: "study.id" },
        { name: "subjectId", parentTable: "dim_subjects_staging", parentJobId: 10, keyPath: "id" }
      ]
    })
    expect(await rowOf(db, 23)).toMatchObject({
      source_endpoint: "/api/v1/studies/{studyId}/monitor-queries/odata",
      original_endpoint: "/api/v1/studies/{studyId}/queries/odata"
    })
    const studies = await rowOf(db, 2)
    expect(studies).toMatchObject({
      timestamp_field_name: "lastUpdatedOn",
      load_mode: "incremental",
      incremental_load: true,
      requires_parameters: false,
      parameter_name: null
    })
    expect(await rowOf(db, 11)).toMatchObject({ load_mode: "full", incremental_load: false })
    expect(studies.depends_on).toEqual([])
    expect((await rowOf(db, 4)).status_reason).toBe(catalogJobs.find((job) => job.id === 4)?.reason)
  })

  it("rewrites nothing when seeded again", async () => {
    const before = await rowOf(db, 10)
    const result = await seedCatalog(db)
    expect(result).toEqual({ inserted: [], updated: [], unchanged: 90, notInCatalog: [] })
    expect((await rowOf(db, 10)).updated_at).toEqual(before.updated_at)
  })

  it("updates changed definitions but keeps an operator's switches", async () => {
    await db.query("UPDATE dw_etl_jobs SET is_active = false, schedule = '0 2 * * *' WHERE id = 2")
    await db.query("UPDATE dw_etl_jobs SET is_active = true, batch_size = 500 WHERE id = 160")
    const changed: ReadonlyArray<CatalogJob> = catalogJobs.map((job) =>
      job.id === 2 || job.id === 160
        ? { ...job, name: `${job.name} (renamed)`, pageSize: 250, schedule: "@hourly" }
        : job
    )
    const result = await seedCatalog(db, changed)
    expect(result).toMatchObject({ inserted: [], updated: [2, 160], unchanged: 88 })
    expect(await rowOf(db, 2)).toMatchObject({ name: "Studies (renamed)", is_active: false, schedule: "0 2 * * *" })
    expect(await rowOf(db, 160)).toMatchObject({ is_active: true, batch_size: 500, schedule: null })
  })

  it("reads the switches back for planning", async () => {
    const switches = await readJobSwitches(db)
    expect(switches.size).toBe(90)
    expect([switches.get(2), switches.get(160), switches.get(9)]).toEqual([false, true, true])
    const { externalParents } = planOrThrow({ jobs: catalogJobs, select: { all: true }, activeOverrides: switches })
    expect(externalParents.map((parent) => parent.jobId)).toContain(10)
  })

  it("switches a disabled job off even if an operator switched it on", async () => {
    await db.query("UPDATE dw_etl_jobs SET is_active = true WHERE id = 24")
    const result = await seedCatalog(db)
    expect(result.updated).toContain(24)
    expect((await rowOf(db, 24)).is_active).toBe(false)
  })

  it("gives new rows their defaults and reports rows the catalog does not know", async () => {
    await db.query("DELETE FROM dw_etl_jobs WHERE id = 9")
    await db.query(
      "INSERT INTO dw_etl_jobs (id, name, source_endpoint, target_table, job_group, catalog_status) VALUES (500, 'Mine', '/x', 'my_table', 'custom', 'valid')"
    )
    const result = await seedCatalog(db)
    expect(result.inserted).toEqual([9])
    expect(result.notInCatalog).toEqual([500])
    expect((await rowOf(db, 9)).is_active).toBe(true)
    expect((await rowOf(db, 500)).name).toBe("Mine")
  })

  it.effect("fails with CatalogSeedError naming the fix when the table is missing", () =>
    Effect.gen(function* () {
      yield* Effect.promise(() => db.query("DROP TABLE dw_etl_jobs CASCADE"))
      const error = yield* Effect.flip(seedCatalogEffect(db))
      expect(error._tag).toBe("CatalogSeedError")
      expect(error.message).toMatch(/dw_etl_jobs.*run the warehouse migrations first/)
    })
  )
})
