/** The Silver facts in merge order: each may read the facts merged before it. */
import type { FactSpec } from "../../merge/fact.js"
import { appointmentsFact } from "./appointments.js"
import { enrollmentFact } from "./enrollment.js"
import { patientVisitsFact } from "./patient-visits.js"
import { studyPerformanceFact } from "./study-performance.js"
import { subjectStatusChangesFact } from "./subject-status-changes.js"
import { visitElementCompletionsFact } from "./visit-element-completions.js"

export const facts: ReadonlyArray<FactSpec> = [
  subjectStatusChangesFact,
  enrollmentFact,
  patientVisitsFact,
  visitElementCompletionsFact,
  appointmentsFact,
  studyPerformanceFact
]
