/**
 * Silver dimensions from a small hand-made dataset (see `support/seed-data.ts`), checked against
 * values computed by hand, on PostgreSQL and PGlite.
 */
import { beforeAll, describe, expect, it } from "vitest"
import { driverNames, rows, useWarehouse } from "./support/harness.js"
import { seedAndTransform } from "./support/seeded.js"

const beginning = "1900-01-01T00:00:00.000Z"
const end = "9999-12-31T00:00:00.000Z"

describe.each(driverNames)("Silver dimensions from a hand-made dataset (%s)", (driver) => {
  const handle = useWarehouse(driver, "transform_seeded_dims")
  let instance: number

  beforeAll(async () => {
    instance = await seedAndTransform(handle.warehouse())
  })

  const q = (text: string) => rows(handle.warehouse(), text, [instance])

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
})
