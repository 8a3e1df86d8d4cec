/**
 * Where each Silver dimension comes from: its staging table and the SQL of each attribute over
 * the record as CC sent it (`field.*` tolerate `id`/`Id` casing and malformed values).
 *
 * Chosen attributes are what analysis groups and filters by. Left out on purpose: free text
 * (comments, notes, narratives: they may quote anything), `lastUpdatedOn` (moves on every edit
 * without changing the study), and every direct identifier of a person: patient names, birth
 * dates (the year is kept), SSN, phone numbers, e-mail and street addresses.
 */
import type { DimensionSpec } from "../merge/dimension-spec.js"
import { asBigint, field, jsonValue } from "../sql/json.js"

const { text, id, integer, timestamp, amount, boolean } = field
const divisions = jsonValue("sponsorDivisions")

export const studiesDimension: DimensionSpec = {
  kind: "scd2",
  table: "dim_studies",
  surrogateKey: "study_key",
  businessKey: "study_id",
  staging: "dim_studies_staging",
  attributes: [
    ["study_uid", text("uid")],
    ["name", text("name")],
    ["title", text("title")],
    ["identifier", text("identifier")],
    ["protocol_number", text("protocolNumber")],
    ["nct_number", text("nctNumber")],
    ["phase", text("phase")],
    ["status", text("status")],
    ["category", text("category")],
    ["subcategory", text("subcategory")],
    ["study_group", text("studyGroup")],
    ["sponsor_id", id("sponsor.id")],
    ["sponsor_name", text("sponsor.name")],
    ["managing_site_id", id("managingSite.id")],
    ["organization_name", text("organization.name")],
    ["launch_year", integer("launchYear")],
    ["created_on", timestamp("createdOn")]
  ]
}

export const subjectsDimension: DimensionSpec = {
  kind: "scd2",
  table: "dim_subjects",
  surrogateKey: "subject_key",
  businessKey: "subject_id",
  staging: "dim_subjects_staging",
  attributes: [
    ["subject_uid", text("uid")],
    ["study_id", id("study.id")],
    ["site_id", id("site.id")],
    ["patient_id", id("patient.id")],
    ["status", text("status")],
    ["arm_id", id("arm.Id")],
    ["arm_name", text("arm.Name")],
    ["protocol_version_id", id("protocolVersion.id")],
    ["protocol_version_name", text("protocolVersion.name")],
    ["gender_code", text("genderCode")],
    ["race", text("race")],
    ["ethnicity", text("ethnicity")],
    ["enrollment_date", timestamp("enrollmentDate")],
    ["screening_number", text("screeningNumber")],
    ["randomization_number", text("randomizationNumber")],
    ["treatment_status", text("treatmentStatus")],
    ["treatment_start", timestamp("treatmentStart")]
  ]
}

export const patientsDimension: DimensionSpec = {
  kind: "scd2",
  table: "dim_patients",
  surrogateKey: "patient_key",
  businessKey: "patient_id",
  staging: "dim_patients_staging",
  attributes: [
    ["patient_uid", text("uid")],
    ["primary_site_id", id("primarySite.id")],
    ["status", text("status")],
    ["gender_code", text("genderCode")],
    ["race", text("race")],
    ["ethnicity", text("ethnicity")],
    ["birth_year", `extract(year FROM ${timestamp("dateOfBirth")})::int`],
    ["is_deceased", `${timestamp("dateOfDeath")} IS NOT NULL`],
    ["marital_status", text("maritalStatus")],
    ["native_language", text("nativeLanguage")],
    ["state_province", text("state")],
    ["country", text("country")]
  ]
}

