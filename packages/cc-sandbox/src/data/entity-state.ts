import { parentOfChild } from "./distribute.js"
import { IntervalSet } from "./interval-set.js"
import type { EntityLayout } from "./world.js"

/**
 * The live state of one entity: the generated base records plus a small overlay of changes
 * (hidden base ranges, inserted records, the mutation epoch of each updated record). Record indexes
 * below `baseCount` are generated records; indexes from `baseCount` on are inserted ones.
 */
export class EntityState {
  readonly hidden = new IntervalSet()
  /** Parent index of each inserted record (-1 for roots). */
  readonly insertedParent: Array<number> = []
  readonly insertedDeleted: Array<boolean> = []
  readonly insertedCreatedEpoch: Array<number> = []
  readonly insertedUpdatedEpoch: Array<number> = []
  private readonly insertedByParent = new Map<number, Array<number>>()
  private baseUpdatedEpoch: Uint16Array | undefined
  private insertedDeletedCount = 0

  constructor(readonly layout: EntityLayout) {}

  get key(): string {
    return this.layout.key
  }

  get baseCount(): number {
    return this.layout.baseCount
  }

  /** Base plus inserted indexes (visible or not). */
  get indexCount(): number {
    return this.layout.baseCount + this.insertedParent.length
  }

  get visibleCount(): number {
    return this.layout.baseCount - this.hidden.size + this.insertedParent.length - this.insertedDeletedCount
  }

  idOf(index: number): number {
    return this.layout.idBase + index + 1
  }

  /** The index of a record id, if the id is in this entity's range (visible or not). */
  indexOfId(id: number): number | undefined {
    const index = id - this.layout.idBase - 1
    return Number.isInteger(index) && index >= 0 && index < this.indexCount ? index : undefined
  }

  isVisible(index: number): boolean {
    if (index < this.layout.baseCount) return index >= 0 && !this.hidden.contains(index)
    const inserted = index - this.layout.baseCount
    return inserted < this.insertedParent.length && !this.insertedDeleted[inserted]
  }

  isInserted(index: number): boolean {
    return index >= this.layout.baseCount
  }

  /** The parent record index (-1 for roots). */
  parentOf(index: number): number {
    const starts = this.layout.starts
    if (starts === undefined) return -1
    if (index < this.layout.baseCount) return parentOfChild(starts, index)
    return this.insertedParent[index - this.layout.baseCount]!
  }

  /** The base child range of a base parent (empty for inserted parents). */
  baseRangeOfParent(parentIndex: number): readonly [number, number] {
    const starts = this.layout.starts
    if (starts === undefined || parentIndex < 0 || parentIndex >= starts.length - 1) return [0, 0]
    return [starts[parentIndex]!, starts[parentIndex + 1]!]
  }

  /** Inserted children of one parent, visible or not, ascending. */
  insertedChildrenOf(parentIndex: number): ReadonlyArray<number> {
    return this.insertedByParent.get(parentIndex) ?? []
  }

  /** Mutation epoch of the record's last update (0 = never updated). */
  updatedEpoch(index: number): number {
    if (index < this.layout.baseCount) return this.baseUpdatedEpoch?.[index] ?? 0
    return this.insertedUpdatedEpoch[index - this.layout.baseCount]!
  }

  /** Mutation epoch that inserted the record (0 = generated at start). */
  createdEpoch(index: number): number {
    return index < this.layout.baseCount ? 0 : this.insertedCreatedEpoch[index - this.layout.baseCount]!
  }

  markUpdated(index: number, epoch: number): void {
    if (index < this.layout.baseCount) {
      this.baseUpdatedEpoch ??= new Uint16Array(this.layout.baseCount)
      this.baseUpdatedEpoch[index] = epoch
    } else this.insertedUpdatedEpoch[index - this.layout.baseCount] = epoch
  }

  /** Whether one more record fits in this entity's id range. */
  get hasInsertRoom(): boolean {
    return this.insertedParent.length < this.layout.insertRoom
  }

  insert(parentIndex: number, epoch: number): number {
    const index = this.indexCount
    this.insertedParent.push(parentIndex)
    this.insertedDeleted.push(false)
    this.insertedCreatedEpoch.push(epoch)
    this.insertedUpdatedEpoch.push(0)
    const siblings = this.insertedByParent.get(parentIndex)
    if (siblings === undefined) this.insertedByParent.set(parentIndex, [index])
    else siblings.push(index)
    return index
  }

  /** Hides an inserted record; returns whether it was visible. */
  deleteInserted(index: number): boolean {
    const inserted = index - this.layout.baseCount
    if (this.insertedDeleted[inserted]) return false
    this.insertedDeleted[inserted] = true
    this.insertedDeletedCount++
    return true
  }

  /** Calls `visit` for every visible record index, ascending (base runs, then inserted records). */
  forEachVisible(visit: (index: number) => void): void {
    const base = this.layout.baseCount
    let index = 0
    while (index < base) {
      if (this.hidden.contains(index)) {
        index = this.hidden.kthVisible(index - this.hidden.hiddenBefore(index))
        continue
      }
      visit(index)
      index++
    }
    for (let inserted = 0; inserted < this.insertedParent.length; inserted++) {
      if (!this.insertedDeleted[inserted]) visit(base + inserted)
    }
  }
}
