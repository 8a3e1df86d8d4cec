import type { Field, RecordContext } from "../model.js"
import { iso } from "../values.js"
import { siblingPosition } from "./helpers.js"
import { appointmentFacts, elementOfVisitElement, subjectFacts, visitFacts } from "./subject-facts.js"

/**
 * `GET /patient-visits/{id}` answers the PascalCase `PatientVisit` schema (a different model from the
 * `PatientVisitPreview` of the lists). Its ids, dates, elements and appointments come from the same
 * facts as the lists; the rest of its large graph is generic.
 */

const STATUS_IDS: Readonly<Record<string, number>> = { Pending: 1, Started: 2, Completed: 3, Cancelled: 4, NoShow: 5 }

const facts = (ctx: RecordContext) => visitFacts(ctx.store, ctx.refs, ctx.index)

const children = (ctx: RecordContext, key: string): Array<number> => {
  const view = ctx.store.descendantsView(key, "patientVisit", ctx.index)
  const out: Array<number> = []
  for (let k = 0; k < view.count; k++) out.push(view.indexAt(k))
  return out
}

export const patientVisitDetailFields = (
  preview: Readonly<Record<string, Field>>
): Readonly<Record<string, Field>> => ({
  PatientVisitId: ({ id }) => id,
  PatientVisitUID: ({ core }) => core.uid,
  Sequence: (ctx) => facts(ctx).sequence,
  VisitId: preview.visitId!,
  VisitUID: (ctx) => {
    const visit = facts(ctx).visit
    return visit < 0 ? null : ctx.refs.core("visit", visit).uid
  },
  VisitName: preview.visitName!,
  VisitCycleUID: () => null,
  CycleInstance: () => 1,
  VisitInstance: () => 1,
  PostProtocol: () => false,
  ArmUID: () => null,
  Status: (ctx) => {
    const name = String(preview.status!(ctx))
    return { Id: STATUS_IDS[name] ?? 0, Name: name }
  },
  ScheduledDate: preview.targetDueDate!,
  StartDate: (ctx) => (facts(ctx).completed ? iso(facts(ctx).targetMs) : null),
  CompletionDate: (ctx) => (facts(ctx).completed ? iso(facts(ctx).targetMs + 7_200_000) : null),
  MarkedAsCompletedOn: (ctx) => (facts(ctx).completed ? iso(facts(ctx).targetMs + 7_200_000) : null),
  MarkAsSkipped: () => false,
  MarkedAsSkippedDate: () => null,
  MarkedAsSkippedBy: () => null,
  MarkedAsSkippedReason: () => null,
  Elements: (ctx) => {
    const visit = facts(ctx)
    const state = ctx.store.state("patientVisitElement")
    return children(ctx, "patientVisitElement").map((index) => {
      const element = elementOfVisitElement(ctx.store, visit, siblingPosition({ state, index }))
      const core = element < 0 ? undefined : ctx.refs.core("element", element)
      const out = ctx.refs.generic("PatientVisitElement", ctx.rng)
      const elementDetail = ctx.refs.generic("VisitElement", ctx.rng)
      elementDetail.ElementId = core?.id ?? null
      elementDetail.ElementUID = core?.uid ?? null
      elementDetail.ElementName = core?.name ?? null
      elementDetail.Sequence = siblingPosition({ state, index }) + 1
      out.Element = elementDetail
      out.PatientVisitElementId = state.idOf(index)
      out.PatientVisitElementUID = ctx.refs.core("patientVisitElement", index).uid
      return out
    })
  },
  Appointments: (ctx) => {
    const visit = facts(ctx)
    const subject = subjectFacts(ctx.store, ctx.refs, visit.subject)
    const state = ctx.store.state("appointment")
    return children(ctx, "appointment").map((index) => {
      const appointment = appointmentFacts(ctx, index)
      const out = ctx.refs.generic("Appointment", ctx.rng)
      out.AppointmentId = state.idOf(index)
      out.PatientVisitId = ctx.id
      out.PatientStudyId = ctx.store.state("subject").idOf(visit.subject)
      out.SiteId = ctx.store.state("site").idOf(subject.site)
      out.Status = { Id: STATUS_IDS[appointment.status] ?? 0, Name: appointment.status }
      out.ScheduledStartDate = iso(appointment.startMs)
      out.ScheduledCompletionDate = iso(appointment.endMs)
      return out
    })
  },
  PatientStudy: (ctx) => {
    const visit = facts(ctx)
    const subject = subjectFacts(ctx.store, ctx.refs, visit.subject)
    const subjectCore = ctx.refs.core("subject", visit.subject)
    const out = ctx.refs.generic("PatientStudy", ctx.rng)
    out.PatientStudyId = subjectCore.id
    out.UID = subjectCore.uid
    out.StudyId = ctx.refs.core("study", visit.study).id
    out.StudyUID = ctx.refs.core("study", visit.study).uid
    out.PatientId = ctx.refs.core("patient", subject.patient).id
    out.PatientUID = ctx.refs.core("patient", subject.patient).uid
    out.EnrollmentDate = iso(subject.enrolledMs)
    return out
  }
})
