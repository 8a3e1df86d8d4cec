import { describe, expect, it } from "vitest"
import { type Sandbox, startSandbox } from "../../src/index.js"
import { allPages, get } from "../support.js"

type Row = Record<string, unknown>

/** Root reference lists (never inserted or deleted) and the entity `mutate` reports them as. */
const LISTS = [
  { entity: "staff", path: "/api/v1/staff/odata?$top=1000" },
  { entity: "provider", path: "/api/v1/providers/odata?$top=1000" },
  { entity: "monitor", path: "/api/v1/monitors" },
  { entity: "sponsor", path: "/api/v1/sponsors/odata?$top=1000" },
  { entity: "site", path: "/api/v1/sites/odata?$top=1000" }
] as const

/** Every record of a list over HTTP, whether it answers a bare array or OData pages. */
const rows = async (sandbox: Sandbox, path: string): Promise<Map<number, Row>> => {
  const answer = await get(sandbox, path)
  expect(answer.status, path).toBe(200)
  const records: Array<Row> = Array.isArray(answer.json) ? answer.json : (await allPages(sandbox, path)).records
  return new Map(records.map((record) => [record.id as number, record]))
}

const snapshot = async (sandbox: Sandbox): Promise<Record<string, Map<number, Row>>> => {
  const out: Record<string, Map<number, Row>> = {}
  for (const { entity, path } of LISTS) out[entity] = await rows(sandbox, path)
  return out
}

/** Ids whose record answers differently in `after` (the lists are never inserted into or deleted from). */
const changedIds = (before: Map<number, Row>, after: Map<number, Row>): Array<number> => {
  expect([...after.keys()].sort()).toEqual([...before.keys()].sort())
  return [...before].filter(([id, row]) => JSON.stringify(after.get(id)) !== JSON.stringify(row)).map(([id]) => id)
}

const withSandbox = async <T>(run: (sandbox: Sandbox) => Promise<T>, seed = 11): Promise<T> => {
  const sandbox = await startSandbox({ scale: 0.01, seed })
  try {
    return await run(sandbox)
  } finally {
    await sandbox.stop()
  }
}

describe("mutate: updates of reference lists", () => {
  it("every update it reports for staff, providers, monitors, sponsors and sites shows in their list answers", async () => {
    await withSandbox(async (sandbox) => {
      const before = await snapshot(sandbox)
      const summary = sandbox.mutate({ fraction: 0.5 })
      const after = await snapshot(sandbox)
      for (const { entity } of LISTS) {
        const changes = summary.byEntity[entity]!
        expect({ entity, inserted: changes.inserted, deleted: changes.deleted }).toEqual({
          entity,
          inserted: 0,
          deleted: 0
        })
        expect({ entity, changed: changedIds(before[entity]!, after[entity]!).length }).toEqual({
          entity,
          changed: changes.updated
        })
      }
      for (const entity of ["staff", "provider", "sponsor", "site"]) {
        expect(summary.byEntity[entity]!.updated, entity).toBeGreaterThan(0)
      }
    })
  })

  it("updates staff and providers without touching what previews quote, and marks each revision", async () => {
    await withSandbox(async (sandbox) => {
      const before = await snapshot(sandbox)
      sandbox.mutate({ fraction: 0.5 })
      const middle = await snapshot(sandbox)
      const quoted = {
        staff: ["id", "uid", "login", "firstName", "lastName", "displayName", "email"],
        provider: ["id", "providerName", "title", "firstName", "middleName", "lastName"]
      } as const
      const marker = { staff: "profession", provider: "address2" } as const
      for (const entity of ["staff", "provider"] as const) {
        const changed = changedIds(before[entity]!, middle[entity]!)
        expect(changed.length, entity).toBeGreaterThan(0)
        for (const id of changed) {
          const [old, now] = [before[entity]!.get(id)!, middle[entity]!.get(id)!]
          for (const field of quoted[entity]) expect(now[field], `${entity} ${id} ${field}`).toEqual(old[field])
          expect(String(now[marker[entity]]), `${entity} ${id}`).toMatch(/\(rev 1\)$/)
        }
      }
      sandbox.mutate({ fraction: 0.5 })
      const last = await snapshot(sandbox)
      for (const entity of ["staff", "provider"] as const) {
        const again = changedIds(middle[entity]!, last[entity]!)
        expect(again.length, entity).toBeGreaterThan(0)
        for (const id of again) expect(String(last[entity]!.get(id)![marker[entity]])).toMatch(/\(rev 2\)$/)
      }
    })
  })

  it("updates monitors never: every field of their list schema is a name that study contacts quote", async () => {
    await withSandbox(async (sandbox) => {
      const before = await rows(sandbox, "/api/v1/monitors")
      const summary = sandbox.mutate({ fraction: 1 })
      expect(summary.byEntity.monitor).toEqual({ updated: 0, inserted: 0, deleted: 0 })
      expect(await rows(sandbox, "/api/v1/monitors")).toEqual(before)
    })
  })

  it("is deterministic: the same seed and mutations give the same reference lists", async () => {
    const run = (): Promise<string> =>
      withSandbox(async (sandbox) => {
        sandbox.mutate({ fraction: 0.3 })
        sandbox.mutate({ fraction: 0.2, seed: 4 })
        const lists = await snapshot(sandbox)
        return JSON.stringify(Object.values(lists).map((list) => [...list.values()]))
      })
    expect(await run()).toBe(await run())
  })
})
