/**
 * Enrolled, completed, dropped, screen failures and active subjects from CC subject statuses (the
 * mapping in `src/transform/silver/subject-status.ts`, documented in the README): one study with a
 * subject for each kind of history, including spellings other than the spec's and subjects whose
 * only evidence is their current status; computed by hand, on PostgreSQL and PGlite.
 */
import { beforeAll, describe, expect, it } from "vitest"
import { transform } from "../../src/index.js"
import { statusGroupOf } from "../../src/transform/silver/subject-status.js"
import { registerInstance } from "./support/bronze.js"
import { driverNames, rows, useWarehouse } from "./support/harness.js"
import { snapshotWriter } from "./support/snapshot.js"

const now = new Date("2025-01-15T12:00:00Z")
const study = { id: 2001, name: "STS-2001" }

/** Subject id, current status, randomization number, status history (one event every 10 days). */
const histories: ReadonlyArray<readonly [number, string, string | null, ReadonlyArray<string>]> = [
  [58001, "Prescreened", null, ["Prescreened"]],
  [58002, "NonQualified", null, ["Prescreened", "NonQualified"]],
  [58003, "Screen Failed", null, ["Screened", "Screen Failed"]],
  [58004, "RunIn", null, ["Screened", "RunIn"]],
  [58005, "RunInFailed", null, ["Screened", "RunIn", "RunInFailed"]],
  [58006, "Randomized", "R-6", ["Screened", "Randomized"]],
  [58007, "FollowUp", "R-7", ["Screened", "Randomized", "FollowUp"]],
  [58008, "Completed", "R-8", ["Screened", "Randomized", "FollowUp", "Completed"]],
  [58009, "Dropped", "R-9", ["Screened", "Randomized", "Dropped"]],
  [58010, "Early Terminated", null, ["Screened", "Enrolled", "Early Terminated"]],
  [58011, "Withdrawn", null, []],
  [58012, "Completed", null, []]
]

const day = (offset: number) => new Date(Date.UTC(2024, 0, 1 + offset, 9)).toISOString()

const subjects = histories.map(([id, status, randomizationNumber], index) => ({
  id,
  study,
  status,
  enrollmentDate: day(index),
  randomizationNumber
}))

const statuses = histories.flatMap(([id, , , events], index) =>
  events.map((status, k) => ({
    status,
    isCurrentStatus: k === events.length - 1,
    eventDate: day(index + 10 * k),
    study,
    subject: { Id: id }
  }))
)

describe("subject status groups", () => {
  it("match on letters only, whatever the spelling", () => {
    expect(statusGroupOf("ScreenFailed")).toBe("screenFailure")
    expect(statusGroupOf("screen_failed")).toBe("screenFailure")
    expect(statusGroupOf("Early Terminated")).toBe("dropped")
    expect(statusGroupOf("Prescreened")).toBe("screening")
    expect(statusGroupOf("FollowUp")).toBe("enrolled")
    expect(statusGroupOf("Completed")).toBe("completed")
    expect(statusGroupOf("Unknown")).toBeUndefined()
  })
})

describe.each(driverNames)("enrollment from subject statuses (%s)", (driver) => {
  const handle = useWarehouse(driver, "transform_enrollment_statuses")
  let instance: number

  beforeAll(async () => {
    const warehouse = handle.warehouse()
    instance = await registerInstance(warehouse, "statuses")
    const writer = snapshotWriter(warehouse, instance)
    await writer.snapshot("dim_studies_staging", [study])
    await writer.snapshot("dim_subjects_staging", { byParent: { "2001": subjects } })
    await writer.snapshot("dim_subject_statuses_staging", statuses)
    const report = await transform(warehouse, { now })
    expect(report.quality.filter((check) => !check.passed)).toEqual([])
  })

  it("flags each subject as its history calls for", async () => {
    const flags = await rows(
      handle.warehouse(),
      `SELECT subject_id, is_enrolled, is_screen_failure, is_randomized, is_completed, is_dropped, is_active
         FROM fact_enrollment WHERE source_instance_id = $1 ORDER BY subject_id`,
      [instance]
    )
    const row = (
      subject_id: number,
      [is_enrolled, is_screen_failure, is_randomized, is_completed, is_dropped, is_active]: ReadonlyArray<0 | 1>
    ) => ({
      subject_id,
      is_enrolled: is_enrolled === 1,
      is_screen_failure: is_screen_failure === 1,
      is_randomized: is_randomized === 1,
      is_completed: is_completed === 1,
      is_dropped: is_dropped === 1,
      is_active: is_active === 1
    })
    expect(flags).toEqual([
      // enrolled, screen failure, randomized, completed, dropped, active
      row(58001, [0, 0, 0, 0, 0, 0]),
      row(58002, [0, 1, 0, 0, 0, 0]),
      row(58003, [0, 1, 0, 0, 0, 0]),
      row(58004, [0, 0, 0, 0, 0, 0]),
      row(58005, [0, 1, 0, 0, 0, 0]),
      row(58006, [1, 0, 1, 0, 0, 1]),
      row(58007, [1, 0, 1, 0, 0, 1]),
      row(58008, [1, 0, 1, 1, 0, 0]),
      row(58009, [1, 0, 1, 0, 1, 0]),
      row(58010, [1, 0, 0, 0, 1, 0]),
      row(58011, [1, 0, 0, 0, 1, 0]),
      row(58012, [1, 0, 0, 1, 0, 0])
    ])
  })

  it("Gold counts enrolled subjects only, and rates over the right denominators", async () => {
    const expected = {
      subjects_total: 12,
      subjects_enrolled: 7,
      randomized: 4,
      completed: 2,
      dropped: 3,
      active: 2,
      screen_failures: 3,
      // 3 failures of the 10 subjects whose screening ended; 4 of 7 enrolled randomized.
      screen_failure_rate: 0.3,
      randomization_rate: 0.5714,
      // Enrollment dates of the enrolled: 58006 (day 5) to 58012 (day 11).
      first_enrollment_date: "2024-01-06",
      last_enrollment_date: "2024-01-12"
    }
    expect(
      await rows(
        handle.warehouse(),
        `SELECT subjects_total, subjects_enrolled, randomized, completed, dropped, active, screen_failures,
                screen_failure_rate, randomization_rate, first_enrollment_date::text, last_enrollment_date::text
           FROM v_study_enrollment_summary WHERE source_instance_id = $1`,
        [instance]
      )
    ).toEqual([expected])
    expect(
      await rows(
        handle.warehouse(),
        `SELECT subjects_total, subjects_enrolled, subjects_randomized AS randomized, subjects_completed AS completed,
                subjects_dropped AS dropped, subjects_active AS active, screen_failure_rate, randomization_rate,
                dropout_rate, first_enrollment_date::text, last_enrollment_date::text
           FROM mv_study_performance_metrics WHERE source_instance_id = $1`,
        [instance]
      )
    ).toEqual([
      {
        subjects_total: 12,
        subjects_enrolled: 7,
        randomized: 4,
        completed: 2,
        dropped: 3,
        active: 2,
        screen_failure_rate: 0.3,
        randomization_rate: 0.5714,
        dropout_rate: 0.4286,
        first_enrollment_date: "2024-01-06",
        last_enrollment_date: "2024-01-12"
      }
    ])
  })
})
