/**
 * Synthetic CC records for the load benchmark: shaped like `PatientVisitPreview` (the largest
 * production table), ~500 bytes of JSON each, deterministic, generated lazily so the benchmark's
 * own memory does not grow with the record count. Strings come from small precomputed pools so
 * that generating a record costs far less than loading it (the loader is what is measured).
 */

const pool = <A>(size: number, make: (index: number) => A): ReadonlyArray<A> =>
  Array.from({ length: size }, (_, i) => make(i))

const hex = (n: number, width: number) => (n >>> 0).toString(16).padStart(width, "0").slice(-width)
const uuids = pool(4096, (seed) => {
  const a = Math.imul(seed + 1, 2_654_435_761)
  const b = Math.imul((seed + 1) ^ 0x5bd1e995, 1_597_334_677)
  return `${hex(a, 8)}-${hex(b, 4)}-4${hex(b >>> 16, 3)}-a${hex(a >>> 8, 3)}-${hex(a ^ b, 8)}${hex(seed, 4)}`
})
const visitNames = pool(52, (week) => `Week ${week} \u2013 Treatment Visit`)
const cycleNames = pool(6, (cycle) => `Cycle ${cycle + 1}`)
const studyNames = pool(120, (study) => `ONC-2025-${String(study + 1).padStart(3, "0")}`)
const statuses = ["Pending", "Started", "Completed", "Unknown"] as const
const comment = 'Patient said "see you"\tnext\\week\nthanks'

/** One record; `revision` > 0 changes every `changeEvery`-th record's content. */
export const visitRecord = (index: number, revision = 0, changeEvery = 10) => {
  const study = index % 120
  const subject = 10_000 + (index % 90_000)
  return {
    id: 1_000_000 + index,
    uid: uuids[index % 4096],
    sequence: index % 24,
    visitId: 50_000 + (index % 2_000),
    visitName: visitNames[index % 52],
    cycleName: index % 4 === 0 ? null : cycleNames[index % 6],
    mandatory: index % 3 !== 0,
    status: revision > 0 && index % changeEvery === 0 ? `Completed r${revision}` : statuses[index % 4],
    targetDueDate: "2025-03-01T09:30:00Z",
    minDueDate: "2025-02-26T09:30:00Z",
    maxDueDate: "2025-03-04T09:30:00Z",
    appointments: index % 5 === 0 ? [] : [{ id: 7_000_000 + index, plannedStart: "2025-03-01T09:30:00Z" }],
    study: { id: study + 1, uid: uuids[study], name: studyNames[study] },
    subject: { Id: subject, Uid: uuids[subject % 4096], Name: `${studyNames[study]}-${subject}` },
    comment: index % 50 === 0 ? comment : ""
  }
}

/** `count` records, lazily. */
export function* visitRecords(count: number, revision = 0): Generator<ReturnType<typeof visitRecord>> {
  for (let index = 0; index < count; index++) yield visitRecord(index, revision)
}
