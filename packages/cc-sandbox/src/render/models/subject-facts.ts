import { hash, unit } from "../../data/random.js"
import { GENERATED_AT, type Store } from "../../data/store.js"
import type { References } from "../model.js"
import { days, years } from "../values.js"
import { pickChild, siblingPosition } from "./helpers.js"

/**
 * Facts shared by a subject's records (its statuses, patient visits, appointments, stipends), derived
 * from hashes only, so every record that quotes them agrees with the record they describe.
 */

/** Status paths a subject walks; its status records are the first steps of one path. */
const STATUS_PATHS: ReadonlyArray<ReadonlyArray<string>> = [
  ["Prescreened", "Screened", "Randomized", "Completed"],
  ["Prescreened", "Screened", "ScreenFailed"],
  ["Screened", "Randomized", "Dropped"],
  ["Prescreened", "Screened", "RunIn", "Randomized", "FollowUp", "Completed"],
  ["Prescreened", "NonQualified"],
  ["Screened", "RunIn", "RunInFailed"],
  ["Screened", "Randomized"],
  ["Prescreened", "Screened", "Randomized", "FollowUp"]
]

export interface SubjectFacts {
  readonly patient: number
  readonly site: number
  readonly enrolledMs: number
  /** Status records of the subject (visible ones), oldest first. */
  readonly statuses: ReadonlyArray<string>
  readonly randomized: boolean
}

/** How many status records a subject has (generated range, or its one inserted status). */
const statusCount = (store: Store, subject: number): number => {
  const statuses = store.state("subjectStatus")
  const [from, to] = statuses.baseRangeOfParent(subject)
  return to - from + statuses.insertedChildrenOf(subject).length
}

/**
 * One-entry memo: the fields of one record ask for the same facts several times in a row. Keyed by
 * store, record and data version, so a mutation never serves stale facts.
 */
const memo = <T>(compute: (store: Store, refs: References, index: number) => T) => {
  let last: { store: Store; index: number; epoch: number; value: T } | undefined
  return (store: Store, refs: References, index: number): T => {
    if (last !== undefined && last.store === store && last.index === index && last.epoch === store.epoch)
      return last.value
    const value = compute(store, refs, index)
    last = { store, index, epoch: store.epoch, value }
    return value
  }
}

export const subjectFacts = memo((store: Store, refs: References, subject: number): SubjectFacts => {
  const state = store.state("subject")
  const tag = state.layout.tag
  const count = Math.max(1, statusCount(store, subject))
  const fitting = STATUS_PATHS.filter((path) => path.length >= count)
  const path = fitting.length === 0 ? STATUS_PATHS[3]! : fitting[hash(store.seed, tag, subject, 3) % fitting.length]!
  const statuses: Array<string> = []
  for (let k = 0; k < count; k++) statuses.push(path[Math.min(k, path.length - 1)]!)
  const created = refs.createdAt(state, subject)
  return {
    patient: hash(store.seed, tag, subject, 1) % store.state("patient").baseCount,
    site: hash(store.seed, tag, subject, 2) % store.state("site").baseCount,
    enrolledMs: created ?? GENERATED_AT - Math.floor(years(0.05 + 3.5 * unit(store.seed, tag, subject, 4))),
    statuses,
    randomized: statuses.includes("Randomized")
  }
})

export interface VisitFacts {
  readonly subject: number
  readonly study: number
  readonly sequence: number
  /** The visit definition (of the subject's study) this patient visit instantiates; -1 when none. */
  readonly visit: number
  /** The generated due date: children (appointments, elements) are scheduled around it. */
  readonly targetMs: number
  readonly completed: boolean
}

export const visitFacts = memo((store: Store, refs: References, patientVisit: number): VisitFacts => {
  const state = store.state("patientVisit")
  const subject = state.parentOf(patientVisit)
  const study = store.state("subject").parentOf(subject)
  const position = siblingPosition({ state, index: patientVisit })
  const subjectInfo = subjectFacts(store, refs, subject)
  const inserted = refs.createdAt(state, patientVisit)
  const targetMs = inserted !== undefined ? inserted + days(14) : subjectInfo.enrolledMs + days(21 * position)
  const visits = store.state("visit").baseRangeOfParent(study)
  const visitCount = visits[1] - visits[0]
  return {
    subject,
    study,
    sequence: position + 1,
    visit: visitCount > 0 ? visits[0] + (position % visitCount) : -1,
    targetMs,
    completed: targetMs < GENERATED_AT - days(2) && unit(store.seed, state.layout.tag, patientVisit, 5) < 0.93
  }
})

/** The element (of the study) a patient-visit element performs. */
export const elementOfVisitElement = (store: Store, facts: VisitFacts, position: number): number =>
  pickChild(store, "element", facts.study, hash(facts.visit, position))

/** Appointment status and times, shared by the appointment and its preview inside a patient visit. */
export const appointmentFacts = (ctx: { readonly store: Store; readonly refs: References }, appointment: number) => {
  const state = ctx.store.state("appointment")
  const facts = visitFacts(ctx.store, ctx.refs, state.parentOf(appointment))
  const u = unit(ctx.store.seed, state.layout.tag, appointment, 1)
  const startMs = facts.targetMs + days(Math.floor(u * 3)) + (8 + Math.floor(u * 9)) * 3_600_000
  const epoch = state.updatedEpoch(appointment)
  let status: string
  if (epoch > 0) status = ["Completed", "Cancelled", "NoShow", "Started"][hash(appointment, epoch) % 4]!
  else if (startMs > GENERATED_AT) status = "Pending"
  else status = u < 0.88 ? "Completed" : u < 0.94 ? "Cancelled" : "NoShow"
  return { facts, startMs, endMs: startMs + (1 + Math.floor(u * 4)) * 1_800_000, status }
}
