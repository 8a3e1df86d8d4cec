import { hash } from "../../data/random.js"
import { GENERATED_AT } from "../../data/store.js"
import type { EntityModel, Field, RecordContext } from "../model.js"
import { days, iso } from "../values.js"
import { ancestorPreview, parentPreview, pickChild, siblingPosition } from "./helpers.js"
import { patientVisitDetailFields } from "./patient-visit-detail.js"
import { appointmentFacts, elementOfVisitElement, subjectFacts, visitFacts } from "./subject-facts.js"

const subjectOf = (ctx: RecordContext) => subjectFacts(ctx.store, ctx.refs, ctx.index)

const visitStatus = (ctx: RecordContext): string => {
  const facts = visitFacts(ctx.store, ctx.refs, ctx.index)
  if (ctx.epoch > 0) return ctx.changed.chance(0.7) ? "Completed" : "Started"
  return facts.completed ? "Completed" : facts.targetMs < GENERATED_AT ? "Started" : "Pending"
}

/** Due date: updates reschedule the visit by one to seven days. */
const visitDueMs = (ctx: RecordContext): number => {
  const facts = visitFacts(ctx.store, ctx.refs, ctx.index)
  return facts.targetMs + (ctx.epoch > 0 ? days(1 + (hash(ctx.index, ctx.epoch) % 7)) : 0)
}

const patientVisitPreviewFields: Readonly<Record<string, Field>> = {
  sequence: (ctx) => visitFacts(ctx.store, ctx.refs, ctx.index).sequence,
  visitId: (ctx) => {
    const visit = visitFacts(ctx.store, ctx.refs, ctx.index).visit
    return visit < 0 ? null : ctx.store.state("visit").idOf(visit)
  },
  visitName: (ctx) => {
    const visit = visitFacts(ctx.store, ctx.refs, ctx.index).visit
    return visit < 0 ? null : ctx.refs.core("visit", visit).name
  },
  cycleName: ({ rng }) => (rng.chance(0.15) ? `Cycle ${rng.int(1, 6)}` : null),
  mandatory: ({ rng }) => rng.chance(0.9),
  status: visitStatus,
  targetDueDate: (ctx) => iso(visitDueMs(ctx)),
  minDueDate: (ctx) => iso(visitDueMs(ctx) - days(3)),
  maxDueDate: (ctx) => iso(visitDueMs(ctx) + days(3)),
  appointments: (ctx) => {
    const view = ctx.store.descendantsView("appointment", "patientVisit", ctx.index)
    const out: Array<Record<string, unknown>> = []
    for (let k = 0; k < view.count; k++) {
      const appointment = view.indexAt(k)
      const facts = appointmentFacts(ctx, appointment)
      out.push({
        id: view.state.idOf(appointment),
        status: facts.status,
        scheduledStart: iso(facts.startMs),
        scheduledEnd: iso(facts.endMs)
      })
    }
    return out
  },
  study: ancestorPreview("StudyPreviewModel", "study"),
  subject: parentPreview("SubjectPreviewModel")
}

