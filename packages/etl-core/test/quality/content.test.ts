/**
 * Content checks: referential integrity against the live dimension, source dates in the future,
 * stale staging tables and row-count drops, each with its severity (blocking keeps Gold,
 * warning does not) and configurable thresholds; on PostgreSQL and PGlite.
 */
import type { Warehouse } from "@trialsync/warehouse"
import { beforeAll, describe, expect, it } from "vitest"
import {
  type QualityCheckResult,
  QualityConfigError,
  qualityConfigFromEnv,
  resolveQualityConfig,
  TransformError,
  transform
} from "../../src/index.js"
import { registerInstance } from "../transform/support/bronze.js"
import { driverNames, rows, useWarehouse } from "../transform/support/harness.js"
import { loadSeed, staff, subjectStatuses, subjects } from "../transform/support/seed-data.js"
import { type SnapshotWriter, snapshotWriter } from "../transform/support/snapshot.js"

const now = new Date("2025-01-15T12:00:00Z")

const failures = (results: ReadonlyArray<QualityCheckResult>) =>
  results
    .filter((result) => !result.passed)
    .map(({ check, table, severity, failedCount, sampleKeys }) => ({ check, table, severity, failedCount, sampleKeys }))

describe("quality configuration", () => {
  it("defaults, overrides and refusals", () => {
    expect(resolveQualityConfig()).toMatchObject({
      freshnessMaxAgeHours: 48,
      rowCountDropPercent: 20,
      rowCountDropMinRows: 50,
      futureToleranceHours: 24
    })
    expect(
      qualityConfigFromEnv({
        ETL_QUALITY_FRESHNESS_HOURS: "12",
        ETL_QUALITY_FRESHNESS_HOURS_DIM_STUDIES_STAGING: "2",
        ETL_QUALITY_ROW_DROP_PERCENT: "35",
        ETL_QUALITY_WARN_ONLY: "row_count_drop, referential_integrity",
        ETL_QUALITY_BLOCKING: "stale_staging_tables"
      })
    ).toMatchObject({
      freshnessMaxAgeHours: 12,
      freshnessMaxAgeHoursByTable: { dim_studies_staging: 2 },
      rowCountDropPercent: 35,
      severity: {
        row_count_drop: "warning",
        referential_integrity: "warning",
        stale_staging_tables: "blocking"
      }
    })
    expect(() => resolveQualityConfig({ rowCountDropPercent: 120 })).toThrow(QualityConfigError)
    expect(() => qualityConfigFromEnv({ ETL_QUALITY_WARN_ONLY: "no_such_check" })).toThrow(/Unknown quality check/)
    expect(() => qualityConfigFromEnv({ ETL_QUALITY_FUTURE_TOLERANCE_HOURS: "soon" })).toThrow(QualityConfigError)
  })
})

