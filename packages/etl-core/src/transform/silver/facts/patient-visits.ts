/**
 * `fact_patient_visits`: one row per patient visit (`PatientVisitPreview`). The actual visit
 * date is the earliest of its first completed appointment (listed inside the visit record) and
 * its first completed element (`dim_visit_elements_staging`, fanned out per visit), so a change
 * to either re-derives the visit. On time: completed, with the actual UTC date inside
 * [min_due_date, max_due_date]. Site and patient are the subject's, as of the due date.
 */
import { changedSince, type StepContext } from "../../context.js"
import { businessKeyOf } from "../../merge/dimension-spec.js"
import type { FactSpec } from "../../merge/fact.js"
import { asBusinessKey, asTimestamp, dateKey, field, jsonTextIn } from "../../sql/json.js"
import {
  patientsDimension,
  sitesDimension,
  studiesDimension,
  subjectsDimension,
  visitsDimension
} from "../dimensions.js"
import { changedStagingRows, factsReferencing, type1Row, versionAt } from "../lookups.js"

const table = "fact_patient_visits"
const staging = "dim_patient_visits_staging"
const elements = "dim_visit_elements_staging"

/**
 * A few visits (incremental): probe each visit's elements through the (instance, parent) index
 * instead of aggregating the whole element table, which a merge join would sort.
 */
const elementsOfVisit = `LEFT JOIN LATERAL (
  SELECT count(*)::int AS element_count, count(e.completed_at)::int AS completed_element_count,
         min(e.completed_at) AS first_completed_at
  FROM (
    SELECT ${field.timestamp("completedOn", "x")} AS completed_at FROM ${elements} AS x
    WHERE x.source_instance_id = v.source_instance_id AND x.parent_key = v.record_key
      AND x.parent_key <> '' AND NOT x.is_deleted
  ) AS e
) AS el ON true`

