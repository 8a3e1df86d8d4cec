-- Silver: fact_enrollment says whether the subject got enrolled (see the etl-core README, "Subject
-- statuses"); filled by the next transformation (transformVersion 2 runs in full).
ALTER TABLE "fact_enrollment" ADD COLUMN "is_enrolled" boolean DEFAULT false NOT NULL;
--> statement-breakpoint
-- Gold: enrolled means enrolled ever (not the prescreened, the screen failures or those still in
-- screening); the screen-failure rate is of the subjects whose screening ended; ages and
-- enrollment dates are of enrolled subjects.
CREATE OR REPLACE VIEW v_study_enrollment_summary AS
SELECT st.source_instance_id, st.study_id, st.name AS study_name, st.status AS study_status, st.phase,
       st.sponsor_name,
       coalesce(su.subjects_total, 0) AS subjects_total,
       (count(*) FILTER (WHERE e.is_enrolled))::int AS subjects_enrolled,
       (count(*) FILTER (WHERE e.is_screen_failure))::int AS screen_failures,
       (count(*) FILTER (WHERE e.is_randomized))::int AS randomized,
       (count(*) FILTER (WHERE e.is_completed))::int AS completed,
       (count(*) FILTER (WHERE e.is_dropped))::int AS dropped,
       (count(*) FILTER (WHERE e.is_active))::int AS active,
       round((count(*) FILTER (WHERE e.is_screen_failure))::numeric
             / nullif(count(*) FILTER (WHERE e.is_screen_failure OR e.is_enrolled), 0), 4) AS screen_failure_rate,
       round((count(*) FILTER (WHERE e.is_randomized))::numeric / nullif(count(*) FILTER (WHERE e.is_enrolled), 0), 4)
         AS randomization_rate,
       round(avg(e.age_at_enrollment) FILTER (WHERE e.is_enrolled), 1) AS avg_age_at_enrollment,
       round(avg(e.days_enrollment_to_randomization) FILTER (WHERE e.is_enrolled), 1) AS avg_days_to_randomization,
       (min(e.enrollment_date) FILTER (WHERE e.is_enrolled))::date AS first_enrollment_date,
       (max(e.enrollment_date) FILTER (WHERE e.is_enrolled))::date AS last_enrollment_date
FROM dim_studies AS st
LEFT JOIN (
  SELECT source_instance_id, study_id, count(*)::int AS subjects_total
  FROM dim_subjects WHERE is_current GROUP BY source_instance_id, study_id
) AS su ON su.source_instance_id = st.source_instance_id AND su.study_id = st.study_id
LEFT JOIN fact_enrollment AS e ON e.source_instance_id = st.source_instance_id AND e.study_id = st.study_id
WHERE st.is_current
GROUP BY st.source_instance_id, st.study_id, st.name, st.status, st.phase, st.sponsor_name, su.subjects_total;
--> statement-breakpoint
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
  FROM fact_enrollment WHERE is_enrolled GROUP BY source_instance_id, study_id
) AS en ON en.source_instance_id = st.source_instance_id AND en.study_id = st.study_id
WITH DATA;
--> statement-breakpoint
CREATE UNIQUE INDEX mv_study_performance_metrics_uq ON mv_study_performance_metrics (source_instance_id, study_id);
