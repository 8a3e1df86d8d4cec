-- Gold: mv_study_performance_metrics keeps one row per study whatever Silver holds, so its
-- unique index (needed by REFRESH ... CONCURRENTLY) can never fail a transformation.
DROP MATERIALIZED VIEW mv_study_performance_metrics;
--> statement-breakpoint
CREATE MATERIALIZED VIEW mv_study_performance_metrics AS
SELECT st.source_instance_id, st.study_id, st.name AS study_name, st.status AS study_status, st.phase, st.sponsor_name,
       sp.snapshot_date, coalesce(sp.subjects_total, 0) AS subjects_total,
       coalesce(sp.subjects_enrolled, 0) AS subjects_enrolled, coalesce(sp.subjects_randomized, 0) AS subjects_randomized,
       coalesce(sp.subjects_completed, 0) AS subjects_completed, coalesce(sp.subjects_dropped, 0) AS subjects_dropped,
       coalesce(sp.subjects_active, 0) AS subjects_active, sp.screen_failure_rate, sp.randomization_rate, sp.dropout_rate,
       coalesce(sp.visits_total, 0) AS visits_total, coalesce(sp.visits_due, 0) AS visits_due,
       coalesce(sp.visits_completed, 0) AS visits_completed, sp.visit_completion_rate, sp.on_time_rate,
       round(sp.appointments_no_show::numeric / nullif(sp.appointments_total, 0), 4) AS appointment_no_show_rate,
       en.avg_age_at_enrollment, en.avg_days_to_randomization, en.median_days_to_randomization,
       en.first_enrollment_date, en.last_enrollment_date
FROM (
  -- One row per study even if Silver holds two current versions of it (the
  -- duplicate_current_business_keys check reports that; the refresh must not fail on it).
  SELECT DISTINCT ON (source_instance_id, study_id) *
  FROM dim_studies WHERE is_current
  ORDER BY source_instance_id, study_id, effective_start_date DESC, study_key DESC
) AS st
LEFT JOIN LATERAL (
  SELECT * FROM fact_study_performance AS f
  WHERE f.source_instance_id = st.source_instance_id AND f.study_id = st.study_id
  ORDER BY f.snapshot_date DESC LIMIT 1
) AS sp ON true
LEFT JOIN (
  SELECT source_instance_id, study_id, round(avg(age_at_enrollment), 1) AS avg_age_at_enrollment,
         round(avg(days_enrollment_to_randomization), 1) AS avg_days_to_randomization,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY days_enrollment_to_randomization) AS median_days_to_randomization,
         min(enrollment_date)::date AS first_enrollment_date, max(enrollment_date)::date AS last_enrollment_date
  FROM fact_enrollment GROUP BY source_instance_id, study_id
) AS en ON en.source_instance_id = st.source_instance_id AND en.study_id = st.study_id
WITH DATA;
--> statement-breakpoint
CREATE UNIQUE INDEX mv_study_performance_metrics_uq ON mv_study_performance_metrics (source_instance_id, study_id);