describe.each(driverNames)("content checks (%s)", (driver) => {
  const handle = useWarehouse(driver, "quality_content")
  let warehouse: Warehouse
  let writer: SnapshotWriter
  let instance: number

  beforeAll(async () => {
    warehouse = handle.warehouse()
    instance = await registerInstance(warehouse, "content")
    writer = snapshotWriter(warehouse, instance)
    await loadSeed(writer)
    const report = await transform(warehouse, { now })
    expect(failures(report.quality)).toEqual([])
  })

  it("rejects an unusable threshold before doing anything", async () => {
    await expect(transform(warehouse, { now, quality: { futureToleranceHours: -1 } })).rejects.toBeInstanceOf(
      TransformError
    )
  })

  it("referential_integrity (blocking): visits and status events of a subject deleted upstream", async () => {
    await writer.snapshot("dim_subjects_staging", { byParent: { "1001": subjects.slice(0, 2) } })
    const report = await transform(warehouse, { now })
    expect(report.status).toBe("failed")
    expect(report.gold.refreshed).toBe(false)
    expect(failures(report.quality).filter((failure) => failure.check === "referential_integrity")).toEqual([
      {
        check: "referential_integrity",
        table: "fact_patient_visits",
        severity: "blocking",
        failedCount: 1,
        sampleKeys: [`${instance}:85003`]
      },
      {
        check: "referential_integrity",
        table: "fact_subject_status_changes",
        severity: "blocking",
        failedCount: 3,
        sampleKeys: expect.any(Array)
      }
    ])
    await writer.snapshot("dim_subjects_staging", { byParent: { "1001": subjects } })
    const repaired = await transform(warehouse, { now })
    expect(failures(repaired.quality)).toEqual([])
    expect(repaired.gold.refreshed).toBe(true)
  })

  it("dates_in_future (warning): a status event dated after the clock plus the tolerance", async () => {
    const future = { ...subjectStatuses[8]!, eventDate: "2025-01-18T09:00:00Z" }
    await writer.snapshot("dim_subject_statuses_staging", [...subjectStatuses.slice(0, 8), future])
    const report = await transform(warehouse, { now })
    expect(report.status).toBe("success")
    expect(report.gold.refreshed).toBe(true)
    expect(failures(report.quality)).toEqual([
      {
        check: "dates_in_future",
        table: "fact_subject_status_changes",
        severity: "warning",
        failedCount: 1,
        sampleKeys: expect.any(Array)
      }
    ])
    // Within a tolerance of four days it is no longer suspect.
    const tolerant = await transform(warehouse, { mode: "full", now, quality: { futureToleranceHours: 96 } })
    expect(failures(tolerant.quality)).toEqual([])
    await writer.snapshot("dim_subject_statuses_staging", subjectStatuses)
    expect(failures((await transform(warehouse, { now })).quality)).toEqual([])
  })

  it("stale_staging_tables (warning): last loads older than the maximum age, per table", async () => {
    const [loaded] = await rows(warehouse, "SELECT max(loaded_at) AS at FROM dim_studies_staging")
    const later = new Date(new Date(String(loaded?.at)).getTime() + 72 * 3_600_000)
    const report = await transform(warehouse, {
      now: later,
      quality: { freshnessMaxAgeHours: 100, freshnessMaxAgeHoursByTable: { dim_studies_staging: 24 } }
    })
    expect(report.status).toBe("success")
    expect(report.gold.refreshed).toBe(true)
    const stale = failures(report.quality)
    expect(stale).toEqual([
      {
        check: "stale_staging_tables",
        table: "dim_studies_staging",
        severity: "warning",
        failedCount: 1,
        sampleKeys: [expect.stringMatching(/^dim_studies_staging: last load .*, 72\.\d h old \(max 24 h\)$/)]
      }
    ])
    // The studies job's last successful run counts as a load too.
    await warehouse.query("UPDATE dw_etl_jobs SET last_run_status = 'success', last_run_at = $1 WHERE id = 2", [
      new Date(later.getTime() - 3_600_000)
    ])
    const fresh = await transform(warehouse, {
      now: later,
      quality: { freshnessMaxAgeHours: 100, freshnessMaxAgeHoursByTable: { dim_studies_staging: 24 } }
    })
    expect(failures(fresh.quality)).toEqual([])
    // With the default 48 hours every staging table loaded 72 hours ago is stale.
    const all = await transform(warehouse, { now: later })
    expect(failures(all.quality).map((failure) => failure.table)).not.toContain("dim_studies_staging")
    expect(failures(all.quality).length).toBeGreaterThan(10)
    expect(all.status).toBe("success")
  })

  it("row_count_drop (blocking): a table losing more than the threshold since the last run", async () => {
    const quality = { rowCountDropMinRows: 1 }
    await writer.snapshot("dim_staff_staging", [])
    const report = await transform(warehouse, { now, quality })
    expect(report.status).toBe("failed")
    expect(failures(report.quality)).toEqual([
      {
        check: "row_count_drop",
        table: "dim_staff_staging",
        severity: "blocking",
        failedCount: 1,
        sampleKeys: ["dim_staff_staging: 1 -> 0 live rows (-100.0%, max -20%)"]
      }
    ])
    expect(report.gold.message).toBe(
      "Gold not refreshed: blocking check row_count_drop failed (dim_staff_staging: 1 row, e.g. dim_staff_staging: 1 -> 0 live rows (-100.0%, max -20%))"
    )
    // The drop is measured against the last run: re-running accepts the new count and publishes Gold.
    const again = await transform(warehouse, { now, quality })
    expect(failures(again.quality)).toEqual([])
    expect(again.gold.refreshed).toBe(true)
    // Below the minimum size (default 50 rows) a table is not judged; a higher threshold passes too.
    await writer.snapshot("dim_staff_staging", staff)
    await transform(warehouse, { now, quality })
    await writer.snapshot("dim_staff_staging", [])
    expect(failures((await transform(warehouse, { now })).quality)).toEqual([])
    await writer.snapshot("dim_staff_staging", staff)
    await transform(warehouse, { now })
    await writer.snapshot("dim_staff_staging", [])
    const lenient = await transform(warehouse, { now, quality: { rowCountDropMinRows: 1, rowCountDropPercent: 100 } })
    expect(failures(lenient.quality)).toEqual([])
    await writer.snapshot("dim_staff_staging", staff)
  })
})
