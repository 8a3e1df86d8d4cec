import { crossViews, customRoutes } from "./custom-routes.js"
import type { Binding, ListRoute, OneRoute, Route } from "./route-types.js"

const at = (param: string, entity: string, by: "id" | "uid" = "id"): Binding => ({ param, entity, by })
const list = (entity: string, path: ReadonlyArray<Binding> = [], query?: ReadonlyArray<Binding>): ListRoute =>
  query === undefined ? { kind: "list", entity, path } : { kind: "list", entity, path, query }
const one = (entity: string, path: ReadonlyArray<Binding>, query?: ReadonlyArray<Binding>): OneRoute =>
  query === undefined ? { kind: "one", entity, path } : { kind: "one", entity, path, query }
const cceOnly = (what: string): Route => ({ kind: "cce-only", what })
const noData = (what: string): Route => ({ kind: "no-data", what })

const study = at("studyId", "study")
const studyById = at("id", "study")
const patient = at("id", "patient")
const qStudy = [at("studyId", "study")]
const qSponsor = at("sponsorId", "sponsor")
const qDivision = at("divisionId", "sponsorDivision")

const V1 = "/api/v1"

/**
 * What the sandbox answers for each of the spec's 164 GET paths. Lists and single records come from
 * the entity tree; cross relations and odd shapes are hand-written (`custom-routes.ts`); CCE-only
 * endpoints answer 501 on a CC instance; finance paths behave as an instance without finance data.
 */
