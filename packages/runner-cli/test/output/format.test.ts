import { describe, expect, it } from "@effect/vitest"
import {
  estimateRemainingMs,
  formatCount,
  formatDuration,
  formatRate,
  formatTimestamp
} from "../../src/output/format.js"
import { formatTable } from "../../src/output/table.js"

describe("formatting", () => {
  it("durations from milliseconds to hours", () => {
    expect([850, 4_200, 65_000, 7_380_000, -1].map(formatDuration)).toEqual(["850ms", "4.2s", "1m 05s", "2h 03m", "?"])
  })

  it("counts and rates", () => {
    expect(formatCount(1234567)).toBe("1,234,567")
    expect(formatRate(1234.5, "rows")).toBe("1,235 rows/s")
    expect(formatRate(12.34)).toBe("12.3/s")
  })

  it("ETA only when the share of work done is known", () => {
    expect(estimateRemainingMs(1, 4, 3000)).toBe(9000)
    expect(estimateRemainingMs(4, 4, 3000)).toBe(0)
    expect(estimateRemainingMs(0, 4, 3000)).toBeUndefined()
    expect(estimateRemainingMs(3, undefined, 3000)).toBeUndefined()
  })

  it("timestamps without milliseconds", () => {
    expect(formatTimestamp(new Date("2025-12-01T12:00:00.123Z"))).toBe("2025-12-01T12:00:00Z")
    expect(formatTimestamp(null)).toBe("-")
  })
})

describe("formatTable", () => {
  it("pads columns, right-aligns numbers and cuts long cells", () => {
    const lines = formatTable(
      [
        { id: 2, name: "Studies", note: "short" },
        { id: 175, name: "Visit Elements by Study", note: undefined }
      ],
      [
        { header: "id", value: (row) => row.id, alignRight: true },
        { header: "name", value: (row) => row.name, maxWidth: 10 },
        { header: "note", value: (row) => row.note }
      ]
    )
    expect(lines).toEqual([
      " id  name        note",
      "---  ----------  -----",
      "  2  Studies     short",
      "175  Visit Ele…  -"
    ])
  })
})
