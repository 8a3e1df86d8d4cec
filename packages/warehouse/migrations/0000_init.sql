CREATE TABLE "dw_api_credentials" (
	"id" serial PRIMARY KEY NOT NULL,
	"instance_name" text NOT NULL,
	"base_url" text NOT NULL,
	"api_key_header" text DEFAULT 'CCAPIKey' NOT NULL,
	"api_key_ref" text NOT NULL,
	"instance_uid" text,
	"instance_type" text,
	"is_active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dw_api_credentials_instance_name_unique" UNIQUE("instance_name")
);
--> statement-breakpoint
CREATE TABLE "dw_data_quality_results" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"transformation_run_id" integer,
	"check_name" text NOT NULL,
	"table_name" text NOT NULL,
	"severity" text DEFAULT 'error' NOT NULL,
	"passed" boolean NOT NULL,
	"failed_count" bigint DEFAULT 0 NOT NULL,
	"sample_keys" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"checked_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dw_etl_jobs" (
	"id" integer PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"source_endpoint" text NOT NULL,
	"original_endpoint" text,
	"target_table" text NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"is_parameterized" boolean DEFAULT false NOT NULL,
	"parameter_name" text,
	"parameter_source_table" text,
	"parameter_source_column" text,
	"category" text NOT NULL,
	"catalog_status" text NOT NULL,
	"status_reason" text,
	"parameters" jsonb,
	"depends_on" integer[] DEFAULT '{}'::integer[] NOT NULL,
	"change_field" text,
	"schedule" text,
	"timeout_seconds" integer,
	"page_size" integer,
	"last_run_id" integer,
	"last_run_status" text,
	"last_run_records" integer,
	"last_run_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dw_etl_jobs_catalog_status_check" CHECK ("dw_etl_jobs"."catalog_status" in ('valid', 'fixed', 'disabled', 'not-in-spec'))
);
--> statement-breakpoint
CREATE TABLE "dw_etl_parent_state" (
	"job_id" integer NOT NULL,
	"source_instance_id" integer NOT NULL,
	"parent_key" text NOT NULL,
	"parent_hash" text NOT NULL,
	"last_run_id" integer,
	"last_fetched_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dw_etl_parent_state_job_id_source_instance_id_parent_key_pk" PRIMARY KEY("job_id","source_instance_id","parent_key")
);
--> statement-breakpoint
CREATE TABLE "dw_etl_partitions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"run_id" integer NOT NULL,
	"job_id" integer NOT NULL,
	"parent_key" text NOT NULL,
	"params" jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"pages" integer DEFAULT 0 NOT NULL,
	"records" integer DEFAULT 0 NOT NULL,
	"checkpoint" jsonb,
	"attempts" integer DEFAULT 0 NOT NULL,
	"error_message" text,
	"started_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	CONSTRAINT "dw_etl_partitions_status_check" CHECK ("dw_etl_partitions"."status" in ('pending', 'running', 'done', 'failed', 'skipped'))
);
--> statement-breakpoint
CREATE TABLE "dw_etl_runs" (
	"id" serial PRIMARY KEY NOT NULL,
	"job_id" integer NOT NULL,
	"group_id" uuid,
	"source_instance_id" integer,
	"run_status" text DEFAULT 'running' NOT NULL,
	"trigger" text DEFAULT 'cli' NOT NULL,
	"attempt" integer DEFAULT 1 NOT NULL,
	"retry_of" integer,
	"parameters" jsonb,
	"run_context" jsonb,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"completed_at" timestamp with time zone,
	"duration_ms" integer,
	"records_loaded" integer DEFAULT 0 NOT NULL,
	"records_inserted" integer DEFAULT 0 NOT NULL,
	"records_updated" integer DEFAULT 0 NOT NULL,
	"records_unchanged" integer DEFAULT 0 NOT NULL,
	"records_deleted" integer DEFAULT 0 NOT NULL,
	"pages" integer DEFAULT 0 NOT NULL,
	"requests" integer DEFAULT 0 NOT NULL,
	"partitions_total" integer DEFAULT 0 NOT NULL,
	"partitions_done" integer DEFAULT 0 NOT NULL,
	"partitions_failed" integer DEFAULT 0 NOT NULL,
	"partitions_skipped" integer DEFAULT 0 NOT NULL,
	"watermark" text,
	"error_message" text,
	CONSTRAINT "dw_etl_runs_run_status_check" CHECK ("dw_etl_runs"."run_status" in ('running', 'success', 'partial', 'failed', 'cancelled'))
);
--> statement-breakpoint
CREATE TABLE "dw_etl_seen_keys" (
	"run_id" integer NOT NULL,
	"table_name" text NOT NULL,
	"source_instance_id" integer NOT NULL,
	"parent_key" text DEFAULT '' NOT NULL,
	"record_key" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dw_transformation_runs" (
	"id" serial PRIMARY KEY NOT NULL,
	"mode" text NOT NULL,
	"run_status" text DEFAULT 'running' NOT NULL,
	"since_timestamp" timestamp with time zone,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"completed_at" timestamp with time zone,
	"duration_ms" integer,
	"stats" jsonb,
	"error_message" text,
	CONSTRAINT "dw_transformation_runs_status_check" CHECK ("dw_transformation_runs"."run_status" in ('running', 'success', 'partial', 'failed', 'cancelled'))
);
--> statement-breakpoint
CREATE TABLE "dim_sites_staging" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"data" jsonb NOT NULL,
	"source_instance_id" integer NOT NULL,
	"source_id" text,
	"record_key" text NOT NULL,
	"parent_key" text DEFAULT '' NOT NULL,
	"content_hash" text NOT NULL,
	"etl_job_id" integer,
	"etl_run_id" integer,
	"loaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"is_deleted" boolean DEFAULT false NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "dim_studies_staging" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"data" jsonb NOT NULL,
	"source_instance_id" integer NOT NULL,
	"source_id" text,
	"record_key" text NOT NULL,
	"parent_key" text DEFAULT '' NOT NULL,
	"content_hash" text NOT NULL,
	"etl_job_id" integer,
	"etl_run_id" integer,
	"loaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"is_deleted" boolean DEFAULT false NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "dim_patients_staging" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"data" jsonb NOT NULL,
	"source_instance_id" integer NOT NULL,
	"source_id" text,
	"record_key" text NOT NULL,
	"parent_key" text DEFAULT '' NOT NULL,
	"content_hash" text NOT NULL,
	"etl_job_id" integer,
	"etl_run_id" integer,
	"loaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"is_deleted" boolean DEFAULT false NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "dim_users_staging" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"data" jsonb NOT NULL,
	"source_instance_id" integer NOT NULL,
	"source_id" text,
	"record_key" text NOT NULL,
	"parent_key" text DEFAULT '' NOT NULL,
	"content_hash" text NOT NULL,
	"etl_job_id" integer,
	"etl_run_id" integer,
	"loaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"is_deleted" boolean DEFAULT false NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "dim_roles_staging" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"data" jsonb NOT NULL,
	"source_instance_id" integer NOT NULL,
	"source_id" text,
	"record_key" text NOT NULL,
	"parent_key" text DEFAULT '' NOT NULL,
	"content_hash" text NOT NULL,
	"etl_job_id" integer,
	"etl_run_id" integer,
	"loaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"is_deleted" boolean DEFAULT false NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "dim_departments_staging" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"data" jsonb NOT NULL,
	"source_instance_id" integer NOT NULL,
	"source_id" text,
	"record_key" text NOT NULL,
	"parent_key" text DEFAULT '' NOT NULL,
	"content_hash" text NOT NULL,
	"etl_job_id" integer,
	"etl_run_id" integer,
	"loaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"is_deleted" boolean DEFAULT false NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "dim_audits_staging" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"data" jsonb NOT NULL,
	"source_instance_id" integer NOT NULL,
	"source_id" text,
	"record_key" text NOT NULL,
	"parent_key" text DEFAULT '' NOT NULL,
	"content_hash" text NOT NULL,
	"etl_job_id" integer,
	"etl_run_id" integer,
	"loaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"is_deleted" boolean DEFAULT false NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "dim_elements_staging" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"data" jsonb NOT NULL,
	"source_instance_id" integer NOT NULL,
	"source_id" text,
	"record_key" text NOT NULL,
	"parent_key" text DEFAULT '' NOT NULL,
	"content_hash" text NOT NULL,
	"etl_job_id" integer,
	"etl_run_id" integer,
	"loaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"is_deleted" boolean DEFAULT false NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "dim_patient_visits_staging" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"data" jsonb NOT NULL,
	"source_instance_id" integer NOT NULL,
	"source_id" text,
	"record_key" text NOT NULL,
	"parent_key" text DEFAULT '' NOT NULL,
	"content_hash" text NOT NULL,
	"etl_job_id" integer,
	"etl_run_id" integer,
	"loaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"is_deleted" boolean DEFAULT false NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "dim_subjects_staging" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"data" jsonb NOT NULL,
	"source_instance_id" integer NOT NULL,
	"source_id" text,
	"record_key" text NOT NULL,
	"parent_key" text DEFAULT '' NOT NULL,
	"content_hash" text NOT NULL,
	"etl_job_id" integer,
	"etl_run_id" integer,
	"loaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"is_deleted" boolean DEFAULT false NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "dim_visits_staging" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"data" jsonb NOT NULL,
	"source_instance_id" integer NOT NULL,
	"source_id" text,
	"record_key" text NOT NULL,
	"parent_key" text DEFAULT '' NOT NULL,
	"content_hash" text NOT NULL,
	"etl_job_id" integer,
	"etl_run_id" integer,
	"loaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"is_deleted" boolean DEFAULT false NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "dim_forms_staging" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"data" jsonb NOT NULL,
	"source_instance_id" integer NOT NULL,
	"source_id" text,
	"record_key" text NOT NULL,
	"parent_key" text DEFAULT '' NOT NULL,
	"content_hash" text NOT NULL,
	"etl_job_id" integer,
	"etl_run_id" integer,
	"loaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"is_deleted" boolean DEFAULT false NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "dim_study_documents_staging" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"data" jsonb NOT NULL,
	"source_instance_id" integer NOT NULL,
	"source_id" text,
	"record_key" text NOT NULL,
	"parent_key" text DEFAULT '' NOT NULL,
	"content_hash" text NOT NULL,
	"etl_job_id" integer,
	"etl_run_id" integer,
	"loaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"is_deleted" boolean DEFAULT false NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "dim_screenings_staging" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"data" jsonb NOT NULL,
	"source_instance_id" integer NOT NULL,
	"source_id" text,
	"record_key" text NOT NULL,
	"parent_key" text DEFAULT '' NOT NULL,
	"content_hash" text NOT NULL,
	"etl_job_id" integer,
	"etl_run_id" integer,
	"loaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"is_deleted" boolean DEFAULT false NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "dim_enrollments_staging" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"data" jsonb NOT NULL,
	"source_instance_id" integer NOT NULL,
	"source_id" text,
	"record_key" text NOT NULL,
	"parent_key" text DEFAULT '' NOT NULL,
	"content_hash" text NOT NULL,
	"etl_job_id" integer,
	"etl_run_id" integer,
	"loaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"is_deleted" boolean DEFAULT false NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "dim_randomizations_staging" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"data" jsonb NOT NULL,
	"source_instance_id" integer NOT NULL,
	"source_id" text,
	"record_key" text NOT NULL,
	"parent_key" text DEFAULT '' NOT NULL,
	"content_hash" text NOT NULL,
	"etl_job_id" integer,
	"etl_run_id" integer,
	"loaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"is_deleted" boolean DEFAULT false NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "dim_withdrawals_staging" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"data" jsonb NOT NULL,
	"source_instance_id" integer NOT NULL,
	"source_id" text,
	"record_key" text NOT NULL,
	"parent_key" text DEFAULT '' NOT NULL,
	"content_hash" text NOT NULL,
	"etl_job_id" integer,
	"etl_run_id" integer,
	"loaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"is_deleted" boolean DEFAULT false NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "dim_protocol_deviations_staging" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"data" jsonb NOT NULL,
	"source_instance_id" integer NOT NULL,
	"source_id" text,
	"record_key" text NOT NULL,
	"parent_key" text DEFAULT '' NOT NULL,
	"content_hash" text NOT NULL,
	"etl_job_id" integer,
	"etl_run_id" integer,
	"loaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"is_deleted" boolean DEFAULT false NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "dim_adverse_events_staging" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"data" jsonb NOT NULL,
	"source_instance_id" integer NOT NULL,
	"source_id" text,
	"record_key" text NOT NULL,
	"parent_key" text DEFAULT '' NOT NULL,
	"content_hash" text NOT NULL,
	"etl_job_id" integer,
	"etl_run_id" integer,
	"loaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"is_deleted" boolean DEFAULT false NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "dim_concomitant_medications_staging" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"data" jsonb NOT NULL,
	"source_instance_id" integer NOT NULL,
	"source_id" text,
	"record_key" text NOT NULL,
	"parent_key" text DEFAULT '' NOT NULL,
	"content_hash" text NOT NULL,
	"etl_job_id" integer,
	"etl_run_id" integer,
	"loaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"is_deleted" boolean DEFAULT false NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "dim_lab_results_staging" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"data" jsonb NOT NULL,
	"source_instance_id" integer NOT NULL,
	"source_id" text,
	"record_key" text NOT NULL,
	"parent_key" text DEFAULT '' NOT NULL,
	"content_hash" text NOT NULL,
	"etl_job_id" integer,
	"etl_run_id" integer,
	"loaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"is_deleted" boolean DEFAULT false NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "dim_vitals_staging" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"data" jsonb NOT NULL,
	"source_instance_id" integer NOT NULL,
	"source_id" text,
	"record_key" text NOT NULL,
	"parent_key" text DEFAULT '' NOT NULL,
	"content_hash" text NOT NULL,
	"etl_job_id" integer,
	"etl_run_id" integer,
	"loaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"is_deleted" boolean DEFAULT false NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "dim_queries_staging" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"data" jsonb NOT NULL,
	"source_instance_id" integer NOT NULL,
	"source_id" text,
	"record_key" text NOT NULL,
	"parent_key" text DEFAULT '' NOT NULL,
	"content_hash" text NOT NULL,
	"etl_job_id" integer,
	"etl_run_id" integer,
	"loaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"is_deleted" boolean DEFAULT false NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "dim_patient_visit_elements_staging" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"data" jsonb NOT NULL,
	"source_instance_id" integer NOT NULL,
	"source_id" text,
	"record_key" text NOT NULL,
	"parent_key" text DEFAULT '' NOT NULL,
	"content_hash" text NOT NULL,
	"etl_job_id" integer,
	"etl_run_id" integer,
	"loaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"is_deleted" boolean DEFAULT false NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "dim_appointments_staging" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"data" jsonb NOT NULL,
	"source_instance_id" integer NOT NULL,
	"source_id" text,
	"record_key" text NOT NULL,
	"parent_key" text DEFAULT '' NOT NULL,
	"content_hash" text NOT NULL,
	"etl_job_id" integer,
	"etl_run_id" integer,
	"loaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"is_deleted" boolean DEFAULT false NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "dim_staff_staging" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"data" jsonb NOT NULL,
	"source_instance_id" integer NOT NULL,
	"source_id" text,
	"record_key" text NOT NULL,
	"parent_key" text DEFAULT '' NOT NULL,
	"content_hash" text NOT NULL,
	"etl_job_id" integer,
	"etl_run_id" integer,
	"loaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"is_deleted" boolean DEFAULT false NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "dim_study_actions_staging" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"data" jsonb NOT NULL,
	"source_instance_id" integer NOT NULL,
	"source_id" text,
	"record_key" text NOT NULL,
	"parent_key" text DEFAULT '' NOT NULL,
	"content_hash" text NOT NULL,
	"etl_job_id" integer,
	"etl_run_id" integer,
	"loaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"is_deleted" boolean DEFAULT false NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "fact_study_milestones_staging" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"data" jsonb NOT NULL,
	"source_instance_id" integer NOT NULL,
	"source_id" text,
	"record_key" text NOT NULL,
	"parent_key" text DEFAULT '' NOT NULL,
	"content_hash" text NOT NULL,
	"etl_job_id" integer,
	"etl_run_id" integer,
	"loaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"is_deleted" boolean DEFAULT false NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "fact_study_documents_staging" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"data" jsonb NOT NULL,
	"source_instance_id" integer NOT NULL,
	"source_id" text,
	"record_key" text NOT NULL,
	"parent_key" text DEFAULT '' NOT NULL,
	"content_hash" text NOT NULL,
	"etl_job_id" integer,
	"etl_run_id" integer,
	"loaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"is_deleted" boolean DEFAULT false NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "dim_monitor_queries_staging" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"data" jsonb NOT NULL,
	"source_instance_id" integer NOT NULL,
	"source_id" text,
	"record_key" text NOT NULL,
	"parent_key" text DEFAULT '' NOT NULL,
	"content_hash" text NOT NULL,
	"etl_job_id" integer,
	"etl_run_id" integer,
	"loaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"is_deleted" boolean DEFAULT false NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "dim_engagements_staging" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"data" jsonb NOT NULL,
	"source_instance_id" integer NOT NULL,
	"source_id" text,
	"record_key" text NOT NULL,
	"parent_key" text DEFAULT '' NOT NULL,
	"content_hash" text NOT NULL,
	"etl_job_id" integer,
	"etl_run_id" integer,
	"loaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"is_deleted" boolean DEFAULT false NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "dim_providers_staging" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"data" jsonb NOT NULL,
	"source_instance_id" integer NOT NULL,
	"source_id" text,
	"record_key" text NOT NULL,
	"parent_key" text DEFAULT '' NOT NULL,
	"content_hash" text NOT NULL,
	"etl_job_id" integer,
	"etl_run_id" integer,
	"loaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"is_deleted" boolean DEFAULT false NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "dim_rooms_staging" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"data" jsonb NOT NULL,
	"source_instance_id" integer NOT NULL,
	"source_id" text,
	"record_key" text NOT NULL,
	"parent_key" text DEFAULT '' NOT NULL,
	"content_hash" text NOT NULL,
	"etl_job_id" integer,
	"etl_run_id" integer,
	"loaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"is_deleted" boolean DEFAULT false NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "dim_schedules_staging" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"data" jsonb NOT NULL,
	"source_instance_id" integer NOT NULL,
	"source_id" text,
	"record_key" text NOT NULL,
	"parent_key" text DEFAULT '' NOT NULL,
	"content_hash" text NOT NULL,
	"etl_job_id" integer,
	"etl_run_id" integer,
	"loaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"is_deleted" boolean DEFAULT false NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "dim_sponsors_staging" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"data" jsonb NOT NULL,
	"source_instance_id" integer NOT NULL,
	"source_id" text,
	"record_key" text NOT NULL,
	"parent_key" text DEFAULT '' NOT NULL,
	"content_hash" text NOT NULL,
	"etl_job_id" integer,
	"etl_run_id" integer,
	"loaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"is_deleted" boolean DEFAULT false NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "dim_system_allergies_staging" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"data" jsonb NOT NULL,
	"source_instance_id" integer NOT NULL,
	"source_id" text,
	"record_key" text NOT NULL,
	"parent_key" text DEFAULT '' NOT NULL,
	"content_hash" text NOT NULL,
	"etl_job_id" integer,
	"etl_run_id" integer,
	"loaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"is_deleted" boolean DEFAULT false NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "dim_system_conditions_staging" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"data" jsonb NOT NULL,
	"source_instance_id" integer NOT NULL,
	"source_id" text,
	"record_key" text NOT NULL,
	"parent_key" text DEFAULT '' NOT NULL,
	"content_hash" text NOT NULL,
	"etl_job_id" integer,
	"etl_run_id" integer,
	"loaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"is_deleted" boolean DEFAULT false NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "dim_system_medications_staging" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"data" jsonb NOT NULL,
	"source_instance_id" integer NOT NULL,
	"source_id" text,
	"record_key" text NOT NULL,
	"parent_key" text DEFAULT '' NOT NULL,
	"content_hash" text NOT NULL,
	"etl_job_id" integer,
	"etl_run_id" integer,
	"loaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"is_deleted" boolean DEFAULT false NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "dim_system_procedures_staging" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"data" jsonb NOT NULL,
	"source_instance_id" integer NOT NULL,
	"source_id" text,
	"record_key" text NOT NULL,
	"parent_key" text DEFAULT '' NOT NULL,
	"content_hash" text NOT NULL,
	"etl_job_id" integer,
	"etl_run_id" integer,
	"loaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"is_deleted" boolean DEFAULT false NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "dim_system_immunizations_staging" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"data" jsonb NOT NULL,
	"source_instance_id" integer NOT NULL,
	"source_id" text,
	"record_key" text NOT NULL,
	"parent_key" text DEFAULT '' NOT NULL,
	"content_hash" text NOT NULL,
	"etl_job_id" integer,
	"etl_run_id" integer,
	"loaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"is_deleted" boolean DEFAULT false NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "dim_system_devices_staging" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"data" jsonb NOT NULL,
	"source_instance_id" integer NOT NULL,
	"source_id" text,
	"record_key" text NOT NULL,
	"parent_key" text DEFAULT '' NOT NULL,
	"content_hash" text NOT NULL,
	"etl_job_id" integer,
	"etl_run_id" integer,
	"loaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"is_deleted" boolean DEFAULT false NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "dim_system_social_history_staging" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"data" jsonb NOT NULL,
	"source_instance_id" integer NOT NULL,
	"source_id" text,
	"record_key" text NOT NULL,
	"parent_key" text DEFAULT '' NOT NULL,
	"content_hash" text NOT NULL,
	"etl_job_id" integer,
	"etl_run_id" integer,
	"loaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"is_deleted" boolean DEFAULT false NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "dim_subject_statuses_staging" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"data" jsonb NOT NULL,
	"source_instance_id" integer NOT NULL,
	"source_id" text,
	"record_key" text NOT NULL,
	"parent_key" text DEFAULT '' NOT NULL,
	"content_hash" text NOT NULL,
	"etl_job_id" integer,
	"etl_run_id" integer,
	"loaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"is_deleted" boolean DEFAULT false NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "dim_system_document_types_staging" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"data" jsonb NOT NULL,
	"source_instance_id" integer NOT NULL,
	"source_id" text,
	"record_key" text NOT NULL,
	"parent_key" text DEFAULT '' NOT NULL,
	"content_hash" text NOT NULL,
	"etl_job_id" integer,
	"etl_run_id" integer,
	"loaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"is_deleted" boolean DEFAULT false NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "dim_system_action_categories_staging" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"data" jsonb NOT NULL,
	"source_instance_id" integer NOT NULL,
	"source_id" text,
	"record_key" text NOT NULL,
	"parent_key" text DEFAULT '' NOT NULL,
	"content_hash" text NOT NULL,
	"etl_job_id" integer,
	"etl_run_id" integer,
	"loaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"is_deleted" boolean DEFAULT false NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "dim_system_study_categories_staging" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"data" jsonb NOT NULL,
	"source_instance_id" integer NOT NULL,
	"source_id" text,
	"record_key" text NOT NULL,
	"parent_key" text DEFAULT '' NOT NULL,
	"content_hash" text NOT NULL,
	"etl_job_id" integer,
	"etl_run_id" integer,
	"loaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"is_deleted" boolean DEFAULT false NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "dim_system_study_subcategories_staging" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"data" jsonb NOT NULL,
	"source_instance_id" integer NOT NULL,
	"source_id" text,
	"record_key" text NOT NULL,
	"parent_key" text DEFAULT '' NOT NULL,
	"content_hash" text NOT NULL,
	"etl_job_id" integer,
	"etl_run_id" integer,
	"loaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"is_deleted" boolean DEFAULT false NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "dim_system_study_statuses_staging" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"data" jsonb NOT NULL,
	"source_instance_id" integer NOT NULL,
	"source_id" text,
	"record_key" text NOT NULL,
	"parent_key" text DEFAULT '' NOT NULL,
	"content_hash" text NOT NULL,
	"etl_job_id" integer,
	"etl_run_id" integer,
	"loaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"is_deleted" boolean DEFAULT false NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "dim_system_lookup_lists_staging" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"data" jsonb NOT NULL,
	"source_instance_id" integer NOT NULL,
	"source_id" text,
	"record_key" text NOT NULL,
	"parent_key" text DEFAULT '' NOT NULL,
	"content_hash" text NOT NULL,
	"etl_job_id" integer,
	"etl_run_id" integer,
	"loaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"is_deleted" boolean DEFAULT false NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "dim_system_patient_customfields_staging" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"data" jsonb NOT NULL,
	"source_instance_id" integer NOT NULL,
	"source_id" text,
	"record_key" text NOT NULL,
	"parent_key" text DEFAULT '' NOT NULL,
	"content_hash" text NOT NULL,
	"etl_job_id" integer,
	"etl_run_id" integer,
	"loaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"is_deleted" boolean DEFAULT false NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "dim_system_study_customfields_staging" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"data" jsonb NOT NULL,
	"source_instance_id" integer NOT NULL,
	"source_id" text,
	"record_key" text NOT NULL,
	"parent_key" text DEFAULT '' NOT NULL,
	"content_hash" text NOT NULL,
	"etl_job_id" integer,
	"etl_run_id" integer,
	"loaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"is_deleted" boolean DEFAULT false NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "dim_system_organizations_staging" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"data" jsonb NOT NULL,
	"source_instance_id" integer NOT NULL,
	"source_id" text,
	"record_key" text NOT NULL,
	"parent_key" text DEFAULT '' NOT NULL,
	"content_hash" text NOT NULL,
	"etl_job_id" integer,
	"etl_run_id" integer,
	"loaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"is_deleted" boolean DEFAULT false NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "dim_sponsor_divisions_staging" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"data" jsonb NOT NULL,
	"source_instance_id" integer NOT NULL,
	"source_id" text,
	"record_key" text NOT NULL,
	"parent_key" text DEFAULT '' NOT NULL,
	"content_hash" text NOT NULL,
	"etl_job_id" integer,
	"etl_run_id" integer,
	"loaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"is_deleted" boolean DEFAULT false NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "dim_sponsor_teams_staging" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"data" jsonb NOT NULL,
	"source_instance_id" integer NOT NULL,
	"source_id" text,
	"record_key" text NOT NULL,
	"parent_key" text DEFAULT '' NOT NULL,
	"content_hash" text NOT NULL,
	"etl_job_id" integer,
	"etl_run_id" integer,
	"loaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"is_deleted" boolean DEFAULT false NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "dim_monitors_staging" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"data" jsonb NOT NULL,
	"source_instance_id" integer NOT NULL,
	"source_id" text,
	"record_key" text NOT NULL,
	"parent_key" text DEFAULT '' NOT NULL,
	"content_hash" text NOT NULL,
	"etl_job_id" integer,
	"etl_run_id" integer,
	"loaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"is_deleted" boolean DEFAULT false NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "dim_room_groups_staging" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"data" jsonb NOT NULL,
	"source_instance_id" integer NOT NULL,
	"source_id" text,
	"record_key" text NOT NULL,
	"parent_key" text DEFAULT '' NOT NULL,
	"content_hash" text NOT NULL,
	"etl_job_id" integer,
	"etl_run_id" integer,
	"loaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"is_deleted" boolean DEFAULT false NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "dim_study_arms_staging" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"data" jsonb NOT NULL,
	"source_instance_id" integer NOT NULL,
	"source_id" text,
	"record_key" text NOT NULL,
	"parent_key" text DEFAULT '' NOT NULL,
	"content_hash" text NOT NULL,
	"etl_job_id" integer,
	"etl_run_id" integer,
	"loaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"is_deleted" boolean DEFAULT false NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "dim_study_protocol_versions_staging" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"data" jsonb NOT NULL,
	"source_instance_id" integer NOT NULL,
	"source_id" text,
	"record_key" text NOT NULL,
	"parent_key" text DEFAULT '' NOT NULL,
	"content_hash" text NOT NULL,
	"etl_job_id" integer,
	"etl_run_id" integer,
	"loaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"is_deleted" boolean DEFAULT false NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "dim_study_roles_staging" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"data" jsonb NOT NULL,
	"source_instance_id" integer NOT NULL,
	"source_id" text,
	"record_key" text NOT NULL,
	"parent_key" text DEFAULT '' NOT NULL,
	"content_hash" text NOT NULL,
	"etl_job_id" integer,
	"etl_run_id" integer,
	"loaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"is_deleted" boolean DEFAULT false NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "dim_study_personnel_staging" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"data" jsonb NOT NULL,
	"source_instance_id" integer NOT NULL,
	"source_id" text,
	"record_key" text NOT NULL,
	"parent_key" text DEFAULT '' NOT NULL,
	"content_hash" text NOT NULL,
	"etl_job_id" integer,
	"etl_run_id" integer,
	"loaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"is_deleted" boolean DEFAULT false NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "dim_study_warnings_staging" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"data" jsonb NOT NULL,
	"source_instance_id" integer NOT NULL,
	"source_id" text,
	"record_key" text NOT NULL,
	"parent_key" text DEFAULT '' NOT NULL,
	"content_hash" text NOT NULL,
	"etl_job_id" integer,
	"etl_run_id" integer,
	"loaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"is_deleted" boolean DEFAULT false NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "dim_study_integration_info_staging" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"data" jsonb NOT NULL,
	"source_instance_id" integer NOT NULL,
	"source_id" text,
	"record_key" text NOT NULL,
	"parent_key" text DEFAULT '' NOT NULL,
	"content_hash" text NOT NULL,
	"etl_job_id" integer,
	"etl_run_id" integer,
	"loaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"is_deleted" boolean DEFAULT false NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "dim_patient_devices_staging" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"data" jsonb NOT NULL,
	"source_instance_id" integer NOT NULL,
	"source_id" text,
	"record_key" text NOT NULL,
	"parent_key" text DEFAULT '' NOT NULL,
	"content_hash" text NOT NULL,
	"etl_job_id" integer,
	"etl_run_id" integer,
	"loaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"is_deleted" boolean DEFAULT false NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "dim_patient_allergies_staging" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"data" jsonb NOT NULL,
	"source_instance_id" integer NOT NULL,
	"source_id" text,
	"record_key" text NOT NULL,
	"parent_key" text DEFAULT '' NOT NULL,
	"content_hash" text NOT NULL,
	"etl_job_id" integer,
	"etl_run_id" integer,
	"loaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"is_deleted" boolean DEFAULT false NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "dim_patient_providers_staging" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"data" jsonb NOT NULL,
	"source_instance_id" integer NOT NULL,
	"source_id" text,
	"record_key" text NOT NULL,
	"parent_key" text DEFAULT '' NOT NULL,
	"content_hash" text NOT NULL,
	"etl_job_id" integer,
	"etl_run_id" integer,
	"loaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"is_deleted" boolean DEFAULT false NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "dim_patient_conditions_staging" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"data" jsonb NOT NULL,
	"source_instance_id" integer NOT NULL,
	"source_id" text,
	"record_key" text NOT NULL,
	"parent_key" text DEFAULT '' NOT NULL,
	"content_hash" text NOT NULL,
	"etl_job_id" integer,
	"etl_run_id" integer,
	"loaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"is_deleted" boolean DEFAULT false NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "dim_patient_procedures_staging" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"data" jsonb NOT NULL,
	"source_instance_id" integer NOT NULL,
	"source_id" text,
	"record_key" text NOT NULL,
	"parent_key" text DEFAULT '' NOT NULL,
	"content_hash" text NOT NULL,
	"etl_job_id" integer,
	"etl_run_id" integer,
	"loaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"is_deleted" boolean DEFAULT false NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "dim_patient_medications_staging" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"data" jsonb NOT NULL,
	"source_instance_id" integer NOT NULL,
	"source_id" text,
	"record_key" text NOT NULL,
	"parent_key" text DEFAULT '' NOT NULL,
	"content_hash" text NOT NULL,
	"etl_job_id" integer,
	"etl_run_id" integer,
	"loaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"is_deleted" boolean DEFAULT false NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "dim_patient_immunizations_staging" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"data" jsonb NOT NULL,
	"source_instance_id" integer NOT NULL,
	"source_id" text,
	"record_key" text NOT NULL,
	"parent_key" text DEFAULT '' NOT NULL,
	"content_hash" text NOT NULL,
	"etl_job_id" integer,
	"etl_run_id" integer,
	"loaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"is_deleted" boolean DEFAULT false NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "dim_patient_family_history_staging" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"data" jsonb NOT NULL,
	"source_instance_id" integer NOT NULL,
	"source_id" text,
	"record_key" text NOT NULL,
	"parent_key" text DEFAULT '' NOT NULL,
	"content_hash" text NOT NULL,
	"etl_job_id" integer,
	"etl_run_id" integer,
	"loaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"is_deleted" boolean DEFAULT false NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "dim_patient_social_history_staging" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"data" jsonb NOT NULL,
	"source_instance_id" integer NOT NULL,
	"source_id" text,
	"record_key" text NOT NULL,
	"parent_key" text DEFAULT '' NOT NULL,
	"content_hash" text NOT NULL,
	"etl_job_id" integer,
	"etl_run_id" integer,
	"loaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"is_deleted" boolean DEFAULT false NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "dim_patient_campaign_touches_staging" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"data" jsonb NOT NULL,
	"source_instance_id" integer NOT NULL,
	"source_id" text,
	"record_key" text NOT NULL,
	"parent_key" text DEFAULT '' NOT NULL,
	"content_hash" text NOT NULL,
	"etl_job_id" integer,
	"etl_run_id" integer,
	"loaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"is_deleted" boolean DEFAULT false NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "dim_patient_referral_touches_staging" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"data" jsonb NOT NULL,
	"source_instance_id" integer NOT NULL,
	"source_id" text,
	"record_key" text NOT NULL,
	"parent_key" text DEFAULT '' NOT NULL,
	"content_hash" text NOT NULL,
	"etl_job_id" integer,
	"etl_run_id" integer,
	"loaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"is_deleted" boolean DEFAULT false NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "dim_instance_details_staging" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"data" jsonb NOT NULL,
	"source_instance_id" integer NOT NULL,
	"source_id" text,
	"record_key" text NOT NULL,
	"parent_key" text DEFAULT '' NOT NULL,
	"content_hash" text NOT NULL,
	"etl_job_id" integer,
	"etl_run_id" integer,
	"loaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"is_deleted" boolean DEFAULT false NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "dim_instance_topology_staging" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"data" jsonb NOT NULL,
	"source_instance_id" integer NOT NULL,
	"source_id" text,
	"record_key" text NOT NULL,
	"parent_key" text DEFAULT '' NOT NULL,
	"content_hash" text NOT NULL,
	"etl_job_id" integer,
	"etl_run_id" integer,
	"loaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"is_deleted" boolean DEFAULT false NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "dim_patient_visit_stipends_staging" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"data" jsonb NOT NULL,
	"source_instance_id" integer NOT NULL,
	"source_id" text,
	"record_key" text NOT NULL,
	"parent_key" text DEFAULT '' NOT NULL,
	"content_hash" text NOT NULL,
	"etl_job_id" integer,
	"etl_run_id" integer,
	"loaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"is_deleted" boolean DEFAULT false NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "dim_study_detail_staging" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"data" jsonb NOT NULL,
	"source_instance_id" integer NOT NULL,
	"source_id" text,
	"record_key" text NOT NULL,
	"parent_key" text DEFAULT '' NOT NULL,
	"content_hash" text NOT NULL,
	"etl_job_id" integer,
	"etl_run_id" integer,
	"loaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"is_deleted" boolean DEFAULT false NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "dim_visit_elements_staging" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"data" jsonb NOT NULL,
	"source_instance_id" integer NOT NULL,
	"source_id" text,
	"record_key" text NOT NULL,
	"parent_key" text DEFAULT '' NOT NULL,
	"content_hash" text NOT NULL,
	"etl_job_id" integer,
	"etl_run_id" integer,
	"loaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"is_deleted" boolean DEFAULT false NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "dim_action_unit_completions_staging" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"data" jsonb NOT NULL,
	"source_instance_id" integer NOT NULL,
	"source_id" text,
	"record_key" text NOT NULL,
	"parent_key" text DEFAULT '' NOT NULL,
	"content_hash" text NOT NULL,
	"etl_job_id" integer,
	"etl_run_id" integer,
	"loaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"is_deleted" boolean DEFAULT false NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "dim_invoices_staging" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"data" jsonb NOT NULL,
	"source_instance_id" integer NOT NULL,
	"source_id" text,
	"record_key" text NOT NULL,
	"parent_key" text DEFAULT '' NOT NULL,
	"content_hash" text NOT NULL,
	"etl_job_id" integer,
	"etl_run_id" integer,
	"loaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"is_deleted" boolean DEFAULT false NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "dim_prospects_staging" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"data" jsonb NOT NULL,
	"source_instance_id" integer NOT NULL,
	"source_id" text,
	"record_key" text NOT NULL,
	"parent_key" text DEFAULT '' NOT NULL,
	"content_hash" text NOT NULL,
	"etl_job_id" integer,
	"etl_run_id" integer,
	"loaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"is_deleted" boolean DEFAULT false NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "dim_remittances_staging" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"data" jsonb NOT NULL,
	"source_instance_id" integer NOT NULL,
	"source_id" text,
	"record_key" text NOT NULL,
	"parent_key" text DEFAULT '' NOT NULL,
	"content_hash" text NOT NULL,
	"etl_job_id" integer,
	"etl_run_id" integer,
	"loaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"is_deleted" boolean DEFAULT false NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "dim_remittance_notes_staging" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"data" jsonb NOT NULL,
	"source_instance_id" integer NOT NULL,
	"source_id" text,
	"record_key" text NOT NULL,
	"parent_key" text DEFAULT '' NOT NULL,
	"content_hash" text NOT NULL,
	"etl_job_id" integer,
	"etl_run_id" integer,
	"loaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"is_deleted" boolean DEFAULT false NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "dim_site_payments_staging" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"data" jsonb NOT NULL,
	"source_instance_id" integer NOT NULL,
	"source_id" text,
	"record_key" text NOT NULL,
	"parent_key" text DEFAULT '' NOT NULL,
	"content_hash" text NOT NULL,
	"etl_job_id" integer,
	"etl_run_id" integer,
	"loaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"is_deleted" boolean DEFAULT false NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "dim_study_types_staging" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"data" jsonb NOT NULL,
	"source_instance_id" integer NOT NULL,
	"source_id" text,
	"record_key" text NOT NULL,
	"parent_key" text DEFAULT '' NOT NULL,
	"content_hash" text NOT NULL,
	"etl_job_id" integer,
	"etl_run_id" integer,
	"loaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"is_deleted" boolean DEFAULT false NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "dim_study_visit_arms_staging" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"data" jsonb NOT NULL,
	"source_instance_id" integer NOT NULL,
	"source_id" text,
	"record_key" text NOT NULL,
	"parent_key" text DEFAULT '' NOT NULL,
	"content_hash" text NOT NULL,
	"etl_job_id" integer,
	"etl_run_id" integer,
	"loaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"is_deleted" boolean DEFAULT false NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "dim_visit_element_relationships_staging" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"data" jsonb NOT NULL,
	"source_instance_id" integer NOT NULL,
	"source_id" text,
	"record_key" text NOT NULL,
	"parent_key" text DEFAULT '' NOT NULL,
	"content_hash" text NOT NULL,
	"etl_job_id" integer,
	"etl_run_id" integer,
	"loaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"is_deleted" boolean DEFAULT false NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "dim_patient_payments_staging" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"data" jsonb NOT NULL,
	"source_instance_id" integer NOT NULL,
	"source_id" text,
	"record_key" text NOT NULL,
	"parent_key" text DEFAULT '' NOT NULL,
	"content_hash" text NOT NULL,
	"etl_job_id" integer,
	"etl_run_id" integer,
	"loaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"is_deleted" boolean DEFAULT false NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "dw_data_quality_results" ADD CONSTRAINT "dw_data_quality_results_transformation_run_id_dw_transformation_runs_id_fk" FOREIGN KEY ("transformation_run_id") REFERENCES "public"."dw_transformation_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dw_etl_partitions" ADD CONSTRAINT "dw_etl_partitions_run_id_dw_etl_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."dw_etl_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dw_etl_runs" ADD CONSTRAINT "dw_etl_runs_job_id_dw_etl_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."dw_etl_jobs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dw_etl_runs" ADD CONSTRAINT "dw_etl_runs_source_instance_id_dw_api_credentials_id_fk" FOREIGN KEY ("source_instance_id") REFERENCES "public"."dw_api_credentials"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "dw_data_quality_results_run_idx" ON "dw_data_quality_results" USING btree ("transformation_run_id");--> statement-breakpoint
