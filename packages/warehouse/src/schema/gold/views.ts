/**
 * Gold: the views and the materialized view of docs/design.md §5, declared for typed queries
 * (`warehouse.db.select().from(vStudyEnrollmentSummary)`). Their SQL lives in the custom
 * migrations `packages/warehouse/migrations/0003_gold.sql` to `0007_gold_enrolled_subjects.sql` (Drizzle cannot express the window functions, the
 * plpgsql freshness function or the materialized view's unique index), so each is `.existing()`:
 * drizzle-kit leaves them alone.
 */
import {
  bigint,
  boolean,
  date,
  doublePrecision,
  integer,
  interval,
  numeric,
  pgMaterializedView,
  pgView,
  text,
  timestamp
} from "drizzle-orm/pg-core"

const businessId = (name: string) => bigint(name, { mode: "number" })
const ratio = (name: string) => numeric(name)

/** Enrollment per current study: counts, rates, ages and days to randomization. */
export const vStudyEnrollmentSummary = pgView("v_study_enrollment_summary", {
  sourceInstanceId: integer("source_instance_id"),
  studyId: businessId("study_id"),
  studyName: text("study_name"),
  studyStatus: text("study_status"),
  phase: text("phase"),
  sponsorName: text("sponsor_name"),
  subjectsTotal: integer("subjects_total"),
  subjectsEnrolled: integer("subjects_enrolled"),
  screenFailures: integer("screen_failures"),
  randomized: integer("randomized"),
  completed: integer("completed"),
  dropped: integer("dropped"),
  active: integer("active"),
  screenFailureRate: ratio("screen_failure_rate"),
  randomizationRate: ratio("randomization_rate"),
  avgAgeAtEnrollment: numeric("avg_age_at_enrollment"),
  avgDaysToRandomization: numeric("avg_days_to_randomization"),
  firstEnrollmentDate: date("first_enrollment_date", { mode: "string" }),
  lastEnrollmentDate: date("last_enrollment_date", { mode: "string" })
}).existing()

/** Current subjects per study and status, with the status's share of the study. */
export const vSubjectStatusSummary = pgView("v_subject_status_summary", {
  sourceInstanceId: integer("source_instance_id"),
  studyId: businessId("study_id"),
  studyName: text("study_name"),
  status: text("status"),
  subjects: integer("subjects"),
  shareOfStudy: ratio("share_of_study")
}).existing()

/** Every run of every job (`dw_etl_runs` with its job's name, category and target). */
export const vEtlJobHistory = pgView("v_etl_job_history", {
  runId: integer("run_id"),
  jobId: integer("job_id"),
  jobName: text("job_name"),
  category: text("category"),
  targetTable: text("target_table"),
  runStatus: text("run_status"),
  trigger: text("trigger"),
  attempt: integer("attempt"),
  startedAt: timestamp("started_at", { withTimezone: true }),
  completedAt: timestamp("completed_at", { withTimezone: true }),
  durationMs: integer("duration_ms"),
  recordsLoaded: integer("records_loaded"),
  recordsInserted: integer("records_inserted"),
  recordsUpdated: integer("records_updated"),
  recordsUnchanged: integer("records_unchanged"),
  recordsDeleted: integer("records_deleted"),
  partitionsTotal: integer("partitions_total"),
  partitionsFailed: integer("partitions_failed"),
  errorMessage: text("error_message")
}).existing()

/** Success rate per job, over all finished runs and over the last 30 days. */
export const vEtlJobSuccessRate = pgView("v_etl_job_success_rate", {
  jobId: integer("job_id"),
  jobName: text("job_name"),
  category: text("category"),
  isActive: boolean("is_active"),
  runs: integer("runs"),
  succeeded: integer("succeeded"),
  partial: integer("partial"),
  failed: integer("failed"),
  cancelled: integer("cancelled"),
  successRate: ratio("success_rate"),
  runsLast30Days: integer("runs_last_30_days"),
  successRateLast30Days: ratio("success_rate_last_30_days"),
  lastRunAt: timestamp("last_run_at", { withTimezone: true }),
  avgSuccessDurationMs: integer("avg_success_duration_ms")
}).existing()

/**
 * Freshness of every staging (`bronze`) and Silver table: rows, current rows (not deleted; the
 * current version for Type-2), last load and its age. Staging tables created later by
 * `ensureStagingTable` appear too.
 */
export const vTableFreshness = pgView("v_table_freshness", {
  layer: text("layer").$type<"bronze" | "silver">(),
  tableName: text("table_name"),
  rowCount: bigint("row_count", { mode: "number" }),
  currentRows: bigint("current_rows", { mode: "number" }),
  lastLoadedAt: timestamp("last_loaded_at", { withTimezone: true }),
  age: interval("age")
}).existing()

/** Visit compliance per study and site: due, completed, on time, late, overdue, and rates. */
export const vVisitCompliance = pgView("v_visit_compliance", {
  sourceInstanceId: integer("source_instance_id"),
  studyId: businessId("study_id"),
  studyName: text("study_name"),
  siteId: businessId("site_id"),
  siteName: text("site_name"),
  visitsTotal: integer("visits_total"),
  visitsDue: integer("visits_due"),
  visitsCompleted: integer("visits_completed"),
  visitsOnTime: integer("visits_on_time"),
  visitsLate: integer("visits_late"),
  visitsOverdue: integer("visits_overdue"),
  completionRate: ratio("completion_rate"),
  onTimeRate: ratio("on_time_rate")
}).existing()

/**
 * Per current study: the latest performance snapshot with enrollment statistics of the enrolled
 * subjects. Refreshed CONCURRENTLY (unique index on `(source_instance_id, study_id)`, so readers
 * are never blocked) by a transformation whose blocking data-quality checks passed and that
 * changed Silver, ran in full, or follows a blocked one.
 */
export const mvStudyPerformanceMetrics = pgMaterializedView("mv_study_performance_metrics", {
  sourceInstanceId: integer("source_instance_id"),
  studyId: businessId("study_id"),
  studyName: text("study_name"),
  studyStatus: text("study_status"),
  phase: text("phase"),
  sponsorName: text("sponsor_name"),
  snapshotDate: date("snapshot_date", { mode: "string" }),
  subjectsTotal: integer("subjects_total"),
  subjectsEnrolled: integer("subjects_enrolled"),
  subjectsRandomized: integer("subjects_randomized"),
  subjectsCompleted: integer("subjects_completed"),
  subjectsDropped: integer("subjects_dropped"),
  subjectsActive: integer("subjects_active"),
  screenFailureRate: ratio("screen_failure_rate"),
  randomizationRate: ratio("randomization_rate"),
  dropoutRate: ratio("dropout_rate"),
  visitsTotal: integer("visits_total"),
  visitsDue: integer("visits_due"),
  visitsCompleted: integer("visits_completed"),
  visitCompletionRate: ratio("visit_completion_rate"),
  onTimeRate: ratio("on_time_rate"),
  appointmentNoShowRate: ratio("appointment_no_show_rate"),
  avgAgeAtEnrollment: numeric("avg_age_at_enrollment"),
  avgDaysToRandomization: numeric("avg_days_to_randomization"),
  medianDaysToRandomization: doublePrecision("median_days_to_randomization"),
  firstEnrollmentDate: date("first_enrollment_date", { mode: "string" }),
  lastEnrollmentDate: date("last_enrollment_date", { mode: "string" })
}).existing()
