/**
 * A set of hidden (deleted) record indexes kept as sorted, disjoint, half-open intervals. Deleting a
 * parent hides a contiguous run of each descendant entity, so one deletion is one interval per level.
 * Answers "how many are hidden before i" and "which index is the k-th visible one" in O(log n), which
 * keeps `$skip` paging O(page size) after any number of deletions.
 */
export class IntervalSet {
  private starts: Array<number> = []
  private ends: Array<number> = []
  /** `hiddenUpTo[j]`: hidden indexes in intervals 0 .. j-1. */
  private hiddenUpTo: Array<number> = [0]

  get size(): number {
    return this.hiddenUpTo[this.starts.length]!
  }

  /** The last interval starting at or before `index` (-1 when none). */
  private lastStartingAtOrBefore(index: number): number {
    let lo = 0
    let hi = this.starts.length - 1
    let found = -1
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1
      if (this.starts[mid]! <= index) {
        found = mid
        lo = mid + 1
      } else hi = mid - 1
    }
    return found
  }

  contains(index: number): boolean {
    const j = this.lastStartingAtOrBefore(index)
    return j >= 0 && index < this.ends[j]!
  }

  /** Hidden indexes strictly below `index`. */
  hiddenBefore(index: number): number {
    const j = this.lastStartingAtOrBefore(index - 1)
    if (j < 0) return 0
    return this.hiddenUpTo[j]! + Math.min(this.ends[j]!, index) - this.starts[j]!
  }

  hiddenIn(from: number, to: number): number {
    return to <= from ? 0 : this.hiddenBefore(to) - this.hiddenBefore(from)
  }

  /** The index of the k-th (0-based) visible record. */
  kthVisible(k: number): number {
    let lo = 0
    let hi = this.starts.length - 1
    let found = -1
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1
      if (this.starts[mid]! - this.hiddenUpTo[mid]! <= k) {
        found = mid
        lo = mid + 1
      } else hi = mid - 1
    }
    return found < 0 ? k : k + this.hiddenUpTo[found + 1]!
  }

  /** Adds intervals `[from, to)` (any order, may overlap existing ones). */
  addAll(ranges: ReadonlyArray<readonly [number, number]>): void {
    if (ranges.length === 0) return
    const all: Array<readonly [number, number]> = ranges.filter(([from, to]) => to > from)
    for (let j = 0; j < this.starts.length; j++) all.push([this.starts[j]!, this.ends[j]!])
    all.sort((a, b) => a[0] - b[0])
    const starts: Array<number> = []
    const ends: Array<number> = []
    for (const [from, to] of all) {
      const last = ends.length - 1
      if (last >= 0 && from <= ends[last]!) ends[last] = Math.max(ends[last]!, to)
      else {
        starts.push(from)
        ends.push(to)
      }
    }
    const hiddenUpTo = [0]
    for (let j = 0; j < starts.length; j++) hiddenUpTo.push(hiddenUpTo[j]! + ends[j]! - starts[j]!)
    this.starts = starts
    this.ends = ends
    this.hiddenUpTo = hiddenUpTo
  }
}
