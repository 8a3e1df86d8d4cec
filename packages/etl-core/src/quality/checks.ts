/**
 * The structural data-quality checks run by every transformation before it publishes Gold (the
 * content checks are in `content.ts`; severities and thresholds in `config.ts`), as data: each is a SELECT of the keys
 * of the rows that fail it (`<instance>:<business key>`), so adding one is adding a row here.
 *
 * Row checks also have a narrow form for incremental transformations: whether a fact row or a
 * staging row fails depends only on that row, and a row changes only when the transformation
 * writes it (facts) or a loader moves its `updated_at` (staging). So when a check passed last
 * time, checking the rows written (or changed) since is the same as checking the whole table.
 *
 * - `duplicate_current_business_keys`: a Type-2 key with more than one current version.
 * - `orphan_fact_keys`: a fact names a dimension (business id) but no version of it was found.
 * - `facts_with_missing_dates`: a date key absent from `dim_date` (outside 2000-2035).
 * - `impossible_measures`: negative counts or durations, more enrolled than subjects, rates
 *   outside [0, 1], ages outside [0, 130], a completed, dropped, randomized or active subject
 *   that is not enrolled, an enrolled screen failure.
 * - `staging_rows_without_keys`: live staging rows Silver cannot key (a non-integer id, a status
 *   event without subject or date, a visit element without its visit).
 */
import { businessKeyOf } from "../transform/merge/dimension-spec.js"
import { asBusinessKey, field } from "../transform/sql/json.js"
import type { QualityCheckName } from "./config.js"

export { type QualityCheckName, qualityCheckNames } from "./config.js"

/** What an incremental transformation changed, for the narrow form of a check. */
export interface ChangedScope {
  /** Staging rows with `updated_at` at or after this changed. */
  readonly since: string
  /** The temp table of a fact's changed scope keys (`source_instance_id`, `k`) in this run. */
  readonly factChanges: (table: string) => string
}

export interface QualityCheck {
  readonly name: QualityCheckName
  readonly table: string
  /** SELECT of one text column `key` per failing row. */
  readonly failing: string
  /** The same, over the rows an incremental transformation changed (row-local checks only). */
  readonly failingChanged?: (scope: ChangedScope) => string
}

const scd2Keys: ReadonlyArray<readonly [table: string, businessKey: string]> = [
  ["dim_studies", "study_id"],
  ["dim_subjects", "subject_id"],
  ["dim_patients", "patient_id"],
  ["dim_visits", "visit_id"],
  ["dim_elements", "element_id"],
  ["dim_study_arms", "arm_id"]
]

export interface FactShape {
  readonly table: string
  readonly grain: string
  /** The column the transformation scopes the fact's changes by. */
  readonly scope: string
  /** `[business id column, surrogate key column]` pairs. */
  readonly references: ReadonlyArray<readonly [string, string]>
  readonly dates: ReadonlyArray<string>
  /** Conditions that cannot hold for a correct row. */
  readonly impossible?: string
}

const factShapes: ReadonlyArray<FactShape> = [
  {
    table: "fact_subject_status_changes",
    grain: "status_record_key",
    scope: "subject_id",
    references: [
      ["subject_id", "subject_key"],
      ["study_id", "study_key"],
      ["site_id", "site_key"]
    ],
    dates: ["event_date_key"]
  },
  {
    table: "fact_enrollment",
    grain: "subject_id",
    scope: "subject_id",
    references: [
      ["subject_id", "subject_key"],
      ["study_id", "study_key"],
      ["site_id", "site_key"],
      ["patient_id", "patient_key"],
      ["arm_id", "arm_key"]
    ],
    dates: ["enrollment_date_key"],
    impossible: [
      "age_at_enrollment < 0 OR age_at_enrollment > 130",
      "((is_completed OR is_dropped OR is_randomized OR is_active) AND NOT is_enrolled)",
      "(is_screen_failure AND is_enrolled)"
    ].join(" OR ")
  },
  {
    table: "fact_patient_visits",
    grain: "patient_visit_id",
    scope: "patient_visit_id",
    references: [
      ["subject_id", "subject_key"],
      ["study_id", "study_key"],
      ["site_id", "site_key"],
      ["patient_id", "patient_key"],
      ["visit_id", "visit_key"]
    ],
    dates: ["due_date_key", "window_start_date_key", "window_end_date_key", "actual_date_key"],
    impossible: "appointment_count < 0 OR element_count < 0 OR completed_element_count > element_count"
  },
  {
    table: "fact_visit_element_completions",
    grain: "patient_visit_element_id",
    scope: "patient_visit_element_id",
    references: [["element_id", "element_key"]],
    dates: ["completed_date_key"],
    impossible: "duration_minutes < 0"
  },
  {
    table: "fact_appointments",
    grain: "appointment_id",
    scope: "appointment_id",
    references: [
      ["study_id", "study_key"],
      ["site_id", "site_key"],
      ["patient_id", "patient_key"],
      ["visit_id", "visit_key"]
    ],
    dates: ["planned_date_key"],
    impossible: "duration_minutes < 0"
  },
  {
    table: "fact_study_performance",
    grain: "study_id || '@' || snapshot_date",
    scope: "snapshot_date",
    references: [["study_id", "study_key"]],
    dates: ["snapshot_date_key"],
    impossible: [
      "subjects_enrolled > subjects_total",
      "subjects_randomized > subjects_enrolled",
      "visits_completed > visits_total",
      "visits_due > visits_total",
      "least(subjects_total, subjects_enrolled, subjects_screen_failed, subjects_randomized, subjects_completed," +
        " subjects_dropped, subjects_active, visits_total, visits_due, visits_completed, visits_on_time," +
        " appointments_total, appointments_no_show) < 0",
      "least(screen_failure_rate, randomization_rate, dropout_rate, visit_completion_rate, on_time_rate) < 0",
      "greatest(screen_failure_rate, randomization_rate, dropout_rate, visit_completion_rate, on_time_rate) > 1"
    ].join(" OR ")
  }
]

