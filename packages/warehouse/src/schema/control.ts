/**
 * Control tables: the engine's own bookkeeping.
 *
 * `dw_api_credentials`, `dw_etl_jobs` and `dw_etl_runs` keep the names and columns of the system
 * being replaced, because operators' scripts query them (docs/design.md §5). Everything else
 * here is added for the engine: partition progress, per-parent fetch state, the keys seen by a
 * snapshot (for deletion detection), transformation runs and data-quality results.
 */
import { sql } from "drizzle-orm"
import {
  bigint,
  bigserial,
  boolean,
  check,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  real,
  serial,
  text,
  timestamp,
  uniqueIndex,
  uuid
} from "drizzle-orm/pg-core"

const timestamps = {
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow()
}

/** The statuses a run can end in (plus `running` while it goes). */
export const runStatuses = ["running", "success", "partial", "failed", "cancelled"] as const
export type RunStatus = (typeof runStatuses)[number]

/**
 * How a job stands against the vendor spec. `custom`: a row an operator added to `dw_etl_jobs`
 * (not in the shipped catalog); `trialsync jobs validate` judges it like a valid one.
 */
export const catalogStatuses = ["valid", "fixed", "disabled", "not-in-spec", "custom"] as const
export type CatalogStatus = (typeof catalogStatuses)[number]

/** Fan-out partition states. */
export const partitionStatuses = ["pending", "running", "done", "failed", "skipped"] as const
export type PartitionStatus = (typeof partitionStatuses)[number]

/**
 * A CC instance the warehouse loads from. Never holds a key: `api_key` (the replaced system's
 * column name) holds a reference to where the key lives, for example `env:CC_API_KEY`.
 */
export const dwApiCredentials = pgTable("dw_api_credentials", {
  id: serial("id").primaryKey(),
  instanceName: text("instance_name").notNull().unique(),
  baseUrl: text("base_url").notNull(),
  apiKeyHeader: text("api_key_header").notNull().default("CCAPIKey"),
  apiKeyRef: text("api_key").notNull(),
  instanceUid: text("instance_uid"),
  instanceType: text("instance_type"),
  isActive: boolean("is_active").notNull().default(true),
  description: text("description"),
  /** The most requests per second this instance may receive; null: the configured default. */
  rateLimitRps: real("rate_limit_rps"),
  /** The adaptive rate the last run ended at (requests per second); the next run starts from it. Null: none yet. */
  learnedRateRps: real("learned_rate_rps"),
  /** When `learned_rate_rps` was written. */
  learnedRateAt: timestamp("learned_rate_at", { withTimezone: true }),
  ...timestamps
})

/**
 * The job catalog, seeded from typed data in `@trialsync/etl-core` (original ids kept).
 * Seeding updates definitions but never an operator's switches (`is_active`, `schedule`,
 * `batch_size`, `rate_limit_ms`, `incremental_load`). Column names follow the replaced system's
 * scripts (docs/design.md §5); rows those scripts insert take ids from 1000 up and the status
 * `custom`.
 */
export const dwEtlJobs = pgTable(
  "dw_etl_jobs",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity({ startWith: 1000 }),
    name: text("name").notNull(),
    sourceEndpoint: text("source_endpoint").notNull(),
    originalEndpoint: text("original_endpoint"),
    targetTable: text("target_table").notNull(),
    isActive: boolean("is_active").notNull().default(true),
    isParameterized: boolean("requires_parameters").notNull().default(false),
    parameterName: text("parameter_name"),
    parameterSourceTable: text("parameter_source_table"),
    parameterSourceColumn: text("parameter_source_column"),
    /** `trialsync run --category` selects by it. */
    category: text("job_group").notNull().default("custom"),
    catalogStatus: text("catalog_status").$type<CatalogStatus>().notNull().default("custom"),
    statusReason: text("status_reason"),
    /** Placeholder bindings: `[{ name, parentTable, keyPath }]`. */
    parameters: jsonb("parameters").$type<ReadonlyArray<{ name: string; parentTable: string; keyPath: string }>>(),
    dependsOn: integer("depends_on").array().notNull().default(sql`'{}'::integer[]`),
    /** The change field an incremental load filters on (studies: `lastUpdatedOn`). */
    changeField: text("timestamp_field_name"),
    /** Operator switch: false makes a job with a change field take full snapshots. */
    incrementalLoad: boolean("incremental_load").notNull().default(false),
    /** `incremental` when the job filters on its change field, else `full` (a snapshot). */
    loadMode: text("load_mode").$type<"full" | "incremental">().notNull().default("full"),
    sourceInstanceId: integer("source_instance_id").references(() => dwApiCredentials.id),
    description: text("description"),
    schedule: text("schedule"),
    timeoutSeconds: integer("timeout_seconds"),
    /** Operator override of the page size (`$top`). */
    pageSize: integer("batch_size"),
    /** Operator setting: least milliseconds between this job's requests. */
    rateLimitMs: integer("rate_limit_ms"),
    lastRunId: integer("last_run_id"),
    lastRunStatus: text("last_run_status"),
    lastRunRecords: integer("last_run_records"),
    lastRunAt: timestamp("last_run_at", { withTimezone: true }),
    ...timestamps
  },
  (t) => [
    check(
      "dw_etl_jobs_catalog_status_check",
      sql`${t.catalogStatus} in ('valid', 'fixed', 'disabled', 'not-in-spec', 'custom')`
    ),
    check("dw_etl_jobs_load_mode_check", sql`${t.loadMode} in ('full', 'incremental')`),
    index("dw_etl_jobs_target_table_idx").on(t.targetTable)
  ]
)

