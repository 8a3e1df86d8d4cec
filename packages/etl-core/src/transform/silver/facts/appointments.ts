/**
 * `fact_appointments`: one row per appointment (`AppointmentViewModel`), with its planned
 * duration and outcome flags.
 */
import type { StepContext } from "../../context.js"
import { businessKeyOf } from "../../merge/dimension-spec.js"
import type { FactSpec } from "../../merge/fact.js"
import { dateKey, field } from "../../sql/json.js"
import { patientsDimension, sitesDimension, studiesDimension, visitsDimension } from "../dimensions.js"
import { changedStagingRows, factsReferencing, type1Row, versionAt } from "../lookups.js"

const table = "fact_appointments"
const staging = "dim_appointments_staging"

export const appointmentsFact: FactSpec = {
  table,
  grain: ["appointment_id"],
  scope: "appointment_id",
  scopeType: "bigint",
  columns: [
    "appointment_id",
    "study_id",
    "site_id",
    "patient_id",
    "visit_id",
    "study_key",
    "site_key",
    "patient_key",
    "visit_key",
    "planned_date_key",
    "status",
    "planned_start",
    "planned_end",
    "duration_minutes",
    "is_completed",
    "is_cancelled",
    "is_no_show"
  ],
  candidates: (ctx: StepContext) => [
    changedStagingRows(ctx, staging, businessKeyOf("s")),
    factsReferencing(table, "appointment_id", "study_id", studiesDimension, "f.planned_start"),
    factsReferencing(table, "appointment_id", "site_id", sitesDimension),
    factsReferencing(table, "appointment_id", "patient_id", patientsDimension, "f.planned_start"),
    factsReferencing(table, "appointment_id", "visit_id", visitsDimension, "f.planned_start")
  ],
  compute: (_ctx, scoped) => `
WITH a AS MATERIALIZED (
  SELECT s.source_instance_id, ${businessKeyOf("s")} AS appointment_id, ${field.id("study.id")} AS study_id,
         ${field.id("site.id")} AS site_id, ${field.id("patient.id")} AS patient_id, ${field.id("visit.id")} AS visit_id,
         ${field.text("status")} AS status, ${field.timestamp("plannedStart")} AS planned_start,
         ${field.timestamp("plannedEnd")} AS planned_end
  FROM ${staging} AS s
  ${scoped ? "JOIN ts_cand AS c ON c.source_instance_id = s.source_instance_id AND s.record_key = c.k::text" : ""}
  WHERE NOT s.is_deleted
)
SELECT a.source_instance_id, a.appointment_id, a.study_id, a.site_id, a.patient_id, a.visit_id,
       st.study_key, si.site_key, pa.patient_key, vd.visit_key, ${dateKey("a.planned_start")},
       a.status, a.planned_start, a.planned_end,
       CASE WHEN abs(extract(epoch FROM a.planned_end - a.planned_start)) < 1e11
            THEN round(extract(epoch FROM a.planned_end - a.planned_start) / 60)::int END,
       coalesce(a.status = 'Completed', false), coalesce(a.status = 'Cancelled', false),
       coalesce(a.status = 'NoShow', false)
FROM a
${versionAt(studiesDimension, { alias: "st", instance: "a.source_instance_id", id: "a.study_id", at: "a.planned_start" })}
${type1Row(sitesDimension, { alias: "si", instance: "a.source_instance_id", id: "a.site_id" })}
${versionAt(patientsDimension, { alias: "pa", instance: "a.source_instance_id", id: "a.patient_id", at: "a.planned_start" })}
${versionAt(visitsDimension, { alias: "vd", instance: "a.source_instance_id", id: "a.visit_id", at: "a.planned_start" })}
WHERE a.appointment_id IS NOT NULL`
}
