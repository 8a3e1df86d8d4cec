import { describe, expect, it } from "vitest"
import { copyErrorLocation } from "../../src/core/refused-record.js"
import { storableJson } from "../../src/core/stored-text.js"
import { decodeStoredJson, decodeStoredText, encodeStoredText, storedTextMarker } from "../../src/index.js"

const samples = [
  "",
  "plain",
  "a\u0000b",
  "\u0000",
  "\ud800",
  "x\udfff",
  "\ud83d\ude00 a pair stays",
  "\udc00\ud800 reversed halves",
  "\ue000",
  "\ue000\u0000",
  "\\u0000 literal text",
  "\\",
  "\\\\u0000\u0000\\",
  "mid\ue000marker"
]

describe("stored text", () => {
  it("round-trips every string, and leaves storable ones untouched", () => {
    for (const text of samples) expect(decodeStoredText(encodeStoredText(text))).toBe(text)
    expect(encodeStoredText("plain")).toBe("plain")
    expect(encodeStoredText("mid\ue000marker")).toBe("mid\ue000marker")
    expect(encodeStoredText("\\u0000 literal text")).toBe("\\u0000 literal text")
    expect(encodeStoredText("a\u0000b")).toBe(`${storedTextMarker}a\\u0000b`)
    expect(encodeStoredText("\ud800x\\")).toBe(`${storedTextMarker}\\ud800x\\\\`)
    for (const text of samples) {
      expect(encodeStoredText(text)).not.toContain("\u0000")
      // A lone surrogate does not survive UTF-8: a stored string must.
      expect(Buffer.from(encodeStoredText(text), "utf8").toString("utf8")).toBe(encodeStoredText(text))
    }
  })

  it("encodes JSON text only when needed, and decodes the parsed value back to the record", () => {
    const record = { a: samples, "k\u0000": { "\ud800": 1 }, n: 1.5, ok: true, none: null }
    const json = storableJson(JSON.stringify(record))
    const strings: string[] = []
    JSON.parse(json, (key, value) => {
      strings.push(key)
      if (typeof value === "string") strings.push(value)
      return value
    })
    for (const text of strings) {
      expect(text).not.toContain("\u0000")
      expect(Buffer.from(text, "utf8").toString("utf8")).toBe(text)
    }
    expect(decodeStoredJson(JSON.parse(json))).toEqual(record)
    const clean = JSON.stringify({ a: "x", b: "\\u0000 literal", c: "\u0001" })
    expect(storableJson(clean)).toBe(clean)
  })

  it("reads the row and column of a COPY error's context", () => {
    expect(copyErrorLocation({ where: 'COPY dim_sites_staging, line 3, column data: "{}"' })).toEqual({
      line: 3,
      column: "data"
    })
    expect(copyErrorLocation({ where: "COPY dim_sites_staging, line 12" })).toEqual({ line: 12 })
    expect(copyErrorLocation(new Error("x"))).toBeUndefined()
  })
})
