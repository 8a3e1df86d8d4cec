/**
 * A small hand-made CC dataset whose Silver rows are computed by hand in the tests. Shapes follow
 * the spec's schemas, including its mixed casing (`StudyArmPreviewModel` and `SubjectPreviewModel`
 * are PascalCase; study 1002 is sent with `Id`/`Name` to prove the mapping copes).
 *
 * Study 1001 has three subjects: S1 (57001) screened, randomized and completed; S2 (57002)
 * failed screening; S3 (57003) randomized then dropped. Patient visits: PV 85001 completed in its
 * window (first completed appointment), PV 85002 completed late (first completed element),
 * PV 85003 pending in 2030, PV 85004 completed with no actual date known.
 */
import type { SnapshotWriter } from "./snapshot.js"

/** Values that must never reach Silver or Gold (the privacy test looks for them). */
export const personalValues = {
  ssn: ["123-45-6789", "987-65-4321", "555-12-3456"],
  phones: ["(617) 555-0101", "(617) 555-0102", "(617) 555-0199"],
  emails: ["ada.lovelace@example.com", "alan.turing@example.com", "site.boston@example.org"],
  streets: ["12 Analytical Engine Rd", "1 Bletchley Park Ave", "100 Research Blvd"],
  names: ["Lovelace", "Turing", "Hopper"]
}

const study1001 = { id: 1001, uid: "b9718add-a6bd-4409-bbcb-37982d65689c", name: "ONC-1001" }
const site = { id: 3001, uid: "1919da8c-3525-46b0-89b7-0e1fb52a69ed", name: "Boston Research Center" }

export const sites = [
  {
    id: 3001,
    uid: site.uid,
    name: site.name,
    active: true,
    address1: personalValues.streets[2],
    city: "Boston",
    state: "MA",
    country: "United States",
    zip: "02104",
    primaryPhone: personalValues.phones[2],
    primaryEmail: personalValues.emails[2],
    timeZone: "Eastern Standard Time",
    organization: "TrialSync Research Network",
    createdOn: "2020-01-01T00:00:00Z"
  }
]

export const sponsors = [{ id: 5001, name: "Acme Bio", sponsorDivisions: [{ id: 7001 }, { id: 7002 }] }]
export const staff = [
  {
    id: 13001,
    uid: "bc4a5561-bf9f-4df9-9236-2ce9c3e35e14",
    displayName: "Luis Rodriguez",
    firstName: "Luis",
    lastName: "Rodriguez",
    isStatusActive: true,
    profession: "Study Coordinator",
    isStaffExternal: false
  }
]
export const monitors = [{ id: 17001, firstName: "Thomas", lastName: "Carter", displayName: "Thomas Carter" }]

export const studies = [
  {
    id: 1001,
    uid: study1001.uid,
    name: study1001.name,
    title: "A Phase 2 Study of Something",
    status: "Enrolling",
    phase: "Phase 2",
    category: "Oncology",
    sponsor: { id: 5001, name: "Acme Bio" },
    managingSite: { id: 3001 },
    organization: { Id: 11, Name: "Affiliate Network" },
    launchYear: 2023,
    createdOn: "2023-05-01T00:00:00Z",
    lastUpdatedOn: "2023-06-01T00:00:00Z",
    description: "Free text that Silver does not keep."
  },
  { Id: 1002, Uid: "01737c53-8a7f-4523-abfc-19294b449c25", Name: "CAR-1002", Status: "Startup", Phase: "Phase 1" }
]

