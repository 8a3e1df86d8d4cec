/**
 * The staging registry: one Bronze table per target table of the job catalog (the 88 distinct
 * targets of the original job export; jobs 2+164 share `dim_studies_staging`, 9+160 share
 * `dim_patient_visits_staging`). The Drizzle schema, the migrations and the loader's table check
 * all come from this list.
 *
 * Defaults: key `"id"` (`id`, else `Id`), not parent-scoped. Departures, and why:
 * - id-less records get a `{ fields }`, `{ constant }` or `"value"` key (README: "Key strategies").
 * - `perParent`: loaded one parent at a time by a fan-out job (indexes (instance, parent_key)).
 * - `parentScoped`: the key is only unique under the parent (study personnel's role id, a study's
 *   warnings, the single integration-info object per study, elements per visit, study roles).
 * - `indexUpdatedAt`: the tables Silver reads incrementally that held 50k+ rows in production.
 */
import { defineStagingTable, type StagingTableDef, type StagingTableOptions } from "./definition.js"

type EntryOptions = Omit<StagingTableOptions<string>, "name" | "description">

const entry = <const Name extends string>(name: Name, description: string, options: EntryOptions = {}) =>
  defineStagingTable({ name, description, ...options })

const perParent = { perParent: true } as const

const entries = [
  entry("dim_sites_staging", "Sites (job 1): SiteModel"),
  entry("dim_studies_staging", "Studies / Studies List (jobs 2, 164): StudyViewModel"),
  entry("dim_patients_staging", "Patients (job 3): PatientViewModel", { indexUpdatedAt: true }),
  entry("dim_users_staging", "Users (job 4): not in the spec"),
  entry("dim_roles_staging", "Roles (job 5): not in the spec"),
  entry("dim_departments_staging", "Departments (job 6): not in the spec"),
  entry("dim_audits_staging", "Audits (job 7): not in the spec"),
  entry("dim_elements_staging", "Elements (job 8): ElementViewModel"),
  entry("dim_patient_visits_staging", "PatientVisits / Subject Patient Visits (jobs 9, 160): PatientVisitPreview", {
    perParent: true,
    indexUpdatedAt: true
  }),
  entry("dim_subjects_staging", "Subjects (job 10): SubjectViewModel", { perParent: true, indexUpdatedAt: true }),
  entry("dim_visits_staging", "Visits (job 11): VisitViewModel", perParent),
  entry("dim_forms_staging", "Forms (job 12): not in the spec", perParent),
  entry("dim_study_documents_staging", "StudyDocuments (job 13): StudyDocumentViewModel", perParent),
  entry("dim_screenings_staging", "Screenings (job 14): not in the spec", perParent),
  entry("dim_enrollments_staging", "Enrollments (job 15): not in the spec", perParent),
  entry("dim_randomizations_staging", "Randomizations (job 16): not in the spec", perParent),
  entry("dim_withdrawals_staging", "Withdrawals (job 17): not in the spec", perParent),
  entry("dim_protocol_deviations_staging", "ProtocolDeviations (job 18): not in the spec", perParent),
  entry("dim_adverse_events_staging", "AdverseEvents (job 19): not in the spec", perParent),
  entry("dim_concomitant_medications_staging", "ConcomitantMedications (job 20): not in the spec", perParent),
  entry("dim_lab_results_staging", "LabResults (job 21): not in the spec", perParent),
  entry("dim_vitals_staging", "Vitals (job 22): not in the spec", perParent),
  entry(
    "dim_queries_staging",
    "Queries, repointed to monitor queries per study (job 23): MonitorQueryPreviewModel",
    perParent
  ),
  entry("dim_patient_visit_elements_staging", "PatientVisitElements (job 24): PatientVisitElementPreview", perParent),
  entry("dim_appointments_staging", "Appointments (job 25): AppointmentViewModel", { indexUpdatedAt: true }),
  entry("dim_staff_staging", "Staff (job 26): StaffViewModel"),
  entry("dim_study_actions_staging", "StudyActions (job 27): ActionViewModel", perParent),
  entry("fact_study_milestones_staging", "StudyMilestones (job 28): StudyMilestoneViewModel", perParent),
  entry("fact_study_documents_staging", "StudyNotes (job 29): StudyNoteViewModel", perParent),
  entry("dim_monitor_queries_staging", "MonitorQueries (job 30): MonitorQueryPreviewModel"),
  entry("dim_engagements_staging", "Engagements (job 31): EngagementViewModel"),
  entry("dim_providers_staging", "Providers (job 32): ProviderModel"),
  entry("dim_rooms_staging", "Rooms (job 33): RoomViewModel"),
  entry("dim_schedules_staging", "Schedules (job 34): ScheduleViewModel"),
  entry("dim_sponsors_staging", "Sponsors (job 35): SponsorViewModel"),
  entry("dim_system_allergies_staging", "System Allergies (job 120): SysAllergyViewModel"),
  entry("dim_system_conditions_staging", "System Conditions (job 121): SysConditionsViewModel"),
  entry("dim_system_medications_staging", "System Medications (job 122): SysMedicationViewModel"),
  entry("dim_system_procedures_staging", "System Procedures (job 123): SysProcedureModel"),
  entry("dim_system_immunizations_staging", "System Immunizations (job 124): SysImmunizationModel"),
  entry("dim_system_devices_staging", "System Devices (job 125): SysDeviceModel"),
  entry("dim_system_social_history_staging", "System Social History (job 126): SysSocialHistoryViewModel"),
  // No id: a status event of a subject. Same subject, status and date twice is one event.
  entry("dim_subject_statuses_staging", "Subject Statuses (job 127): SubjectStatusModel", {
    key: { fields: ["subject.id", "status", "eventDate"] },
    indexUpdatedAt: true
  }),
  entry("dim_system_document_types_staging", "System Document Types (job 128): DocumentTypePreviewModel"),
  entry("dim_system_action_categories_staging", "System Action Categories (job 129): ActionCategoryPreviewModel"),
  entry("dim_system_study_categories_staging", "System Study Categories (job 130): StudyCategoryViewModel"),
  entry("dim_system_study_subcategories_staging", "System Study Subcategories (job 131): StudySubcategoryViewModel"),
  entry("dim_system_study_statuses_staging", "System Study Statuses (job 132): StudyStatusTypeViewModel"),
  // An array of strings: each record is a bare JSON string, its own key.
  entry("dim_system_lookup_lists_staging", "System Lookup Lists (job 133): string", { key: "value" }),
  entry("dim_system_patient_customfields_staging", "System Patient Custom Fields (job 134): CustomFieldDefinition"),
  entry("dim_system_study_customfields_staging", "System Study Custom Fields (job 135): CustomFieldDefinition"),
  entry("dim_system_organizations_staging", "System Organizations (job 136): OrganizationPreviewModel"),
  entry("dim_sponsor_divisions_staging", "Sponsor Divisions (job 137): SponsorDivisionViewModel"),
  entry("dim_sponsor_teams_staging", "Sponsor Teams (job 138): SponsorTeamViewModel"),
  entry("dim_monitors_staging", "Monitors (job 139): MonitorPreviewModel"),
  entry("dim_room_groups_staging", "Room Groups (job 140): RoomGroupViewModel"),
  entry("dim_study_arms_staging", "Study Arms (job 141): StudyArmPreviewModel", perParent),
  entry(
    "dim_study_protocol_versions_staging",
    "Study Protocol Versions (job 142): ProtocolVersionViewModel",
    perParent
  ),
  // A study role may be an instance-wide role assigned to many studies: unique only per study.
  entry("dim_study_roles_staging", "Study Roles (job 143): StudyRoleViewModel", { parentScoped: true }),
  // No id: one record per role of the study, `{ Role: { Id, ... }, Staff: [...] }`.
  entry("dim_study_personnel_staging", "Study Personnel (job 144): RoleStaff", {
    key: { fields: ["Role.Id"] },
    parentScoped: true
  }),
  // No id: a warning is its type, the visit or element it is about, and its text.
  entry("dim_study_warnings_staging", "Study Warnings (job 145): StudyWarningModel", {
    key: { fields: ["type", "visit.id?", "element.id?", "description"] },
    parentScoped: true
  }),
  // No id: one object per study.
  entry("dim_study_integration_info_staging", "Study Integration Info (job 146): StudyIntegrationInfoViewModel", {
    key: { constant: "integration-info" },
    parentScoped: true
  }),
  entry("dim_patient_devices_staging", "Patient Devices (job 147): PatientMedicalDeviceViewModel", perParent),
  entry("dim_patient_allergies_staging", "Patient Allergies (job 148): PatientAllergiesViewModel", perParent),
  entry("dim_patient_providers_staging", "Patient Providers (job 149): PatientProviderViewModel", perParent),
  entry("dim_patient_conditions_staging", "Patient Conditions (job 150): PatientConditionViewModel", perParent),
  entry("dim_patient_procedures_staging", "Patient Procedures (job 151): PatientProcedureViewModel", perParent),
  entry("dim_patient_medications_staging", "Patient Medications (job 152): PatientMedicationViewModel", perParent),
  entry(
    "dim_patient_immunizations_staging",
    "Patient Immunizations (job 153): PatientImmunizationViewModel",
    perParent
  ),
  entry(
    "dim_patient_family_history_staging",
    "Patient Family History (job 154): PatientFamilyHistoryViewModel",
    perParent
  ),
  entry(
    "dim_patient_social_history_staging",
    "Patient Social History (job 155): PatientLifeStylesHistoryViewModel",
    perParent
  ),
  entry(
    "dim_patient_campaign_touches_staging",
    "Patient Campaign Touches (job 156): CampaignTouchViewModel",
    perParent
  ),
  entry(
    "dim_patient_referral_touches_staging",
    "Patient Referral Touches (job 157): ReferralTouchViewModel",
    perParent
  ),
  // No id, one object per source instance (the row's source_instance_id is the identity).
  entry("dim_instance_details_staging", "Instance Details (job 158): InstanceDetails", {
    key: { constant: "instance-details" }
  }),
  entry("dim_instance_topology_staging", "Instance Topology (job 159): ClinicalConductorTopologyViewModel", {
    key: { constant: "instance-topology" }
  }),
  entry("dim_patient_visit_stipends_staging", "Patient Visit Stipends (job 161): PatientPaymentViewModel", perParent),
  entry("dim_study_detail_staging", "Study Detail (job 165): StudyViewModel", perParent),
  entry("dim_visit_elements_staging", "Patient Visit Elements (job 166): PatientVisitElementPreview", {
    perParent: true,
    indexUpdatedAt: true
  }),
  entry("dim_action_unit_completions_staging", "Action Unit Completions (job 167): not in the spec"),
  entry("dim_invoices_staging", "Invoices (job 168): not in the spec"),
  entry("dim_prospects_staging", "Prospects (job 169): not in the spec"),
  entry("dim_remittances_staging", "Remittances (job 170): not in the spec"),
  entry("dim_remittance_notes_staging", "Remittance Notes (job 171): not in the spec"),
  entry("dim_site_payments_staging", "Site Payments (job 172): SitePaymentViewModel"),
  entry("dim_study_types_staging", "Study Types (job 173): not in the spec"),
  entry(
    "dim_study_visit_arms_staging",
    "Study Visit Arms, repointed to arms per study (job 174): StudyArmPreviewModel",
    perParent
  ),
  // No id: an element of a visit (job 175 is repointed to elements per visit). An element may
  // repeat within a visit, so its sequence is part of the key when present.
  entry(
    "dim_visit_element_relationships_staging",
    "Visit elements per visit (job 175): VisitElementRelationshipViewModel",
    { key: { fields: ["element.id", "element.sequence?"] }, parentScoped: true }
  ),
  entry("dim_patient_payments_staging", "Patient Payments (job 176): not in the spec")
] as const

/** Every staging table name of the registry. */
export type StagingTableName = (typeof entries)[number]["name"]

/** The staging registry, keyed by table name. */
export const stagingTables: { readonly [Name in StagingTableName]: StagingTableDef<Name> } = Object.freeze(
  Object.fromEntries(entries.map((def) => [def.name, def]))
) as { readonly [Name in StagingTableName]: StagingTableDef<Name> }

/** The registry's definitions in catalog order. */
export const stagingTableList: ReadonlyArray<StagingTableDef<StagingTableName>> = entries