/** One execution of one job. `run_context` holds the checkpoints a resume continues from. */
export const dwEtlRuns = pgTable(
  "dw_etl_runs",
  {
    id: serial("id").primaryKey(),
    jobId: integer("job_id")
      .notNull()
      .references(() => dwEtlJobs.id),
    /** Runs started together (`run --all`) share a group. */
    groupId: uuid("group_id"),
    sourceInstanceId: integer("source_instance_id").references(() => dwApiCredentials.id),
    runStatus: text("run_status").$type<RunStatus>().notNull().default("running"),
    trigger: text("trigger").notNull().default("cli"),
    attempt: integer("attempt").notNull().default(1),
    retryOf: integer("retry_of"),
    parameters: jsonb("parameters").$type<Record<string, unknown>>(),
    runContext: jsonb("run_context").$type<Record<string, unknown>>(),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
    completedAt: timestamp("completed_at", { withTimezone: true }),
    durationMs: integer("duration_ms"),
    /** The replaced system's column: derived from `duration_ms`, so the two never disagree. */
    durationSeconds: numeric("duration_seconds", { precision: 12, scale: 3 }).generatedAlwaysAs(
      sql`round(duration_ms / 1000.0, 3)`
    ),
    recordsLoaded: integer("records_loaded").notNull().default(0),
    recordsInserted: integer("records_inserted").notNull().default(0),
    recordsUpdated: integer("records_updated").notNull().default(0),
    recordsUnchanged: integer("records_unchanged").notNull().default(0),
    recordsDeleted: integer("records_deleted").notNull().default(0),
    pages: integer("pages").notNull().default(0),
    requests: integer("requests").notNull().default(0),
    partitionsTotal: integer("partitions_total").notNull().default(0),
    partitionsDone: integer("partitions_done").notNull().default(0),
    partitionsFailed: integer("partitions_failed").notNull().default(0),
    partitionsSkipped: integer("partitions_skipped").notNull().default(0),
    /** Largest change-field value seen in the source data of this run (incremental jobs). */
    watermark: text("watermark"),
    errorMessage: text("error_message")
  },
  (t) => [
    check(
      "dw_etl_runs_run_status_check",
      sql`${t.runStatus} in ('running', 'success', 'partial', 'failed', 'cancelled')`
    ),
    index("dw_etl_runs_job_started_idx").on(t.jobId, t.startedAt),
    index("dw_etl_runs_group_idx").on(t.groupId)
  ]
)

