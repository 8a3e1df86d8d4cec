/**
 * `fact_visit_element_completions`: one row per element of a patient visit
 * (`PatientVisitElementPreview`, fanned out per visit). Subject, study and site come from the
 * visit's fact row (merged just before), so an element whose visit is gone from Silver is
 * treated as gone too: a fan-out never refetches the children of a deleted parent.
 */
import { propagatedKeysTable, type StepContext } from "../../context.js"
import { businessKeyOf } from "../../merge/dimension-spec.js"
import type { FactSpec } from "../../merge/fact.js"
import { asBusinessKey, dateKey, field } from "../../sql/json.js"
import { elementsDimension } from "../dimensions.js"
import { changedStagingRows, factsReferencing, versionAt } from "../lookups.js"

const table = "fact_visit_element_completions"
const staging = "dim_visit_elements_staging"
const visitChanges = propagatedKeysTable("fact_patient_visits")

export const visitElementCompletionsFact: FactSpec = {
  table,
  grain: ["patient_visit_element_id"],
  scope: "patient_visit_element_id",
  scopeType: "bigint",
  columns: [
    "patient_visit_element_id",
    "patient_visit_id",
    "element_id",
    "subject_id",
    "study_id",
    "site_id",
    "element_key",
    "subject_key",
    "study_key",
    "site_key",
    "completed_date_key",
    "element_name",
    "sequence",
    "is_required",
    "is_repeated_element",
    "is_completed",
    "completed_at",
    "duration_minutes"
  ],
  candidates: (ctx: StepContext) => [
    changedStagingRows(ctx, staging, businessKeyOf("s")),
    {
      // The children of visits that appeared, vanished, or changed a column copied here.
      sql: `SELECT s.source_instance_id, ${businessKeyOf("s")} FROM ${staging} AS s
  JOIN ${visitChanges} AS c ON c.source_instance_id = s.source_instance_id AND s.parent_key = c.k::text
  WHERE s.parent_key <> ''`,
      reads: visitChanges
    },
    factsReferencing(table, "patient_visit_element_id", "element_id", elementsDimension, "f.completed_at")
  ],
  compute: (_ctx, scoped) => `
WITH e AS MATERIALIZED (
  SELECT s.source_instance_id, ${businessKeyOf("s")} AS patient_visit_element_id,
         ${asBusinessKey("s.parent_key")} AS patient_visit_id, ${field.id("elementId")} AS element_id,
         ${field.text("name")} AS element_name, ${field.integer("sequence")} AS sequence,
         ${field.boolean("required")} AS is_required, ${field.boolean("isRepeatedElement")} AS is_repeated_element,
         ${field.timestamp("completedOn")} AS completed_at, ${field.integer("durationMinutes")} AS duration_minutes
  FROM ${staging} AS s
  ${scoped ? "JOIN ts_cand AS c ON c.source_instance_id = s.source_instance_id AND s.record_key = c.k::text" : ""}
  WHERE NOT s.is_deleted
)
SELECT e.source_instance_id, e.patient_visit_element_id, pv.patient_visit_id, e.element_id,
       pv.subject_id, pv.study_id, pv.site_id, el.element_key, pv.subject_key, pv.study_key, pv.site_key,
       ${dateKey("e.completed_at")}, e.element_name, e.sequence, e.is_required, e.is_repeated_element,
       e.completed_at IS NOT NULL, e.completed_at, e.duration_minutes
FROM e
JOIN fact_patient_visits AS pv ON pv.source_instance_id = e.source_instance_id AND pv.patient_visit_id = e.patient_visit_id
${versionAt(elementsDimension, {
  alias: "el",
  instance: "e.source_instance_id",
  id: "e.element_id",
  at: "coalesce(e.completed_at, pv.target_due_date)"
})}
WHERE e.patient_visit_element_id IS NOT NULL`
}