const patient = (id: number, index: number, birth: string, gender: string) => ({
  id,
  uid: `00000000-0000-4000-8000-0000000${id}`,
  firstName: ["Ada", "Alan", "Grace"][index],
  lastName: personalValues.names[index],
  displayName: `${["Ada", "Alan", "Grace"][index]} ${personalValues.names[index]}`,
  primarySite: site,
  status: "Active",
  phone1: { number: personalValues.phones[index], outOfService: false },
  primaryEmail: { email: personalValues.emails[index], doNotEmail: false },
  address1: personalValues.streets[index],
  city: "Cambridge",
  state: "MA",
  zip: "02139",
  country: "United States",
  dateOfBirth: birth,
  genderCode: gender,
  race: "White",
  ethnicity: "Not Hispanic or Latino",
  maritalStatus: "Single",
  nativeLanguage: "English",
  ssn: personalValues.ssn[index],
  mrn: `MRN${id}`
})

export const patients = [
  patient(25001, 0, "1980-06-15T00:00:00Z", "F"),
  patient(25002, 1, "1990-03-01T00:00:00Z", "M"),
  patient(25003, 2, "1975-12-31T00:00:00Z", "F")
]

const subjectPatient = (p: (typeof patients)[number]) => ({
  id: p.id,
  firstName: p.firstName,
  lastName: p.lastName,
  genderCode: p.genderCode,
  dateOfBirth: p.dateOfBirth,
  name: `${p.lastName}, ${p.firstName}`
})

const arm = { Id: 63001, Uid: "eaa4287b-54e0-4cc3-9850-c3ade69ece66", Name: "Arm A" }

export const subjects = [
  {
    id: 57001,
    uid: "1b59a3c9-662b-4a77-9e03-06b14ca8a457",
    study: study1001,
    site,
    patient: subjectPatient(patients[0]!),
    status: "Completed",
    arm,
    genderCode: "F",
    enrollmentDate: "2024-01-01T09:00:00Z",
    screeningNumber: "SCR-1",
    randomizationNumber: "R-1",
    narrative: "Free text."
  },
  {
    id: 57002,
    uid: "79141f3c-dc7e-43bb-a124-44cb6af0b793",
    study: study1001,
    site,
    patient: subjectPatient(patients[1]!),
    status: "ScreenFailed",
    arm: null,
    genderCode: "M",
    enrollmentDate: "2024-02-01T09:00:00Z",
    screeningNumber: "SCR-2",
    randomizationNumber: null
  },
  {
    id: 57003,
    uid: "3cb0e0c7-b4e1-48c5-9f00-aac01cf5dcc1",
    study: study1001,
    site,
    patient: subjectPatient(patients[2]!),
    status: "Dropped",
    arm,
    genderCode: "F",
    enrollmentDate: "2024-03-01T09:00:00Z",
    screeningNumber: "SCR-3",
    randomizationNumber: "R-3"
  }
]

const status = (subject: number, name: string, eventDate: string, current = false) => ({
  status: name,
  isCurrentStatus: current,
  eventDate,
  comment: null,
  study: study1001,
  site,
  subject: { Id: subject, Uid: "x", Name: "y" }
})

export const subjectStatuses = [
  status(57001, "Prescreened", "2024-01-01T09:00:00Z"),
  status(57001, "Screened", "2024-01-11T09:00:00Z"),
  status(57001, "Randomized", "2024-01-21T09:00:00Z"),
  status(57001, "Completed", "2024-06-01T09:00:00Z", true),
  status(57002, "Screened", "2024-02-01T09:00:00Z"),
  status(57002, "ScreenFailed", "2024-02-10T09:00:00Z", true),
  status(57003, "Screened", "2024-03-01T09:00:00Z"),
  status(57003, "Randomized", "2024-03-15T09:00:00Z"),
  status(57003, "Dropped", "2024-04-01T09:00:00Z", true)
]

export const arms = { byParent: { "1001": [arm] } }

export const visitDefinitions = {
  byParent: {
    "1001": [
      { id: 59001, study: study1001, name: "Screening", type: "Screening", isActive: true, budget: 100.5, cost: 50 },
      { id: 59002, study: study1001, name: "Week 2", type: "Treatment", isActive: true, budget: 200, cost: 75.25 }
    ]
  }
}

