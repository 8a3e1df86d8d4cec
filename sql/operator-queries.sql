-- Queries the replaced system's operator scripts run against the control and staging tables.
-- The warehouse's shared driver suite (packages/warehouse/test/suite/existing-queries.ts) runs
-- every statement of this file, in order, against PostgreSQL and PGlite. Statements are
-- separated by blank lines; keep one statement per paragraph.

-- Register an instance: api_key holds where the key lives, never the key.
INSERT INTO dw_api_credentials (instance_name, base_url, api_key, is_active, description)
VALUES ('operator-script', 'https://cc.example.test', 'env:CC_API_KEY', true, 'added by an operator script')
ON CONFLICT (instance_name) DO NOTHING;

-- Add a job as the scripts write it: no id (the warehouse assigns one from 1000 up).
INSERT INTO dw_etl_jobs (name, source_endpoint, target_table, is_active, requires_parameters, batch_size, rate_limit_ms, source_instance_id)
VALUES ('Operator Sites', '/api/v1/sites', 'dim_sites_staging', true, false, 500, 100,
        (SELECT id FROM dw_api_credentials WHERE instance_name = 'operator-script'));

SELECT id, name, source_endpoint, target_table, is_active, requires_parameters, parameter_source_table,
       parameter_source_column, source_instance_id, last_run_at, last_run_status, last_run_records, description,
       created_at, updated_at, batch_size, rate_limit_ms, incremental_load, timestamp_field_name, load_mode, job_group
FROM dw_etl_jobs ORDER BY id;

SELECT id, name, source_endpoint, is_active, last_run_status FROM dw_etl_jobs ORDER BY id;

SELECT id, name, last_run_status, last_run_records, last_run_at FROM dw_etl_jobs WHERE target_table = 'dim_studies_staging';

SELECT id, job_id, run_status, records_loaded, error_message, started_at, completed_at, duration_seconds, parameters
FROM dw_etl_runs ORDER BY id DESC LIMIT 10;

SELECT run_status, records_loaded, error_message, started_at FROM dw_etl_runs WHERE job_id = 2 ORDER BY started_at DESC LIMIT 10;

SELECT id, instance_name, base_url, api_key, is_active, description, created_at, updated_at FROM dw_api_credentials ORDER BY id;

SELECT COUNT(*) FROM dim_studies_staging;

SELECT data FROM dim_studies_staging LIMIT 1;
