import { openWarehouse, type Warehouse } from "@trialsync/warehouse"
import { createTestDatabase, type TestDatabase } from "@trialsync/warehouse/testing"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import {
  asBusinessKey,
  asTimestamp,
  jsonText,
  jsonValue,
  pathSpellings,
  rowHash
} from "../../../src/transform/sql/json.js"

describe("JSON field paths", () => {
  it("spell every segment both ways, the written spelling first", () => {
    expect(pathSpellings("id")).toEqual([["id"], ["Id"]])
    expect(pathSpellings("subject.Id")).toEqual([
      ["subject", "Id"],
      ["subject", "id"],
      ["Subject", "Id"],
      ["Subject", "id"]
    ])
  })

  it("read text with ->> at the last segment and coalesce the spellings", () => {
    expect(jsonText("study.id")).toBe(
      "coalesce(s.data->'study'->>'id', s.data->'study'->>'Id', s.data->'Study'->>'id', s.data->'Study'->>'Id')"
    )
    expect(jsonValue("arms", "x")).toBe("coalesce(x.data->'arms', x.data->'Arms')")
  })

  it("refuse segments that are not plain identifiers", () => {
    expect(() => jsonText("a'b")).toThrow(/Invalid JSON path segment "a'b"/)
    expect(() => jsonText("a..b")).toThrow(/Invalid JSON path segment ""/)
  })

  it("build guarded casts and row hashes", () => {
    expect(asBusinessKey("s.record_key")).toContain("'^(0|-?[1-9][0-9]{0,17})$'")
    expect(rowHash(["a", "b"])).toBe("md5(row(a, b)::text)")
  })
})

// PostgreSQL 15 (the oldest server supported); PGlite runs the same expressions in every
// transform test.
describe("guarded casts on a real database", () => {
  let warehouse: Warehouse
  let database: TestDatabase
  beforeAll(async () => {
    database = await createTestDatabase("transform_casts")
    warehouse = await openWarehouse({ databaseUrl: database.url, poolSize: 1 })
  })
  afterAll(async () => {
    await warehouse?.close()
    await database?.drop()
  })

  const cast = async (expression: (text: string) => string, values: ReadonlyArray<string | null>) => {
    const [row] = await warehouse.query<{ out: ReadonlyArray<string | null> }>(
      `SELECT array_agg((${expression("v.t")})::text ORDER BY v.n) AS out
         FROM unnest($1::text[]) WITH ORDINALITY AS v (t, n)`,
      [values]
    )
    return row!.out
  }

  it("turn every malformed timestamp into NULL instead of an error", async () => {
    await warehouse.query("SET TimeZone = 'UTC'")
    expect(
      await cast(asTimestamp, [
        "2024-02-29T10:00:00Z",
        "2023-02-29T10:00:00Z",
        "2024-04-31",
        "2024-13-01",
        "2024-01-01T24:00:00Z",
        "0000-01-01",
        "9999-12-31T23:59:59.999999+15:59",
        "2024-01-01T10:00:00+19:00",
        "2024-01-01T10:00:00+25:00",
        "yesterday",
        "",
        null,
        "2025-10-07T13:32:06"
      ])
    ).toEqual([
      "2024-02-29 10:00:00+00",
      null,
      null,
      null,
      null,
      null,
      "9999-12-31 08:00:59.999999+00",
      null,
      null,
      null,
      null,
      null,
      "2025-10-07 13:32:06+00"
    ])
  })

  it("accept only canonical integers as business keys", async () => {
    expect(await cast(asBusinessKey, ["42", "0", "-7", "007", "4.2", "A-17", "12345678901234567890", null])).toEqual([
      "42",
      "0",
      "-7",
      null,
      null,
      null,
      null,
      null
    ])
  })
})
