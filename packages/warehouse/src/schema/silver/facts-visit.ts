/**
 * Silver facts about patient visits: the visits themselves, the elements done in them, and
 * appointments.
 */
import { boolean, index, integer, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core"
import { factKeyColumns, id, lineageColumns } from "./columns.js"

/**
 * One row per patient visit: its due window, status, actual date (the first completed
 * appointment or completed element) and whether it happened inside the window.
 */
export const factPatientVisits = pgTable(
  "fact_patient_visits",
  {
    ...factKeyColumns(),
    patientVisitId: id("patient_visit_id").notNull(),
    subjectId: id("subject_id"),
    studyId: id("study_id"),
    siteId: id("site_id"),
    patientId: id("patient_id"),
    visitId: id("visit_id"),
    subjectKey: id("subject_key"),
    studyKey: id("study_key"),
    siteKey: id("site_key"),
    patientKey: id("patient_key"),
    visitKey: id("visit_key"),
    dueDateKey: integer("due_date_key"),
    windowStartDateKey: integer("window_start_date_key"),
    windowEndDateKey: integer("window_end_date_key"),
    actualDateKey: integer("actual_date_key"),
    visitName: text("visit_name"),
    sequence: integer("sequence"),
    isMandatory: boolean("is_mandatory"),
    status: text("status"),
    targetDueDate: timestamp("target_due_date", { withTimezone: true }),
    minDueDate: timestamp("min_due_date", { withTimezone: true }),
    maxDueDate: timestamp("max_due_date", { withTimezone: true }),
    actualVisitAt: timestamp("actual_visit_at", { withTimezone: true }),
    appointmentCount: integer("appointment_count").notNull(),
    elementCount: integer("element_count").notNull(),
    completedElementCount: integer("completed_element_count").notNull(),
    isCompleted: boolean("is_completed").notNull(),
    /** Completed inside [min_due_date, max_due_date] (whole UTC days); NULL when unknown. */
    isOnTime: boolean("is_on_time"),
    /** Actual minus target, in days; NULL until the visit happened. */
    daysFromTarget: integer("days_from_target"),
    ...lineageColumns()
  },
  (t) => [
    uniqueIndex("fact_patient_visits_grain_uq").on(t.sourceInstanceId, t.patientVisitId),
    index("fact_patient_visits_subject_idx").on(t.sourceInstanceId, t.subjectId)
  ]
)

/** One row per element of a patient visit (`PatientVisitElementPreview`), completed or not. */
export const factVisitElementCompletions = pgTable(
  "fact_visit_element_completions",
  {
    ...factKeyColumns(),
    patientVisitElementId: id("patient_visit_element_id").notNull(),
    patientVisitId: id("patient_visit_id").notNull(),
    elementId: id("element_id"),
    subjectId: id("subject_id"),
    studyId: id("study_id"),
    siteId: id("site_id"),
    elementKey: id("element_key"),
    subjectKey: id("subject_key"),
    studyKey: id("study_key"),
    siteKey: id("site_key"),
    completedDateKey: integer("completed_date_key"),
    elementName: text("element_name"),
    sequence: integer("sequence"),
    isRequired: boolean("is_required"),
    isRepeatedElement: boolean("is_repeated_element"),
    isCompleted: boolean("is_completed").notNull(),
    completedAt: timestamp("completed_at", { withTimezone: true }),
    durationMinutes: integer("duration_minutes"),
    ...lineageColumns()
  },
  (t) => [
    uniqueIndex("fact_visit_element_completions_grain_uq").on(t.sourceInstanceId, t.patientVisitElementId),
    index("fact_visit_element_completions_visit_idx").on(t.sourceInstanceId, t.patientVisitId)
  ]
)

/** One row per appointment (`AppointmentViewModel`). */
export const factAppointments = pgTable(
  "fact_appointments",
  {
    ...factKeyColumns(),
    appointmentId: id("appointment_id").notNull(),
    studyId: id("study_id"),
    siteId: id("site_id"),
    patientId: id("patient_id"),
    visitId: id("visit_id"),
    studyKey: id("study_key"),
    siteKey: id("site_key"),
    patientKey: id("patient_key"),
    visitKey: id("visit_key"),
    plannedDateKey: integer("planned_date_key"),
    status: text("status"),
    plannedStart: timestamp("planned_start", { withTimezone: true }),
    plannedEnd: timestamp("planned_end", { withTimezone: true }),
    durationMinutes: integer("duration_minutes"),
    isCompleted: boolean("is_completed").notNull(),
    isCancelled: boolean("is_cancelled").notNull(),
    isNoShow: boolean("is_no_show").notNull(),
    ...lineageColumns()
  },
  (t) => [uniqueIndex("fact_appointments_grain_uq").on(t.sourceInstanceId, t.appointmentId)]
)
