/**
 * `fact_enrollment`: one row per subject that entered the study (a live subject with an
 * enrollment date), whether or not it got enrolled: `is_enrolled` says whether it did. The
 * statuses are read through the mapping of `../subject-status.ts` (documented in the README):
 * enrolled = any enrolled, completed or dropped status event or current status, or a
 * randomization number; completed and dropped = such a status; a screen failure = a failure
 * status without enrollment; active = enrolled and neither completed nor dropped. Milestones are
 * the first event of each kind in `fact_subject_status_changes` (merged just before). Age at
 * enrollment uses the birth date the subject record carries; only the age is kept.
 */
import type { StepContext } from "../../context.js"
import { businessKeyOf } from "../../merge/dimension-spec.js"
import type { FactSpec } from "../../merge/fact.js"
import { dateKey, field } from "../../sql/json.js"
import {
  patientsDimension,
  sitesDimension,
  studiesDimension,
  studyArmsDimension,
  subjectsDimension
} from "../dimensions.js"
import { allChanged, changedStagingRows, factsReferencing, type1Row, versionAt } from "../lookups.js"
import { normalizedStatus, statusIn } from "../subject-status.js"

const table = "fact_enrollment"
const staging = "dim_subjects_staging"

const enrolled = `(e.enrolled_at IS NOT NULL OR e.randomized_at IS NOT NULL OR su.randomization_number IS NOT NULL
    OR coalesce(${statusIn("su.status", "enrolled", "completed", "dropped")}, false))`
const completed = `(e.completed_at IS NOT NULL OR coalesce(${statusIn("su.status", "completed")}, false))`
const dropped = `(e.dropped_at IS NOT NULL OR coalesce(${statusIn("su.status", "dropped")}, false))`
const screenFailed = `(NOT ${enrolled} AND (e.screen_failed_at IS NOT NULL OR coalesce(${statusIn("su.status", "screenFailure")}, false)))`

export const enrollmentFact: FactSpec = {
  table,
  grain: ["subject_id"],
  scope: "subject_id",
  scopeType: "bigint",
  columns: [
    "subject_id",
    "study_id",
    "site_id",
    "patient_id",
    "arm_id",
    "subject_key",
    "study_key",
    "site_key",
    "patient_key",
    "arm_key",
    "enrollment_date_key",
    "enrollment_date",
    "screened_at",
    "randomized_at",
    "completed_at",
    "dropped_at",
    "screen_failed_at",
    "current_status",
    "is_enrolled",
    "is_screen_failure",
    "is_randomized",
    "is_completed",
    "is_dropped",
    "is_active",
    "age_at_enrollment",
    "days_enrollment_to_screening",
    "days_screening_to_randomization",
    "days_enrollment_to_randomization",
    "days_randomization_to_completion"
  ],
  candidates: (ctx: StepContext) => [
    changedStagingRows(ctx, staging, businessKeyOf("s")),
    allChanged("fact_subject_status_changes", "k"),
    allChanged(subjectsDimension.table, "bk"),
    factsReferencing(table, "subject_id", "study_id", studiesDimension, "f.enrollment_date"),
    factsReferencing(table, "subject_id", "site_id", sitesDimension),
    factsReferencing(table, "subject_id", "patient_id", patientsDimension, "f.enrollment_date"),
    factsReferencing(table, "subject_id", "arm_id", studyArmsDimension, "coalesce(f.randomized_at, f.enrollment_date)")
  ],
  compute: (_ctx, scoped) => `
WITH subject AS MATERIALIZED (
  SELECT s.source_instance_id, ${businessKeyOf("s")} AS subject_id, ${field.id("study.id")} AS study_id,
         ${field.id("site.id")} AS site_id, ${field.id("patient.id")} AS patient_id, ${field.id("arm.Id")} AS arm_id,
         ${field.timestamp("enrollmentDate")} AS enrollment_date, ${field.timestamp("patient.dateOfBirth")} AS birth_date,
         ${field.text("status")} AS status, ${field.text("randomizationNumber")} AS randomization_number
  FROM ${staging} AS s
  ${scoped ? "JOIN ts_cand AS c ON c.source_instance_id = s.source_instance_id AND s.record_key = c.k::text" : ""}
  WHERE NOT s.is_deleted
), events AS (
  SELECT f.source_instance_id, f.subject_id,
         min(f.event_at) FILTER (WHERE ${normalizedStatus("f.status")} = 'screened') AS screened_at,
         min(f.event_at) FILTER (WHERE ${normalizedStatus("f.status")} = 'randomized') AS randomized_at,
         min(f.event_at) FILTER (WHERE ${statusIn("f.status", "completed")}) AS completed_at,
         min(f.event_at) FILTER (WHERE ${statusIn("f.status", "dropped")}) AS dropped_at,
         min(f.event_at) FILTER (WHERE ${statusIn("f.status", "screenFailure")}) AS screen_failed_at,
         min(f.event_at) FILTER (WHERE ${statusIn("f.status", "enrolled", "completed", "dropped")}) AS enrolled_at,
         (array_agg(f.status ORDER BY f.event_at DESC, f.status_record_key DESC))[1] AS last_status
  FROM fact_subject_status_changes AS f
  ${scoped ? "JOIN ts_cand AS c ON c.source_instance_id = f.source_instance_id AND c.k = f.subject_id" : ""}
  GROUP BY f.source_instance_id, f.subject_id
)
SELECT su.source_instance_id, su.subject_id, su.study_id, su.site_id, su.patient_id, su.arm_id,
       sv.subject_key, st.study_key, si.site_key, pa.patient_key, ar.arm_key,
       ${dateKey("su.enrollment_date")}, su.enrollment_date,
       e.screened_at, e.randomized_at, e.completed_at, e.dropped_at, e.screen_failed_at,
       coalesce(su.status, e.last_status),
       ${enrolled},
       ${screenFailed},
       e.randomized_at IS NOT NULL OR su.randomization_number IS NOT NULL,
       ${completed},
       ${dropped},
       ${enrolled} AND NOT ${completed} AND NOT ${dropped},
       extract(year FROM age(su.enrollment_date, su.birth_date))::int,
       e.screened_at::date - su.enrollment_date::date,
       e.randomized_at::date - e.screened_at::date,
       e.randomized_at::date - su.enrollment_date::date,
       e.completed_at::date - e.randomized_at::date
FROM subject AS su
LEFT JOIN events AS e ON e.source_instance_id = su.source_instance_id AND e.subject_id = su.subject_id
${versionAt(subjectsDimension, { alias: "sv", instance: "su.source_instance_id", id: "su.subject_id", at: "su.enrollment_date" })}
${versionAt(studiesDimension, { alias: "st", instance: "su.source_instance_id", id: "su.study_id", at: "su.enrollment_date" })}
${type1Row(sitesDimension, { alias: "si", instance: "su.source_instance_id", id: "su.site_id" })}
${versionAt(patientsDimension, { alias: "pa", instance: "su.source_instance_id", id: "su.patient_id", at: "su.enrollment_date" })}
${versionAt(studyArmsDimension, {
  alias: "ar",
  instance: "su.source_instance_id",
  id: "su.arm_id",
  at: "coalesce(e.randomized_at, su.enrollment_date)"
})}
WHERE su.subject_id IS NOT NULL AND su.enrollment_date IS NOT NULL`
}
