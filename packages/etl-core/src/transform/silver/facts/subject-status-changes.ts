/**
 * `fact_subject_status_changes`: one row per subject status event (`SubjectStatusModel`, which
 * has no id: the staging key is `subject.id|status|eventDate`). Recomputed per subject, because
 * an event's previous status, sequence and days since the previous event depend on its siblings.
 * Events without a subject or a date are left out (`staging_rows_without_keys` reports them).
 *
 * Incrementally, rows are picked by the subject id that leads their staging key (the registry
 * keys them `subject.id|status|eventDate`), before their JSON is read.
 */
import type { StepContext } from "../../context.js"
import type { FactSpec } from "../../merge/fact.js"
import { dateKey, field } from "../../sql/json.js"
import { sitesDimension, studiesDimension, subjectsDimension } from "../dimensions.js"
import { allChanged, changedStagingRows, factsReferencing, type1Row, versionAt } from "../lookups.js"

const table = "fact_subject_status_changes"
const staging = "dim_subject_statuses_staging"

export const subjectStatusChangesFact: FactSpec = {
  table,
  grain: ["status_record_key"],
  scope: "subject_id",
  scopeType: "bigint",
  columns: [
    "status_record_key",
    "subject_id",
    "study_id",
    "site_id",
    "subject_key",
    "study_key",
    "site_key",
    "event_date_key",
    "status",
    "previous_status",
    "status_sequence",
    "is_current_status",
    "event_at",
    "days_since_previous_status"
  ],
  candidates: (ctx: StepContext) => [
    changedStagingRows(ctx, staging, field.id("subject.id")),
    allChanged(subjectsDimension.table, "bk"),
    factsReferencing(table, "subject_id", "study_id", studiesDimension, "f.event_at"),
    factsReferencing(table, "subject_id", "site_id", sitesDimension)
  ],
  compute: (_ctx, scoped) => `
WITH x AS MATERIALIZED (
  SELECT s.source_instance_id, s.record_key AS status_record_key, ${field.id("subject.id")} AS subject_id,
         ${field.id("study.id")} AS study_id, ${field.id("site.id")} AS site_id, ${field.text("status")} AS status,
         ${field.boolean("isCurrentStatus")} AS is_current_status, ${field.timestamp("eventDate")} AS event_at
  FROM ${staging} AS s
  WHERE NOT s.is_deleted${scoped ? `\n    AND split_part(s.record_key, '|', 1) IN (SELECT c.k::text FROM ts_cand AS c)` : ""}
)
SELECT x.source_instance_id, x.status_record_key, x.subject_id, x.study_id, x.site_id,
       sv.subject_key, st.study_key, si.site_key, ${dateKey("x.event_at")},
       x.status, lag(x.status) OVER w, (row_number() OVER w)::int, x.is_current_status, x.event_at,
       x.event_at::date - (lag(x.event_at) OVER w)::date
FROM x
${scoped ? "JOIN ts_cand AS c ON c.source_instance_id = x.source_instance_id AND c.k = x.subject_id" : ""}
${versionAt(subjectsDimension, { alias: "sv", instance: "x.source_instance_id", id: "x.subject_id", at: "x.event_at" })}
${versionAt(studiesDimension, { alias: "st", instance: "x.source_instance_id", id: "x.study_id", at: "x.event_at" })}
${type1Row(sitesDimension, { alias: "si", instance: "x.source_instance_id", id: "x.site_id" })}
WHERE x.subject_id IS NOT NULL AND x.event_at IS NOT NULL
WINDOW w AS (PARTITION BY x.source_instance_id, x.subject_id ORDER BY x.event_at, x.status_record_key)`
}
