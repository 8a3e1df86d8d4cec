import { describe, expect, it } from "vitest"
import { matches } from "../../src/odata/evaluate.js"
import { ODataSyntaxError, parseFilter } from "../../src/odata/filter.js"

const record = {
  id: 7,
  name: "O'Brien Clinic",
  lastUpdatedOn: "2025-03-04T05:06:07Z",
  status: "Active",
  uid: "AB6B1B45-7E55-4C4B-9F41-1F2D3C4B5A69",
  study: { id: 1001 },
  comment: null
}

const check = (filter: string): boolean => matches(parseFilter(filter), record)

describe("$filter", () => {
  it("compares numbers, strings, booleans and null", () => {
    expect(check("id eq 7")).toBe(true)
    expect(check("id ne 7")).toBe(false)
    expect(check("id gt 6 and id lt 8")).toBe(true)
    expect(check("status eq 'Active'")).toBe(true)
    expect(check("name eq 'O''Brien Clinic'")).toBe(true)
    expect(check("comment eq null")).toBe(true)
    expect(check("comment gt 'a'")).toBe(false)
  })

  it("compares dates as instants, in every literal form", () => {
    expect(check("lastUpdatedOn gt 2025-03-04T05:06:06Z")).toBe(true)
    expect(check("lastUpdatedOn gt 2025-03-04T05:06:07Z")).toBe(false)
    expect(check("lastUpdatedOn ge 2025-03-04T05:06:07Z")).toBe(true)
    expect(check("lastUpdatedOn lt 2025-03-04T06:06:07+01:00")).toBe(false)
    expect(check("lastUpdatedOn gt 2025-03-04T05:06:06.500Z")).toBe(true)
    expect(check("lastUpdatedOn lt 2025-03-05")).toBe(true)
    expect(check("lastUpdatedOn gt datetime'2025-01-01T00:00:00'")).toBe(true)
  })

  it("binds and tighter than or, and honours parentheses and not", () => {
    expect(check("id eq 1 and id eq 2 or id eq 7")).toBe(true)
    expect(check("id eq 1 and (id eq 2 or id eq 7)")).toBe(false)
    expect(check("not (id eq 1)")).toBe(true)
    expect(check("not id eq 7")).toBe(false)
  })

  it("reads nested paths, GUIDs without case, and string functions", () => {
    expect(check("study/id eq 1001")).toBe(true)
    expect(check("uid eq ab6b1b45-7e55-4c4b-9f41-1f2d3c4b5a69")).toBe(true)
    expect(check("contains(name, 'Brien') and startswith(name, 'O') and endswith(name, 'Clinic')")).toBe(true)
    expect(check("tolower(status) eq 'active'")).toBe(true)
  })

  it.each([
    "",
    "id eq",
    "id eq 'open",
    "id eq 1 and",
    "frob(id)",
    "id eq 1)",
    "id ~ 3",
    "lastUpdatedOn gt 2025-13-45T00:00:00Z"
  ])("rejects %j with a syntax error", (filter) => {
    expect(() => parseFilter(filter)).toThrow(ODataSyntaxError)
  })
})
