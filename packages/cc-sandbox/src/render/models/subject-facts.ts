import { hash, unit } from "../../data/random.js"
import { GENERATED_AT, type Store } from "../../data/store.js"
import type { References } from "../model.js"
import { days, years } from "../values.js"
import { pickChild, siblingPosition } from "./helpers.js"

/**
 * Facts shared by a subject's records (its statuses, patient visits, appointments, stipends), derived
 * from hashes only, so every record that quotes them agrees with the record they describe.
 */

/**
 * Status paths a subject walks (CC's `SubjectStatusModel.status` values), with the share of
 * subjects (per 100) that walk each. A subject has got as far along its path as the time since
 * its enrollment allows (see {@link STATUS_GAP_DAYS}); its status records are the latest steps it
 * reached (so its last record is its current status), as many as the store holds for it.
 */
const STATUS_PATHS: ReadonlyArray<{ readonly share: number; readonly path: ReadonlyArray<string> }> = [
  { share: 25, path: ["Prescreened", "Screened", "Randomized", "FollowUp", "Completed"] },
  { share: 10, path: ["Prescreened", "Screened", "RunIn", "Randomized", "FollowUp", "Completed"] },
  { share: 12, path: ["Screened", "Randomized", "Dropped"] },
  { share: 20, path: ["Prescreened", "Screened", "ScreenFailed"] },
  { share: 8, path: ["Prescreened", "NonQualified"] },
  { share: 5, path: ["Screened", "RunIn", "RunInFailed"] },
  { share: 20, path: ["Prescreened", "Screened", "Randomized", "FollowUp"] }
]

/** Days between the previous step and this one. */
const STATUS_GAP_DAYS: Readonly<Record<string, number>> = {
  Prescreened: 0,
  Screened: 10,
  RunIn: 14,
  Randomized: 20,
  FollowUp: 150,
  Completed: 120,
  Dropped: 60,
  ScreenFailed: 14,
  NonQualified: 5,
  RunInFailed: 14
}

const pathOf = (draw: number): ReadonlyArray<string> => {
  let point = draw % 100
  for (const entry of STATUS_PATHS) {
    if (point < entry.share) return entry.path
    point -= entry.share
  }
  return STATUS_PATHS[0]!.path
}

/** The steps of `path` reached `elapsedMs` after enrollment (at least the first), with their offsets. */
const reached = (path: ReadonlyArray<string>, elapsedMs: number) => {
  const steps: Array<{ readonly status: string; readonly offsetMs: number }> = []
  let offset = 0
  for (const [k, status] of path.entries()) {
    if (k > 0) offset += days(STATUS_GAP_DAYS[status] ?? 10)
    if (k > 0 && offset > elapsedMs) break
    steps.push({ status, offsetMs: offset })
  }
  return steps
}

export interface SubjectFacts {
  readonly patient: number
  readonly site: number
  readonly enrolledMs: number
  /** Status records of the subject (visible ones), oldest first. */
  readonly statuses: ReadonlyArray<string>
  /** Each status record's event time (epoch ms), oldest first. */
  readonly statusAtMs: ReadonlyArray<number>
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
  const created = refs.createdAt(state, subject)
  const enrolledMs = created ?? GENERATED_AT - Math.floor(years(0.05 + 3.5 * unit(store.seed, tag, subject, 4)))
  const steps = reached(pathOf(hash(store.seed, tag, subject, 3)), Math.max(0, GENERATED_AT - enrolledMs))
  // The latest `count` steps; a subject with more records than steps repeats its current status.
  const statuses: Array<string> = []
  const statusAtMs: Array<number> = []
  for (let k = 0; k < count; k++) {
    const step = steps[Math.max(0, Math.min(steps.length - 1, steps.length - count + k))]!
    statuses.push(step.status)
    statusAtMs.push(enrolledMs + step.offsetMs)
  }
  return {
    patient: hash(store.seed, tag, subject, 1) % store.state("patient").baseCount,
    site: hash(store.seed, tag, subject, 2) % store.state("site").baseCount,
    enrolledMs,
    statuses,
    statusAtMs,
    randomized: steps.some((step) => step.status === "Randomized")
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
