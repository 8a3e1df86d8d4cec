/**
 * Subject status histories: realistic enough for enrollment metrics (some subjects completed,
 * some dropped, some failed screening, some still active), ordered in time, never after the
 * data's generation time, and the same for the same seed.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type Sandbox, startSandbox } from "../../src/index.js"
import { allPages } from "../support.js"

const generatedAt = Date.UTC(2025, 11, 1)

interface StatusRecord {
  readonly status: string
  readonly eventDate: string
  readonly isCurrentStatus: boolean
  readonly subject: { readonly Id: number }
}

const tally = (values: ReadonlyArray<string>) => {
  const counts: Record<string, number> = {}
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1
  return counts
}

describe("subject status histories", () => {
  let sandbox: Sandbox
  let twin: Sandbox
  beforeAll(async () => {
    sandbox = await startSandbox({ scale: 0.002, seed: 21 })
    twin = await startSandbox({ scale: 0.002, seed: 21 })
  })
  afterAll(async () => {
    await sandbox.stop()
    await twin.stop()
  })

  it("current statuses spread over completed, dropped, screen failures and active subjects", async () => {
    const subjects = (await allPages(sandbox, "/api/v1/subjects/odata?$top=1000")).records as Array<{ status: string }>
    const counts = tally(subjects.map((subject) => subject.status))
    const share = (status: string) => (counts[status] ?? 0) / subjects.length
    expect(subjects.length).toBeGreaterThan(100)
    expect(share("Completed")).toBeGreaterThan(0.1)
    expect(share("Dropped")).toBeGreaterThan(0.03)
    expect(share("ScreenFailed") + share("NonQualified") + share("RunInFailed")).toBeGreaterThan(0.1)
    expect(share("Randomized") + share("FollowUp")).toBeGreaterThan(0.05)
    const again = (await allPages(twin, "/api/v1/subjects/odata?$top=1000")).records as Array<{ status: string }>
    expect(again.map((subject) => subject.status)).toEqual(subjects.map((subject) => subject.status))
  })

  it("each history is in time order, ends with the current status, and lies in the past", async () => {
    const statuses = (await allPages(sandbox, "/api/v1/subject-statuses/odata?$top=1000"))
      .records as unknown as Array<StatusRecord>
    const bySubject = new Map<number, Array<StatusRecord>>()
    for (const record of statuses)
      bySubject.set(record.subject.Id, [...(bySubject.get(record.subject.Id) ?? []), record])
    expect(bySubject.size).toBeGreaterThan(100)
    for (const history of bySubject.values()) {
      const times = history.map((record) => Date.parse(record.eventDate))
      expect(times).toEqual([...times].sort((a, b) => a - b))
      expect(Math.max(...times)).toBeLessThanOrEqual(generatedAt)
      expect(history.map((record) => record.isCurrentStatus)).toEqual(history.map((_, k) => k === history.length - 1))
    }
  })
})
