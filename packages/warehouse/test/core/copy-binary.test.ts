import { describe, expect, it } from "vitest"
import { CopyBinaryWriter } from "../../src/core/copy-binary.js"

/** Reads a binary COPY payload back into rows (the inverse of the writer, per the PG docs). */
const parse = (payload: Buffer) => {
  expect(payload.subarray(0, 11).toString("latin1")).toBe("PGCOPY\n\xff\r\n\0")
  let at = 19
  const rows: Array<Array<Buffer | null>> = []
  for (;;) {
    const fields = payload.readInt16BE(at)
    at += 2
    if (fields === -1) break
    const row: Array<Buffer | null> = []
    for (let f = 0; f < fields; f++) {
      const length = payload.readInt32BE(at)
      at += 4
      if (length === -1) row.push(null)
      else {
        row.push(payload.subarray(at, at + length))
        at += length
      }
    }
    rows.push(row)
  }
  expect(at).toBe(payload.length)
  return rows
}

describe("CopyBinaryWriter", () => {
  it("writes text, jsonb (version byte), int4 and NULL fields, growing as needed", () => {
    const writer = new CopyBinaryWriter(32)
    writer.startRow(4)
    const json = writer.jsonb('{"a":"é\\t😀"}')
    expect(json.toString("utf8")).toBe('{"a":"é\\t😀"}')
    writer.text("tab\there")
    writer.int4(-7)
    writer.null()
    const rows = parse(writer.finish())
    expect(rows).toHaveLength(1)
    const [data, text, int, missing] = rows[0]!
    expect(data!.toString("utf8")).toBe('\u0001{"a":"é\\t😀"}')
    expect(text!.toString("utf8")).toBe("tab\there")
    expect(int!.length).toBe(4)
    expect(int!.readInt32BE(0)).toBe(-7)
    expect(missing).toBeNull()
  })

  it("drops rows from the payload and reuses a buffer", () => {
    const writer = new CopyBinaryWriter(64)
    for (const value of ["a", "b", "c"]) {
      writer.startRow(1)
      writer.text(value)
    }
    writer.drop(1)
    const text = (rows: Array<Array<Buffer | null>>) => rows.map((row) => row.map((field) => field?.toString("utf8")))
    expect(text(parse(writer.finish()))).toEqual([["a"], ["c"]])
    const again = new CopyBinaryWriter(64, writer.storage)
    again.startRow(1)
    again.text("d")
    expect(text(parse(again.finish()))).toEqual([["d"]])
  })

  it("writes short ASCII, short non-ASCII and long text alike, and a payload of chosen rows", () => {
    const writer = new CopyBinaryWriter(16)
    const values = ["", "k-42", "clé", "ключ😀", "x".repeat(70), `${"y".repeat(63)}é`, 2_147_483_647]
    for (const value of values) {
      writer.startRow(1)
      if (typeof value === "number") writer.int4(value)
      else writer.text(value)
    }
    const rows = parse(writer.finish())
    expect(rows.slice(0, -1).map(([field]) => field!.toString("utf8"))).toEqual(values.slice(0, -1))
    expect(rows.at(-1)![0]!.readInt32BE(0)).toBe(2_147_483_647)
    const chosen = parse(writer.payloadOf([3, 1]))
    expect(chosen.map(([field]) => field!.toString("utf8"))).toEqual(["ключ😀", "k-42"])
    expect(parse(writer.payloadOf([]))).toEqual([])
  })
})