/** Staging tables Silver reads, with the condition under which a live row has no usable key. */
export const stagingKeys: ReadonlyArray<readonly [table: string, keyless: string]> = [
  ...[
    "dim_sites_staging",
    "dim_sponsors_staging",
    "dim_staff_staging",
    "dim_monitors_staging",
    "dim_studies_staging",
    "dim_patients_staging",
    "dim_subjects_staging",
    "dim_visits_staging",
    "dim_elements_staging",
    "dim_study_arms_staging",
    "dim_patient_visits_staging",
    "dim_appointments_staging"
  ].map((table) => [table, `${businessKeyOf("s")} IS NULL`] as const),
  ["dim_subject_statuses_staging", `${field.id("subject.id")} IS NULL OR ${field.timestamp("eventDate")} IS NULL`],
  ["dim_visit_elements_staging", `${businessKeyOf("s")} IS NULL OR ${asBusinessKey("s.parent_key")} IS NULL`]
]

const key = (alias: string, column: string) => `${alias}.source_instance_id || ':' || ${alias}.${column}`

/** A fact check over all rows, and over the rows in the scope the transformation changed. */
export const factCheck = (name: QualityCheckName, fact: FactShape, condition: string): QualityCheck => ({
  name,
  table: fact.table,
  failing: `SELECT ${key("f", fact.grain)} AS key FROM ${fact.table} AS f WHERE ${condition}`,
  // The changed rows first (materialized), then the condition: otherwise the planner may test the
  // condition on the whole table before joining the few changed keys.
  failingChanged: (scope) => `WITH f AS MATERIALIZED (
  SELECT f.* FROM ${fact.table} AS f
  JOIN (SELECT DISTINCT * FROM ${scope.factChanges(fact.table)}) AS c
    ON c.source_instance_id = f.source_instance_id AND c.k = f.${fact.scope}
)
SELECT ${key("f", fact.grain)} AS key FROM f WHERE ${condition}`
})

const stagingCheck = (table: string, keyless: string): QualityCheck => {
  const failing = (extra: string) => `SELECT s.source_instance_id || ':' || s.record_key AS key FROM ${table} AS s
WHERE NOT s.is_deleted AND (${keyless})${extra}`
  return {
    name: "staging_rows_without_keys",
    table,
    failing: failing(""),
    failingChanged: (scope) => failing(` AND s.updated_at >= ${scope.since}`)
  }
}

export const qualityChecks: ReadonlyArray<QualityCheck> = [
  ...scd2Keys.map(([table, businessKey]) => ({
    name: "duplicate_current_business_keys" as const,
    table,
    failing: `SELECT d.source_instance_id || ':' || d.${businessKey} AS key FROM ${table} AS d
WHERE d.is_current GROUP BY d.source_instance_id, d.${businessKey} HAVING count(*) > 1`
  })),
  ...factShapes.map((fact) =>
    factCheck(
      "orphan_fact_keys",
      fact,
      fact.references.map(([id, surrogate]) => `(f.${id} IS NOT NULL AND f.${surrogate} IS NULL)`).join(" OR ")
    )
  ),
  ...factShapes.map((fact) =>
    factCheck(
      "facts_with_missing_dates",
      fact,
      fact.dates
        .map((column) => `(f.${column} IS NOT NULL AND f.${column} NOT IN (SELECT d.date_key FROM dim_date AS d))`)
        .join(" OR ")
    )
  ),
  ...factShapes.flatMap((fact) =>
    fact.impossible === undefined ? [] : [factCheck("impossible_measures", fact, fact.impossible)]
  ),
  ...stagingKeys.map(([table, keyless]) => stagingCheck(table, keyless))
]