export const routeTable: Readonly<Record<string, Route>> = {
  [`${V1}/studies/{studyId}/actions/{actionId}/unit-completions`]: cceOnly("Action unit completions"),
  [`${V1}/studies/{studyId}/actions/{actionId}/unit-completions/{id}`]: cceOnly("Action unit completions"),
  [`${V1}/elements/{id}`]: one("element", [at("id", "element")], qStudy),
  [`${V1}/studies/{studyId}/elements/{id}`]: one("element", [study, at("id", "element")]),
  [`${V1}/elements/odata`]: list("element", [], qStudy),
  [`${V1}/studies/{studyId}/elements/odata`]: list("element", [study]),
  [`${V1}/engagements`]: cceOnly("Engagements"),
  [`${V1}/engagements/{id}`]: cceOnly("Engagements"),
  [`${V1}/engagements/odata`]: cceOnly("Engagements"),
  [`${V1}/studies/{studyId}/engagements`]: cceOnly("Engagements"),
  [`${V1}/instance/details`]: customRoutes.instanceDetails,
  [`${V1}/instance/topology`]: customRoutes.instanceTopology,
  [`${V1}/finances/invoices/{id}`]: noData("Invoice"),
  [`${V1}/monitors`]: list("monitor"),
  [`${V1}/monitor-queries/{id}`]: cceOnly("Monitor queries"),
  [`${V1}/studies/{studyId}/monitor-queries/{id}`]: cceOnly("Monitor queries"),
  [`${V1}/monitor-queries/odata`]: cceOnly("Monitor queries"),
  [`${V1}/studies/{studyId}/monitor-queries/odata`]: cceOnly("Monitor queries"),
  [`${V1}/monitor-visits/{monitorVisitId}/monitor-queries/odata`]: cceOnly("Monitor queries"),
  [`${V1}/studies/{studyId}/monitor-visits/{monitorVisitId}/monitor-queries/odata`]: cceOnly("Monitor queries"),
  [`${V1}/patients/{id}`]: one("patient", [patient]),
  [`${V1}/patients/odata`]: list("patient"),
  [`${V1}/patients/{id}/devices`]: list("patientDevice", [patient]),
  [`${V1}/patients/{id}/allergies`]: list("patientAllergy", [patient]),
  [`${V1}/patients/{id}/providers`]: list("patientProvider", [patient]),
  [`${V1}/patients/{id}/conditions`]: list("patientCondition", [patient]),
  [`${V1}/patients/{id}/procedures`]: list("patientProcedure", [patient]),
  [`${V1}/patients/{id}/medications`]: list("patientMedication", [patient]),
  [`${V1}/patients/{id}/immunizations`]: list("patientImmunization", [patient]),
  [`${V1}/patients/{id}/family-history`]: list("patientFamilyHistory", [patient]),
  [`${V1}/patients/{id}/social-history`]: list("patientSocialHistory", [patient]),
  [`${V1}/patients/{id}/touches/campaign`]: list("campaignTouch", [patient]),
  [`${V1}/patients/{id}/touches/referral`]: list("referralTouch", [patient]),
  [`${V1}/patients/{id}/touches/campaign/{touchId}`]: one("campaignTouch", [patient, at("touchId", "campaignTouch")]),
  [`${V1}/patients/{id}/touches/referral/{touchId}`]: one("referralTouch", [patient, at("touchId", "referralTouch")]),
  "/api/v2/patients/{id}/conditions": list("patientCondition", [patient]),
  "/api/v2/patients/{id}/family-history": list("patientFamilyHistory", [patient]),
  [`${V1}/patient-visits/{patientVisitId}/stipends`]: list("stipend", [at("patientVisitId", "patientVisit")]),
  [`${V1}/patient-visits/{patientVisitId}/stipends/{paymentId}`]: customRoutes.stipendAsList,
  [`${V1}/patient-visits/odata`]: list("patientVisit"),
  [`${V1}/patient-visits/{patientVisitId}`]: one("patientVisit", [at("patientVisitId", "patientVisit")]),
  [`${V1}/studies/{studyId}/subjects/{subjectId}/patient-visits`]: list("patientVisit", [
    study,
    at("subjectId", "subject")
  ]),
  [`${V1}/subjects/{subjectId}/patient-visits`]: list("patientVisit", [at("subjectId", "subject")], qStudy),
  [`${V1}/studies/{studyId}/subjects/{subjectId}/patient-visits/{patientVisitId}/elements`]: list(
    "patientVisitElement",
    [study, at("subjectId", "subject"), at("patientVisitId", "patientVisit")]
  ),
  [`${V1}/subjects/{subjectId}/patient-visits/{patientVisitId}/elements`]: list(
    "patientVisitElement",
    [at("subjectId", "subject"), at("patientVisitId", "patientVisit")],
    qStudy
  ),
  [`${V1}/patient-visits/{patientVisitId}/elements`]: list(
    "patientVisitElement",
    [at("patientVisitId", "patientVisit")],
    [at("studyId", "study"), at("subjectId", "subject")]
  ),
  [`${V1}/studies/{studyId}/protocol-versions`]: list("protocolVersion", [study]),
  [`${V1}/studies/{studyId}/protocol-versions/{id}`]: one("protocolVersion", [study, at("id", "protocolVersion")]),
  [`${V1}/providers/odata`]: list("provider"),
  [`${V1}/finance/remittances/{id}`]: noData("Remittance"),
  [`${V1}/finance/remittances/{remittanceId}/notes`]: noData("Remittance"),
  [`${V1}/finance/remittances/{remittanceId}/notes/{id}`]: noData("Remittance"),
  [`${V1}/finance/remittances/{remittanceId}/notes/odata`]: noData("Remittance"),
  [`${V1}/rooms`]: list("room"),
  [`${V1}/rooms/{id}`]: one("room", [at("id", "room")]),
  [`${V1}/room-groups`]: list("roomGroup"),
  [`${V1}/rooms/odata`]: list("room"),
  [`${V1}/room-groups/{id}`]: one("roomGroup", [at("id", "roomGroup")]),
  [`${V1}/sites/{id}/rooms`]: list("room", [at("id", "site")]),
  [`${V1}/room-groups/odata`]: list("roomGroup"),
  [`${V1}/room-groups/{id}/rooms`]: {
    kind: "list",
    entity: "room",
    path: [at("id", "roomGroup")],
    view: crossViews.roomsOfGroup
  },
  [`${V1}/room-groups/{id}/potential-rooms`]: {
    kind: "list",
    entity: "room",
    path: [at("id", "roomGroup")],
    view: crossViews.roomsOfGroup
  },
  [`${V1}/schedules/odata`]: list("schedule"),
  [`${V1}/schedules/default`]: customRoutes.defaultSchedule,
  [`${V1}/schedules`]: customRoutes.defaultSchedule,
  [`${V1}/appointments/odata`]: list("appointment"),
  [`${V1}/sites`]: list("site"),
  [`${V1}/sites/{id}`]: one("site", [at("id", "site")]),
  [`${V1}/sites/odata`]: list("site"),
  [`${V1}/site-payments/odata`]: cceOnly("Site payments"),
  [`${V1}/site-payments/{paymentId}`]: cceOnly("Site payments"),
  [`${V1}/site-payments/{paymentId}/items`]: cceOnly("Site payments"),
  [`${V1}/site-payments/check-requests/odata`]: cceOnly("Site payments"),
  [`${V1}/site-payments/check-requests/{requestId}`]: cceOnly("Site payments"),
  [`${V1}/site-payments/{paymentId}/items/{itemId}`]: cceOnly("Site payments"),
  [`${V1}/site-payments/check-requests/{requestId}/items`]: cceOnly("Site payments"),
  [`${V1}/sponsors`]: list("sponsor"),
  [`${V1}/sponsors/{id}`]: one("sponsor", [at("id", "sponsor")]),
  [`${V1}/sponsors/odata`]: list("sponsor"),
  [`${V1}/sponsors/{sponsorId}/sponsor-divisions`]: list("sponsorDivision", [qSponsor]),
  [`${V1}/sponsor-divisions`]: list("sponsorDivision", [], [qSponsor]),
  [`${V1}/sponsors/{sponsorId}/sponsor-divisions/{id}`]: one("sponsorDivision", [
    qSponsor,
    at("id", "sponsorDivision")
  ]),
  [`${V1}/sponsor-divisions/{id}`]: one("sponsorDivision", [at("id", "sponsorDivision")], [qSponsor]),
  [`${V1}/sponsors/{sponsorId}/sponsor-divisions/odata`]: list("sponsorDivision", [qSponsor]),
  [`${V1}/sponsor-divisions/odata`]: list("sponsorDivision", [], [qSponsor]),
  [`${V1}/sponsor-teams`]: list("sponsorTeam", [], [qSponsor, qDivision]),
  [`${V1}/sponsor-teams/{id}`]: one("sponsorTeam", [at("id", "sponsorTeam")], [qSponsor, qDivision]),
  [`${V1}/sponsor-teams/odata`]: list("sponsorTeam", [], [qSponsor, qDivision]),
  [`${V1}/sponsors/{sponsorId}/sponsor-divisions/{divisionId}/sponsor-teams`]: list("sponsorTeam", [
    qSponsor,
    qDivision
  ]),
  [`${V1}/sponsor-divisions/{divisionId}/sponsor-teams`]: list("sponsorTeam", [qDivision], [qSponsor]),
  [`${V1}/sponsors/{sponsorId}/sponsor-divisions/{divisionId}/sponsor-teams/{id}`]: one("sponsorTeam", [
    qSponsor,
    qDivision,
    at("id", "sponsorTeam")
  ]),
  [`${V1}/sponsor-divisions/{divisionId}/sponsor-teams/{id}`]: one(
    "sponsorTeam",
    [qDivision, at("id", "sponsorTeam")],
    [qSponsor]
  ),
  [`${V1}/sponsors/{sponsorId}/sponsor-divisions/{divisionId}/sponsor-teams/odata`]: list("sponsorTeam", [
    qSponsor,
    qDivision
  ]),
  [`${V1}/sponsor-divisions/{divisionId}/sponsor-teams/odata`]: list("sponsorTeam", [qDivision], [qSponsor]),
  [`${V1}/staff/{id}`]: one("staff", [at("id", "staff")]),
  [`${V1}/staff/odata`]: list("staff"),
  [`${V1}/staff/{id}/schedule`]: customRoutes.staffSchedule,
  [`${V1}/staff`]: list("staff"),
  [`${V1}/studies`]: list("study"),
  [`${V1}/studies/{id}`]: one("study", [studyById]),
  [`${V1}/studies/odata`]: list("study"),
  [`${V1}/studies/{id}/warnings`]: list("warning", [studyById]),
  [`${V1}/studies/{id}/personnel`]: list("personnel", [studyById]),
  [`${V1}/studies/{id}/integration-info`]: customRoutes.integrationInfo,
  [`${V1}/studies/{studyId}/actions`]: list("action", [study]),
  [`${V1}/studies/{studyId}/actions/{id}`]: one("action", [study, at("id", "action")]),
  [`${V1}/studies/{studyId}/actions/odata`]: list("action", [study]),
  [`${V1}/studies/{studyId}/arms`]: list("arm", [study]),
  [`${V1}/studies/{studyId}/arms/{id}`]: one("arm", [study, at("id", "arm")]),
  [`${V1}/system/study-categories`]: list("studyCategory"),
  [`${V1}/system/study-categories/{id}`]: one("studyCategory", [at("id", "studyCategory")]),
  [`${V1}/system/study-subcategories/{id}`]: one("studySubcategory", [at("id", "studySubcategory")]),
  [`${V1}/system/study-subcategories`]: list("studySubcategory"),
  [`${V1}/studies/{studyId}/documents`]: list("document", [study]),
  [`${V1}/studies/{studyId}/documents/{id}`]: one("document", [study, at("id", "document")]),
  [`${V1}/studies/{studyId}/documents/odata`]: list("document", [study]),
  [`${V1}/studies/{studyId}/documents/{id}/history`]: customRoutes.documentHistory,
  [`${V1}/studies/{studyId}/milestones`]: list("milestone", [study]),
  [`${V1}/studies/{studyId}/milestones/{id}`]: one("milestone", [study, at("id", "milestone")]),
  [`${V1}/studies/{studyId}/milestones/odata`]: list("milestone", [study]),
  [`${V1}/studies/{studyId}/notes`]: list("note", [study]),
  [`${V1}/studies/{studyId}/notes/{id}`]: one("note", [study, at("id", "note")]),
  [`${V1}/studies/{studyId}/notes/odata`]: list("note", [study]),
  [`${V1}/studies/{studyId}/roles`]: list("studyRole", [study]),
  [`${V1}/studies/{studyId}/roles/{roleId}`]: one("studyRole", [study, at("roleId", "studyRole")]),
  [`${V1}/studies/{studyId}/arms/{armId}/visits`]: list("visit", [study, at("armId", "arm")]),
  [`${V1}/studies/{studyId}/visits/{visitId}/arms`]: list("arm", [study, at("visitId", "visit")]),
  [`${V1}/studies/{studyId}/subjects/{id}`]: one("subject", [study, at("id", "subject")]),
  [`${V1}/subjects/{id}`]: one("subject", [at("id", "subject")], qStudy),
  [`${V1}/studies/{studyId}/subjects/odata`]: list("subject", [study]),
  [`${V1}/subjects/odata`]: list("subject", [], qStudy),
  [`${V1}/studies/{studyId}/subjects/{id}/status`]: customRoutes.subjectStatusInStudy,
  [`${V1}/subjects/{id}/status`]: customRoutes.subjectStatus,
  [`${V1}/studies/{studyUid}/subject-statuses/odata`]: list("subjectStatus", [at("studyUid", "study", "uid")]),
  [`${V1}/subject-statuses/odata`]: list("subjectStatus", [], [at("studyUid", "study", "uid")]),
  [`${V1}/studies/{studyId}/arms/{armId}/subjects/odata`]: {
    kind: "list",
    entity: "subject",
    path: [study, at("armId", "arm")],
    view: crossViews.subjectsOfArm
  },
  [`${V1}/system/lookup-lists`]: customRoutes.lookupListNames,
  [`${V1}/system/study-groups`]: list("studyGroup"),
  [`${V1}/system/devices/odata`]: list("sysDevice"),
  [`${V1}/system/organizations`]: list("organization"),
  [`${V1}/system/document-types`]: list("documentType"),
  [`${V1}/system/allergies/odata`]: list("sysAllergy"),
  [`${V1}/system/conditions/odata`]: list("sysCondition"),
  [`${V1}/system/procedures/odata`]: list("sysProcedure"),
  [`${V1}/system/action-categories`]: list("actionCategory"),
  [`${V1}/system/medications/odata`]: list("sysMedication"),
  [`${V1}/system/study-customfields`]: list("studyCustomField"),
  [`${V1}/system/immunizations/odata`]: list("sysImmunization"),
  [`${V1}/system/patient-customfields`]: list("patientCustomField"),
  [`${V1}/system/social-history/odata`]: list("sysSocialHistory"),
  [`${V1}/system/lookup-lists/{listName}`]: customRoutes.lookupListItems,
  [`${V1}/system/document-statuses/{documentId}`]: customRoutes.documentStatuses,
  [`${V1}/system/study-customfields/{id}/values`]: customRoutes.studyCustomFieldValues,
  [`${V1}/system/study-statuses`]: list("studyStatus"),
  [`${V1}/studies/{studyId}/visits/{id}`]: one("visit", [study, at("id", "visit")]),
  [`${V1}/visits/{id}`]: one("visit", [at("id", "visit")], qStudy),
  [`${V1}/studies/{studyId}/visits/odata`]: list("visit", [study]),
  [`${V1}/visits/odata`]: list("visit", [], qStudy),
  [`${V1}/studies/{studyId}/visits/{visitId}/elements/odata`]: list("visitElement", [study, at("visitId", "visit")]),
  [`${V1}/visits/{visitId}/elements/odata`]: list("visitElement", [at("visitId", "visit")], qStudy),
  [`${V1}/elements/{elementId}/visits/odata`]: {
    kind: "list",
    entity: "visitElement",
    path: [at("elementId", "element")],
    query: qStudy,
    view: crossViews.visitsOfElement
  },
  [`${V1}/studies/{studyId}/elements/{elementId}/visits/odata`]: {
    kind: "list",
    entity: "visitElement",
    path: [study, at("elementId", "element")],
    view: crossViews.visitsOfElement
  },
  [`${V1}/studies/{studyId}/visits/{visitId}/elements/{elementId}`]: customRoutes.visitElementInStudy,
  [`${V1}/visits/{visitId}/elements/{elementId}`]: customRoutes.visitElement
}
