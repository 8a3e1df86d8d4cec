import { describe, expect, it } from "vitest"
import { recordKey } from "../../src/index.js"

describe("recordKey", () => {
  it('"id": id, else Id; numbers and non-empty strings only', () => {
    expect(recordKey("id", { id: 7, Id: 8 })).toEqual({ key: "7" })
    expect(recordKey("id", { Id: 8 })).toEqual({ key: "8" })
    expect(recordKey("id", { id: null, Id: "a-1" })).toEqual({ key: "a-1" })
    expect(recordKey("id", { id: "" })).toMatchObject({ missing: expect.stringContaining("`id` and `Id`") })
    expect(recordKey("id", { id: {} })).toHaveProperty("missing")
    expect(recordKey("id", "bare")).toMatchObject({ missing: expect.stringContaining("got string") })
    expect(recordKey("id", [{ id: 1 }])).toMatchObject({ missing: expect.stringContaining("an array") })
  })

  it("{ fields }: dotted paths, case-flipped first letters, optional parts, escaped separators", () => {
    const strategy = { fields: ["subject.id", "status", "note?"] }
    expect(recordKey(strategy, { subject: { Id: 3 }, status: "Screened" })).toEqual({ key: "3|Screened|" })
    expect(recordKey(strategy, { Subject: { id: 3 }, status: "a|b\\c", note: 1 })).toEqual({ key: "3|a\\|b\\\\c|1" })
    expect(recordKey(strategy, { subject: { Id: 3 } })).toMatchObject({ missing: "key field `status` is absent" })
    expect(recordKey(strategy, { subject: 3, status: "x" })).toMatchObject({
      missing: "key field `subject.id` is absent"
    })
    expect(recordKey(strategy, { subject: { id: 1 }, status: "x", note: { deep: 1 } })).toMatchObject({
      missing: "key field `note` is object"
    })
    // Distinct tuples never collide through the separator.
    expect(recordKey({ fields: ["a", "b"] }, { a: "x|", b: "y" })).not.toEqual(
      recordKey({ fields: ["a", "b"] }, { a: "x", b: "|y" })
    )
  })

  it('{ constant } and "value"', () => {
    expect(recordKey({ constant: "details" }, { anything: true })).toEqual({ key: "details" })
    expect(recordKey({ constant: "details" }, undefined)).toHaveProperty("missing")
    expect(recordKey("value", "Ethnicity")).toEqual({ key: "Ethnicity" })
    expect(recordKey("value", 12)).toEqual({ key: "12" })
    expect(recordKey("value", { id: 1 })).toHaveProperty("missing")
    expect(recordKey("value", "")).toHaveProperty("missing")
  })
})
