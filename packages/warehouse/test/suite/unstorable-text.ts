import { randomBytes } from "node:crypto"
import { describe, expect, it } from "vitest"
import { decodeStoredJson, decodeStoredText, RecordLoadError } from "../../src/index.js"
import { type Harness, rowsByKey } from "./harness.js"

/** Strings PostgreSQL refuses (U+0000, lone surrogates), next to ones that look like their encoding. */
const awkward = [
  { id: 1, name: "a\u0000b" },
  { id: 2, name: "\ud800x" },
  { id: 3, name: "plain" },
  {
    id: 4,
    "k\u0000ey": ["\udc00", "\ue000starts with the marker", "back\\slash, literal \\u0000", "pair \ud83d\ude00"]
  },
  { id: "5\u0000\ud800", nested: { deep: [{ x: "\u0000\u0000" }] } },
  { id: 6, __proto__: "not a prototype", name: "\\ud800 literal" }
]

export const unstorableTextSuite = (h: Harness) =>
  describe("text PostgreSQL cannot store", () => {
    it("loads records holding U+0000 and lone surrogates losslessly, with the rest of their batch", async () => {
      const warehouse = h.warehouse()
      const instanceId = h.freshInstanceId()
      const records = awkward.map((record) => JSON.parse(JSON.stringify(record)) as Record<string, unknown>)
      const first = await warehouse.loadStaging("dim_sites_staging", records, { instanceId, jobId: 1, runId: 1 })
      expect(first).toMatchObject({ inserted: 6, total: 6 })

      const rows = await rowsByKey(warehouse, "dim_sites_staging", instanceId)
      const byKey = new Map([...rows.values()].map((row) => [decodeStoredText(row.record_key), row]))
      for (const record of records) {
        const row = byKey.get(String(record.id))
        expect(row, `record ${JSON.stringify(record.id)}`).toBeDefined()
        expect(decodeStoredJson(row!.data)).toEqual(record)
      }
      // Unaffected strings are stored exactly as received.
      expect(byKey.get("3")!.data).toEqual({ id: 3, name: "plain" })
      expect(byKey.get("1")!.data).toEqual({ id: 1, name: "\ue000a\\u0000b" })
      expect(byKey.get("2")!.data).toEqual({ id: 2, name: "\ue000\\ud800x" })

      // Stored forms hash the same on every load: a reload is unchanged.
      const reload = await warehouse.loadStaging("dim_sites_staging", records, { instanceId, jobId: 1, runId: 2 })
      expect(reload).toMatchObject({ inserted: 0, updated: 0, unchanged: 6 })
    })

    it("names the record (key, position) when PostgreSQL refuses a row; earlier batches stay", async () => {
      const warehouse = h.warehouse()
      const instanceId = h.freshInstanceId()
      // Too long for the unique index (btree entries are at most 2704 bytes), and incompressible.
      const longKey = randomBytes(30_000).toString("base64")
      await warehouse.loadStaging("dim_sites_staging", [{ id: 1 }], { instanceId, jobId: 7, runId: 1 })
      const error = await warehouse
        .loadStaging("dim_sites_staging", [{ id: 2 }, { id: longKey }, { id: 3 }], { instanceId, jobId: 7, runId: 2 })
        .catch((caught: unknown) => caught)
      expect(error).toBeInstanceOf(RecordLoadError)
      const refused = error as RecordLoadError
      expect(refused._tag).toBe("RecordLoadError")
      expect(refused.recordKey).toBe(longKey)
      expect(refused.position).toBe(1)
      expect(refused.table).toBe("dim_sites_staging")
      expect(refused.message).toContain(`Job 7, table dim_sites_staging: record "${longKey.slice(0, 120)}...`)
      expect(refused.message).toContain("at position 1 (0-based)")
      expect(refused.message).toMatch(/index row/)
      const keys = [...(await rowsByKey(warehouse, "dim_sites_staging", instanceId)).keys()]
      expect(keys).toEqual(["1"])
    })
  })