/** Progress of one fan-out partition (one parent key) within a run. */
export const dwEtlPartitions = pgTable(
  "dw_etl_partitions",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    runId: integer("run_id")
      .notNull()
      .references(() => dwEtlRuns.id, { onDelete: "cascade" }),
    jobId: integer("job_id").notNull(),
    /** The parent's CC key the partition was fetched for. */
    parentKey: text("parent_key").notNull(),
    /** Placeholder values, e.g. `{ "studyId": "42", "subjectId": "7" }`. */
    params: jsonb("params").$type<Record<string, string>>().notNull(),
    status: text("status").$type<PartitionStatus>().notNull().default("pending"),
    pages: integer("pages").notNull().default(0),
    records: integer("records").notNull().default(0),
    /** Where a resume continues: `{ skip }` or `{ nextLink }`. */
    checkpoint: jsonb("checkpoint").$type<Record<string, unknown>>(),
    attempts: integer("attempts").notNull().default(0),
    errorMessage: text("error_message"),
    startedAt: timestamp("started_at", { withTimezone: true }),
    completedAt: timestamp("completed_at", { withTimezone: true })
  },
  (t) => [
    uniqueIndex("dw_etl_partitions_run_parent_idx").on(t.runId, t.parentKey),
    index("dw_etl_partitions_run_status_idx").on(t.runId, t.status),
    check("dw_etl_partitions_status_check", sql`${t.status} in ('pending', 'running', 'done', 'failed', 'skipped')`)
  ]
)

/**
 * Per job and parent: the parent's content hash when its children were last fetched
 * successfully. An incremental fan-out skips parents whose hash has not moved since.
 */
export const dwEtlParentState = pgTable(
  "dw_etl_parent_state",
  {
    jobId: integer("job_id").notNull(),
    sourceInstanceId: integer("source_instance_id").notNull(),
    parentKey: text("parent_key").notNull(),
    parentHash: text("parent_hash").notNull(),
    lastRunId: integer("last_run_id"),
    lastFetchedAt: timestamp("last_fetched_at", { withTimezone: true }).notNull().defaultNow()
  },
  (t) => [primaryKey({ columns: [t.jobId, t.sourceInstanceId, t.parentKey] })]
)

/**
 * Keys seen by the snapshot a run is taking, so `markMissingAsDeleted` can tell what vanished
 * without rewriting unchanged staging rows. Unlogged: scratch data, rebuilt by a re-run.
 * (Drizzle cannot declare UNLOGGED; the migration sets it.)
 */
export const dwEtlSeenKeys = pgTable(
  "dw_etl_seen_keys",
  {
    runId: integer("run_id").notNull(),
    tableName: text("table_name").notNull(),
    sourceInstanceId: integer("source_instance_id").notNull(),
    parentKey: text("parent_key").notNull().default(""),
    recordKey: text("record_key").notNull()
  },
  // Serves the loader's anti-join (all five columns) and the per-scope cleanup (a prefix of them).
  (t) => [index("dw_etl_seen_keys_lookup_idx").on(t.runId, t.tableName, t.sourceInstanceId, t.parentKey, t.recordKey)]
)

/** One Bronze -> Silver -> Gold transformation. */
export const dwTransformationRuns = pgTable(
  "dw_transformation_runs",
  {
    id: serial("id").primaryKey(),
    mode: text("mode").$type<"incremental" | "full">().notNull(),
    runStatus: text("run_status").$type<RunStatus>().notNull().default("running"),
    /** Staging rows with `updated_at` after this were read (incremental mode). */
    sinceTimestamp: timestamp("since_timestamp", { withTimezone: true }),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
    completedAt: timestamp("completed_at", { withTimezone: true }),
    durationMs: integer("duration_ms"),
    /** Rows written and milliseconds spent, per layer and table. */
    stats: jsonb("stats").$type<Record<string, unknown>>(),
    errorMessage: text("error_message")
  },
  (t) => [
    check(
      "dw_transformation_runs_status_check",
      sql`${t.runStatus} in ('running', 'success', 'partial', 'failed', 'cancelled')`
    )
  ]
)

/** The outcome of one data-quality check after a transformation. */
export const dwDataQualityResults = pgTable(
  "dw_data_quality_results",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    transformationRunId: integer("transformation_run_id").references(() => dwTransformationRuns.id, {
      onDelete: "cascade"
    }),
    checkName: text("check_name").notNull(),
    tableName: text("table_name").notNull(),
    severity: text("severity").$type<"error" | "warning">().notNull().default("error"),
    passed: boolean("passed").notNull(),
    failedCount: bigint("failed_count", { mode: "number" }).notNull().default(0),
    sampleKeys: jsonb("sample_keys").$type<ReadonlyArray<string>>().notNull().default(sql`'[]'::jsonb`),
    checkedAt: timestamp("checked_at", { withTimezone: true }).notNull().defaultNow()
  },
  (t) => [index("dw_data_quality_results_run_idx").on(t.transformationRunId)]
)
