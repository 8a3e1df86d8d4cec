CREATE TABLE "dim_elements" (
	"element_key" bigserial PRIMARY KEY NOT NULL,
	"source_instance_id" integer NOT NULL,
	"element_id" bigint NOT NULL,
	"element_uid" text,
	"study_id" bigint,
	"name" text,
	"element_type" text,
	"initial_category" text,
	"initial_invoiceability" text,
	"budget" numeric(14, 2),
	"cost" numeric(14, 2),
	"place_of_service" text,
	"cpt" text,
	"standard_time_minutes" integer,
	"effective_start_date" timestamp with time zone NOT NULL,
	"effective_end_date" timestamp with time zone DEFAULT '9999-12-31T00:00:00Z'::timestamptz NOT NULL,
	"is_current" boolean DEFAULT true NOT NULL,
	"is_deleted" boolean DEFAULT false NOT NULL,
	"row_hash" text NOT NULL,
	"source_system" text DEFAULT 'clinical-conductor' NOT NULL,
	"etl_load_date" timestamp with time zone DEFAULT now() NOT NULL,
	"transformation_run_id" integer
);
--> statement-breakpoint
CREATE TABLE "dim_patients" (
	"patient_key" bigserial PRIMARY KEY NOT NULL,
	"source_instance_id" integer NOT NULL,
	"patient_id" bigint NOT NULL,
	"patient_uid" text,
	"primary_site_id" bigint,
	"status" text,
	"gender_code" text,
	"race" text,
	"ethnicity" text,
	"birth_year" integer,
	"is_deceased" boolean,
	"marital_status" text,
	"native_language" text,
	"state_province" text,
	"country" text,
	"effective_start_date" timestamp with time zone NOT NULL,
	"effective_end_date" timestamp with time zone DEFAULT '9999-12-31T00:00:00Z'::timestamptz NOT NULL,
	"is_current" boolean DEFAULT true NOT NULL,
	"is_deleted" boolean DEFAULT false NOT NULL,
	"row_hash" text NOT NULL,
	"source_system" text DEFAULT 'clinical-conductor' NOT NULL,
	"etl_load_date" timestamp with time zone DEFAULT now() NOT NULL,
	"transformation_run_id" integer
);
--> statement-breakpoint
CREATE TABLE "dim_studies" (
	"study_key" bigserial PRIMARY KEY NOT NULL,
	"source_instance_id" integer NOT NULL,
	"study_id" bigint NOT NULL,
	"study_uid" text,
	"name" text,
	"title" text,
	"identifier" text,
	"protocol_number" text,
	"nct_number" text,
	"phase" text,
	"status" text,
	"category" text,
	"subcategory" text,
	"study_group" text,
	"sponsor_id" bigint,
	"sponsor_name" text,
	"managing_site_id" bigint,
	"organization_name" text,
	"launch_year" integer,
	"created_on" timestamp with time zone,
	"effective_start_date" timestamp with time zone NOT NULL,
	"effective_end_date" timestamp with time zone DEFAULT '9999-12-31T00:00:00Z'::timestamptz NOT NULL,
	"is_current" boolean DEFAULT true NOT NULL,
	"is_deleted" boolean DEFAULT false NOT NULL,
	"row_hash" text NOT NULL,
	"source_system" text DEFAULT 'clinical-conductor' NOT NULL,
	"etl_load_date" timestamp with time zone DEFAULT now() NOT NULL,
	"transformation_run_id" integer
);
--> statement-breakpoint
CREATE TABLE "dim_study_arms" (
	"arm_key" bigserial PRIMARY KEY NOT NULL,
	"source_instance_id" integer NOT NULL,
	"arm_id" bigint NOT NULL,
	"arm_uid" text,
	"study_id" bigint,
	"name" text,
	"effective_start_date" timestamp with time zone NOT NULL,
	"effective_end_date" timestamp with time zone DEFAULT '9999-12-31T00:00:00Z'::timestamptz NOT NULL,
	"is_current" boolean DEFAULT true NOT NULL,
	"is_deleted" boolean DEFAULT false NOT NULL,
	"row_hash" text NOT NULL,
	"source_system" text DEFAULT 'clinical-conductor' NOT NULL,
	"etl_load_date" timestamp with time zone DEFAULT now() NOT NULL,
	"transformation_run_id" integer
);
--> statement-breakpoint
CREATE TABLE "dim_subjects" (
	"subject_key" bigserial PRIMARY KEY NOT NULL,
	"source_instance_id" integer NOT NULL,
	"subject_id" bigint NOT NULL,
	"subject_uid" text,
	"study_id" bigint,
	"site_id" bigint,
	"patient_id" bigint,
	"status" text,
	"arm_id" bigint,
	"arm_name" text,
	"protocol_version_id" bigint,
	"protocol_version_name" text,
	"gender_code" text,
	"race" text,
	"ethnicity" text,
	"enrollment_date" timestamp with time zone,
	"screening_number" text,
	"randomization_number" text,
	"treatment_status" text,
	"treatment_start" timestamp with time zone,
	"effective_start_date" timestamp with time zone NOT NULL,
	"effective_end_date" timestamp with time zone DEFAULT '9999-12-31T00:00:00Z'::timestamptz NOT NULL,
	"is_current" boolean DEFAULT true NOT NULL,
	"is_deleted" boolean DEFAULT false NOT NULL,
	"row_hash" text NOT NULL,
	"source_system" text DEFAULT 'clinical-conductor' NOT NULL,
	"etl_load_date" timestamp with time zone DEFAULT now() NOT NULL,
	"transformation_run_id" integer
);
--> statement-breakpoint
CREATE TABLE "dim_visits" (
	"visit_key" bigserial PRIMARY KEY NOT NULL,
	"source_instance_id" integer NOT NULL,
	"visit_id" bigint NOT NULL,
	"visit_uid" text,
	"study_id" bigint,
	"protocol_version_id" bigint,
	"name" text,
	"visit_type" text,
	"is_active" boolean,
	"budget" numeric(14, 2),
	"cost" numeric(14, 2),
	"patient_stipend" numeric(14, 2),
	"caregiver_stipend" numeric(14, 2),
	"auto_repeat" boolean,
	"repeat_on_demand" boolean,
	"effective_start_date" timestamp with time zone NOT NULL,
	"effective_end_date" timestamp with time zone DEFAULT '9999-12-31T00:00:00Z'::timestamptz NOT NULL,
	"is_current" boolean DEFAULT true NOT NULL,
	"is_deleted" boolean DEFAULT false NOT NULL,
	"row_hash" text NOT NULL,
	"source_system" text DEFAULT 'clinical-conductor' NOT NULL,
	"etl_load_date" timestamp with time zone DEFAULT now() NOT NULL,
	"transformation_run_id" integer
);
--> statement-breakpoint
CREATE TABLE "fact_study_performance" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"source_instance_id" integer NOT NULL,
	"study_id" bigint NOT NULL,
	"snapshot_date" date NOT NULL,
	"snapshot_date_key" integer NOT NULL,
	"study_key" bigint,
	"subjects_total" integer NOT NULL,
	"subjects_enrolled" integer NOT NULL,
	"subjects_screen_failed" integer NOT NULL,
	"subjects_randomized" integer NOT NULL,
	"subjects_completed" integer NOT NULL,
	"subjects_dropped" integer NOT NULL,
	"subjects_active" integer NOT NULL,
	"visits_total" integer NOT NULL,
	"visits_due" integer NOT NULL,
	"visits_completed" integer NOT NULL,
	"visits_on_time" integer NOT NULL,
	"appointments_total" integer NOT NULL,
	"appointments_no_show" integer NOT NULL,
	"screen_failure_rate" numeric(7, 4),
	"randomization_rate" numeric(7, 4),
	"dropout_rate" numeric(7, 4),
	"visit_completion_rate" numeric(7, 4),
	"on_time_rate" numeric(7, 4),
	"row_hash" text NOT NULL,
	"source_system" text DEFAULT 'clinical-conductor' NOT NULL,
	"etl_load_date" timestamp with time zone DEFAULT now() NOT NULL,
	"transformation_run_id" integer
);
--> statement-breakpoint
CREATE TABLE "fact_enrollment" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"source_instance_id" integer NOT NULL,
	"subject_id" bigint NOT NULL,
	"study_id" bigint,
	"site_id" bigint,
	"patient_id" bigint,
	"arm_id" bigint,
	"subject_key" bigint,
	"study_key" bigint,
	"site_key" bigint,
	"patient_key" bigint,
	"arm_key" bigint,
	"enrollment_date_key" integer,
	"enrollment_date" timestamp with time zone,
	"screened_at" timestamp with time zone,
	"randomized_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"dropped_at" timestamp with time zone,
	"screen_failed_at" timestamp with time zone,
	"current_status" text,
	"is_screen_failure" boolean NOT NULL,
	"is_randomized" boolean NOT NULL,
	"is_completed" boolean NOT NULL,
	"is_dropped" boolean NOT NULL,
	"is_active" boolean NOT NULL,
	"age_at_enrollment" integer,
	"days_enrollment_to_screening" integer,
	"days_screening_to_randomization" integer,
	"days_enrollment_to_randomization" integer,
	"days_randomization_to_completion" integer,
	"row_hash" text NOT NULL,
	"source_system" text DEFAULT 'clinical-conductor' NOT NULL,
	"etl_load_date" timestamp with time zone DEFAULT now() NOT NULL,
	"transformation_run_id" integer
);
--> statement-breakpoint
CREATE TABLE "fact_subject_status_changes" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"source_instance_id" integer NOT NULL,
	"status_record_key" text NOT NULL,
	"subject_id" bigint,
	"study_id" bigint,
	"site_id" bigint,
	"subject_key" bigint,
	"study_key" bigint,
	"site_key" bigint,
	"event_date_key" integer,
	"status" text,
	"previous_status" text,
	"status_sequence" integer,
	"is_current_status" boolean,
	"event_at" timestamp with time zone,
	"days_since_previous_status" integer,
	"row_hash" text NOT NULL,
	"source_system" text DEFAULT 'clinical-conductor' NOT NULL,
	"etl_load_date" timestamp with time zone DEFAULT now() NOT NULL,
	"transformation_run_id" integer
);
--> statement-breakpoint
CREATE TABLE "fact_appointments" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"source_instance_id" integer NOT NULL,
	"appointment_id" bigint NOT NULL,
	"study_id" bigint,
	"site_id" bigint,
	"patient_id" bigint,
	"visit_id" bigint,
	"study_key" bigint,
	"site_key" bigint,
	"patient_key" bigint,
	"visit_key" bigint,
	"planned_date_key" integer,
	"status" text,
	"planned_start" timestamp with time zone,
	"planned_end" timestamp with time zone,
	"duration_minutes" integer,
	"is_completed" boolean NOT NULL,
	"is_cancelled" boolean NOT NULL,
	"is_no_show" boolean NOT NULL,
	"row_hash" text NOT NULL,
	"source_system" text DEFAULT 'clinical-conductor' NOT NULL,
	"etl_load_date" timestamp with time zone DEFAULT now() NOT NULL,
	"transformation_run_id" integer
);
--> statement-breakpoint
CREATE TABLE "fact_patient_visits" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"source_instance_id" integer NOT NULL,
	"patient_visit_id" bigint NOT NULL,
	"subject_id" bigint,
	"study_id" bigint,
	"site_id" bigint,
	"patient_id" bigint,
	"visit_id" bigint,
	"subject_key" bigint,
	"study_key" bigint,
	"site_key" bigint,
	"patient_key" bigint,
	"visit_key" bigint,
	"due_date_key" integer,
	"window_start_date_key" integer,
	"window_end_date_key" integer,
	"actual_date_key" integer,
	"visit_name" text,
	"sequence" integer,
	"is_mandatory" boolean,
	"status" text,
	"target_due_date" timestamp with time zone,
	"min_due_date" timestamp with time zone,
	"max_due_date" timestamp with time zone,
	"actual_visit_at" timestamp with time zone,
	"appointment_count" integer NOT NULL,
	"element_count" integer NOT NULL,
	"completed_element_count" integer NOT NULL,
	"is_completed" boolean NOT NULL,
	"is_on_time" boolean,
	"days_from_target" integer,
	"row_hash" text NOT NULL,
	"source_system" text DEFAULT 'clinical-conductor' NOT NULL,
	"etl_load_date" timestamp with time zone DEFAULT now() NOT NULL,
	"transformation_run_id" integer
);
--> statement-breakpoint
CREATE TABLE "fact_visit_element_completions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"source_instance_id" integer NOT NULL,
	"patient_visit_element_id" bigint NOT NULL,
	"patient_visit_id" bigint NOT NULL,
	"element_id" bigint,
	"subject_id" bigint,
	"study_id" bigint,
	"site_id" bigint,
	"element_key" bigint,
	"subject_key" bigint,
	"study_key" bigint,
	"site_key" bigint,
	"completed_date_key" integer,
	"element_name" text,
	"sequence" integer,
	"is_required" boolean,
	"is_repeated_element" boolean,
	"is_completed" boolean NOT NULL,
	"completed_at" timestamp with time zone,
	"duration_minutes" integer,
	"row_hash" text NOT NULL,
	"source_system" text DEFAULT 'clinical-conductor' NOT NULL,
	"etl_load_date" timestamp with time zone DEFAULT now() NOT NULL,
	"transformation_run_id" integer
);
--> statement-breakpoint
CREATE TABLE "dim_date" (
	"date_key" integer PRIMARY KEY NOT NULL,
	"full_date" date NOT NULL,
	"year" smallint NOT NULL,
	"quarter" smallint NOT NULL,
	"month" smallint NOT NULL,
	"month_name" text NOT NULL,
	"year_month" text NOT NULL,
	"day_of_month" smallint NOT NULL,
	"day_of_week" smallint NOT NULL,
	"day_name" text NOT NULL,
	"day_of_year" smallint NOT NULL,
	"iso_week" smallint NOT NULL,
	"is_weekend" boolean NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dim_monitors" (
	"monitor_key" bigserial PRIMARY KEY NOT NULL,
	"source_instance_id" integer NOT NULL,
	"monitor_id" bigint NOT NULL,
	"first_name" text,
	"last_name" text,
	"display_name" text,
	"is_deleted" boolean DEFAULT false NOT NULL,
	"row_hash" text NOT NULL,
	"source_system" text DEFAULT 'clinical-conductor' NOT NULL,
	"etl_load_date" timestamp with time zone DEFAULT now() NOT NULL,
	"transformation_run_id" integer
);
--> statement-breakpoint
CREATE TABLE "dim_sites" (
	"site_key" bigserial PRIMARY KEY NOT NULL,
	"source_instance_id" integer NOT NULL,
	"site_id" bigint NOT NULL,
	"site_uid" text,
	"name" text,
	"is_active" boolean,
	"city" text,
	"state_province" text,
	"country" text,
	"time_zone" text,
	"organization" text,
	"created_on" timestamp with time zone,
	"is_deleted" boolean DEFAULT false NOT NULL,
	"row_hash" text NOT NULL,
	"source_system" text DEFAULT 'clinical-conductor' NOT NULL,
	"etl_load_date" timestamp with time zone DEFAULT now() NOT NULL,
	"transformation_run_id" integer
);
--> statement-breakpoint
CREATE TABLE "dim_sponsors" (
	"sponsor_key" bigserial PRIMARY KEY NOT NULL,
	"source_instance_id" integer NOT NULL,
	"sponsor_id" bigint NOT NULL,
	"name" text,
	"division_count" integer,
	"is_deleted" boolean DEFAULT false NOT NULL,
	"row_hash" text NOT NULL,
	"source_system" text DEFAULT 'clinical-conductor' NOT NULL,
	"etl_load_date" timestamp with time zone DEFAULT now() NOT NULL,
	"transformation_run_id" integer
);
--> statement-breakpoint
CREATE TABLE "dim_staff" (
	"staff_key" bigserial PRIMARY KEY NOT NULL,
	"source_instance_id" integer NOT NULL,
	"staff_id" bigint NOT NULL,
	"staff_uid" text,
	"display_name" text,
	"first_name" text,
	"last_name" text,
	"profession" text,
	"is_active" boolean,
	"is_external" boolean,
	"is_deleted" boolean DEFAULT false NOT NULL,
	"row_hash" text NOT NULL,
	"source_system" text DEFAULT 'clinical-conductor' NOT NULL,
	"etl_load_date" timestamp with time zone DEFAULT now() NOT NULL,
	"transformation_run_id" integer
);
--> statement-breakpoint
CREATE INDEX "dim_elements_bk_idx" ON "dim_elements" USING btree ("source_instance_id","element_id","effective_start_date");--> statement-breakpoint
CREATE INDEX "dim_patients_bk_idx" ON "dim_patients" USING btree ("source_instance_id","patient_id","effective_start_date");--> statement-breakpoint
CREATE INDEX "dim_studies_bk_idx" ON "dim_studies" USING btree ("source_instance_id","study_id","effective_start_date");--> statement-breakpoint
CREATE INDEX "dim_study_arms_bk_idx" ON "dim_study_arms" USING btree ("source_instance_id","arm_id","effective_start_date");--> statement-breakpoint
CREATE INDEX "dim_subjects_bk_idx" ON "dim_subjects" USING btree ("source_instance_id","subject_id","effective_start_date");--> statement-breakpoint
CREATE INDEX "dim_visits_bk_idx" ON "dim_visits" USING btree ("source_instance_id","visit_id","effective_start_date");--> statement-breakpoint
CREATE UNIQUE INDEX "fact_study_performance_grain_uq" ON "fact_study_performance" USING btree ("source_instance_id","study_id","snapshot_date");--> statement-breakpoint
CREATE UNIQUE INDEX "fact_enrollment_grain_uq" ON "fact_enrollment" USING btree ("source_instance_id","subject_id");--> statement-breakpoint
CREATE INDEX "fact_enrollment_study_idx" ON "fact_enrollment" USING btree ("source_instance_id","study_id");--> statement-breakpoint
CREATE UNIQUE INDEX "fact_subject_status_changes_grain_uq" ON "fact_subject_status_changes" USING btree ("source_instance_id","status_record_key");--> statement-breakpoint
CREATE INDEX "fact_subject_status_changes_subject_idx" ON "fact_subject_status_changes" USING btree ("source_instance_id","subject_id");--> statement-breakpoint
CREATE UNIQUE INDEX "fact_appointments_grain_uq" ON "fact_appointments" USING btree ("source_instance_id","appointment_id");--> statement-breakpoint
CREATE UNIQUE INDEX "fact_patient_visits_grain_uq" ON "fact_patient_visits" USING btree ("source_instance_id","patient_visit_id");--> statement-breakpoint
CREATE INDEX "fact_patient_visits_subject_idx" ON "fact_patient_visits" USING btree ("source_instance_id","subject_id");--> statement-breakpoint
CREATE UNIQUE INDEX "fact_visit_element_completions_grain_uq" ON "fact_visit_element_completions" USING btree ("source_instance_id","patient_visit_element_id");--> statement-breakpoint
CREATE INDEX "fact_visit_element_completions_visit_idx" ON "fact_visit_element_completions" USING btree ("source_instance_id","patient_visit_id");--> statement-breakpoint
CREATE UNIQUE INDEX "dim_date_full_date_uq" ON "dim_date" USING btree ("full_date");--> statement-breakpoint
CREATE UNIQUE INDEX "dim_monitors_bk_uq" ON "dim_monitors" USING btree ("source_instance_id","monitor_id");--> statement-breakpoint
CREATE UNIQUE INDEX "dim_sites_bk_uq" ON "dim_sites" USING btree ("source_instance_id","site_id");--> statement-breakpoint
CREATE UNIQUE INDEX "dim_sponsors_bk_uq" ON "dim_sponsors" USING btree ("source_instance_id","sponsor_id");--> statement-breakpoint
CREATE UNIQUE INDEX "dim_staff_bk_uq" ON "dim_staff" USING btree ("source_instance_id","staff_id");