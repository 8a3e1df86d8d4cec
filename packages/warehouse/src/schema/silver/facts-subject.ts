/**
 * Silver facts about subjects: their status events and their enrollment.
 *
 * Surrogate keys (`*_key`) point at the dimension version in effect at the event; the business
 * ids beside them (`*_id`) stay on the row, so a fact whose dimension row is missing is visible
 * (and reported by the data-quality checks) instead of silently dropped.
 */
import { boolean, index, integer, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core"
import { factKeyColumns, id, lineageColumns } from "./columns.js"

/** One row per subject status event (`SubjectStatusModel`, id-less: keyed by subject, status, date). */
export const factSubjectStatusChanges = pgTable(
  "fact_subject_status_changes",
  {
    ...factKeyColumns(),
    /** The staging record key (`subject.id|status|eventDate`): the grain. */
    statusRecordKey: text("status_record_key").notNull(),
    subjectId: id("subject_id"),
    studyId: id("study_id"),
    siteId: id("site_id"),
    subjectKey: id("subject_key"),
    studyKey: id("study_key"),
    siteKey: id("site_key"),
    eventDateKey: integer("event_date_key"),
    status: text("status"),
    previousStatus: text("previous_status"),
    /** 1 for the subject's first event, in event order. */
    statusSequence: integer("status_sequence"),
    isCurrentStatus: boolean("is_current_status"),
    eventAt: timestamp("event_at", { withTimezone: true }),
    daysSincePreviousStatus: integer("days_since_previous_status"),
    ...lineageColumns()
  },
  (t) => [
    uniqueIndex("fact_subject_status_changes_grain_uq").on(t.sourceInstanceId, t.statusRecordKey),
    index("fact_subject_status_changes_subject_idx").on(t.sourceInstanceId, t.subjectId)
  ]
)

/**
 * One row per enrolled subject (a subject with an enrollment date): milestone dates from its
 * status events, outcome flags, age at enrollment and days between milestones.
 */
export const factEnrollment = pgTable(
  "fact_enrollment",
  {
    ...factKeyColumns(),
    subjectId: id("subject_id").notNull(),
    studyId: id("study_id"),
    siteId: id("site_id"),
    patientId: id("patient_id"),
    armId: id("arm_id"),
    subjectKey: id("subject_key"),
    studyKey: id("study_key"),
    siteKey: id("site_key"),
    patientKey: id("patient_key"),
    armKey: id("arm_key"),
    enrollmentDateKey: integer("enrollment_date_key"),
    enrollmentDate: timestamp("enrollment_date", { withTimezone: true }),
    screenedAt: timestamp("screened_at", { withTimezone: true }),
    randomizedAt: timestamp("randomized_at", { withTimezone: true }),
    completedAt: timestamp("completed_at", { withTimezone: true }),
    droppedAt: timestamp("dropped_at", { withTimezone: true }),
    screenFailedAt: timestamp("screen_failed_at", { withTimezone: true }),
    currentStatus: text("current_status"),
    /**
     * Enrolled ever: a Randomized, FollowUp, Completed or Dropped status (or an alias such as
     * Enrolled, Active, Withdrawn, EarlyTerminated), or a randomization number. Prescreened,
     * screened, run-in and screen-failed subjects are not enrolled (etl-core README, "Subject statuses").
     */
    isEnrolled: boolean("is_enrolled").notNull().default(false),
    /** ScreenFailed, RunInFailed or NonQualified, and never enrolled: the subject never qualified. */
    isScreenFailure: boolean("is_screen_failure").notNull(),
    isRandomized: boolean("is_randomized").notNull(),
    isCompleted: boolean("is_completed").notNull(),
    isDropped: boolean("is_dropped").notNull(),
    /** Enrolled and not (yet) completed, dropped or failed. */
    isActive: boolean("is_active").notNull(),
    ageAtEnrollment: integer("age_at_enrollment"),
    daysEnrollmentToScreening: integer("days_enrollment_to_screening"),
    daysScreeningToRandomization: integer("days_screening_to_randomization"),
    daysEnrollmentToRandomization: integer("days_enrollment_to_randomization"),
    daysRandomizationToCompletion: integer("days_randomization_to_completion"),
    ...lineageColumns()
  },
  (t) => [
    uniqueIndex("fact_enrollment_grain_uq").on(t.sourceInstanceId, t.subjectId),
    index("fact_enrollment_study_idx").on(t.sourceInstanceId, t.studyId)
  ]
)
