/**
 * The checks run before Gold is published: a failing blocking check keeps the previous
 * `mv_study_performance_metrics` and says so (report, run record); the next clean run publishes
 * what was held back even if it changes nothing itself; warnings publish; `--full` refreshes
 * Gold even when Silver did not change.
 */
import type { Warehouse } from "@trialsync/warehouse"
import { beforeAll, describe, expect, it } from "vitest"
import { transform } from "../../src/index.js"
import { registerInstance } from "../transform/support/bronze.js"
import { driverNames, rows, rowsWritten, useWarehouse } from "../transform/support/harness.js"
import { loadSeed, studies, subjects } from "../transform/support/seed-data.js"
import { type SnapshotWriter, snapshotWriter } from "../transform/support/snapshot.js"

const now = new Date("2025-01-15T12:00:00Z")

describe.each(driverNames)("Gold behind the quality gate (%s)", (driver) => {
  const handle = useWarehouse(driver, "quality_gold_gate")
  let warehouse: Warehouse
  let writer: SnapshotWriter
  let instance: number

  const metrics = async () =>
    rows(
      warehouse,
      "SELECT study_name, subjects_total FROM mv_study_performance_metrics WHERE source_instance_id = $1 AND study_id = 1001",
      [instance]
    )
  const snapshotTotal = async () =>
    (
      await rows(
        warehouse,
        "SELECT subjects_total FROM fact_study_performance WHERE source_instance_id = $1 AND study_id = 1001",
        [instance]
      )
    )[0]?.subjects_total
  const runRecord = async (id: number) =>
    (
      await rows(
        warehouse,
        `SELECT run_status, error_message, stats->'gold' AS gold, (stats->>'goldPending')::boolean AS pending
           FROM dw_transformation_runs WHERE id = $1`,
        [id]
      )
    )[0]

  beforeAll(async () => {
    warehouse = handle.warehouse()
    instance = await registerInstance(warehouse, "gate")
    writer = snapshotWriter(warehouse, instance)
    await loadSeed(writer)
    const first = await transform(warehouse, { now })
    expect(first.status).toBe("success")
    expect(first.gold).toEqual({ refreshed: true, message: "Gold refreshed" })
    expect(await metrics()).toEqual([{ study_name: "ONC-1001", subjects_total: 3 }])
  })

  it("a failing blocking check keeps the previous Gold and says which check kept it", async () => {
    const fourth = { ...subjects[0]!, id: 57004, uid: "4a1f0b6e-7a0c-4c7e-9a57-2f3c0d8e1a44", status: "Screened" }
    await writer.snapshot("dim_subjects_staging", { byParent: { "1001": [...subjects, fourth] } })
    await writer.snapshot("dim_studies_staging", [...studies, { id: "A-17", name: "Imported by hand" }])
    const report = await transform(warehouse, { now })
    const message = `Gold not refreshed: blocking check staging_rows_without_keys failed (dim_studies_staging: 1 row, e.g. ${instance}:A-17)`
    expect(report.status).toBe("failed")
    expect(report.gold).toEqual({ refreshed: false, message })
    expect(report.layers.find((layer) => layer.table === "mv_study_performance_metrics")?.rowsWritten).toBe(0)
    // Silver has the new subject; the published Gold does not.
    expect(await snapshotTotal()).toBe(4)
    expect(await metrics()).toEqual([{ study_name: "ONC-1001", subjects_total: 3 }])
    const record = await runRecord(report.transformationRunId)
    expect(record).toMatchObject({ run_status: "failed", gold: { refreshed: false, message }, pending: true })
    expect(String(record?.error_message)).toMatch(
      /^Gold not refreshed: blocking check staging_rows_without_keys failed .*\. Data-quality checks failed: staging_rows_without_keys on dim_studies_staging \(1\)$/
    )
  })

  it("the next clean run publishes what was held back, though it changes no Silver row itself", async () => {
    await writer.snapshot("dim_studies_staging", studies)
    const report = await transform(warehouse, { now })
    expect(report.status).toBe("success")
    expect(rowsWritten(report)).toBe(0)
    expect(report.gold).toEqual({ refreshed: true, message: "Gold refreshed" })
    expect(await metrics()).toEqual([{ study_name: "ONC-1001", subjects_total: 4 }])
    expect(await runRecord(report.transformationRunId)).toMatchObject({ run_status: "success", pending: false })
  })

  // A snapshot row for a later day, written behind the transformation's back: no run re-derives
  // it (each derives only its own day), so only a refresh can bring it into Gold.
  const plantLaterSnapshot = () =>
    warehouse.query(
      `INSERT INTO fact_study_performance
       SELECT (jsonb_populate_record(NULL::fact_study_performance, to_jsonb(f) || jsonb_build_object(
         'id', f.id + 100000, 'snapshot_date', '2025-01-16', 'snapshot_date_key', 20250116, 'subjects_total', 99))).*
       FROM fact_study_performance AS f WHERE f.source_instance_id = $1 AND f.study_id = 1001 AND f.snapshot_date = '2025-01-15'`,
      [instance]
    )
  const removeLaterSnapshot = () =>
    warehouse.query(
      "DELETE FROM fact_study_performance WHERE source_instance_id = $1 AND snapshot_date = '2025-01-16'",
      [instance]
    )

  it("an idle incremental run leaves Gold alone; --full refreshes it even when Silver did not change", async () => {
    await plantLaterSnapshot()
    const idle = await transform(warehouse, { now })
    expect(rowsWritten(idle)).toBe(0)
    expect(idle.gold).toEqual({ refreshed: false, message: "Gold not refreshed: Silver did not change" })
    expect(await metrics()).toEqual([{ study_name: "ONC-1001", subjects_total: 4 }])
    const full = await transform(warehouse, { mode: "full", now })
    expect(full.status).toBe("success")
    expect(rowsWritten(full)).toBe(0)
    expect(full.gold).toEqual({ refreshed: true, message: "Gold refreshed" })
    expect(await metrics()).toEqual([{ study_name: "ONC-1001", subjects_total: 99 }])
    await removeLaterSnapshot()
    expect((await transform(warehouse, { mode: "full", now })).gold.refreshed).toBe(true)
    expect(await metrics()).toEqual([{ study_name: "ONC-1001", subjects_total: 4 }])
  })

  it("a blocking check also keeps Gold in a full run; a failed warning does not", async () => {
    await plantLaterSnapshot()
    await writer.snapshot("dim_studies_staging", [...studies, { id: "A-18", name: "Imported by hand" }])
    const blocked = await transform(warehouse, { mode: "full", now })
    expect(blocked.gold.refreshed).toBe(false)
    expect(blocked.gold.message).toContain("blocking check staging_rows_without_keys failed")
    expect(await metrics()).toEqual([{ study_name: "ONC-1001", subjects_total: 4 }])
    // The same row as a warning: reported and stored as one, and Gold is published.
    await writer.snapshot("dim_studies_staging", [...studies, { id: "A-19", name: "Imported by hand" }])
    const warned = await transform(warehouse, {
      mode: "full",
      now,
      quality: { severity: { staging_rows_without_keys: "warning" } }
    })
    expect(warned.status).toBe("success")
    expect(warned.gold).toEqual({ refreshed: true, message: "Gold refreshed" })
    expect(warned.quality.filter((check) => !check.passed)).toEqual([
      {
        check: "staging_rows_without_keys",
        table: "dim_studies_staging",
        severity: "warning",
        passed: false,
        failedCount: 1,
        sampleKeys: [`${instance}:A-19`]
      }
    ])
    expect(await metrics()).toEqual([{ study_name: "ONC-1001", subjects_total: 99 }])
    expect(
      await rows(
        warehouse,
        "SELECT severity FROM dw_data_quality_results WHERE transformation_run_id = $1 AND NOT passed",
        [warned.transformationRunId]
      )
    ).toEqual([{ severity: "warning" }])
    expect(await runRecord(warned.transformationRunId)).toMatchObject({ run_status: "success", error_message: null })
    await writer.snapshot("dim_studies_staging", studies)
    await removeLaterSnapshot()
  })
})
