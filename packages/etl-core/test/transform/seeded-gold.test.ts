/**
 * Gold views on a small hand-made dataset (see `support/seed-data.ts`), checked against values
 * computed by hand, and a second transformation that writes nothing, on PostgreSQL and PGlite.
 */
import {
  mvStudyPerformanceMetrics,
  vEtlJobHistory,
  vEtlJobSuccessRate,
  vStudyEnrollmentSummary,
  vSubjectStatusSummary,
  vTableFreshness,
  vVisitCompliance
} from "@trialsync/warehouse"
import { beforeAll, describe, expect, it } from "vitest"
import { transform } from "../../src/index.js"
import { driverNames, rows, rowsWritten, useWarehouse } from "./support/harness.js"
import { columnsOf as columnsOfRelation, seedAndTransform, seededNow } from "./support/seeded.js"

const now = seededNow

describe.each(driverNames)("Gold from a hand-made dataset (%s)", (driver) => {
  const handle = useWarehouse(driver, "transform_seeded_gold")
  let instance: number

  beforeAll(async () => {
    instance = await seedAndTransform(handle.warehouse())
  })

  const q = (text: string) => rows(handle.warehouse(), text, [instance])
  const columnsOf = (relation: string) => columnsOfRelation(handle.warehouse(), relation)

  it("Gold: enrollment and subject-status summaries per study", async () => {
    expect(
      await q(`SELECT study_id, study_name, subjects_total, subjects_enrolled, screen_failures, randomized, completed, dropped,
                      active, screen_failure_rate, randomization_rate, avg_age_at_enrollment, avg_days_to_randomization,
                      first_enrollment_date::text, last_enrollment_date::text
                 FROM v_study_enrollment_summary WHERE source_instance_id = $1 ORDER BY study_id`)
    ).toEqual([
      {
        study_id: 1001,
        study_name: "ONC-1001",
        subjects_total: 3,
        // S1 and S3; S2 failed screening and was never enrolled.
        subjects_enrolled: 2,
        screen_failures: 1,
        randomized: 2,
        completed: 1,
        dropped: 1,
        active: 0,
        // 1 failure among the 3 subjects whose screening ended; 2 of 2 enrolled randomized.
        screen_failure_rate: 0.3333,
        randomization_rate: 1,
        // Of the enrolled: S1 43 at 2024-01-01, S3 48 at 2024-03-01.
        avg_age_at_enrollment: 45.5,
        avg_days_to_randomization: 17,
        first_enrollment_date: "2024-01-01",
        last_enrollment_date: "2024-03-01"
      },
      {
        study_id: 1002,
        study_name: "CAR-1002",
        subjects_total: 0,
        subjects_enrolled: 0,
        screen_failures: 0,
        randomized: 0,
        completed: 0,
        dropped: 0,
        active: 0,
        screen_failure_rate: null,
        randomization_rate: null,
        avg_age_at_enrollment: null,
        avg_days_to_randomization: null,
        first_enrollment_date: null,
        last_enrollment_date: null
      }
    ])
    expect(
      await q(
        "SELECT study_id, status, subjects, share_of_study FROM v_subject_status_summary WHERE source_instance_id = $1 ORDER BY status"
      )
    ).toEqual([
      { study_id: 1001, status: "Completed", subjects: 1, share_of_study: 0.3333 },
      { study_id: 1001, status: "Dropped", subjects: 1, share_of_study: 0.3333 },
      { study_id: 1001, status: "ScreenFailed", subjects: 1, share_of_study: 0.3333 }
    ])
  })

  it("Gold: visit compliance per study and site", async () => {
    expect(
      await q(`SELECT study_id, study_name, site_id, site_name, visits_total, visits_due, visits_completed, visits_on_time,
                      visits_late, visits_overdue, completion_rate, on_time_rate
                 FROM v_visit_compliance WHERE source_instance_id = $1`)
    ).toEqual([
      {
        study_id: 1001,
        study_name: "ONC-1001",
        site_id: 3001,
        site_name: "Boston Research Center",
        visits_total: 4,
        visits_due: 3,
        visits_completed: 3,
        visits_on_time: 1,
        visits_late: 1,
        visits_overdue: 0,
        completion_rate: 1,
        on_time_rate: 0.5
      }
    ])
  })

  it("Gold: the materialized study metrics, with the unique index a concurrent refresh needs", async () => {
    expect(
      await q(`SELECT study_id, snapshot_date::text, subjects_enrolled, subjects_randomized, screen_failure_rate, dropout_rate,
                      visit_completion_rate, on_time_rate, appointment_no_show_rate, avg_age_at_enrollment,
                      median_days_to_randomization
                 FROM mv_study_performance_metrics WHERE source_instance_id = $1 AND study_id = 1001`)
    ).toEqual([
      {
        study_id: 1001,
        snapshot_date: "2025-01-15",
        subjects_enrolled: 2,
        subjects_randomized: 2,
        screen_failure_rate: 0.3333,
        dropout_rate: 0.5,
        visit_completion_rate: 1,
        on_time_rate: 0.5,
        appointment_no_show_rate: 0.5,
        avg_age_at_enrollment: 45.5,
        median_days_to_randomization: 17
      }
    ])
    expect(
      await rows(handle.warehouse(), "SELECT indexdef FROM pg_indexes WHERE tablename = 'mv_study_performance_metrics'")
    ).toEqual([
      {
        indexdef:
          "CREATE UNIQUE INDEX mv_study_performance_metrics_uq ON public.mv_study_performance_metrics USING btree (source_instance_id, study_id)"
      }
    ])
  })

  it("Gold: freshness of staging and Silver tables", async () => {
    const freshness = await rows(
      handle.warehouse(),
      `SELECT layer, table_name, row_count, current_rows, last_loaded_at IS NOT NULL AS loaded, age >= interval '0' AS aged
         FROM v_table_freshness WHERE table_name IN ('dim_studies_staging', 'dim_studies', 'fact_patient_visits', 'dim_patients_staging')
        ORDER BY table_name`
    )
    const [staging] = await rows(handle.warehouse(), "SELECT count(*)::int AS n FROM dim_studies_staging")
    const [silver] = await rows(
      handle.warehouse(),
      "SELECT count(*)::int AS n, count(*) FILTER (WHERE is_current)::int AS c FROM dim_studies"
    )
    const [visits] = await rows(handle.warehouse(), "SELECT count(*)::int AS n FROM fact_patient_visits")
    const [patients] = await rows(handle.warehouse(), "SELECT count(*)::int AS n FROM dim_patients_staging")
    expect(freshness).toEqual([
      {
        layer: "bronze",
        table_name: "dim_patients_staging",
        row_count: patients!.n,
        current_rows: patients!.n,
        loaded: true,
        aged: true
      },
      {
        layer: "silver",
        table_name: "dim_studies",
        row_count: silver!.n,
        current_rows: silver!.c,
        loaded: true,
        aged: true
      },
      {
        layer: "bronze",
        table_name: "dim_studies_staging",
        row_count: staging!.n,
        current_rows: staging!.n,
        loaded: true,
        aged: true
      },
      {
        layer: "silver",
        table_name: "fact_patient_visits",
        row_count: visits!.n,
        current_rows: visits!.n,
        loaded: true,
        aged: true
      }
    ])
    const layers = await rows(
      handle.warehouse(),
      "SELECT layer, count(*)::int AS tables FROM v_table_freshness GROUP BY layer ORDER BY layer"
    )
    expect(layers).toEqual([
      { layer: "bronze", tables: 88 },
      { layer: "silver", tables: 16 }
    ])
  })

  it("Gold: job history and success rate over dw_etl_runs", async () => {
    const warehouse = handle.warehouse()
    for (const [status, ms] of [
      ["success", 1000],
      ["success", 3000],
      ["failed", 500]
    ] as const) {
      await warehouse.query(
        `INSERT INTO dw_etl_runs (job_id, run_status, started_at, completed_at, duration_ms, records_loaded, error_message)
         VALUES (135, $1, now() - interval '1 hour', now(), $2, 10, $3)`,
        [status, ms, status === "failed" ? "HTTP 503 after 5 retries" : null]
      )
    }
    expect(
      await rows(
        warehouse,
        `SELECT job_id, job_name, runs, succeeded, failed, success_rate, runs_last_30_days, success_rate_last_30_days,
                avg_success_duration_ms FROM v_etl_job_success_rate WHERE job_id = 135`
      )
    ).toEqual([
      {
        job_id: 135,
        job_name: "System Study Custom Fields",
        runs: 3,
        succeeded: 2,
        failed: 1,
        success_rate: 0.6667,
        runs_last_30_days: 3,
        success_rate_last_30_days: 0.6667,
        avg_success_duration_ms: 2000
      }
    ])
    expect(
      await rows(
        warehouse,
        "SELECT job_name, target_table, run_status, duration_ms, error_message FROM v_etl_job_history WHERE job_id = 135 ORDER BY duration_ms"
      )
    ).toEqual([
      {
        job_name: "System Study Custom Fields",
        target_table: "dim_system_study_customfields_staging",
        run_status: "failed",
        duration_ms: 500,
        error_message: "HTTP 503 after 5 retries"
      },
      {
        job_name: "System Study Custom Fields",
        target_table: "dim_system_study_customfields_staging",
        run_status: "success",
        duration_ms: 1000,
        error_message: null
      },
      {
        job_name: "System Study Custom Fields",
        target_table: "dim_system_study_customfields_staging",
        run_status: "success",
        duration_ms: 3000,
        error_message: null
      }
    ])
  })

  it("Gold views declared in Drizzle match the database and are queryable with types", async () => {
    const db = handle.warehouse().db
    const declared = [
      ["v_study_enrollment_summary", await db.select().from(vStudyEnrollmentSummary)],
      ["v_subject_status_summary", await db.select().from(vSubjectStatusSummary)],
      ["v_visit_compliance", await db.select().from(vVisitCompliance)],
      ["v_etl_job_history", await db.select().from(vEtlJobHistory)],
      ["v_etl_job_success_rate", await db.select().from(vEtlJobSuccessRate)],
      ["v_table_freshness", await db.select().from(vTableFreshness)],
      ["mv_study_performance_metrics", await db.select().from(mvStudyPerformanceMetrics)]
    ] as const
    // Every declared column was selected (a missing one fails the query); as many as the database has.
    for (const [name, selected] of declared) {
      expect(selected.length, name).toBeGreaterThan(0)
      expect(Object.keys(selected[0]!).length, name).toBe((await columnsOf(name)).length)
    }
    const study = (await db.select().from(vStudyEnrollmentSummary)).find(
      (row) => row.sourceInstanceId === instance && row.studyId === 1001
    )
    expect(study).toMatchObject({ studyName: "ONC-1001", subjectsEnrolled: 2, firstEnrollmentDate: "2024-01-01" })
  })

  it("writes nothing when run again (incremental and full)", async () => {
    const again = await transform(handle.warehouse(), { now })
    expect(again.mode).toBe("incremental")
    expect(rowsWritten(again)).toBe(0)
    expect(again.gold).toEqual({ refreshed: false, message: "Gold not refreshed: Silver did not change" })
    const full = await transform(handle.warehouse(), { mode: "full", now })
    expect(full.mode).toBe("full")
    expect(rowsWritten(full)).toBe(0)
    // --full publishes Gold whatever Silver did.
    expect(full.gold).toEqual({ refreshed: true, message: "Gold refreshed" })
  })
})
