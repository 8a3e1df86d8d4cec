/**
 * Silver facts from a small hand-made dataset (see `support/seed-data.ts`), checked against
 * values computed by hand, on PostgreSQL and PGlite.
 */
import { beforeAll, describe, expect, it } from "vitest"
import { driverNames, rows, useWarehouse } from "./support/harness.js"
import { seedAndTransform } from "./support/seeded.js"

describe.each(driverNames)("Silver facts from a hand-made dataset (%s)", (driver) => {
  const handle = useWarehouse(driver, "transform_seeded_facts")
  let instance: number

  beforeAll(async () => {
    instance = await seedAndTransform(handle.warehouse())
  })

  const q = (text: string) => rows(handle.warehouse(), text, [instance])

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
        subjects_enrolled: 2,
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
        randomization_rate: 1,
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
})
