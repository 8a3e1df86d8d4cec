/**
 * Silver and Gold on a small hand-made dataset: every dimension, fact and Gold row checked
 * against values computed by hand (see `support/seed-data.ts`), on PostgreSQL and PGlite.
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
import { registerInstance } from "./support/bronze.js"
import { driverNames, rows, rowsWritten, useWarehouse } from "./support/harness.js"
import { loadSeed } from "./support/seed-data.js"
import { snapshotWriter } from "./support/snapshot.js"

const now = new Date("2025-01-15T12:00:00Z")
const beginning = "1900-01-01T00:00:00.000Z"
const end = "9999-12-31T00:00:00.000Z"

describe.each(driverNames)("Silver from a hand-made dataset (%s)", (driver) => {
  const handle = useWarehouse(driver, "transform_seeded")
  let instance: number

  beforeAll(async () => {
    const warehouse = handle.warehouse()
    instance = await registerInstance(warehouse, "seeded")
    await loadSeed(snapshotWriter(warehouse, instance))
    const report = await transform(warehouse, { now })
    expect(report.mode).toBe("full")
    expect(report.quality.filter((check) => !check.passed)).toEqual([])
    expect(report.status).toBe("success")
  })

  const q = (text: string) => rows(handle.warehouse(), text, [instance])
  const columnsOf = async (relation: string) =>
    (
      await handle
        .warehouse()
        .query<{ attname: string }>(
          "SELECT attname FROM pg_attribute WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum",
          [relation]
        )
    ).map((row) => row.attname)

  it("maps studies with either casing (id/Id, name/Name) into first versions", async () => {
    expect(
      await q(`SELECT study_id, study_uid, name, status, phase, category, sponsor_id, sponsor_name, managing_site_id,
                      organization_name, launch_year, created_on, effective_start_date, effective_end_date, is_current,
                      is_deleted, source_system
                 FROM dim_studies WHERE source_instance_id = $1 ORDER BY study_id`)
    ).toEqual([
      {
        study_id: 1001,
        study_uid: "b9718add-a6bd-4409-bbcb-37982d65689c",
        name: "ONC-1001",
        status: "Enrolling",
        phase: "Phase 2",
        category: "Oncology",
        sponsor_id: 5001,
        sponsor_name: "Acme Bio",
        managing_site_id: 3001,
        organization_name: "Affiliate Network",
        launch_year: 2023,
        created_on: "2023-05-01T00:00:00.000Z",
        effective_start_date: beginning,
        effective_end_date: end,
        is_current: true,
        is_deleted: false,
        source_system: "clinical-conductor"
      },
      {
        study_id: 1002,
        study_uid: "01737c53-8a7f-4523-abfc-19294b449c25",
        name: "CAR-1002",
        status: "Startup",
        phase: "Phase 1",
        category: null,
        sponsor_id: null,
        sponsor_name: null,
        managing_site_id: null,
        organization_name: null,
        launch_year: null,
        created_on: null,
        effective_start_date: beginning,
        effective_end_date: end,
        is_current: true,
        is_deleted: false,
        source_system: "clinical-conductor"
      }
    ])
  })

  it("keeps subjects, patients (demographics only), arms, visits, elements and Type-1 references", async () => {
    expect(
      await q(`SELECT subject_id, study_id, site_id, patient_id, status, arm_id, arm_name, gender_code, enrollment_date,
                      randomization_number FROM dim_subjects WHERE source_instance_id = $1 ORDER BY subject_id`)
    ).toEqual([
      {
        subject_id: 57001,
        study_id: 1001,
        site_id: 3001,
        patient_id: 25001,
        status: "Completed",
        arm_id: 63001,
        arm_name: "Arm A",
        gender_code: "F",
        enrollment_date: "2024-01-01T09:00:00.000Z",
        randomization_number: "R-1"
      },
      {
        subject_id: 57002,
        study_id: 1001,
        site_id: 3001,
        patient_id: 25002,
        status: "ScreenFailed",
        arm_id: null,
        arm_name: null,
        gender_code: "M",
        enrollment_date: "2024-02-01T09:00:00.000Z",
        randomization_number: null
      },
      {
        subject_id: 57003,
        study_id: 1001,
        site_id: 3001,
        patient_id: 25003,
        status: "Dropped",
        arm_id: 63001,
        arm_name: "Arm A",
        gender_code: "F",
        enrollment_date: "2024-03-01T09:00:00.000Z",
        randomization_number: "R-3"
      }
    ])
    expect(
      await q(`SELECT patient_id, gender_code, race, birth_year, is_deceased, state_province, country, primary_site_id
                 FROM dim_patients WHERE source_instance_id = $1 ORDER BY patient_id`)
    ).toEqual([
      {
        patient_id: 25001,
        gender_code: "F",
        race: "White",
        birth_year: 1980,
        is_deceased: false,
        state_province: "MA",
        country: "United States",
        primary_site_id: 3001
      },
      {
        patient_id: 25002,
        gender_code: "M",
        race: "White",
        birth_year: 1990,
        is_deceased: false,
        state_province: "MA",
        country: "United States",
        primary_site_id: 3001
      },
      {
        patient_id: 25003,
        gender_code: "F",
        race: "White",
        birth_year: 1975,
        is_deceased: false,
        state_province: "MA",
        country: "United States",
        primary_site_id: 3001
      }
    ])
    expect(await q("SELECT arm_id, arm_uid, study_id, name FROM dim_study_arms WHERE source_instance_id = $1")).toEqual(
      [{ arm_id: 63001, arm_uid: "eaa4287b-54e0-4cc3-9850-c3ade69ece66", study_id: 1001, name: "Arm A" }]
    )
    expect(
      await q(
        "SELECT visit_id, study_id, name, visit_type, budget, cost FROM dim_visits WHERE source_instance_id = $1 ORDER BY visit_id"
      )
    ).toEqual([
      { visit_id: 59001, study_id: 1001, name: "Screening", visit_type: "Screening", budget: 100.5, cost: 50 },
      { visit_id: 59002, study_id: 1001, name: "Week 2", visit_type: "Treatment", budget: 200, cost: 75.25 }
    ])
    expect(
      await q(
        "SELECT element_id, study_id, name, element_type, standard_time_minutes FROM dim_elements WHERE source_instance_id = $1"
      )
    ).toEqual([
      { element_id: 61001, study_id: 1001, name: "Informed Consent", element_type: "Lab", standard_time_minutes: 15 }
    ])
    expect(
      await q(
        "SELECT site_id, name, city, state_province, is_active, is_deleted FROM dim_sites WHERE source_instance_id = $1"
      )
    ).toEqual([
      {
        site_id: 3001,
        name: "Boston Research Center",
        city: "Boston",
        state_province: "MA",
        is_active: true,
        is_deleted: false
      }
    ])
    expect(await q("SELECT sponsor_id, name, division_count FROM dim_sponsors WHERE source_instance_id = $1")).toEqual([
      { sponsor_id: 5001, name: "Acme Bio", division_count: 2 }
    ])
    expect(
      await q("SELECT staff_id, display_name, profession, is_active FROM dim_staff WHERE source_instance_id = $1")
    ).toEqual([{ staff_id: 13001, display_name: "Luis Rodriguez", profession: "Study Coordinator", is_active: true }])
    expect(await q("SELECT monitor_id, display_name FROM dim_monitors WHERE source_instance_id = $1")).toEqual([
      { monitor_id: 17001, display_name: "Thomas Carter" }
    ])
  })

  it("derives one status-change row per event with its predecessor", async () => {
    expect(
      await q(`SELECT f.subject_id, f.status, f.previous_status, f.status_sequence, f.is_current_status, f.event_date_key,
                      f.days_since_previous_status, s.subject_id AS via_subject, st.study_id AS via_study, si.site_id AS via_site
                 FROM fact_subject_status_changes AS f
                 JOIN dim_subjects AS s ON s.subject_key = f.subject_key
                 JOIN dim_studies AS st ON st.study_key = f.study_key
                 JOIN dim_sites AS si ON si.site_key = f.site_key
                WHERE f.source_instance_id = $1 ORDER BY f.subject_id, f.status_sequence`)
    ).toEqual(
      [
        [57001, "Prescreened", null, 1, false, 20240101, null],
        [57001, "Screened", "Prescreened", 2, false, 20240111, 10],
        [57001, "Randomized", "Screened", 3, false, 20240121, 10],
        [57001, "Completed", "Randomized", 4, true, 20240601, 132],
        [57002, "Screened", null, 1, false, 20240201, null],
        [57002, "ScreenFailed", "Screened", 2, true, 20240210, 9],
        [57003, "Screened", null, 1, false, 20240301, null],
        [57003, "Randomized", "Screened", 2, false, 20240315, 14],
        [57003, "Dropped", "Randomized", 3, true, 20240401, 17]
      ].map(([subject, status, previous, sequence, current, dateKey, days]) => ({
        subject_id: subject,
        status,
        previous_status: previous,
        status_sequence: sequence,
        is_current_status: current,
        event_date_key: dateKey,
        days_since_previous_status: days,
        via_subject: subject,
        via_study: 1001,
        via_site: 3001
      }))
    )
  })

  it("derives enrollment milestones, flags, ages and days between milestones", async () => {
    expect(
      await q(`SELECT subject_id, enrollment_date_key, screened_at, randomized_at, completed_at, dropped_at, screen_failed_at,
                      current_status, is_screen_failure, is_randomized, is_completed, is_dropped, is_active, age_at_enrollment,
                      days_enrollment_to_screening, days_screening_to_randomization, days_enrollment_to_randomization,
                      days_randomization_to_completion,
                      (SELECT arm_id FROM dim_study_arms AS a WHERE a.arm_key = f.arm_key) AS via_arm,
                      (SELECT patient_id FROM dim_patients AS p WHERE p.patient_key = f.patient_key) AS via_patient
                 FROM fact_enrollment AS f WHERE source_instance_id = $1 ORDER BY subject_id`)
    ).toEqual([
      {
        subject_id: 57001,
        enrollment_date_key: 20240101,
        screened_at: "2024-01-11T09:00:00.000Z",
        randomized_at: "2024-01-21T09:00:00.000Z",
        completed_at: "2024-06-01T09:00:00.000Z",
        dropped_at: null,
        screen_failed_at: null,
        current_status: "Completed",
        is_screen_failure: false,
        is_randomized: true,
        is_completed: true,
        is_dropped: false,
        is_active: false,
        age_at_enrollment: 43,
        days_enrollment_to_screening: 10,
        days_screening_to_randomization: 10,
        days_enrollment_to_randomization: 20,
        days_randomization_to_completion: 132,
        via_arm: 63001,
        via_patient: 25001
      },
      {
        subject_id: 57002,
        enrollment_date_key: 20240201,
        screened_at: "2024-02-01T09:00:00.000Z",
        randomized_at: null,
        completed_at: null,
        dropped_at: null,
        screen_failed_at: "2024-02-10T09:00:00.000Z",
        current_status: "ScreenFailed",
        is_screen_failure: true,
        is_randomized: false,
        is_completed: false,
        is_dropped: false,
        is_active: false,
        age_at_enrollment: 33,
        days_enrollment_to_screening: 0,
        days_screening_to_randomization: null,
        days_enrollment_to_randomization: null,
        days_randomization_to_completion: null,
        via_arm: null,
        via_patient: 25002
      },
      {
        subject_id: 57003,
        enrollment_date_key: 20240301,
        screened_at: "2024-03-01T09:00:00.000Z",
        randomized_at: "2024-03-15T09:00:00.000Z",
        completed_at: null,
        dropped_at: "2024-04-01T09:00:00.000Z",
        screen_failed_at: null,
        current_status: "Dropped",
        is_screen_failure: false,
        is_randomized: true,
        is_completed: false,
        is_dropped: true,
        is_active: false,
        age_at_enrollment: 48,
        days_enrollment_to_screening: 0,
        days_screening_to_randomization: 14,
        days_enrollment_to_randomization: 14,
        days_randomization_to_completion: null,
        via_arm: 63001,
        via_patient: 25003
      }
    ])
  })

  it("derives patient visits: due window, actual date from appointments or elements, on time", async () => {
    expect(
      await q(`SELECT f.patient_visit_id, f.subject_id, f.site_id, f.patient_id, f.visit_id, f.status, f.due_date_key,
                      f.window_start_date_key, f.window_end_date_key, f.actual_date_key, f.actual_visit_at,
                      f.appointment_count, f.element_count, f.completed_element_count, f.is_completed, f.is_on_time,
                      f.days_from_target, v.name AS via_visit
                 FROM fact_patient_visits AS f JOIN dim_visits AS v ON v.visit_key = f.visit_key
                WHERE f.source_instance_id = $1 ORDER BY f.patient_visit_id`)
    ).toEqual([
      {
        patient_visit_id: 85001,
        subject_id: 57001,
        site_id: 3001,
        patient_id: 25001,
        visit_id: 59001,
        status: "Completed",
        due_date_key: 20240112,
        window_start_date_key: 20240109,
        window_end_date_key: 20240115,
        actual_date_key: 20240114,
        actual_visit_at: "2024-01-14T09:00:00.000Z",
        appointment_count: 1,
        element_count: 1,
        completed_element_count: 1,
        is_completed: true,
        is_on_time: true,
        days_from_target: 2,
        via_visit: "Screening"
      },
      {
        patient_visit_id: 85002,
        subject_id: 57001,
        site_id: 3001,
        patient_id: 25001,
        visit_id: 59002,
        status: "Completed",
        due_date_key: 20240201,
        window_start_date_key: 20240129,
        window_end_date_key: 20240204,
        actual_date_key: 20240206,
        actual_visit_at: "2024-02-06T10:00:00.000Z",
        appointment_count: 0,
        element_count: 2,
        completed_element_count: 1,
        is_completed: true,
        is_on_time: false,
        days_from_target: 5,
        via_visit: "Week 2"
      },
      {
        patient_visit_id: 85003,
        subject_id: 57003,
        site_id: 3001,
        patient_id: 25003,
        visit_id: 59001,
        status: "Pending",
        due_date_key: 20300101,
        window_start_date_key: 20291229,
        window_end_date_key: 20300104,
        actual_date_key: null,
        actual_visit_at: null,
        appointment_count: 0,
        element_count: 0,
        completed_element_count: 0,
        is_completed: false,
        is_on_time: null,
        days_from_target: null,
        via_visit: "Screening"
      },
      {
        patient_visit_id: 85004,
        subject_id: 57002,
        site_id: 3001,
        patient_id: 25002,
        visit_id: 59001,
        status: "Completed",
        due_date_key: 20240205,
        window_start_date_key: 20240202,
        window_end_date_key: 20240208,
        actual_date_key: null,
        actual_visit_at: null,
        appointment_count: 0,
        element_count: 0,
        completed_element_count: 0,
        is_completed: true,
        is_on_time: null,
        days_from_target: null,
        via_visit: "Screening"
      }
    ])
  })

  it("derives element completions and appointments", async () => {
    expect(
      await q(`SELECT f.patient_visit_element_id, f.patient_visit_id, f.element_id, f.subject_id, f.study_id, f.site_id,
                      f.completed_date_key, f.is_completed, f.duration_minutes, e.name AS via_element
                 FROM fact_visit_element_completions AS f JOIN dim_elements AS e ON e.element_key = f.element_key
                WHERE f.source_instance_id = $1 ORDER BY f.patient_visit_element_id`)
    ).toEqual([
      {
        patient_visit_element_id: 90001,
        patient_visit_id: 85001,
        element_id: 61001,
        subject_id: 57001,
        study_id: 1001,
        site_id: 3001,
        completed_date_key: 20240114,
        is_completed: true,
        duration_minutes: 15,
        via_element: "Informed Consent"
      },
      {
        patient_visit_element_id: 90002,
        patient_visit_id: 85002,
        element_id: 61001,
        subject_id: 57001,
        study_id: 1001,
        site_id: 3001,
        completed_date_key: 20240206,
        is_completed: true,
        duration_minutes: 30,
        via_element: "Informed Consent"
      },
      {
        patient_visit_element_id: 90003,
        patient_visit_id: 85002,
        element_id: 61001,
        subject_id: 57001,
        study_id: 1001,
        site_id: 3001,
        completed_date_key: null,
        is_completed: false,
        duration_minutes: 10,
        via_element: "Informed Consent"
      }
    ])
    expect(
      await q(`SELECT appointment_id, status, planned_date_key, duration_minutes, is_completed, is_cancelled, is_no_show,
                      patient_id, visit_id, (SELECT p.patient_id FROM dim_patients AS p WHERE p.patient_key = f.patient_key) AS via_patient
                 FROM fact_appointments AS f WHERE source_instance_id = $1 ORDER BY appointment_id`)
    ).toEqual([
      {
        appointment_id: 95001,
        status: "Completed",
        planned_date_key: 20240114,
        duration_minutes: 45,
        is_completed: true,
        is_cancelled: false,
        is_no_show: false,
        patient_id: 25001,
        visit_id: 59001,
        via_patient: 25001
      },
      {
        appointment_id: 95002,
        status: "NoShow",
        planned_date_key: 20240201,
        duration_minutes: 30,
        is_completed: false,
        is_cancelled: false,
        is_no_show: true,
        patient_id: 25003,
        visit_id: 59002,
        via_patient: 25003
      }
    ])
  })

  it("snapshots study performance for the transformation's day", async () => {
    expect(
      await q(`SELECT study_id, snapshot_date::text AS snapshot_date, snapshot_date_key, subjects_total, subjects_enrolled, subjects_screen_failed,
                      subjects_randomized, subjects_completed, subjects_dropped, subjects_active, visits_total, visits_due,
                      visits_completed, visits_on_time, appointments_total, appointments_no_show, screen_failure_rate,
                      randomization_rate, dropout_rate, visit_completion_rate, on_time_rate
                 FROM fact_study_performance WHERE source_instance_id = $1 ORDER BY study_id`)
    ).toEqual([
      {
        study_id: 1001,
        snapshot_date: "2025-01-15",
        snapshot_date_key: 20250115,
        subjects_total: 3,
        subjects_enrolled: 3,
        subjects_screen_failed: 1,
        subjects_randomized: 2,
        subjects_completed: 1,
        subjects_dropped: 1,
        subjects_active: 0,
        visits_total: 4,
        visits_due: 3,
        visits_completed: 3,
        visits_on_time: 1,
        appointments_total: 2,
        appointments_no_show: 1,
        screen_failure_rate: 0.3333,
        randomization_rate: 0.6667,
        dropout_rate: 0.5,
        visit_completion_rate: 1,
        on_time_rate: 0.5
      },
      {
        study_id: 1002,
        snapshot_date: "2025-01-15",
        snapshot_date_key: 20250115,
        subjects_total: 0,
        subjects_enrolled: 0,
        subjects_screen_failed: 0,
        subjects_randomized: 0,
        subjects_completed: 0,
        subjects_dropped: 0,
        subjects_active: 0,
        visits_total: 0,
        visits_due: 0,
        visits_completed: 0,
        visits_on_time: 0,
        appointments_total: 0,
        appointments_no_show: 0,
        screen_failure_rate: null,
        randomization_rate: null,
        dropout_rate: null,
        visit_completion_rate: null,
        on_time_rate: null
      }
    ])
  })

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
        subjects_enrolled: 3,
        screen_failures: 1,
        randomized: 2,
        completed: 1,
        dropped: 1,
        active: 0,
        screen_failure_rate: 0.3333,
        randomization_rate: 0.6667,
        avg_age_at_enrollment: 41.3,
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
        subjects_enrolled: 3,
        subjects_randomized: 2,
        screen_failure_rate: 0.3333,
        dropout_rate: 0.5,
        visit_completion_rate: 1,
        on_time_rate: 0.5,
        appointment_no_show_rate: 0.5,
        avg_age_at_enrollment: 41.3,
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
    expect(study).toMatchObject({ studyName: "ONC-1001", subjectsEnrolled: 3, firstEnrollmentDate: "2024-01-01" })
  })

  it("writes nothing when run again (incremental and full)", async () => {
    const again = await transform(handle.warehouse(), { now })
    expect(again.mode).toBe("incremental")
    expect(rowsWritten(again)).toBe(0)
    const full = await transform(handle.warehouse(), { mode: "full", now })
    expect(full.mode).toBe("full")
    expect(rowsWritten(full)).toBe(0)
  })
})
