-- Silver: the date dimension (Type 0), 2000-01-01 to 2035-12-31, filled once.
INSERT INTO dim_date (date_key, full_date, year, quarter, month, month_name, year_month, day_of_month,
                      day_of_week, day_name, day_of_year, iso_week, is_weekend)
SELECT to_char(d, 'YYYYMMDD')::int, d::date, extract(year FROM d)::smallint, extract(quarter FROM d)::smallint,
       extract(month FROM d)::smallint, to_char(d, 'FMMonth'), to_char(d, 'YYYY-MM'), extract(day FROM d)::smallint,
       extract(isodow FROM d)::smallint, to_char(d, 'FMDay'), extract(doy FROM d)::smallint,
       extract(week FROM d)::smallint, extract(isodow FROM d) IN (6, 7)
FROM generate_series('2000-01-01'::timestamp, '2035-12-31'::timestamp, interval '1 day') AS g (d)
ON CONFLICT (date_key) DO NOTHING;
--> statement-breakpoint
-- Gold: enrollment per current study.
CREATE VIEW v_study_enrollment_summary AS
SELECT st.source_instance_id, st.study_id, st.name AS study_name, st.status AS study_status, st.phase,
       st.sponsor_name,
       coalesce(su.subjects_total, 0) AS subjects_total,
       count(e.subject_id)::int AS subjects_enrolled,
       (count(*) FILTER (WHERE e.is_screen_failure))::int AS screen_failures,
       (count(*) FILTER (WHERE e.is_randomized))::int AS randomized,
       (count(*) FILTER (WHERE e.is_completed))::int AS completed,
       (count(*) FILTER (WHERE e.is_dropped))::int AS dropped,
       (count(*) FILTER (WHERE e.is_active))::int AS active,
       round((count(*) FILTER (WHERE e.is_screen_failure))::numeric / nullif(count(e.subject_id), 0), 4) AS screen_failure_rate,
       round((count(*) FILTER (WHERE e.is_randomized))::numeric / nullif(count(e.subject_id), 0), 4) AS randomization_rate,
       round(avg(e.age_at_enrollment), 1) AS avg_age_at_enrollment,
       round(avg(e.days_enrollment_to_randomization), 1) AS avg_days_to_randomization,
       min(e.enrollment_date)::date AS first_enrollment_date,
       max(e.enrollment_date)::date AS last_enrollment_date
FROM dim_studies AS st
LEFT JOIN (
  SELECT source_instance_id, study_id, count(*)::int AS subjects_total
  FROM dim_subjects WHERE is_current GROUP BY source_instance_id, study_id
) AS su ON su.source_instance_id = st.source_instance_id AND su.study_id = st.study_id
LEFT JOIN fact_enrollment AS e ON e.source_instance_id = st.source_instance_id AND e.study_id = st.study_id
WHERE st.is_current
GROUP BY st.source_instance_id, st.study_id, st.name, st.status, st.phase, st.sponsor_name, su.subjects_total;
--> statement-breakpoint
-- Gold: current subjects per study and status.
CREATE VIEW v_subject_status_summary AS
SELECT s.source_instance_id, s.study_id, st.name AS study_name, s.status, count(*)::int AS subjects,
       round(count(*)::numeric / sum(count(*)) OVER (PARTITION BY s.source_instance_id, s.study_id), 4) AS share_of_study
FROM dim_subjects AS s
LEFT JOIN dim_studies AS st ON st.source_instance_id = s.source_instance_id AND st.study_id = s.study_id AND st.is_current
WHERE s.is_current
GROUP BY s.source_instance_id, s.study_id, st.name, s.status;
--> statement-breakpoint
-- Gold: every run of every job, newest first when ordered by started_at.
CREATE VIEW v_etl_job_history AS
SELECT r.id AS run_id, r.job_id, j.name AS job_name, j.category, j.target_table, r.run_status, r.trigger, r.attempt,
       r.started_at, r.completed_at,
       coalesce(r.duration_ms, (extract(epoch FROM r.completed_at - r.started_at) * 1000)::int) AS duration_ms,
       r.records_loaded, r.records_inserted, r.records_updated, r.records_unchanged, r.records_deleted,
       r.partitions_total, r.partitions_failed, r.error_message
FROM dw_etl_runs AS r
JOIN dw_etl_jobs AS j ON j.id = r.job_id;
--> statement-breakpoint
-- Gold: success rate per job, over all finished runs and over the last 30 days.
CREATE VIEW v_etl_job_success_rate AS
SELECT j.id AS job_id, j.name AS job_name, j.category, j.is_active,
       count(r.id)::int AS runs,
       (count(*) FILTER (WHERE r.run_status = 'success'))::int AS succeeded,
       (count(*) FILTER (WHERE r.run_status = 'partial'))::int AS partial,
       (count(*) FILTER (WHERE r.run_status = 'failed'))::int AS failed,
       (count(*) FILTER (WHERE r.run_status = 'cancelled'))::int AS cancelled,
       round((count(*) FILTER (WHERE r.run_status = 'success'))::numeric
             / nullif(count(*) FILTER (WHERE r.run_status <> 'running'), 0), 4) AS success_rate,
       (count(*) FILTER (WHERE r.started_at >= now() - interval '30 days'))::int AS runs_last_30_days,
       round((count(*) FILTER (WHERE r.run_status = 'success' AND r.started_at >= now() - interval '30 days'))::numeric
             / nullif(count(*) FILTER (WHERE r.run_status <> 'running' AND r.started_at >= now() - interval '30 days'), 0),
             4) AS success_rate_last_30_days,
       max(r.started_at) AS last_run_at,
       round(avg(r.duration_ms) FILTER (WHERE r.run_status = 'success'))::int AS avg_success_duration_ms