export const elements = [
  { id: 61001, study: study1001, name: "Informed Consent", type: "Lab", budget: 10, cost: 5, standardTimeMinutes: 15 }
]

const visit = (
  id: number,
  subject: number,
  visitId: number,
  visitStatus: string,
  target: string,
  window: [string, string] | null,
  appointments: ReadonlyArray<unknown> = []
) => ({
  id,
  sequence: 1,
  visitId,
  visitName: visitId === 59001 ? "Screening" : "Week 2",
  mandatory: true,
  status: visitStatus,
  targetDueDate: target,
  minDueDate: window?.[0] ?? null,
  maxDueDate: window?.[1] ?? null,
  appointments,
  study: study1001,
  subject: { Id: subject, Uid: "x", Name: "y" }
})

export const patientVisits = [
  visit(
    85001,
    57001,
    59001,
    "Completed",
    "2024-01-12T10:00:00Z",
    ["2024-01-09T10:00:00Z", "2024-01-15T10:00:00Z"],
    [{ id: 95001, status: "Completed", scheduledStart: "2024-01-14T09:00:00Z", scheduledEnd: "2024-01-14T09:45:00Z" }]
  ),
  visit(85002, 57001, 59002, "Completed", "2024-02-01T10:00:00Z", ["2024-01-29T10:00:00Z", "2024-02-04T10:00:00Z"]),
  visit(85003, 57003, 59001, "Pending", "2030-01-01T10:00:00Z", ["2029-12-29T10:00:00Z", "2030-01-04T10:00:00Z"]),
  visit(85004, 57002, 59001, "Completed", "2024-02-05T10:00:00Z", ["2024-02-02T10:00:00Z", "2024-02-08T10:00:00Z"])
]

const element = (id: number, completedOn: string | null, durationMinutes: number) => ({
  sequence: 1,
  id,
  uid: "u",
  elementId: 61001,
  name: "Informed Consent",
  durationMinutes,
  required: true,
  completedOn,
  repeatable: false,
  isRepeatedElement: false
})

export const visitElements = {
  byParent: {
    "85001": [element(90001, "2024-01-14T12:00:00Z", 15)],
    "85002": [element(90002, "2024-02-06T10:00:00Z", 30), element(90003, null, 10)]
  }
}

export const appointments = [
  {
    id: 95001,
    status: "Completed",
    plannedStart: "2024-01-14T09:00:00Z",
    plannedEnd: "2024-01-14T09:45:00Z",
    study: study1001,
    site,
    patient: { id: 25001 },
    visit: { id: 59001 }
  },
  {
    id: 95002,
    status: "NoShow",
    plannedStart: "2024-02-01T10:00:00Z",
    plannedEnd: "2024-02-01T10:30:00Z",
    study: study1001,
    site,
    patient: { id: 25003 },
    visit: { id: 59002 }
  }
]

/** Loads the whole dataset as complete snapshots. */
export const loadSeed = async (writer: SnapshotWriter): Promise<void> => {
  await writer.snapshot("dim_sites_staging", sites)
  await writer.snapshot("dim_sponsors_staging", sponsors)
  await writer.snapshot("dim_staff_staging", staff)
  await writer.snapshot("dim_monitors_staging", monitors)
  await writer.snapshot("dim_studies_staging", studies)
  await writer.snapshot("dim_patients_staging", patients)
  await writer.snapshot("dim_subjects_staging", { byParent: { "1001": subjects } })
  await writer.snapshot("dim_subject_statuses_staging", subjectStatuses)
  await writer.snapshot("dim_study_arms_staging", arms)
  await writer.snapshot("dim_visits_staging", visitDefinitions)
  await writer.snapshot("dim_elements_staging", elements)
  await writer.snapshot("dim_patient_visits_staging", patientVisits)
  await writer.snapshot("dim_visit_elements_staging", visitElements)
  await writer.snapshot("dim_appointments_staging", appointments)
}