export const subjectModels: ReadonlyArray<EntityModel> = [
  {
    entity: "subject",
    core: (ctx) => {
      const facts = subjectFacts(ctx.store, ctx.refs, ctx.index)
      return { id: ctx.id, uid: ctx.rng.uuid(), name: ctx.refs.core("patient", facts.patient).name }
    },
    marker: "narrative",
    schemas: {
      SubjectViewModel: {
        study: parentPreview("StudyPreviewModel"),
        site: (ctx) => ctx.refs.preview("SitePreviewModel", "site", subjectOf(ctx).site),
        patient: (ctx) => ctx.refs.preview("PatientDemographicsViewModel", "patient", subjectOf(ctx).patient),
        status: (ctx) => subjectOf(ctx).statuses.at(-1),
        protocolVersion: (ctx) => {
          const pv = pickChild(ctx.store, "protocolVersion", ctx.state.parentOf(ctx.index), ctx.index)
          return pv < 0 ? null : ctx.refs.preview("ProtocolVersionPreviewModel", "protocolVersion", pv)
        },
        genderCode: (ctx) => ctx.refs.core("patient", subjectOf(ctx).patient).gendercode,
        race: (ctx) => ctx.refs.core("patient", subjectOf(ctx).patient).race,
        ethnicity: (ctx) => ctx.refs.core("patient", subjectOf(ctx).patient).ethnicity,
        arm: (ctx) => {
          if (!subjectOf(ctx).randomized) return null
          const arm = pickChild(ctx.store, "arm", ctx.state.parentOf(ctx.index), ctx.index)
          return arm < 0 ? null : ctx.refs.preview("StudyArmPreviewModel", "arm", arm)
        },
        importId: () => null,
        enrollmentDate: (ctx) => iso(subjectOf(ctx).enrolledMs),
        enrollmentLocation: (ctx) => ctx.refs.core("site", subjectOf(ctx).site).name,
        screeningNumber: (ctx) => `SCR-${String(siblingPosition(ctx) + 1).padStart(4, "0")}`,
        randomizationNumber: (ctx) => (subjectOf(ctx).randomized ? `R${String(10000 + siblingPosition(ctx))}` : null),
        treatmentStatus: (ctx) =>
          subjectOf(ctx).randomized ? ctx.rng.pick(["On Treatment", "Off Treatment", "Completed"]) : null,
        treatmentStart: (ctx) => (subjectOf(ctx).randomized ? iso(subjectOf(ctx).enrolledMs + days(21)) : null)
      }
    }
  },
  {
    entity: "subjectStatus",
    core: () => ({}),
    schemas: {
      SubjectStatusModel: {
        status: (ctx) => {
          const facts = subjectFacts(ctx.store, ctx.refs, ctx.state.parentOf(ctx.index))
          return facts.statuses[Math.min(siblingPosition(ctx), facts.statuses.length - 1)]
        },
        isCurrentStatus: (ctx) => {
          const facts = subjectFacts(ctx.store, ctx.refs, ctx.state.parentOf(ctx.index))
          return siblingPosition(ctx) >= facts.statuses.length - 1
        },
        eventDate: (ctx) => {
          const facts = subjectFacts(ctx.store, ctx.refs, ctx.state.parentOf(ctx.index))
          return iso(facts.statusAtMs[Math.min(siblingPosition(ctx), facts.statusAtMs.length - 1)]!)
        },
        study: ancestorPreview("StudyPreviewModel", "study"),
        site: (ctx) =>
          ctx.refs.preview(
            "SitePreviewModel",
            "site",
            subjectFacts(ctx.store, ctx.refs, ctx.state.parentOf(ctx.index)).site
          ),
        subject: parentPreview("SubjectPreviewModel")
      }
    }
  },
  {
    entity: "patientVisit",
    core: ({ id, rng }) => ({ id, uid: rng.uuid() }),
    schemas: {
      PatientVisitPreview: patientVisitPreviewFields,
      PatientVisit: patientVisitDetailFields(patientVisitPreviewFields)
    }
  },
  {
    entity: "patientVisitElement",
    core: ({ id, rng }) => ({ id, uid: rng.uuid() }),
    schemas: {
      PatientVisitElementPreview: {
        sequence: (ctx) => siblingPosition(ctx) + 1,
        elementId: (ctx) => {
          const facts = visitFacts(ctx.store, ctx.refs, ctx.state.parentOf(ctx.index))
          const element = elementOfVisitElement(ctx.store, facts, siblingPosition(ctx))
          return element < 0 ? null : ctx.store.state("element").idOf(element)
        },
        name: (ctx) => {
          const facts = visitFacts(ctx.store, ctx.refs, ctx.state.parentOf(ctx.index))
          const element = elementOfVisitElement(ctx.store, facts, siblingPosition(ctx))
          return element < 0 ? "Unscheduled Procedure" : ctx.refs.core("element", element).name
        },
        durationMinutes: ({ rng }) => rng.pick([5, 10, 15, 30, 45, 60]),
        required: ({ rng }) => rng.chance(0.8),
        completedOn: (ctx) => {
          const changed = ctx.epoch > 0 ? ctx.refs.changedAt(ctx.state, ctx.index) : undefined
          if (changed !== undefined) return iso(changed)
          const facts = visitFacts(ctx.store, ctx.refs, ctx.state.parentOf(ctx.index))
          return facts.completed ? iso(facts.targetMs + 3_600_000 * (9 + siblingPosition(ctx))) : null
        },
        repeatable: ({ rng }) => rng.chance(0.1),
        isRepeatedElement: () => false
      }
    }
  },
  {
    entity: "appointment",
    core: ({ id }) => ({ id }),
    schemas: {
      AppointmentViewModel: {
        status: (ctx) => appointmentFacts(ctx, ctx.index).status,
        plannedStart: (ctx) => iso(appointmentFacts(ctx, ctx.index).startMs),
        plannedEnd: (ctx) => iso(appointmentFacts(ctx, ctx.index).endMs),
        study: ancestorPreview("StudyPreviewModel", "study"),
        site: (ctx) => {
          const facts = appointmentFacts(ctx, ctx.index).facts
          return ctx.refs.preview("SitePreviewModel", "site", subjectFacts(ctx.store, ctx.refs, facts.subject).site)
        },
        patient: (ctx) => {
          const facts = appointmentFacts(ctx, ctx.index).facts
          return ctx.refs.preview(
            "PatientPreviewModel",
            "patient",
            subjectFacts(ctx.store, ctx.refs, facts.subject).patient
          )
        },
        visit: (ctx) => {
          const visit = appointmentFacts(ctx, ctx.index).facts.visit
          return visit < 0 ? null : ctx.refs.preview("VisitPreviewModel", "visit", visit)
        }
      }
    }
  },
  {
    entity: "stipend",
    core: ({ id }) => ({ id }),
    marker: "transactionId",
    schemas: {
      PatientPaymentViewModel: {
        patientVisitId: (ctx) => ctx.store.state("patientVisit").idOf(ctx.state.parentOf(ctx.index)),
        patientStudyId: (ctx) => ctx.store.state("subject").idOf(ctx.store.ancestorOf(ctx.state, ctx.index, "subject")),
        patientStudyStatus: (ctx) =>
          subjectFacts(ctx.store, ctx.refs, ctx.store.ancestorOf(ctx.state, ctx.index, "subject")).statuses.at(-1),
        amount: ({ rng }) => rng.pick([25, 50, 75, 100, 150, 200]),
        paymentOn: (ctx) => {
          // Paid after the visit, never after the record exists.
          const due = visitFacts(ctx.store, ctx.refs, ctx.state.parentOf(ctx.index)).targetMs + days(ctx.rng.int(1, 10))
          return iso(Math.min(due, ctx.refs.createdAt(ctx.state, ctx.index) ?? GENERATED_AT))
        },
        checkNumber: ({ rng }) => (rng.chance(0.3) ? rng.digits(6) : null),
        transactionId: ({ rng }) => `TX-${rng.digits(10)}`
      }
    }
  }
]
