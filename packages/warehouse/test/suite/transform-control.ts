import { describe, expect, it } from "vitest"
import {
  finishTransformRun,
  lastSuccessfulLoads,
  latestCommittedTransformRun,
  latestTransformRowCounts,
  markTransformCommitted,
  passedQualityChecks,
  startTransformRun,
  type Warehouse,
  type WarehouseTx,
  writeQualityResults
} from "../../src/index.js"
import type { Harness } from "./harness.js"

const rollback = new Error("rollback")

/** Runs `body` in a transaction that is always rolled back, so the file's other tests never see it. */
const inRolledBack = async (warehouse: Warehouse, body: (tx: WarehouseTx) => Promise<void>) =>
  expect(
    warehouse.transaction(async (tx) => {
      await body(tx)
      throw rollback
    })
  ).rejects.toBe(rollback)

const gold = { refreshed: true, message: "Gold refreshed" }

const stamp = (watermark: string, transformVersion: string, rowCounts: Record<string, number> = {}) => ({
  watermark: new Date(watermark),
  transformVersion,
  gold,
  goldPending: false,
  rowCounts
})

export const transformControlSuite = (h: Harness) =>
  describe("transformation runs and quality results (dw_transformation_runs, dw_data_quality_results)", () => {
    it("inserts a run running, stamps it only when its transaction commits, and finishes it", async () => {
      const warehouse = h.warehouse()
      const version = `${h.driver}-lifecycle`
      const since = new Date("2026-03-01T08:00:00.000Z")
      const run = await startTransformRun(warehouse, { mode: "incremental", since })
      expect(run.startedAt).toBeInstanceOf(Date)
      const [inserted] = await warehouse.query<{ mode: string; run_status: string; since_timestamp: Date }>(
        "SELECT mode, run_status, since_timestamp FROM dw_transformation_runs WHERE id = $1",
        [run.id]
      )
      expect(inserted).toMatchObject({ mode: "incremental", run_status: "running" })
      expect(new Date(inserted!.since_timestamp).getTime()).toBe(since.getTime())

      await inRolledBack(warehouse, (tx) =>
        markTransformCommitted(tx, run.id, stamp("2026-03-02T00:00:00.000Z", version))
      )
      expect(await latestCommittedTransformRun(warehouse, version)).toBeUndefined()

      await warehouse.transaction((tx) =>
        markTransformCommitted(tx, run.id, {
          ...stamp("2026-03-02T00:00:00.000Z", version, { dim_studies_staging: 7 }),
          gold: { refreshed: false, message: "Gold kept: a blocking check failed" },
          goldPending: true
        })
      )
      const committed = await latestCommittedTransformRun(warehouse, version)
      expect(committed).toEqual({ id: run.id, watermark: new Date("2026-03-02T00:00:00.000Z"), goldPending: true })
      expect(await latestCommittedTransformRun(warehouse, `${version}-other`)).toBeUndefined()

      await finishTransformRun(warehouse, run.id, {
        status: "failed",
        durationMs: 1234,
        layers: [
          { layer: "silver", table: "dim_studies", rowsWritten: 5, ms: 10 },
          { layer: "gold", table: "mv_study_performance_metrics", rowsWritten: 2, ms: 3 }
        ],
        qualityFailed: ["not_null (dim_studies): 1"],
        qualityWarnings: ["dates_in_future (fact_enrollment): 9:12"],
        errorMessage: "Data-quality checks failed"
      })
      const [finished] = await warehouse.query<{
        run_status: string
        completed_at: Date | null
        duration_ms: number
        error_message: string | null
        stats: Record<string, unknown>
      }>(
        "SELECT run_status, completed_at, duration_ms, error_message, stats FROM dw_transformation_runs WHERE id = $1",
        [run.id]
      )
      expect(finished).toMatchObject({
        run_status: "failed",
        duration_ms: 1234,
        error_message: "Data-quality checks failed"
      })
      expect(finished?.completed_at).not.toBeNull()
      // The stamp stays; the outcome is merged next to it.
      expect(finished?.stats).toEqual({
        watermark: "2026-03-02T00:00:00.000Z",
        transformVersion: version,
        gold: { refreshed: false, message: "Gold kept: a blocking check failed" },
        goldPending: true,
        rowCounts: { dim_studies_staging: 7 },
        layers: [
          { layer: "silver", table: "dim_studies", rowsWritten: 5, ms: 10 },
          { layer: "gold", table: "mv_study_performance_metrics", rowsWritten: 2, ms: 3 }
        ],
        rowsWritten: 7,
        qualityFailed: ["not_null (dim_studies): 1"],
        qualityWarnings: ["dates_in_future (fact_enrollment): 9:12"]
      })
    })

    it("finishes a run that never committed: no error message, no stamp", async () => {
      const warehouse = h.warehouse()
      const run = await startTransformRun(warehouse, { mode: "full", since: undefined })
      await finishTransformRun(warehouse, run.id, {
        status: "success",
        durationMs: 5,
        layers: [],
        qualityFailed: [],
        qualityWarnings: []
      })
      const [row] = await warehouse.query<{
        since_timestamp: Date | null
        error_message: string | null
        stats: unknown
      }>("SELECT since_timestamp, error_message, stats FROM dw_transformation_runs WHERE id = $1", [run.id])
      expect(row).toEqual({
        since_timestamp: null,
        error_message: null,
        stats: { layers: [], rowsWritten: 0, qualityFailed: [], qualityWarnings: [] }
      })
    })

    it("continues from the latest watermark of its version; row counts from the latest of any version", async () => {
      await inRolledBack(h.warehouse(), async (tx) => {
        await tx.query("DELETE FROM dw_transformation_runs")
        expect(await latestCommittedTransformRun(tx, "v1")).toBeUndefined()
        expect(await latestTransformRowCounts(tx)).toBeUndefined()
        const start = () => startTransformRun(tx, { mode: "full", since: undefined })
        const later = await start()
        await markTransformCommitted(tx, later.id, stamp("2026-05-02T00:00:00.000Z", "v1", { a_staging: 2 }))
        const earlier = await start()
        await markTransformCommitted(tx, earlier.id, stamp("2026-05-01T00:00:00.000Z", "v1", { a_staging: 1 }))
        await start() // running, never stamped
        expect((await latestCommittedTransformRun(tx, "v1"))?.id).toBe(later.id)
        expect(await latestTransformRowCounts(tx)).toEqual({ a_staging: 2 })

        const otherVersion = await start()
        await markTransformCommitted(tx, otherVersion.id, stamp("2026-05-03T00:00:00.000Z", "v2", { a_staging: 3 }))
        expect((await latestCommittedTransformRun(tx, "v1"))?.id).toBe(later.id)
        expect(await latestTransformRowCounts(tx)).toEqual({ a_staging: 3 })

        const tie = await start()
        await markTransformCommitted(tx, tie.id, stamp("2026-05-02T00:00:00.000Z", "v1"))
        expect(await latestCommittedTransformRun(tx, "v1")).toEqual({
          id: tie.id,
          watermark: new Date("2026-05-02T00:00:00.000Z"),
          goldPending: false
        })
      })
    })

    it("stores a transformation's check results and reads back the ones that passed", async () => {
      const warehouse = h.warehouse()
      const run = await startTransformRun(warehouse, { mode: "full", since: undefined })
      const other = await startTransformRun(warehouse, { mode: "full", since: undefined })
      await writeQualityResults(warehouse, run.id, [
        {
          checkName: "not_null",
          tableName: "dim_studies",
          severity: "error",
          passed: true,
          failedCount: 0,
          sampleKeys: []
        },
        {
          checkName: "referential_integrity",
          tableName: "fact_patient_visits",
          severity: "error",
          passed: false,
          failedCount: 12,
          sampleKeys: ["1:a", "1:b"]
        },
        {
          checkName: "dates_in_future",
          tableName: "fact_enrollment",
          severity: "warning",
          passed: true,
          failedCount: 0,
          sampleKeys: []
        }
      ])
      await writeQualityResults(warehouse, other.id, [
        { checkName: "unique", tableName: "dim_sites", severity: "error", passed: true, failedCount: 0, sampleKeys: [] }
      ])
      await writeQualityResults(warehouse, other.id, [])
      const rows = await warehouse.query<{
        check_name: string
        severity: string
        passed: boolean
        failed_count: number | string
        sample_keys: unknown
      }>(
        `SELECT check_name, severity, passed, failed_count, sample_keys FROM dw_data_quality_results
         WHERE transformation_run_id = $1 ORDER BY id`,
        [run.id]
      )
      expect(rows.map((row) => ({ ...row, failed_count: Number(row.failed_count) }))).toEqual([
        { check_name: "not_null", severity: "error", passed: true, failed_count: 0, sample_keys: [] },
        {
          check_name: "referential_integrity",
          severity: "error",
          passed: false,
          failed_count: 12,
          sample_keys: ["1:a", "1:b"]
        },
        { check_name: "dates_in_future", severity: "warning", passed: true, failed_count: 0, sample_keys: [] }
      ])
      const passed = await passedQualityChecks(warehouse, run.id)
      expect([...passed].sort((a, b) => a.checkName.localeCompare(b.checkName))).toEqual([
        { checkName: "dates_in_future", tableName: "fact_enrollment" },
        { checkName: "not_null", tableName: "dim_studies" }
      ])
      expect(await passedQualityChecks(warehouse, other.id)).toEqual([{ checkName: "unique", tableName: "dim_sites" }])
    })

    it("reads each target table's last successful job run", async () => {
      await inRolledBack(h.warehouse(), async (tx) => {
        const job = (id: number, table: string, status: string | null, at: string | null) =>
          tx.query(
            `INSERT INTO dw_etl_jobs (id, name, source_endpoint, target_table, last_run_status, last_run_at)
             VALUES ($1, 'job', '/x', $2, $3, $4::timestamptz)`,
            [id, table, status, at]
          )
        await job(9201, "a_staging", "success", "2026-04-01T10:00:00.000Z")
        await job(9202, "a_staging", "partial", "2026-04-02T10:00:00.000Z")
        await job(9203, "a_staging", "failed", "2026-04-03T10:00:00.000Z")
        await job(9204, "b_staging", "failed", "2026-04-03T10:00:00.000Z")
        await job(9205, "c_staging", null, null)
        await job(9206, "d_staging", "success", "2026-04-04T10:00:00.000Z")
        const loads = await lastSuccessfulLoads(tx, ["a_staging", "b_staging", "c_staging", "e_staging"])
        expect(Object.fromEntries([...loads].map(([table, at]) => [table, at.toISOString()]))).toEqual({
          a_staging: "2026-04-02T10:00:00.000Z"
        })
        expect((await lastSuccessfulLoads(tx, [])).size).toBe(0)
      })
    })
  })
