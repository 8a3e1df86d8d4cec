import { describe, expect, it } from "vitest"
import { distribute, parentOfChild } from "../../src/data/distribute.js"

describe("distribute", () => {
  it("spreads exactly the total, with at least the minimum per parent, deterministically", () => {
    const options = {
      total: 10_000,
      parents: 777,
      seed: 3,
      tag: 9,
      spread: "skewed" as const,
      zeroShare: 0,
      minPerParent: 2
    }
    const starts = distribute(options)
    expect(starts[0]).toBe(0)
    expect(starts[777]).toBe(10_000)
    for (let p = 0; p < 777; p++) expect(starts[p + 1]! - starts[p]!).toBeGreaterThanOrEqual(2)
    expect(distribute(options)).toEqual(starts)
    expect(distribute({ ...options, seed: 4 })).not.toEqual(starts)
  })

  it("leaves about zeroShare of the parents without children", () => {
    const starts = distribute({
      total: 5_000,
      parents: 10_000,
      seed: 1,
      tag: 2,
      spread: "even",
      zeroShare: 0.62,
      minPerParent: 0
    })
    let empty = 0
    for (let p = 0; p < 10_000; p++) if (starts[p + 1] === starts[p]) empty++
    expect(empty / 10_000).toBeGreaterThan(0.6)
    expect(empty / 10_000).toBeLessThan(0.8)
  })

  it("finds the parent of every child", () => {
    const starts = distribute({
      total: 500,
      parents: 90,
      seed: 5,
      tag: 6,
      spread: "even",
      zeroShare: 0.5,
      minPerParent: 0
    })
    for (let p = 0; p < 90; p++) {
      for (let child = starts[p]!; child < starts[p + 1]!; child++) expect(parentOfChild(starts, child)).toBe(p)
    }
  })
})
