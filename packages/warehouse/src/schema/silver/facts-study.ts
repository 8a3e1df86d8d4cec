/**
 * The periodic snapshot of study performance: one row per study per day (the transform's UTC
 * date), with counts and rates. A transform later the same day rewrites only rows that changed.
 */
import { date, integer, numeric, pgTable, uniqueIndex } from "drizzle-orm/pg-core"
import { factKeyColumns, id, lineageColumns } from "./columns.js"

const count = (name: string) => integer(name).notNull()
const rate = (name: string) => numeric(name, { precision: 7, scale: 4 })

export const factStudyPerformance = pgTable(
  "fact_study_performance",
  {
    ...factKeyColumns(),
    studyId: id("study_id").notNull(),
    snapshotDate: date("snapshot_date", { mode: "string" }).notNull(),
    snapshotDateKey: integer("snapshot_date_key").notNull(),
    studyKey: id("study_key"),
    subjectsTotal: count("subjects_total"),
    subjectsEnrolled: count("subjects_enrolled"),
    subjectsScreenFailed: count("subjects_screen_failed"),
    subjectsRandomized: count("subjects_randomized"),
    subjectsCompleted: count("subjects_completed"),
    subjectsDropped: count("subjects_dropped"),
    subjectsActive: count("subjects_active"),
    visitsTotal: count("visits_total"),
    /** Visits whose target due date is on or before the snapshot date. */
    visitsDue: count("visits_due"),
    visitsCompleted: count("visits_completed"),
    visitsOnTime: count("visits_on_time"),
    appointmentsTotal: count("appointments_total"),
    appointmentsNoShow: count("appointments_no_show"),
    /** Screen failures / enrolled. */
    screenFailureRate: rate("screen_failure_rate"),
    /** Randomized / enrolled. */
    randomizationRate: rate("randomization_rate"),
    /** Dropped / randomized. */
    dropoutRate: rate("dropout_rate"),
    /** Completed visits / due visits. */
    visitCompletionRate: rate("visit_completion_rate"),
    /** On-time visits / completed visits. */
    onTimeRate: rate("on_time_rate"),
    ...lineageColumns()
  },
  (t) => [uniqueIndex("fact_study_performance_grain_uq").on(t.sourceInstanceId, t.studyId, t.snapshotDate)]
)
