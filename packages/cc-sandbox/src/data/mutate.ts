import type { EntityChanges, MutateOptions, MutationSummary } from "../types.js"
import type { EntityState } from "./entity-state.js"
import { hash, Rng } from "./random.js"
import type { Store } from "./store.js"

/** Default clock advance of one `mutate` call: one hour, a typical sync interval. */
export const DEFAULT_ADVANCE_MS = 3_600_000

const INSERT_SHARE = 0.1
const DELETE_SHARE = 0.1

/** Entities whose inserts bring a first child along, so invariants hold (every subject has a status). */
const insertedWithChild: Readonly<Record<string, string>> = { subject: "subjectStatus" }

export class MutationError extends Error {
  override readonly name = "MutationError"
}

const validate = (options: MutateOptions): void => {
  const { fraction, advanceMs } = options
  if (typeof fraction !== "number" || !Number.isFinite(fraction) || fraction < 0 || fraction > 1) {
    throw new MutationError(`mutate: "fraction" must be a number from 0 to 1 (got ${JSON.stringify(fraction)})`)
  }
  if (advanceMs !== undefined && (!Number.isFinite(advanceMs) || advanceMs < 0)) {
    throw new MutationError(
      `mutate: "advanceMs" must be a number of milliseconds >= 0 (got ${JSON.stringify(advanceMs)})`
    )
  }
  if (options.seed !== undefined && !Number.isInteger(options.seed)) {
    throw new MutationError(`mutate: "seed" must be an integer (got ${JSON.stringify(options.seed)})`)
  }
}

/**
 * Advances the clock and changes `fraction` of every entity's visible records: about 80% updates,
 * 10% inserts and 10% deletes where the entity allows them (see `EntityDef`; an entity that allows
 * none of them is left alone). Parents are processed
 * before children; deleting a record hides its whole subtree (counted as deletes of the descendant
 * entities), and inserted children always get a visible parent. Deterministic for (seed, store state).
 */
export const mutateStore = (store: Store, options: MutateOptions): MutationSummary => {
  validate(options)
  store.clock += options.advanceMs ?? DEFAULT_ADVANCE_MS
  const epoch = store.beginEpoch()
  const salt = hash(options.seed ?? store.seed, epoch, 0x6d757461)
  const byEntity: Record<string, EntityChanges> = {}
  for (const state of store.allStates) byEntity[state.key] = { updated: 0, inserted: 0, deleted: 0 }

  for (const state of store.allStates) {
    const visible = state.visibleCount
    const def = state.layout.def
    const deletesOnly = options.deletesOnly === true
    if (options.fraction === 0 || visible === 0 || !(def.updates || def.inserts || def.deletes)) continue
    if (deletesOnly && !def.deletes) continue
    if (options.entities !== undefined && !options.entities.includes(state.key)) continue
    const changes = Math.min(visible, Math.max(1, Math.round(options.fraction * visible)))
    const rng = new Rng(salt, state.layout.tag)
    const inserts = def.inserts && !deletesOnly ? Math.round(changes * INSERT_SHARE) : 0
    const picks = Math.max(0, changes - inserts)
    // Picks are updates or deletes; an entity that is never updated only deletes.
    const deleteShare = def.deletes ? (def.updates && !deletesOnly ? DELETE_SHARE / (1 - INSERT_SHARE) : 1) : 0
    const toDelete: Array<number> = []
    // Knuth's selection sampling: exactly `picks` of the visible records, in one ordered pass.
    let needed = picks
    let remaining = visible
    state.forEachVisible((index) => {
      if (needed > 0 && rng.next() * remaining < needed) {
        needed--
        if (rng.next() < deleteShare) toDelete.push(index)
        else {
          state.markUpdated(index, epoch)
          byEntity[state.key]!.updated++
        }
      }
      remaining--
    })
    deleteWithSubtrees(store, state, toDelete, byEntity)
    for (let n = 0; n < inserts && state.hasInsertRoom; n++) {
      const parentIndex = pickParent(store, state, rng)
      if (parentIndex === undefined) break
      state.insert(parentIndex, epoch)
      byEntity[state.key]!.inserted++
      const childKey = insertedWithChild[state.key]
      if (childKey !== undefined) {
        const childState = store.state(childKey)
        if (childState.hasInsertRoom) {
          childState.insert(state.indexCount - 1, epoch)
          byEntity[childKey]!.inserted++
        }
      }
    }
    store.invalidateCaches()
  }

  const summary: MutationSummary = { updated: 0, inserted: 0, deleted: 0, byEntity }
  for (const changes of Object.values(byEntity)) {
    summary.updated += changes.updated
    summary.inserted += changes.inserted
    summary.deleted += changes.deleted
  }
  return summary
}

const pickParent = (store: Store, state: EntityState, rng: Rng): number | undefined => {
  const parent = state.layout.parent
  if (parent === undefined) return -1
  const parents = store.globalView(parent.key)
  if (parents.count === 0) return undefined
  return parents.indexAt(Math.floor(rng.next() * parents.count))
}

/** Hides the records and their subtrees: one interval per level for base records, a sweep for inserted ones. */
const deleteWithSubtrees = (
  store: Store,
  state: EntityState,
  indexes: ReadonlyArray<number>,
  byEntity: Record<string, EntityChanges>
): void => {
  if (indexes.length === 0) return
  const ranges: Array<readonly [number, number]> = []
  for (const index of indexes) {
    if (state.isInserted(index)) {
      if (state.deleteInserted(index)) byEntity[state.key]!.deleted++
    } else ranges.push([index, index + 1])
  }
  hideRanges(state, ranges, byEntity)
  // Base descendants of base records: one contiguous range per deleted record at every level below.
  const descend = (parent: EntityState, parentRanges: ReadonlyArray<readonly [number, number]>): void => {
    for (const childLayout of parent.layout.children) {
      const child = store.state(childLayout.key)
      const starts = childLayout.starts!
      const childRanges = parentRanges.map(([from, to]) => [starts[from]!, starts[to]!] as const)
      hideRanges(child, childRanges, byEntity)
      descend(child, childRanges)
    }
  }
  descend(state, ranges)
  sweepInsertedOrphans(store, state, byEntity)
}

const hideRanges = (
  state: EntityState,
  ranges: ReadonlyArray<readonly [number, number]>,
  byEntity: Record<string, EntityChanges>
): void => {
  let newlyHidden = 0
  for (const [from, to] of ranges) newlyHidden += to - from - state.hidden.hiddenIn(from, to)
  state.hidden.addAll(ranges)
  byEntity[state.key]!.deleted += newlyHidden
}

/** Inserted records whose parent is no longer visible disappear with it, level by level. */
const sweepInsertedOrphans = (store: Store, root: EntityState, byEntity: Record<string, EntityChanges>): void => {
  for (const childLayout of root.layout.children) {
    const child = store.state(childLayout.key)
    for (let index = child.baseCount; index < child.indexCount; index++) {
      if (child.isVisible(index) && !root.isVisible(child.parentOf(index)) && child.deleteInserted(index)) {
        byEntity[child.key]!.deleted++
      }
    }
    sweepInsertedOrphans(store, child, byEntity)
  }
}
