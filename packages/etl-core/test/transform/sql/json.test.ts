import { describe, expect, it } from "vitest"
import { asBusinessKey, jsonText, jsonValue, pathSpellings, rowHash } from "../../../src/transform/sql/json.js"

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
