import { describe, expect, it } from "vitest"
import { IntervalSet } from "../../src/data/interval-set.js"
import { Rng } from "../../src/data/random.js"

/** The same questions answered by brute force over a boolean array. */
const reference = (hidden: ReadonlyArray<boolean>) => ({
  hiddenBefore: (index: number) => hidden.slice(0, index).filter(Boolean).length,
  visible: hidden.flatMap((isHidden, index) => (isHidden ? [] : [index]))
})

describe("IntervalSet", () => {
  it("agrees with brute force on random overlapping ranges", () => {
    const rng = new Rng(1, 2)
    for (let round = 0; round < 30; round++) {
      const size = 200
      const hidden = new Array<boolean>(size).fill(false)
      const set = new IntervalSet()
      for (let batch = 0; batch < 4; batch++) {
        const ranges: Array<[number, number]> = []
        for (let n = 0; n < rng.int(0, 6); n++) {
          const from = rng.int(0, size - 1)
          const to = Math.min(size, from + rng.int(0, 20))
          ranges.push([from, to])
          for (let index = from; index < to; index++) hidden[index] = true
        }
        set.addAll(ranges)
        const truth = reference(hidden)
        expect(set.size).toBe(hidden.filter(Boolean).length)
        for (let index = 0; index <= size; index++) {
          expect(set.hiddenBefore(index)).toBe(truth.hiddenBefore(index))
          if (index < size) expect(set.contains(index)).toBe(hidden[index])
        }
        truth.visible.forEach((index, k) => {
          expect(set.kthVisible(k)).toBe(index)
        })
      }
    }
  })

  it("counts hidden indexes inside a window", () => {
    const set = new IntervalSet()
    set.addAll([
      [2, 5],
      [8, 9]
    ])
    expect(set.hiddenIn(0, 10)).toBe(4)
    expect(set.hiddenIn(3, 8)).toBe(2)
    expect(set.hiddenIn(5, 8)).toBe(0)
  })
})
