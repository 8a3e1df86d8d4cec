import { describe, expect, it } from "vitest"
import { type Sandbox, startSandbox } from "../../src/index.js"
import { allPages, get, post } from "../support.js"

const GENERATED_AT = "2025-12-01T00:00:00Z"

const withSandbox = async (run: (sandbox: Sandbox) => Promise<void>, seed = 8): Promise<void> => {
  const sandbox = await startSandbox({ scale: 0.003, seed })
  try {
    await run(sandbox)
  } finally {
    await sandbox.stop()
  }
}

const ids = (records: ReadonlyArray<Record<string, unknown>>): Array<number> =>
  records.map((record) => record.id as number)

describe("mutate", () => {
  it("moves each list's count by exactly the inserts and deletes it reports", async () => {
    await withSandbox(async (sandbox) => {
      const before = sandbox.counts()
      const summary = sandbox.mutate({ fraction: 0.05 })
      const after = sandbox.counts()
      const expectations: Record<string, string> = {
        "/api/v1/studies": "study",
        "/api/v1/subjects/odata": "subject",
        "/api/v1/patient-visits/odata": "patientVisit",
        "/api/v1/patient-visits/{patientVisitId}/elements": "patientVisitElement",
        "/api/v1/appointments/odata": "appointment",
        "/api/v1/subject-statuses/odata": "subjectStatus",
        "/api/v1/patients/odata": "patient",
        "/api/v1/sites": "site"
      }
      for (const [path, entity] of Object.entries(expectations)) {
        const changes = summary.byEntity[entity]!
        expect(after[path], path).toBe(before[path]! + changes.inserted - changes.deleted)
      }
      expect(summary.deleted).toBeGreaterThan(0)
      expect(summary.inserted).toBeGreaterThan(0)
      expect(summary.updated).toBeGreaterThan(summary.inserted)
      expect(summary.byEntity.site!.inserted + summary.byEntity.site!.deleted).toBe(0)
      const counted = await get(sandbox, "/api/v1/patient-visits/odata?$count=true&$top=1")
      expect(counted.json.Count).toBe(after["/api/v1/patient-visits/odata"])
      const { records } = await allPages(sandbox, "/api/v1/patient-visits/odata?$top=1000")
      expect(records).toHaveLength(after["/api/v1/patient-visits/odata"]!)
      expect(new Set(ids(records)).size).toBe(records.length)
    })
  })

  it("bumps lastUpdatedOn of updated studies into the advanced clock window, so $filter finds exactly them", async () => {
    await withSandbox(async (sandbox) => {
      const before = new Map(
        ((await get(sandbox, "/api/v1/studies")).json as Array<{ id: number }>).map((s) => [s.id, s])
      )
      const summary = sandbox.mutate({ fraction: 0.3, advanceMs: 3_600_000 })
      expect(sandbox.info().clock).toBe("2025-12-01T01:00:00Z")
      const after = (await get(sandbox, "/api/v1/studies")).json as Array<{
        id: number
        lastUpdatedOn: string
        comment: string
      }>
      const changed = after.filter((study) => JSON.stringify(study) !== JSON.stringify(before.get(study.id)))
      const inserted = after.filter((study) => !before.has(study.id))
      expect(changed.length - inserted.length).toBe(summary.byEntity.study!.updated)
      expect(inserted.length).toBe(summary.byEntity.study!.inserted)
      for (const study of changed) {
        expect(study.lastUpdatedOn > GENERATED_AT).toBe(true)
        expect(study.lastUpdatedOn <= "2025-12-01T01:00:00Z").toBe(true)
      }
      for (const study of after.filter((s) => !changed.includes(s)))
        expect(study.lastUpdatedOn <= GENERATED_AT).toBe(true)
      const incremental = await get(sandbox, `/api/v1/studies/odata?$filter=lastUpdatedOn gt ${GENERATED_AT}&$top=1000`)
      expect(ids(incremental.json).sort()).toEqual(ids(changed).sort())
      const insertedIds = ids(inserted)
      expect(Math.min(...insertedIds)).toBeGreaterThan(Math.max(...before.keys()))
    })
  })

  it("changes a plausible field of entities without lastUpdatedOn", async () => {
    await withSandbox(async (sandbox) => {
      const before = (await allPages(sandbox, "/api/v1/subjects/odata?$top=1000")).records
      const summary = sandbox.mutate({ fraction: 0.2 })
      const after = new Map((await allPages(sandbox, "/api/v1/subjects/odata?$top=1000")).records.map((s) => [s.id, s]))
      const updated = before.filter(
        (subject) =>
          after.has(subject.id as number) && JSON.stringify(after.get(subject.id as number)) !== JSON.stringify(subject)
      )
      expect(updated.length).toBe(summary.byEntity.subject!.updated)
      for (const subject of updated) expect(String(after.get(subject.id as number)!.narrative)).toMatch(/\(rev 1\)$/)
    })
  })

  it("hides a deleted subject's whole subtree, and lists stay the union of their parents", async () => {
    await withSandbox(async (sandbox) => {
      const subjectsBefore = (await allPages(sandbox, "/api/v1/subjects/odata?$top=1000")).records
      const visitsBefore = (await allPages(sandbox, "/api/v1/patient-visits/odata?$top=1000")).records
      const summary = sandbox.mutate({ fraction: 0.1 })
      expect(summary.byEntity.subject!.deleted).toBeGreaterThan(0)
      const subjectsAfter = (await allPages(sandbox, "/api/v1/subjects/odata?$top=1000")).records
      const remaining = new Set(ids(subjectsAfter))
      const gone = subjectsBefore.filter((subject) => !remaining.has(subject.id as number))
      expect(gone.length).toBe(summary.byEntity.subject!.deleted)
      const victim = gone[0]!
      expect((await get(sandbox, `/api/v1/subjects/${victim.id}`)).status).toBe(404)
      expect((await get(sandbox, `/api/v1/subjects/${victim.id}/patient-visits`)).status).toBe(404)
      const visitsAfter = (await allPages(sandbox, "/api/v1/patient-visits/odata?$top=1000")).records
      const orphaned = visitsBefore.filter((visit) => (visit.subject as { Id: number }).Id === victim.id)
      const afterIds = new Set(ids(visitsAfter))
      for (const visit of orphaned) expect(afterIds.has(visit.id as number)).toBe(false)
      const union: Array<number> = []
      for (const subject of subjectsAfter) {
        union.push(...ids((await get(sandbox, `/api/v1/subjects/${subject.id}/patient-visits`)).json))
      }
      expect(union.sort((a, b) => a - b)).toEqual(ids(visitsAfter).sort((a, b) => a - b))
      const newSubjects = subjectsAfter.filter((subject) => !subjectsBefore.some((old) => old.id === subject.id))
      expect(newSubjects.length).toBe(summary.byEntity.subject!.inserted)
      for (const subject of newSubjects) {
        const status = (await get(sandbox, `/api/v1/subjects/${subject.id}/status`)).json
        expect(status.timeline).toHaveLength(1)
        expect(status.currentStatus).toBe(subject.status)
      }
    })
  })

  it("is deterministic for a seed, and differs with another mutation seed", async () => {
    const run = async (mutationSeed: number): Promise<string> => {
      let out = ""
      await withSandbox(async (sandbox) => {
        const first = sandbox.mutate({ fraction: 0.05, seed: mutationSeed })
        const second = sandbox.mutate({ fraction: 0.02, seed: mutationSeed, advanceMs: 60_000 })
        const page = await get(sandbox, "/api/v1/patient-visits/odata?$top=1000&$skip=500&$count=true")
        const studies = await get(sandbox, "/api/v1/studies")
        // NextPageLink names the port, which differs between sandboxes: compare the records and count.
        out = JSON.stringify([first, second, page.json.Items, page.json.Count, studies.json])
      })
      return out
    }
    const first = await run(1)
    expect(await run(1)).toBe(first)
    expect(await run(2)).not.toBe(first)
  })

  it("is driven over HTTP too, and rejects bad input with 400", async () => {
    await withSandbox(async (sandbox) => {
      const answer = await post(sandbox, "/__sandbox/mutate", { fraction: 0.02, advanceMs: 1000 })
      expect(answer.status).toBe(200)
      expect(answer.json.updated).toBeGreaterThan(0)
      expect(Object.keys(answer.json.byEntity)).toContain("patientVisit")
      const clock = await post(sandbox, "/__sandbox/clock", { advanceMs: 59_000 })
      expect(clock.json.clock).toBe("2025-12-01T00:01:00Z")
      expect(clock.json.mutations).toBe(1)
      const bad = await post(sandbox, "/__sandbox/mutate", { fraction: 2 })
      expect(bad.status).toBe(400)
      expect(bad.json.message).toMatch(/fraction/)
      expect((await post(sandbox, "/__sandbox/clock", { advanceMs: -5 })).status).toBe(400)
      const counts = await get(sandbox, "/__sandbox/counts")
      expect(counts.json).toEqual(sandbox.counts())
    })
  })
})
