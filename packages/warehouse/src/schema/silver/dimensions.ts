/**
 * Silver Type-2 dimensions (docs/design.md §5): studies, subjects, patients, visit
 * definitions, elements and study arms. Every change of a tracked attribute closes the current
 * version and opens a new one; a source deletion closes it and marks it deleted.
 *
 * Patients keep demographics only (gender, race, ethnicity, birth year, status, state and
 * country): never names, SSN, phone numbers, e-mail or street addresses.
 *
 * Index per table: `(source_instance_id, <business key>, effective_start_date)`, which serves the
 * transform's merges and the point-in-time lookups of facts ("the version in effect at the event":
 * the latest version starting at or before it).
 */
import { boolean, index, integer, numeric, pgTable, text, timestamp } from "drizzle-orm/pg-core"
import { id, instance, scd2Columns, surrogateKey } from "./columns.js"

export const dimStudies = pgTable(
  "dim_studies",
  {
    studyKey: surrogateKey("study_key"),
    sourceInstanceId: instance(),
    studyId: id("study_id").notNull(),
    studyUid: text("study_uid"),
    name: text("name"),
    title: text("title"),
    identifier: text("identifier"),
    protocolNumber: text("protocol_number"),
    nctNumber: text("nct_number"),
    phase: text("phase"),
    status: text("status"),
    category: text("category"),
    subcategory: text("subcategory"),
    studyGroup: text("study_group"),
    sponsorId: id("sponsor_id"),
    sponsorName: text("sponsor_name"),
    managingSiteId: id("managing_site_id"),
    organizationName: text("organization_name"),
    launchYear: integer("launch_year"),
    createdOn: timestamp("created_on", { withTimezone: true }),
    ...scd2Columns()
  },
  (t) => [index("dim_studies_bk_idx").on(t.sourceInstanceId, t.studyId, t.effectiveStartDate)]
)

export const dimSubjects = pgTable(
  "dim_subjects",
  {
    subjectKey: surrogateKey("subject_key"),
    sourceInstanceId: instance(),
    subjectId: id("subject_id").notNull(),
    subjectUid: text("subject_uid"),
    studyId: id("study_id"),
    siteId: id("site_id"),
    patientId: id("patient_id"),
    status: text("status"),
    armId: id("arm_id"),
    armName: text("arm_name"),
    protocolVersionId: id("protocol_version_id"),
    protocolVersionName: text("protocol_version_name"),
    genderCode: text("gender_code"),
    race: text("race"),
    ethnicity: text("ethnicity"),
    enrollmentDate: timestamp("enrollment_date", { withTimezone: true }),
    screeningNumber: text("screening_number"),
    randomizationNumber: text("randomization_number"),
    treatmentStatus: text("treatment_status"),
    treatmentStart: timestamp("treatment_start", { withTimezone: true }),
    ...scd2Columns()
  },
  (t) => [index("dim_subjects_bk_idx").on(t.sourceInstanceId, t.subjectId, t.effectiveStartDate)]
)

export const dimPatients = pgTable(
  "dim_patients",
  {
    patientKey: surrogateKey("patient_key"),
    sourceInstanceId: instance(),
    patientId: id("patient_id").notNull(),
    patientUid: text("patient_uid"),
    primarySiteId: id("primary_site_id"),
    status: text("status"),
    genderCode: text("gender_code"),
    race: text("race"),
    ethnicity: text("ethnicity"),
    /** The year only: enough for age bands, not an identifier (HIPAA safe harbour keeps years). */
    birthYear: integer("birth_year"),
    isDeceased: boolean("is_deceased"),
    maritalStatus: text("marital_status"),
    nativeLanguage: text("native_language"),
    stateProvince: text("state_province"),
    country: text("country"),
    ...scd2Columns()
  },
  (t) => [index("dim_patients_bk_idx").on(t.sourceInstanceId, t.patientId, t.effectiveStartDate)]
)

/** Visit definitions of a study's schedule (not patient visits: those are `fact_patient_visits`). */
export const dimVisits = pgTable(
  "dim_visits",
  {
    visitKey: surrogateKey("visit_key"),
    sourceInstanceId: instance(),
    visitId: id("visit_id").notNull(),
    visitUid: text("visit_uid"),
    studyId: id("study_id"),
    protocolVersionId: id("protocol_version_id"),
    name: text("name"),
    visitType: text("visit_type"),
    isActive: boolean("is_active"),
    budget: numeric("budget", { precision: 14, scale: 2 }),
    cost: numeric("cost", { precision: 14, scale: 2 }),
    patientStipend: numeric("patient_stipend", { precision: 14, scale: 2 }),
    caregiverStipend: numeric("caregiver_stipend", { precision: 14, scale: 2 }),
    autoRepeat: boolean("auto_repeat"),
    repeatOnDemand: boolean("repeat_on_demand"),
    ...scd2Columns()
  },
  (t) => [index("dim_visits_bk_idx").on(t.sourceInstanceId, t.visitId, t.effectiveStartDate)]
)

export const dimElements = pgTable(
  "dim_elements",
  {
    elementKey: surrogateKey("element_key"),
    sourceInstanceId: instance(),
    elementId: id("element_id").notNull(),
    elementUid: text("element_uid"),
    studyId: id("study_id"),
    name: text("name"),
    elementType: text("element_type"),
    initialCategory: text("initial_category"),
    initialInvoiceability: text("initial_invoiceability"),
    budget: numeric("budget", { precision: 14, scale: 2 }),
    cost: numeric("cost", { precision: 14, scale: 2 }),
    placeOfService: text("place_of_service"),
    cpt: text("cpt"),
    standardTimeMinutes: integer("standard_time_minutes"),
    ...scd2Columns()
  },
  (t) => [index("dim_elements_bk_idx").on(t.sourceInstanceId, t.elementId, t.effectiveStartDate)]
)

/** Arms of a study (`StudyArmPreviewModel`: PascalCase `Id`, `Uid`, `Name` in the spec). */
export const dimStudyArms = pgTable(
  "dim_study_arms",
  {
    armKey: surrogateKey("arm_key"),
    sourceInstanceId: instance(),
    armId: id("arm_id").notNull(),
    armUid: text("arm_uid"),
    studyId: id("study_id"),
    name: text("name"),
    ...scd2Columns()
  },
  (t) => [index("dim_study_arms_bk_idx").on(t.sourceInstanceId, t.armId, t.effectiveStartDate)]
)