export const visitsDimension: DimensionSpec = {
  kind: "scd2",
  table: "dim_visits",
  surrogateKey: "visit_key",
  businessKey: "visit_id",
  staging: "dim_visits_staging",
  attributes: [
    ["visit_uid", text("uid")],
    ["study_id", id("study.id")],
    ["protocol_version_id", id("protocolVersion.id")],
    ["name", text("name")],
    ["visit_type", text("type")],
    ["is_active", boolean("isActive")],
    ["budget", amount("budget")],
    ["cost", amount("cost")],
    ["patient_stipend", amount("patientStipend")],
    ["caregiver_stipend", amount("caregiverStipend")],
    ["auto_repeat", boolean("autoRepeat")],
    ["repeat_on_demand", boolean("repeatOnDemand")]
  ]
}

export const elementsDimension: DimensionSpec = {
  kind: "scd2",
  table: "dim_elements",
  surrogateKey: "element_key",
  businessKey: "element_id",
  staging: "dim_elements_staging",
  attributes: [
    ["element_uid", text("uid")],
    ["study_id", id("study.id")],
    ["name", text("name")],
    ["element_type", text("type")],
    ["initial_category", text("initialCategory")],
    ["initial_invoiceability", text("initialInvoiceability")],
    ["budget", amount("budget")],
    ["cost", amount("cost")],
    ["place_of_service", text("placeOfService")],
    ["cpt", text("cpt")],
    ["standard_time_minutes", integer("standardTimeMinutes")]
  ]
}

/** `StudyArmPreviewModel` is PascalCase (`Id`, `Uid`, `Name`); the study is the fan-out parent. */
export const studyArmsDimension: DimensionSpec = {
  kind: "scd2",
  table: "dim_study_arms",
  surrogateKey: "arm_key",
  businessKey: "arm_id",
  staging: "dim_study_arms_staging",
  attributes: [
    ["arm_uid", text("Uid")],
    ["study_id", asBigint("s.parent_key")],
    ["name", text("Name")]
  ]
}

export const sitesDimension: DimensionSpec = {
  kind: "type1",
  table: "dim_sites",
  surrogateKey: "site_key",
  businessKey: "site_id",
  staging: "dim_sites_staging",
  attributes: [
    ["site_uid", text("uid")],
    ["name", text("name")],
    ["is_active", boolean("active")],
    ["city", text("city")],
    ["state_province", text("state")],
    ["country", text("country")],
    ["time_zone", text("timeZone")],
    ["organization", text("organization")],
    ["created_on", timestamp("createdOn")]
  ]
}

export const sponsorsDimension: DimensionSpec = {
  kind: "type1",
  table: "dim_sponsors",
  surrogateKey: "sponsor_key",
  businessKey: "sponsor_id",
  staging: "dim_sponsors_staging",
  attributes: [
    ["name", text("name")],
    ["division_count", `CASE WHEN jsonb_typeof(${divisions}) = 'array' THEN jsonb_array_length(${divisions}) END`]
  ]
}

export const staffDimension: DimensionSpec = {
  kind: "type1",
  table: "dim_staff",
  surrogateKey: "staff_key",
  businessKey: "staff_id",
  staging: "dim_staff_staging",
  attributes: [
    ["staff_uid", text("uid")],
    ["display_name", text("displayName")],
    ["first_name", text("firstName")],
    ["last_name", text("lastName")],
    ["profession", text("profession")],
    ["is_active", boolean("isStatusActive")],
    ["is_external", boolean("isStaffExternal")]
  ]
}

export const monitorsDimension: DimensionSpec = {
  kind: "type1",
  table: "dim_monitors",
  surrogateKey: "monitor_key",
  businessKey: "monitor_id",
  staging: "dim_monitors_staging",
  attributes: [
    ["first_name", text("firstName")],
    ["last_name", text("lastName")],
    ["display_name", text("displayName")]
  ]
}

/** In merge order: Type-1 references first, then the Type-2 dimensions. */
export const dimensions: ReadonlyArray<DimensionSpec> = [
  sitesDimension,
  sponsorsDimension,
  staffDimension,
  monitorsDimension,
  studiesDimension,
  patientsDimension,
  subjectsDimension,
  visitsDimension,
  elementsDimension,
  studyArmsDimension
]
