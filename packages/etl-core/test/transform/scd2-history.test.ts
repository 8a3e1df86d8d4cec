/**
 * Exact Type-2 histories after a scripted sequence of source changes (change, no change, a
 * change of an untracked attribute, deletion, re-insertion), each delivered the way a sync
 * delivers it (complete snapshots through the loader), on PostgreSQL and PGlite.
 */
import type { Warehouse } from "@trialsync/warehouse"
import { beforeAll, describe, expect, it } from "vitest"
import { transform } from "../../src/index.js"
import { registerInstance } from "./support/bronze.js"
import { driverNames, rows, rowsWritten, useWarehouse } from "./support/harness.js"
import { loadSeed, studies } from "./support/seed-data.js"
import { type SnapshotWriter, snapshotWriter } from "./support/snapshot.js"

const now = new Date("2025-01-15T12:00:00Z")
const beginning = "1900-01-01T00:00:00.000Z"
const end = "9999-12-31T00:00:00.000Z"
const [study1001, study1002] = studies as unknown as [Record<string, unknown>, Record<string, unknown>]

const stagingChange = async (warehouse: Warehouse, instance: number, key: string) => {
  const [row] = await rows(
    warehouse,
    "SELECT updated_at, is_deleted FROM dim_studies_staging WHERE source_instance_id = $1 AND record_key = $2",
    [instance, key]
  )
  return row as { updated_at: string; is_deleted: boolean }
}

const history = (warehouse: Warehouse, instance: number, studyId: number) =>
  rows(
    warehouse,
    `SELECT status, effective_start_date, effective_end_date, is_current, is_deleted FROM dim_studies
      WHERE source_instance_id = $1 AND study_id = $2 ORDER BY effective_start_date`,
    [instance, studyId]
  )

describe.each(driverNames)("Type-2 history of studies (%s)", (driver) => {
  const handle = useWarehouse(driver, "transform_scd2")
  let instance: number
  let writer: SnapshotWriter
  let warehouse: Warehouse
  const studyKeyOf = async (table: string, where: string) => {
    const [row] = await rows(
      warehouse,
      `SELECT d.status, d.is_current FROM ${table} AS f JOIN dim_studies AS d ON d.study_key = f.study_key
        WHERE f.source_instance_id = $1 AND ${where}`,
      [instance]
    )
    return row
  }

  beforeAll(async () => {
    warehouse = handle.warehouse()
    instance = await registerInstance(warehouse, "scd2")
    writer = snapshotWriter(warehouse, instance)
    await loadSeed(writer)
    await transform(warehouse, { now })
  })

  it("a tracked change closes the version at the change and opens a new one; facts follow the event date", async () => {
    await writer.snapshot("dim_studies_staging", [{ ...study1001, status: "Closed", description: "edited" }, study1002])
    const changedAt = (await stagingChange(warehouse, instance, "1001")).updated_at
    const report = await transform(warehouse, { now })
    expect(report.layers.find((layer) => layer.table === "dim_studies")?.rowsWritten).toBe(2)
    expect(await history(warehouse, instance, 1001)).toEqual([
      {
        status: "Enrolling",
        effective_start_date: beginning,
        effective_end_date: changedAt,
        is_current: false,
        is_deleted: false
      },
      {
        status: "Closed",
        effective_start_date: changedAt,
        effective_end_date: end,
        is_current: true,
        is_deleted: false
      }
    ])
    // Events before the change keep the old version; the visit due in 2030 now points at the new one.
    expect(await studyKeyOf("fact_patient_visits", "f.patient_visit_id = 85001")).toEqual({
      status: "Enrolling",
      is_current: false
    })
    expect(await studyKeyOf("fact_patient_visits", "f.patient_visit_id = 85003")).toEqual({
      status: "Closed",
      is_current: true
    })
    expect(await studyKeyOf("fact_subject_status_changes", "f.subject_id = 57001 AND f.status = 'Completed'")).toEqual({
      status: "Enrolling",
      is_current: false
    })
    expect(await studyKeyOf("fact_study_performance", "f.study_id = 1001")).toEqual({
      status: "Closed",
      is_current: true
    })
    const full = await transform(warehouse, { mode: "full", now })
    expect(rowsWritten(full)).toBe(0)
  })

  it("the same snapshot again writes nothing", async () => {
    await writer.snapshot("dim_studies_staging", [{ ...study1001, status: "Closed", description: "edited" }, study1002])
    const report = await transform(warehouse, { now })
    expect(rowsWritten(report)).toBe(0)
    expect(await history(warehouse, instance, 1001)).toHaveLength(2)
  })

  it("a change of an untracked attribute reaches staging but opens no version", async () => {
    const before = (await stagingChange(warehouse, instance, "1001")).updated_at
    await writer.snapshot("dim_studies_staging", [
      { ...study1001, status: "Closed", description: "edited again" },
      study1002
    ])
    expect((await stagingChange(warehouse, instance, "1001")).updated_at).not.toBe(before)
    const report = await transform(warehouse, { now })
    expect(report.mode).toBe("incremental")
    expect(rowsWritten(report)).toBe(0)
    expect(await history(warehouse, instance, 1001)).toHaveLength(2)
  })

  it("a deletion closes the current version and marks it deleted", async () => {
    await writer.snapshot("dim_studies_staging", [{ ...study1001, status: "Closed", description: "edited again" }])
    const deleted = await stagingChange(warehouse, instance, "1002")
    expect(deleted.is_deleted).toBe(true)
    await transform(warehouse, { now })
    expect(await history(warehouse, instance, 1002)).toEqual([
      {
        status: "Startup",
        effective_start_date: beginning,
        effective_end_date: deleted.updated_at,
        is_current: false,
        is_deleted: true
      }
    ])
    // The query operators already run (docs/design.md §5).
    const current = await warehouse.query<{ study_id: string | number; name: string }>(
      "SELECT * FROM dim_studies WHERE is_current = TRUE"
    )
    expect(current.filter((row) => Number(row.study_id) === 1002)).toEqual([])
    expect(current.map((row) => row.name)).toContain("ONC-1001")
    expect(
      await rows(warehouse, "SELECT study_id FROM fact_study_performance WHERE source_instance_id = $1", [instance])
    ).toEqual([{ study_id: 1001 }])
  })

  it("a re-insert opens a new version after the deleted one", async () => {
    const deletedAt = (await stagingChange(warehouse, instance, "1002")).updated_at
    await writer.snapshot("dim_studies_staging", [
      { ...study1001, status: "Closed", description: "edited again" },
      study1002
    ])
    const revived = await stagingChange(warehouse, instance, "1002")
    expect(revived.is_deleted).toBe(false)
    const report = await transform(warehouse, { now })
    expect(report.status).toBe("success")
    expect(await history(warehouse, instance, 1002)).toEqual([
      {
        status: "Startup",
        effective_start_date: beginning,
        effective_end_date: deletedAt,
        is_current: false,
        is_deleted: true
      },
      {
        status: "Startup",
        effective_start_date: revived.updated_at,
        effective_end_date: end,
        is_current: true,
        is_deleted: false
      }
    ])
    expect(rowsWritten(await transform(warehouse, { now }))).toBe(0)
    expect(rowsWritten(await transform(warehouse, { mode: "full", now }))).toBe(0)
  })
})