FROM dw_etl_jobs AS j
LEFT JOIN dw_etl_runs AS r ON r.job_id = j.id
GROUP BY j.id, j.name, j.category, j.is_active;
--> statement-breakpoint
-- Gold: freshness of every staging (Bronze) and Silver table, found in the catalog at query
-- time, so staging tables created later by ensureStagingTable are included.
CREATE FUNCTION dw_table_freshness()
RETURNS TABLE (layer text, table_name text, row_count bigint, current_rows bigint, last_loaded_at timestamptz, age interval)
LANGUAGE plpgsql STABLE AS $$
DECLARE
  t record;
BEGIN
  FOR t IN
    SELECT c.relname::text AS name,
           CASE WHEN c.relname LIKE '%\_staging' THEN 'bronze' ELSE 'silver' END AS layer,
           CASE WHEN c.relname LIKE '%\_staging' THEN 'loaded_at' ELSE 'etl_load_date' END AS load_column,
           CASE
             WHEN EXISTS (SELECT 1 FROM pg_attribute AS a WHERE a.attrelid = c.oid AND a.attname = 'is_current' AND NOT a.attisdropped)
               THEN 'is_current'
             WHEN EXISTS (SELECT 1 FROM pg_attribute AS a WHERE a.attrelid = c.oid AND a.attname = 'is_deleted' AND NOT a.attisdropped)
               THEN 'NOT is_deleted'
             ELSE 'true'
           END AS current_filter
    FROM pg_class AS c
    JOIN pg_namespace AS n ON n.oid = c.relnamespace
    WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')
      AND (
        (c.relname LIKE '%\_staging' AND EXISTS (
          SELECT 1 FROM pg_attribute AS a WHERE a.attrelid = c.oid AND a.attname = 'loaded_at' AND NOT a.attisdropped))
        OR ((c.relname LIKE 'dim\_%' OR c.relname LIKE 'fact\_%') AND c.relname NOT LIKE '%\_staging' AND EXISTS (
          SELECT 1 FROM pg_attribute AS a WHERE a.attrelid = c.oid AND a.attname = 'etl_load_date' AND NOT a.attisdropped))
      )
    ORDER BY 2, 1
  LOOP
    RETURN QUERY EXECUTE format(
      'SELECT %L::text, %L::text, count(*), count(*) FILTER (WHERE %s), max(%I), now() - max(%I) FROM %I',
      t.layer, t.name, t.current_filter, t.load_column, t.load_column, t.name);
  END LOOP;
END
$$;
--> statement-breakpoint
CREATE VIEW v_table_freshness AS
SELECT layer, table_name, row_count, current_rows, last_loaded_at, age FROM dw_table_freshness();
--> statement-breakpoint
-- Gold: visit compliance per study and site (due, completed, on time, late, overdue).
CREATE VIEW v_visit_compliance AS
SELECT f.source_instance_id, f.study_id, st.name AS study_name, f.site_id, si.name AS site_name,
       count(*)::int AS visits_total,
       (count(*) FILTER (WHERE f.target_due_date::date <= current_date))::int AS visits_due,
       (count(*) FILTER (WHERE f.is_completed))::int AS visits_completed,
       (count(*) FILTER (WHERE f.is_on_time))::int AS visits_on_time,
       (count(*) FILTER (WHERE f.is_on_time = false))::int AS visits_late,
       (count(*) FILTER (WHERE NOT f.is_completed AND f.max_due_date < now()))::int AS visits_overdue,
       round((count(*) FILTER (WHERE f.is_completed AND f.target_due_date::date <= current_date))::numeric
             / nullif(count(*) FILTER (WHERE f.target_due_date::date <= current_date), 0), 4) AS completion_rate,
       round((count(*) FILTER (WHERE f.is_on_time))::numeric / nullif(count(f.is_on_time), 0), 4) AS on_time_rate
FROM fact_patient_visits AS f
LEFT JOIN dim_studies AS st ON st.source_instance_id = f.source_instance_id AND st.study_id = f.study_id AND st.is_current
LEFT JOIN dim_sites AS si ON si.source_instance_id = f.source_instance_id AND si.site_id = f.site_id
GROUP BY f.source_instance_id, f.study_id, st.name, f.site_id, si.name;
--> statement-breakpoint
-- Gold: per-study performance, refreshed CONCURRENTLY by each transform that changed Silver
-- (the unique index makes that possible: readers are never blocked by a refresh).
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
FROM dim_studies AS st
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
WHERE st.is_current
WITH DATA;
--> statement-breakpoint
CREATE UNIQUE INDEX mv_study_performance_metrics_uq ON mv_study_performance_metrics (source_instance_id, study_id);