CREATE INDEX "dw_etl_jobs_target_table_idx" ON "dw_etl_jobs" USING btree ("target_table");--> statement-breakpoint
CREATE UNIQUE INDEX "dw_etl_partitions_run_parent_idx" ON "dw_etl_partitions" USING btree ("run_id","parent_key");--> statement-breakpoint
CREATE INDEX "dw_etl_partitions_run_status_idx" ON "dw_etl_partitions" USING btree ("run_id","status");--> statement-breakpoint
CREATE INDEX "dw_etl_runs_job_started_idx" ON "dw_etl_runs" USING btree ("job_id","started_at");--> statement-breakpoint
CREATE INDEX "dw_etl_runs_group_idx" ON "dw_etl_runs" USING btree ("group_id");--> statement-breakpoint
CREATE INDEX "dw_etl_seen_keys_lookup_idx" ON "dw_etl_seen_keys" USING btree ("run_id","table_name","source_instance_id","parent_key","record_key");--> statement-breakpoint
CREATE UNIQUE INDEX "dim_sites_staging_key_uq" ON "dim_sites_staging" USING btree ("source_instance_id","record_key");--> statement-breakpoint
CREATE UNIQUE INDEX "dim_studies_staging_key_uq" ON "dim_studies_staging" USING btree ("source_instance_id","record_key");--> statement-breakpoint
CREATE UNIQUE INDEX "dim_patients_staging_key_uq" ON "dim_patients_staging" USING btree ("source_instance_id","record_key");--> statement-breakpoint
CREATE INDEX "dim_patients_staging_updated_at_idx" ON "dim_patients_staging" USING btree ("updated_at");--> statement-breakpoint
CREATE UNIQUE INDEX "dim_users_staging_key_uq" ON "dim_users_staging" USING btree ("source_instance_id","record_key");--> statement-breakpoint
CREATE UNIQUE INDEX "dim_roles_staging_key_uq" ON "dim_roles_staging" USING btree ("source_instance_id","record_key");--> statement-breakpoint
CREATE UNIQUE INDEX "dim_departments_staging_key_uq" ON "dim_departments_staging" USING btree ("source_instance_id","record_key");--> statement-breakpoint
CREATE UNIQUE INDEX "dim_audits_staging_key_uq" ON "dim_audits_staging" USING btree ("source_instance_id","record_key");--> statement-breakpoint
CREATE UNIQUE INDEX "dim_elements_staging_key_uq" ON "dim_elements_staging" USING btree ("source_instance_id","record_key");--> statement-breakpoint
CREATE UNIQUE INDEX "dim_patient_visits_staging_key_uq" ON "dim_patient_visits_staging" USING btree ("source_instance_id","record_key");--> statement-breakpoint
CREATE INDEX "dim_patient_visits_staging_parent_idx" ON "dim_patient_visits_staging" USING btree ("source_instance_id","parent_key") WHERE "dim_patient_visits_staging"."parent_key" <> '';--> statement-breakpoint
CREATE INDEX "dim_patient_visits_staging_updated_at_idx" ON "dim_patient_visits_staging" USING btree ("updated_at");--> statement-breakpoint
CREATE UNIQUE INDEX "dim_subjects_staging_key_uq" ON "dim_subjects_staging" USING btree ("source_instance_id","record_key");--> statement-breakpoint
CREATE INDEX "dim_subjects_staging_parent_idx" ON "dim_subjects_staging" USING btree ("source_instance_id","parent_key") WHERE "dim_subjects_staging"."parent_key" <> '';--> statement-breakpoint
CREATE INDEX "dim_subjects_staging_updated_at_idx" ON "dim_subjects_staging" USING btree ("updated_at");--> statement-breakpoint
CREATE UNIQUE INDEX "dim_visits_staging_key_uq" ON "dim_visits_staging" USING btree ("source_instance_id","record_key");--> statement-breakpoint
CREATE INDEX "dim_visits_staging_parent_idx" ON "dim_visits_staging" USING btree ("source_instance_id","parent_key") WHERE "dim_visits_staging"."parent_key" <> '';--> statement-breakpoint
CREATE UNIQUE INDEX "dim_forms_staging_key_uq" ON "dim_forms_staging" USING btree ("source_instance_id","record_key");--> statement-breakpoint
CREATE INDEX "dim_forms_staging_parent_idx" ON "dim_forms_staging" USING btree ("source_instance_id","parent_key") WHERE "dim_forms_staging"."parent_key" <> '';--> statement-breakpoint
CREATE UNIQUE INDEX "dim_study_documents_staging_key_uq" ON "dim_study_documents_staging" USING btree ("source_instance_id","record_key");--> statement-breakpoint
CREATE INDEX "dim_study_documents_staging_parent_idx" ON "dim_study_documents_staging" USING btree ("source_instance_id","parent_key") WHERE "dim_study_documents_staging"."parent_key" <> '';--> statement-breakpoint
CREATE UNIQUE INDEX "dim_screenings_staging_key_uq" ON "dim_screenings_staging" USING btree ("source_instance_id","record_key");--> statement-breakpoint
CREATE INDEX "dim_screenings_staging_parent_idx" ON "dim_screenings_staging" USING btree ("source_instance_id","parent_key") WHERE "dim_screenings_staging"."parent_key" <> '';--> statement-breakpoint
CREATE UNIQUE INDEX "dim_enrollments_staging_key_uq" ON "dim_enrollments_staging" USING btree ("source_instance_id","record_key");--> statement-breakpoint
CREATE INDEX "dim_enrollments_staging_parent_idx" ON "dim_enrollments_staging" USING btree ("source_instance_id","parent_key") WHERE "dim_enrollments_staging"."parent_key" <> '';--> statement-breakpoint
CREATE UNIQUE INDEX "dim_randomizations_staging_key_uq" ON "dim_randomizations_staging" USING btree ("source_instance_id","record_key");--> statement-breakpoint
CREATE INDEX "dim_randomizations_staging_parent_idx" ON "dim_randomizations_staging" USING btree ("source_instance_id","parent_key") WHERE "dim_randomizations_staging"."parent_key" <> '';--> statement-breakpoint
CREATE UNIQUE INDEX "dim_withdrawals_staging_key_uq" ON "dim_withdrawals_staging" USING btree ("source_instance_id","record_key");--> statement-breakpoint
CREATE INDEX "dim_withdrawals_staging_parent_idx" ON "dim_withdrawals_staging" USING btree ("source_instance_id","parent_key") WHERE "dim_withdrawals_staging"."parent_key" <> '';--> statement-breakpoint
CREATE UNIQUE INDEX "dim_protocol_deviations_staging_key_uq" ON "dim_protocol_deviations_staging" USING btree ("source_instance_id","record_key");--> statement-breakpoint
CREATE INDEX "dim_protocol_deviations_staging_parent_idx" ON "dim_protocol_deviations_staging" USING btree ("source_instance_id","parent_key") WHERE "dim_protocol_deviations_staging"."parent_key" <> '';--> statement-breakpoint
CREATE UNIQUE INDEX "dim_adverse_events_staging_key_uq" ON "dim_adverse_events_staging" USING btree ("source_instance_id","record_key");--> statement-breakpoint
CREATE INDEX "dim_adverse_events_staging_parent_idx" ON "dim_adverse_events_staging" USING btree ("source_instance_id","parent_key") WHERE "dim_adverse_events_staging"."parent_key" <> '';--> statement-breakpoint
CREATE UNIQUE INDEX "dim_concomitant_medications_staging_key_uq" ON "dim_concomitant_medications_staging" USING btree ("source_instance_id","record_key");--> statement-breakpoint
CREATE INDEX "dim_concomitant_medications_staging_parent_idx" ON "dim_concomitant_medications_staging" USING btree ("source_instance_id","parent_key") WHERE "dim_concomitant_medications_staging"."parent_key" <> '';--> statement-breakpoint
CREATE UNIQUE INDEX "dim_lab_results_staging_key_uq" ON "dim_lab_results_staging" USING btree ("source_instance_id","record_key");--> statement-breakpoint
CREATE INDEX "dim_lab_results_staging_parent_idx" ON "dim_lab_results_staging" USING btree ("source_instance_id","parent_key") WHERE "dim_lab_results_staging"."parent_key" <> '';--> statement-breakpoint
CREATE UNIQUE INDEX "dim_vitals_staging_key_uq" ON "dim_vitals_staging" USING btree ("source_instance_id","record_key");--> statement-breakpoint
CREATE INDEX "dim_vitals_staging_parent_idx" ON "dim_vitals_staging" USING btree ("source_instance_id","parent_key") WHERE "dim_vitals_staging"."parent_key" <> '';--> statement-breakpoint
CREATE UNIQUE INDEX "dim_queries_staging_key_uq" ON "dim_queries_staging" USING btree ("source_instance_id","record_key");--> statement-breakpoint
CREATE INDEX "dim_queries_staging_parent_idx" ON "dim_queries_staging" USING btree ("source_instance_id","parent_key") WHERE "dim_queries_staging"."parent_key" <> '';--> statement-breakpoint
CREATE UNIQUE INDEX "dim_patient_visit_elements_staging_key_uq" ON "dim_patient_visit_elements_staging" USING btree ("source_instance_id","record_key");--> statement-breakpoint
CREATE INDEX "dim_patient_visit_elements_staging_parent_idx" ON "dim_patient_visit_elements_staging" USING btree ("source_instance_id","parent_key") WHERE "dim_patient_visit_elements_staging"."parent_key" <> '';--> statement-breakpoint
CREATE UNIQUE INDEX "dim_appointments_staging_key_uq" ON "dim_appointments_staging" USING btree ("source_instance_id","record_key");--> statement-breakpoint
CREATE INDEX "dim_appointments_staging_updated_at_idx" ON "dim_appointments_staging" USING btree ("updated_at");--> statement-breakpoint
CREATE UNIQUE INDEX "dim_staff_staging_key_uq" ON "dim_staff_staging" USING btree ("source_instance_id","record_key");--> statement-breakpoint
CREATE UNIQUE INDEX "dim_study_actions_staging_key_uq" ON "dim_study_actions_staging" USING btree ("source_instance_id","record_key");--> statement-breakpoint
CREATE INDEX "dim_study_actions_staging_parent_idx" ON "dim_study_actions_staging" USING btree ("source_instance_id","parent_key") WHERE "dim_study_actions_staging"."parent_key" <> '';--> statement-breakpoint
CREATE UNIQUE INDEX "fact_study_milestones_staging_key_uq" ON "fact_study_milestones_staging" USING btree ("source_instance_id","record_key");--> statement-breakpoint
CREATE INDEX "fact_study_milestones_staging_parent_idx" ON "fact_study_milestones_staging" USING btree ("source_instance_id","parent_key") WHERE "fact_study_milestones_staging"."parent_key" <> '';--> statement-breakpoint
CREATE UNIQUE INDEX "fact_study_documents_staging_key_uq" ON "fact_study_documents_staging" USING btree ("source_instance_id","record_key");--> statement-breakpoint
CREATE INDEX "fact_study_documents_staging_parent_idx" ON "fact_study_documents_staging" USING btree ("source_instance_id","parent_key") WHERE "fact_study_documents_staging"."parent_key" <> '';--> statement-breakpoint
CREATE UNIQUE INDEX "dim_monitor_queries_staging_key_uq" ON "dim_monitor_queries_staging" USING btree ("source_instance_id","record_key");--> statement-breakpoint
CREATE UNIQUE INDEX "dim_engagements_staging_key_uq" ON "dim_engagements_staging" USING btree ("source_instance_id","record_key");--> statement-breakpoint
CREATE UNIQUE INDEX "dim_providers_staging_key_uq" ON "dim_providers_staging" USING btree ("source_instance_id","record_key");--> statement-breakpoint
CREATE UNIQUE INDEX "dim_rooms_staging_key_uq" ON "dim_rooms_staging" USING btree ("source_instance_id","record_key");--> statement-breakpoint
CREATE UNIQUE INDEX "dim_schedules_staging_key_uq" ON "dim_schedules_staging" USING btree ("source_instance_id","record_key");--> statement-breakpoint
CREATE UNIQUE INDEX "dim_sponsors_staging_key_uq" ON "dim_sponsors_staging" USING btree ("source_instance_id","record_key");--> statement-breakpoint
CREATE UNIQUE INDEX "dim_system_allergies_staging_key_uq" ON "dim_system_allergies_staging" USING btree ("source_instance_id","record_key");--> statement-breakpoint
CREATE UNIQUE INDEX "dim_system_conditions_staging_key_uq" ON "dim_system_conditions_staging" USING btree ("source_instance_id","record_key");--> statement-breakpoint
CREATE UNIQUE INDEX "dim_system_medications_staging_key_uq" ON "dim_system_medications_staging" USING btree ("source_instance_id","record_key");--> statement-breakpoint
CREATE UNIQUE INDEX "dim_system_procedures_staging_key_uq" ON "dim_system_procedures_staging" USING btree ("source_instance_id","record_key");--> statement-breakpoint
CREATE UNIQUE INDEX "dim_system_immunizations_staging_key_uq" ON "dim_system_immunizations_staging" USING btree ("source_instance_id","record_key");--> statement-breakpoint
CREATE UNIQUE INDEX "dim_system_devices_staging_key_uq" ON "dim_system_devices_staging" USING btree ("source_instance_id","record_key");--> statement-breakpoint
CREATE UNIQUE INDEX "dim_system_social_history_staging_key_uq" ON "dim_system_social_history_staging" USING btree ("source_instance_id","record_key");--> statement-breakpoint
CREATE UNIQUE INDEX "dim_subject_statuses_staging_key_uq" ON "dim_subject_statuses_staging" USING btree ("source_instance_id","record_key");--> statement-breakpoint
CREATE INDEX "dim_subject_statuses_staging_updated_at_idx" ON "dim_subject_statuses_staging" USING btree ("updated_at");--> statement-breakpoint
CREATE UNIQUE INDEX "dim_system_document_types_staging_key_uq" ON "dim_system_document_types_staging" USING btree ("source_instance_id","record_key");--> statement-breakpoint
CREATE UNIQUE INDEX "dim_system_action_categories_staging_key_uq" ON "dim_system_action_categories_staging" USING btree ("source_instance_id","record_key");--> statement-breakpoint
CREATE UNIQUE INDEX "dim_system_study_categories_staging_key_uq" ON "dim_system_study_categories_staging" USING btree ("source_instance_id","record_key");--> statement-breakpoint
CREATE UNIQUE INDEX "dim_system_study_subcategories_staging_key_uq" ON "dim_system_study_subcategories_staging" USING btree ("source_instance_id","record_key");--> statement-breakpoint
CREATE UNIQUE INDEX "dim_system_study_statuses_staging_key_uq" ON "dim_system_study_statuses_staging" USING btree ("source_instance_id","record_key");--> statement-breakpoint
CREATE UNIQUE INDEX "dim_system_lookup_lists_staging_key_uq" ON "dim_system_lookup_lists_staging" USING btree ("source_instance_id","record_key");--> statement-breakpoint
CREATE UNIQUE INDEX "dim_system_patient_customfields_staging_key_uq" ON "dim_system_patient_customfields_staging" USING btree ("source_instance_id","record_key");--> statement-breakpoint
CREATE UNIQUE INDEX "dim_system_study_customfields_staging_key_uq" ON "dim_system_study_customfields_staging" USING btree ("source_instance_id","record_key");--> statement-breakpoint
CREATE UNIQUE INDEX "dim_system_organizations_staging_key_uq" ON "dim_system_organizations_staging" USING btree ("source_instance_id","record_key");--> statement-breakpoint
CREATE UNIQUE INDEX "dim_sponsor_divisions_staging_key_uq" ON "dim_sponsor_divisions_staging" USING btree ("source_instance_id","record_key");--> statement-breakpoint
CREATE UNIQUE INDEX "dim_sponsor_teams_staging_key_uq" ON "dim_sponsor_teams_staging" USING btree ("source_instance_id","record_key");--> statement-breakpoint
CREATE UNIQUE INDEX "dim_monitors_staging_key_uq" ON "dim_monitors_staging" USING btree ("source_instance_id","record_key");--> statement-breakpoint
CREATE UNIQUE INDEX "dim_room_groups_staging_key_uq" ON "dim_room_groups_staging" USING btree ("source_instance_id","record_key");--> statement-breakpoint
CREATE UNIQUE INDEX "dim_study_arms_staging_key_uq" ON "dim_study_arms_staging" USING btree ("source_instance_id","record_key");--> statement-breakpoint
CREATE INDEX "dim_study_arms_staging_parent_idx" ON "dim_study_arms_staging" USING btree ("source_instance_id","parent_key") WHERE "dim_study_arms_staging"."parent_key" <> '';--> statement-breakpoint
CREATE UNIQUE INDEX "dim_study_protocol_versions_staging_key_uq" ON "dim_study_protocol_versions_staging" USING btree ("source_instance_id","record_key");--> statement-breakpoint
CREATE INDEX "dim_study_protocol_versions_staging_parent_idx" ON "dim_study_protocol_versions_staging" USING btree ("source_instance_id","parent_key") WHERE "dim_study_protocol_versions_staging"."parent_key" <> '';--> statement-breakpoint
CREATE UNIQUE INDEX "dim_study_roles_staging_key_uq" ON "dim_study_roles_staging" USING btree ("source_instance_id","parent_key","record_key");--> statement-breakpoint
CREATE UNIQUE INDEX "dim_study_personnel_staging_key_uq" ON "dim_study_personnel_staging" USING btree ("source_instance_id","parent_key","record_key");--> statement-breakpoint
CREATE UNIQUE INDEX "dim_study_warnings_staging_key_uq" ON "dim_study_warnings_staging" USING btree ("source_instance_id","parent_key","record_key");--> statement-breakpoint
CREATE UNIQUE INDEX "dim_study_integration_info_staging_key_uq" ON "dim_study_integration_info_staging" USING btree ("source_instance_id","parent_key","record_key");--> statement-breakpoint
CREATE UNIQUE INDEX "dim_patient_devices_staging_key_uq" ON "dim_patient_devices_staging" USING btree ("source_instance_id","record_key");--> statement-breakpoint
CREATE INDEX "dim_patient_devices_staging_parent_idx" ON "dim_patient_devices_staging" USING btree ("source_instance_id","parent_key") WHERE "dim_patient_devices_staging"."parent_key" <> '';--> statement-breakpoint
CREATE UNIQUE INDEX "dim_patient_allergies_staging_key_uq" ON "dim_patient_allergies_staging" USING btree ("source_instance_id","record_key");--> statement-breakpoint
CREATE INDEX "dim_patient_allergies_staging_parent_idx" ON "dim_patient_allergies_staging" USING btree ("source_instance_id","parent_key") WHERE "dim_patient_allergies_staging"."parent_key" <> '';--> statement-breakpoint
CREATE UNIQUE INDEX "dim_patient_providers_staging_key_uq" ON "dim_patient_providers_staging" USING btree ("source_instance_id","record_key");--> statement-breakpoint
CREATE INDEX "dim_patient_providers_staging_parent_idx" ON "dim_patient_providers_staging" USING btree ("source_instance_id","parent_key") WHERE "dim_patient_providers_staging"."parent_key" <> '';--> statement-breakpoint
CREATE UNIQUE INDEX "dim_patient_conditions_staging_key_uq" ON "dim_patient_conditions_staging" USING btree ("source_instance_id","record_key");--> statement-breakpoint
CREATE INDEX "dim_patient_conditions_staging_parent_idx" ON "dim_patient_conditions_staging" USING btree ("source_instance_id","parent_key") WHERE "dim_patient_conditions_staging"."parent_key" <> '';--> statement-breakpoint
CREATE UNIQUE INDEX "dim_patient_procedures_staging_key_uq" ON "dim_patient_procedures_staging" USING btree ("source_instance_id","record_key");--> statement-breakpoint
CREATE INDEX "dim_patient_procedures_staging_parent_idx" ON "dim_patient_procedures_staging" USING btree ("source_instance_id","parent_key") WHERE "dim_patient_procedures_staging"."parent_key" <> '';--> statement-breakpoint
CREATE UNIQUE INDEX "dim_patient_medications_staging_key_uq" ON "dim_patient_medications_staging" USING btree ("source_instance_id","record_key");--> statement-breakpoint
CREATE INDEX "dim_patient_medications_staging_parent_idx" ON "dim_patient_medications_staging" USING btree ("source_instance_id","parent_key") WHERE "dim_patient_medications_staging"."parent_key" <> '';--> statement-breakpoint
CREATE UNIQUE INDEX "dim_patient_immunizations_staging_key_uq" ON "dim_patient_immunizations_staging" USING btree ("source_instance_id","record_key");--> statement-breakpoint
CREATE INDEX "dim_patient_immunizations_staging_parent_idx" ON "dim_patient_immunizations_staging" USING btree ("source_instance_id","parent_key") WHERE "dim_patient_immunizations_staging"."parent_key" <> '';--> statement-breakpoint
CREATE UNIQUE INDEX "dim_patient_family_history_staging_key_uq" ON "dim_patient_family_history_staging" USING btree ("source_instance_id","record_key");--> statement-breakpoint
CREATE INDEX "dim_patient_family_history_staging_parent_idx" ON "dim_patient_family_history_staging" USING btree ("source_instance_id","parent_key") WHERE "dim_patient_family_history_staging"."parent_key" <> '';--> statement-breakpoint
CREATE UNIQUE INDEX "dim_patient_social_history_staging_key_uq" ON "dim_patient_social_history_staging" USING btree ("source_instance_id","record_key");--> statement-breakpoint
CREATE INDEX "dim_patient_social_history_staging_parent_idx" ON "dim_patient_social_history_staging" USING btree ("source_instance_id","parent_key") WHERE "dim_patient_social_history_staging"."parent_key" <> '';--> statement-breakpoint
CREATE UNIQUE INDEX "dim_patient_campaign_touches_staging_key_uq" ON "dim_patient_campaign_touches_staging" USING btree ("source_instance_id","record_key");--> statement-breakpoint
CREATE INDEX "dim_patient_campaign_touches_staging_parent_idx" ON "dim_patient_campaign_touches_staging" USING btree ("source_instance_id","parent_key") WHERE "dim_patient_campaign_touches_staging"."parent_key" <> '';--> statement-breakpoint
CREATE UNIQUE INDEX "dim_patient_referral_touches_staging_key_uq" ON "dim_patient_referral_touches_staging" USING btree ("source_instance_id","record_key");--> statement-breakpoint
CREATE INDEX "dim_patient_referral_touches_staging_parent_idx" ON "dim_patient_referral_touches_staging" USING btree ("source_instance_id","parent_key") WHERE "dim_patient_referral_touches_staging"."parent_key" <> '';--> statement-breakpoint
CREATE UNIQUE INDEX "dim_instance_details_staging_key_uq" ON "dim_instance_details_staging" USING btree ("source_instance_id","record_key");--> statement-breakpoint
CREATE UNIQUE INDEX "dim_instance_topology_staging_key_uq" ON "dim_instance_topology_staging" USING btree ("source_instance_id","record_key");--> statement-breakpoint
CREATE UNIQUE INDEX "dim_patient_visit_stipends_staging_key_uq" ON "dim_patient_visit_stipends_staging" USING btree ("source_instance_id","record_key");--> statement-breakpoint
CREATE INDEX "dim_patient_visit_stipends_staging_parent_idx" ON "dim_patient_visit_stipends_staging" USING btree ("source_instance_id","parent_key") WHERE "dim_patient_visit_stipends_staging"."parent_key" <> '';--> statement-breakpoint
CREATE UNIQUE INDEX "dim_study_detail_staging_key_uq" ON "dim_study_detail_staging" USING btree ("source_instance_id","record_key");--> statement-breakpoint
CREATE INDEX "dim_study_detail_staging_parent_idx" ON "dim_study_detail_staging" USING btree ("source_instance_id","parent_key") WHERE "dim_study_detail_staging"."parent_key" <> '';--> statement-breakpoint
CREATE UNIQUE INDEX "dim_visit_elements_staging_key_uq" ON "dim_visit_elements_staging" USING btree ("source_instance_id","record_key");--> statement-breakpoint
CREATE INDEX "dim_visit_elements_staging_parent_idx" ON "dim_visit_elements_staging" USING btree ("source_instance_id","parent_key") WHERE "dim_visit_elements_staging"."parent_key" <> '';--> statement-breakpoint
CREATE INDEX "dim_visit_elements_staging_updated_at_idx" ON "dim_visit_elements_staging" USING btree ("updated_at");--> statement-breakpoint
CREATE UNIQUE INDEX "dim_action_unit_completions_staging_key_uq" ON "dim_action_unit_completions_staging" USING btree ("source_instance_id","record_key");--> statement-breakpoint
CREATE UNIQUE INDEX "dim_invoices_staging_key_uq" ON "dim_invoices_staging" USING btree ("source_instance_id","record_key");--> statement-breakpoint
CREATE UNIQUE INDEX "dim_prospects_staging_key_uq" ON "dim_prospects_staging" USING btree ("source_instance_id","record_key");--> statement-breakpoint
CREATE UNIQUE INDEX "dim_remittances_staging_key_uq" ON "dim_remittances_staging" USING btree ("source_instance_id","record_key");--> statement-breakpoint
CREATE UNIQUE INDEX "dim_remittance_notes_staging_key_uq" ON "dim_remittance_notes_staging" USING btree ("source_instance_id","record_key");--> statement-breakpoint
CREATE UNIQUE INDEX "dim_site_payments_staging_key_uq" ON "dim_site_payments_staging" USING btree ("source_instance_id","record_key");--> statement-breakpoint
CREATE UNIQUE INDEX "dim_study_types_staging_key_uq" ON "dim_study_types_staging" USING btree ("source_instance_id","record_key");--> statement-breakpoint
CREATE UNIQUE INDEX "dim_study_visit_arms_staging_key_uq" ON "dim_study_visit_arms_staging" USING btree ("source_instance_id","record_key");--> statement-breakpoint
CREATE INDEX "dim_study_visit_arms_staging_parent_idx" ON "dim_study_visit_arms_staging" USING btree ("source_instance_id","parent_key") WHERE "dim_study_visit_arms_staging"."parent_key" <> '';--> statement-breakpoint
CREATE UNIQUE INDEX "dim_visit_element_relationships_staging_key_uq" ON "dim_visit_element_relationships_staging" USING btree ("source_instance_id","parent_key","record_key");--> statement-breakpoint
CREATE UNIQUE INDEX "dim_patient_payments_staging_key_uq" ON "dim_patient_payments_staging" USING btree ("source_instance_id","record_key");