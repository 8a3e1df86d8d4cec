import { describe, expect, it } from "vitest"
import { InvalidQuery } from "../src/errors.js"
import type { StudyViewModel } from "../src/generated/types.gen.js"
import { literal, odata } from "../src/odata.js"

const thrown = (run: () => unknown): unknown => {
  try {
    run()
  } catch (error) {
    return error
  }
  throw new Error("expected a throw")
}

describe("odata literals", () => {
  it("doubles single quotes inside string literals", () => {
    expect(literal("O'Brien")).toBe("'O''Brien'")
    expect(literal("''")).toBe("''''''")
    expect(literal("plain")).toBe("'plain'")
  })

  it("formats dates as unquoted ISO-8601 DateTimeOffset with Z", () => {
    expect(literal(new Date("2025-01-02T03:04:05Z"))).toBe("2025-01-02T03:04:05Z")
    expect(literal(new Date("2025-01-02T03:04:05.120Z"))).toBe("2025-01-02T03:04:05.120Z")
    expect(literal(new Date("2025-06-30T23:00:00-02:00"))).toBe("2025-07-01T01:00:00Z")
    expect(odata.dateTime("2024-02-29T12:00:00+01:00").text).toBe("2024-02-29T11:00:00Z")
  })

  it("renders numbers, booleans and null bare", () => {
    expect(literal(42)).toBe("42")
    expect(literal(-1.5)).toBe("-1.5")
    expect(literal(true)).toBe("true")
    expect(literal(false)).toBe("false")
    expect(literal(null)).toBe("null")
  })

  it("refuses values OData cannot compare", () => {
    expect(thrown(() => literal(Number.NaN))).toBeInstanceOf(InvalidQuery)
    expect(thrown(() => literal(Number.POSITIVE_INFINITY))).toBeInstanceOf(InvalidQuery)
    expect(thrown(() => literal(new Date("not a date")))).toBeInstanceOf(InvalidQuery)
  })
})

describe("odata filters", () => {
  it("builds every comparison operator", () => {
    expect(String(odata.eq("id", 1))).toBe("id eq 1")
    expect(String(odata.ne("status", "Closed"))).toBe("status ne 'Closed'")
    expect(String(odata.gt("lastUpdatedOn", new Date("2025-01-01T00:00:00Z")))).toBe(
      "lastUpdatedOn gt 2025-01-01T00:00:00Z"
    )
    expect(String(odata.ge("id", 10))).toBe("id ge 10")
    expect(String(odata.lt("id", 20))).toBe("id lt 20")
    expect(String(odata.le("id", 30))).toBe("id le 30")
    expect(String(odata.eq("deletedOn", null))).toBe("deletedOn eq null")
  })

  it("builds contains and startswith with escaped text", () => {
    expect(String(odata.contains("name", "O'Neil"))).toBe("contains(name,'O''Neil')")
    expect(String(odata.startswith("Name", "Dr."))).toBe("startswith(Name,'Dr.')")
  })

  it("composes and/or/not with parentheses where precedence needs them", () => {
    const a = odata.eq("a", 1)
    const b = odata.eq("b", 2)
    const c = odata.eq("c", 3)
    expect(String(odata.and(a, b))).toBe("a eq 1 and b eq 2")
    expect(String(odata.or(odata.and(a, b), c))).toBe("(a eq 1 and b eq 2) or c eq 3")
    expect(String(odata.and(odata.or(a, b), c))).toBe("(a eq 1 or b eq 2) and c eq 3")
    expect(String(odata.not(a))).toBe("not a eq 1")
    expect(String(odata.not(odata.or(a, b)))).toBe("not (a eq 1 or b eq 2)")
    expect(odata.and(a)).toBe(a)
  })

  it("refuses field names that are not OData property names (no injection through fields)", () => {
    const error = thrown(() => odata.eq("id eq 1 or 1", 1))
    expect(error).toBeInstanceOf(InvalidQuery)
    expect((error as InvalidQuery).message).toContain("is not an OData property name")
    expect(String(odata.eq("study/id", 4))).toBe("study/id eq 4")
  })

  it("keeps a malicious value inside its literal", () => {
    expect(String(odata.eq("name", "x' or 1 eq 1 or name eq 'y"))).toBe("name eq 'x'' or 1 eq 1 or name eq ''y'")
  })

  it("checks field names and value types against a generated schema", () => {
    const f = odata.for<StudyViewModel>()
    const filter = f.and(f.gt("lastUpdatedOn", new Date("2025-03-04T05:06:07Z")), f.eq("id", 7))
    expect(String(filter)).toBe("lastUpdatedOn gt 2025-03-04T05:06:07Z and id eq 7")
    expect(f.orderby("id", "desc")).toBe("id desc")
    // @ts-expect-error: not a field of StudyViewModel
    f.eq("notAField", 1)
    // @ts-expect-error: id is a number
    f.eq("id", "seven")
  })

  it("renders guids unquoted and refuses non-guids", () => {
    expect(String(odata.eq("Uid", odata.guid("0f8fad5b-d9cb-469f-a165-70867728950e")))).toBe(
      "Uid eq 0f8fad5b-d9cb-469f-a165-70867728950e"
    )
    expect(thrown(() => odata.guid("nope"))).toBeInstanceOf(InvalidQuery)
  })
})

describe("odata.query", () => {
  it("accepts $top up to 1000", () => {
    expect(odata.query({ $top: 1000, $skip: 0 })).toEqual({ $top: 1000, $skip: 0 })
  })

  it("raises InvalidQuery when $top exceeds 1000", () => {
    const error = thrown(() => odata.query({ $top: 1001 }))
    expect(error).toBeInstanceOf(InvalidQuery)
    expect((error as InvalidQuery)._tag).toBe("InvalidQuery")
    expect((error as InvalidQuery).message).toContain("at most 1000")
  })

  it("raises InvalidQuery for a negative or fractional $skip", () => {
    expect(thrown(() => odata.query({ $skip: -1 }))).toBeInstanceOf(InvalidQuery)
    expect(thrown(() => odata.query({ $skip: 1.5 }))).toBeInstanceOf(InvalidQuery)
  })
})