export const patientVisitsFact: FactSpec = {
  table,
  grain: ["patient_visit_id"],
  scope: "patient_visit_id",
  scopeType: "bigint",
  // What visit-element completions copy from their visit.
  propagates: ["subject_id", "study_id", "site_id", "subject_key", "study_key", "site_key", "target_due_date"],
  columns: [
    "patient_visit_id",
    "subject_id",
    "study_id",
    "site_id",
    "patient_id",
    "visit_id",
    "subject_key",
    "study_key",
    "site_key",
    "patient_key",
    "visit_key",
    "due_date_key",
    "window_start_date_key",
    "window_end_date_key",
    "actual_date_key",
    "visit_name",
    "sequence",
    "is_mandatory",
    "status",
    "target_due_date",
    "min_due_date",
    "max_due_date",
    "actual_visit_at",
    "appointment_count",
    "element_count",
    "completed_element_count",
    "is_completed",
    "is_on_time",
    "days_from_target"
  ],
  candidates: (ctx: StepContext) => [
    changedStagingRows(ctx, staging, businessKeyOf("s")),
    {
      sql: `SELECT s.source_instance_id, ${asBusinessKey("s.parent_key")} FROM ${elements} AS s
  WHERE ${changedSince(ctx, "s")} AND s.parent_key <> ''`
    },
    factsReferencing(table, "patient_visit_id", "subject_id", subjectsDimension, "f.target_due_date"),
    factsReferencing(table, "patient_visit_id", "study_id", studiesDimension, "f.target_due_date"),
    factsReferencing(table, "patient_visit_id", "site_id", sitesDimension),
    factsReferencing(table, "patient_visit_id", "patient_id", patientsDimension, "f.target_due_date"),
    factsReferencing(table, "patient_visit_id", "visit_id", visitsDimension, "f.target_due_date")
  ],
  compute: (_ctx, scoped) => `
WITH visit AS MATERIALIZED (
  SELECT s.source_instance_id, s.record_key, ${businessKeyOf("s")} AS patient_visit_id,
         ${field.id("subject.id")} AS subject_id, ${field.id("study.id")} AS study_id, ${field.id("visitId")} AS visit_id,
         ${field.text("visitName")} AS visit_name, ${field.integer("sequence")} AS sequence,
         ${field.boolean("mandatory")} AS is_mandatory, ${field.text("status")} AS status,
         ${field.timestamp("targetDueDate")} AS target_due_date, ${field.timestamp("minDueDate")} AS min_due_date,
         ${field.timestamp("maxDueDate")} AS max_due_date,
         CASE WHEN jsonb_typeof(s.data->'appointments') = 'array' THEN s.data->'appointments'
              WHEN jsonb_typeof(s.data->'Appointments') = 'array' THEN s.data->'Appointments'
              ELSE '[]'::jsonb END AS appointments
  FROM ${staging} AS s
  ${scoped ? "JOIN ts_cand AS c ON c.source_instance_id = s.source_instance_id AND s.record_key = c.k::text" : ""}
  WHERE NOT s.is_deleted
), element AS (
  SELECT e.source_instance_id, e.parent_key, count(*)::int AS element_count,
         count(e.completed_at)::int AS completed_element_count, min(e.completed_at) AS first_completed_at
  FROM (
    SELECT s.source_instance_id, s.parent_key, ${field.timestamp("completedOn")} AS completed_at
    FROM ${elements} AS s
    WHERE NOT s.is_deleted AND s.parent_key <> ''
  ) AS e
  GROUP BY e.source_instance_id, e.parent_key
)
SELECT v.source_instance_id, v.patient_visit_id, v.subject_id, v.study_id, sv.site_id, sv.patient_id, v.visit_id,
       sv.subject_key, st.study_key, si.site_key, pa.patient_key, vd.visit_key,
       ${dateKey("v.target_due_date")}, ${dateKey("v.min_due_date")}, ${dateKey("v.max_due_date")}, ${dateKey("a.actual")},
       v.visit_name, v.sequence, v.is_mandatory, v.status, v.target_due_date, v.min_due_date, v.max_due_date, a.actual,
       ap.appointment_count, coalesce(el.element_count, 0), coalesce(el.completed_element_count, 0),
       coalesce(v.status = 'Completed', false),
       CASE WHEN v.status = 'Completed' AND a.actual IS NOT NULL
             AND v.min_due_date IS NOT NULL AND v.max_due_date IS NOT NULL
            THEN a.actual::date BETWEEN v.min_due_date::date AND v.max_due_date::date END,
       a.actual::date - v.target_due_date::date
FROM visit AS v
${scoped ? elementsOfVisit : "LEFT JOIN element AS el ON el.source_instance_id = v.source_instance_id AND el.parent_key = v.record_key"}
CROSS JOIN LATERAL (
  SELECT count(*)::int AS appointment_count,
         min(${asTimestamp(jsonTextIn("a", "scheduledStart"))})
           FILTER (WHERE ${jsonTextIn("a", "status")} = 'Completed') AS first_completed_at
  FROM jsonb_array_elements(v.appointments) AS a
) AS ap
CROSS JOIN LATERAL (SELECT least(ap.first_completed_at, el.first_completed_at) AS actual) AS a
${versionAt(subjectsDimension, {
  alias: "sv",
  instance: "v.source_instance_id",
  id: "v.subject_id",
  at: "v.target_due_date",
  with: ["site_id", "patient_id"]
})}
${versionAt(studiesDimension, { alias: "st", instance: "v.source_instance_id", id: "v.study_id", at: "v.target_due_date" })}
${type1Row(sitesDimension, { alias: "si", instance: "v.source_instance_id", id: "sv.site_id" })}
${versionAt(patientsDimension, { alias: "pa", instance: "v.source_instance_id", id: "sv.patient_id", at: "v.target_due_date" })}
${versionAt(visitsDimension, { alias: "vd", instance: "v.source_instance_id", id: "v.visit_id", at: "v.target_due_date" })}
WHERE v.patient_visit_id IS NOT NULL`
}
