/**
 * `fact_study_performance`: the periodic snapshot, one row per current study per day (the
 * transform's UTC date). Each transform recomputes today's rows from Silver (in full mode too:
 * earlier days are history and stay as they were); rows that did not change are not rewritten.
 *
 * Subjects (see `../subject-status.ts`): `subjects_enrolled` counts subjects enrolled ever
 * (not the prescreened, the screen failures or those still in screening); completed, dropped and
 * active are among them. Rates (4 decimals, NULL when the denominator is 0): screen failures /
 * (screen failures + enrolled), i.e. of the subjects whose screening ended; randomized / enrolled;
 * dropped / enrolled; completed due visits / due visits; on-time / visits whose timing is known.
 */
import type { FactSpec } from "../../merge/fact.js"
import { dateKey } from "../../sql/json.js"

const rate = (numerator: string, denominator: string) => `round(${numerator}::numeric / nullif(${denominator}, 0), 4)`

export const studyPerformanceFact: FactSpec = {
  table: "fact_study_performance",
  grain: ["study_id", "snapshot_date"],
  scope: "snapshot_date",
  scopeType: "date",
  alwaysScoped: true,
  columns: [
    "study_id",
    "snapshot_date",
    "snapshot_date_key",
    "study_key",
    "subjects_total",
    "subjects_enrolled",
    "subjects_screen_failed",
    "subjects_randomized",
    "subjects_completed",
    "subjects_dropped",
    "subjects_active",
    "visits_total",
    "visits_due",
    "visits_completed",
    "visits_on_time",
    "appointments_total",
    "appointments_no_show",
    "screen_failure_rate",
    "randomization_rate",
    "dropout_rate",
    "visit_completion_rate",
    "on_time_rate"
  ],
  candidates: (ctx) => [{ sql: `SELECT DISTINCT source_instance_id, ${ctx.sql.snapshotDate} FROM dim_studies` }],
  compute: (ctx) => `
WITH subjects AS (
  SELECT source_instance_id, study_id, count(*)::int AS total
  FROM dim_subjects WHERE is_current GROUP BY source_instance_id, study_id
), enrolled AS (
  SELECT source_instance_id, study_id, count(*) FILTER (WHERE is_enrolled)::int AS enrolled,
         count(*) FILTER (WHERE is_screen_failure)::int AS screen_failed,
         count(*) FILTER (WHERE is_randomized)::int AS randomized,
         count(*) FILTER (WHERE is_completed)::int AS completed,
         count(*) FILTER (WHERE is_dropped)::int AS dropped,
         count(*) FILTER (WHERE is_active)::int AS active
  FROM fact_enrollment GROUP BY source_instance_id, study_id
), visits AS (
  SELECT source_instance_id, study_id, count(*)::int AS total,
         count(*) FILTER (WHERE target_due_date::date <= ${ctx.sql.snapshotDate})::int AS due,
         count(*) FILTER (WHERE is_completed)::int AS completed,
         count(*) FILTER (WHERE is_completed AND target_due_date::date <= ${ctx.sql.snapshotDate})::int AS completed_due,
         count(*) FILTER (WHERE is_on_time)::int AS on_time,
         count(is_on_time)::int AS timed
  FROM fact_patient_visits GROUP BY source_instance_id, study_id
), appointments AS (
  SELECT source_instance_id, study_id, count(*)::int AS total, count(*) FILTER (WHERE is_no_show)::int AS no_show
  FROM fact_appointments GROUP BY source_instance_id, study_id
)
SELECT st.source_instance_id, st.study_id, c.k, ${dateKey("c.k")}, st.study_key,
       coalesce(su.total, 0), coalesce(en.enrolled, 0), coalesce(en.screen_failed, 0), coalesce(en.randomized, 0),
       coalesce(en.completed, 0), coalesce(en.dropped, 0), coalesce(en.active, 0),
       coalesce(vi.total, 0), coalesce(vi.due, 0), coalesce(vi.completed, 0), coalesce(vi.on_time, 0),
       coalesce(ap.total, 0), coalesce(ap.no_show, 0),
       ${rate("en.screen_failed", "en.screen_failed + en.enrolled")}, ${rate("en.randomized", "en.enrolled")},
       ${rate("en.dropped", "en.enrolled")}, ${rate("vi.completed_due", "vi.due")}, ${rate("vi.on_time", "vi.timed")}
FROM dim_studies AS st
JOIN ts_cand AS c ON c.source_instance_id = st.source_instance_id
LEFT JOIN subjects AS su ON su.source_instance_id = st.source_instance_id AND su.study_id = st.study_id
LEFT JOIN enrolled AS en ON en.source_instance_id = st.source_instance_id AND en.study_id = st.study_id
LEFT JOIN visits AS vi ON vi.source_instance_id = st.source_instance_id AND vi.study_id = st.study_id
LEFT JOIN appointments AS ap ON ap.source_instance_id = st.source_instance_id AND ap.study_id = st.study_id
WHERE st.is_current`
}
