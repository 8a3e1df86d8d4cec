/**
 * Each data-quality check catches a deliberately broken row: most arrive the way bad data
 * arrives (a sync loads it into staging), the rest are broken in Silver directly. A failing
 * (blocking) check makes the transformation's status `failed`, names the check in the run record, and is
 * stored with its count and sample keys; the next clean transformation passes again.
 */
import type { Warehouse } from "@trialsync/warehouse"
import { beforeAll, describe, expect, it } from "vitest"
import { type QualityCheckResult, runQualityChecks, type TransformReport, transform } from "../../src/index.js"
import { registerInstance } from "../transform/support/bronze.js"
import { driverNames, rows, useWarehouse } from "../transform/support/harness.js"
import { appointments, loadSeed, patientVisits, studies } from "../transform/support/seed-data.js"
import { type SnapshotWriter, snapshotWriter } from "../transform/support/snapshot.js"

const now = new Date("2025-01-15T12:00:00Z")

const failures = (results: ReadonlyArray<QualityCheckResult>) =>
  results
    .filter((result) => !result.passed)
    .map(({ check, table, failedCount, sampleKeys }) => ({ check, table, failedCount, sampleKeys }))

describe.each(driverNames)("data-quality checks (%s)", (driver) => {
  const handle = useWarehouse(driver, "quality_checks")
  let warehouse: Warehouse
  let writer: SnapshotWriter
  let instance: number

  const expectFailed = async (report: TransformReport, expected: ReadonlyArray<Record<string, unknown>>) => {
    expect(report.status).toBe("failed")
    expect(failures(report.quality)).toEqual(expected)
    const [run] = await rows(warehouse, "SELECT run_status, error_message FROM dw_transformation_runs WHERE id = $1", [
      report.transformationRunId
    ])
    expect(run?.run_status).toBe("failed")
    for (const failure of expected) expect(String(run?.error_message)).toContain(`${failure.check} on ${failure.table}`)
    const stored = await rows(
      warehouse,
      `SELECT check_name AS check, table_name AS table, failed_count AS "failedCount", sample_keys AS "sampleKeys"
         FROM dw_data_quality_results WHERE transformation_run_id = $1 AND NOT passed ORDER BY id`,
      [report.transformationRunId]
    )
    expect(stored).toEqual(expected)
  }

  const expectClean = async () => {
    const report = await transform(warehouse, { now })
    expect(failures(report.quality)).toEqual([])
    expect(report.status).toBe("success")
  }

  beforeAll(async () => {
    warehouse = handle.warehouse()
    instance = await registerInstance(warehouse, "quality")
    writer = snapshotWriter(warehouse, instance)
    await loadSeed(writer)
    const report = await transform(warehouse, { now })
    expect(report.status).toBe("success")
    // One result per check and table, all stored.
    expect(report.quality.length).toBeGreaterThan(30)
    const [stored] = await rows(
      warehouse,
      "SELECT count(*)::int AS n FROM dw_data_quality_results WHERE transformation_run_id = $1",
      [report.transformationRunId]
    )
    expect(stored?.n).toBe(report.quality.length)
  })

  it("staging_rows_without_keys: a record whose id is not an integer", async () => {
    await writer.snapshot("dim_studies_staging", [...studies, { id: "A-17", name: "Imported by hand" }])
    await expectFailed(await transform(warehouse, { now }), [
      {
        check: "staging_rows_without_keys",
        table: "dim_studies_staging",
        failedCount: 1,
        sampleKeys: [`${instance}:A-17`]
      }
    ])
    await writer.snapshot("dim_studies_staging", studies)
    await expectClean()
  })

  it("orphan_fact_keys: a patient visit of a subject that does not exist", async () => {
    await writer.snapshot("dim_patient_visits_staging", [
      ...patientVisits,
      { ...patientVisits[0]!, id: 85099, subject: { Id: 99999 } }
    ])
    // Both: no version of the subject at the visit date, and no live subject at all.
    await expectFailed(await transform(warehouse, { now }), [
      { check: "orphan_fact_keys", table: "fact_patient_visits", failedCount: 1, sampleKeys: [`${instance}:85099`] },
      {
        check: "referential_integrity",
        table: "fact_patient_visits",
        failedCount: 1,
        sampleKeys: [`${instance}:85099`]
      }
    ])
    await writer.snapshot("dim_patient_visits_staging", patientVisits)
    await expectClean()
  })

  it("facts_with_missing_dates: a visit due before the date dimension starts", async () => {
    await writer.snapshot("dim_patient_visits_staging", [
      ...patientVisits.slice(0, 3),
      { ...patientVisits[3]!, targetDueDate: "1999-12-31T10:00:00Z" }
    ])
    await expectFailed(await transform(warehouse, { now }), [
      {
        check: "facts_with_missing_dates",
        table: "fact_patient_visits",
        failedCount: 1,
        sampleKeys: [`${instance}:85004`]
      }
    ])
    await writer.snapshot("dim_patient_visits_staging", patientVisits)
    await expectClean()
  })

  it("impossible_measures: an appointment that ends before it starts", async () => {
    await writer.snapshot("dim_appointments_staging", [
      appointments[0]!,
      { ...appointments[1]!, plannedEnd: "2024-02-01T09:00:00Z" }
    ])
    await expectFailed(await transform(warehouse, { now }), [
      { check: "impossible_measures", table: "fact_appointments", failedCount: 1, sampleKeys: [`${instance}:95002`] }
    ])
    await writer.snapshot("dim_appointments_staging", appointments)
    await expectClean()
  })

  it("impossible_measures: more enrolled than subjects, or a negative count, in the snapshot", async () => {
    await warehouse.query(
      "UPDATE fact_study_performance SET subjects_enrolled = subjects_total + 1 WHERE source_instance_id = $1 AND study_id = 1001",
      [instance]
    )
    await warehouse.query(
      "UPDATE fact_study_performance SET appointments_no_show = -1 WHERE source_instance_id = $1 AND study_id = 1002",
      [instance]
    )
    expect(failures(await runQualityChecks(warehouse))).toEqual([
      {
        check: "impossible_measures",
        table: "fact_study_performance",
        failedCount: 2,
        sampleKeys: [`${instance}:1001@2025-01-15`, `${instance}:1002@2025-01-15`]
      }
    ])
    // A full transformation recomputes today's snapshot from Silver and repairs it.
    const repaired = await transform(warehouse, { mode: "full", now })
    expect(repaired.layers.find((layer) => layer.table === "fact_study_performance")?.rowsWritten).toBe(2)
    expect(repaired.status).toBe("success")
  })

  it("duplicate_current_business_keys: two current versions of one study", async () => {
    await warehouse.query(
      `INSERT INTO dim_studies (source_instance_id, study_id, name, row_hash, effective_start_date)
       VALUES ($1, 1001, 'ONC-1001 (copy)', 'x', now())`,
      [instance]
    )
    await expectFailed(await transform(warehouse, { now }), [
      {
        check: "duplicate_current_business_keys",
        table: "dim_studies",
        failedCount: 1,
        sampleKeys: [`${instance}:1001`]
      }
    ])
    await warehouse.query("DELETE FROM dim_studies WHERE source_instance_id = $1 AND row_hash = 'x'", [instance])
    await expectClean()
  })

  it("orphan_fact_keys and missing dates broken in Silver itself are found by a full check", async () => {
    await warehouse.query(
      "UPDATE fact_appointments SET visit_key = NULL, planned_date_key = 20400101 WHERE source_instance_id = $1 AND appointment_id = 95001",
      [instance]
    )
    expect(failures(await runQualityChecks(warehouse))).toEqual([
      { check: "orphan_fact_keys", table: "fact_appointments", failedCount: 1, sampleKeys: [`${instance}:95001`] },
      {
        check: "facts_with_missing_dates",
        table: "fact_appointments",
        failedCount: 1,
        sampleKeys: [`${instance}:95001`]
      }
    ])
    const repaired = await transform(warehouse, { mode: "full", now })
    expect(repaired.status).toBe("success")
  })
})
