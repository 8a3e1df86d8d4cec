import { EntityState } from "./entity-state.js"
import { World } from "./world.js"

/** An ordered list of visible records (ascending id) that can be read at any position in O(log n). */
export interface View {
  readonly state: EntityState
  readonly count: number
  indexAt(position: number): number
}

/** The instant the generated data describes (Dec 2025, the production snapshot); the clock starts here. */
export const GENERATED_AT = Date.UTC(2025, 11, 1, 0, 0, 0)

/** One mutation round: its records' change timestamps fall in `(from, to]`. */
export interface Epoch {
  readonly from: number
  readonly to: number
}

const rangeView = (state: EntityState, from: number, to: number, inserted: ReadonlyArray<number>): View => {
  const firstVisible = from - state.hidden.hiddenBefore(from)
  const baseVisible = to - from - state.hidden.hiddenIn(from, to)
  return {
    state,
    count: baseVisible + inserted.length,
    indexAt: (position) =>
      position < baseVisible ? state.hidden.kthVisible(firstVisible + position) : inserted[position - baseVisible]!
  }
}

/**
 * The sandbox's data: the generated world plus the overlay of mutations, and the clock. Every list
 * the HTTP layer serves is a {@link View} over one entity, scoped to an ancestor record or global,
 * so the global list and the union of per-parent lists are the same records by construction.
 */
export class Store {
  readonly world: World
  private readonly states = new Map<string, EntityState>()
  /** `epochs[0]` is the generated data; one more per `mutate`. */
  readonly epochs: Array<Epoch> = [{ from: GENERATED_AT, to: GENERATED_AT }]
  clock = GENERATED_AT
  private readonly insertedDescendants = new Map<string, ReadonlyArray<number>>()

  constructor(
    readonly seed: number,
    readonly scale: number
  ) {
    this.world = new World(seed, scale)
    for (const [key, layout] of this.world.layouts) this.states.set(key, new EntityState(layout))
  }

  state(key: string): EntityState {
    const state = this.states.get(key)
    if (state === undefined) throw new Error(`Unknown sandbox entity "${key}"`)
    return state
  }

  get allStates(): IterableIterator<EntityState> {
    return this.states.values()
  }

  get epoch(): number {
    return this.epochs.length - 1
  }

  /** Starts a mutation round covering the clock since the previous one. */
  beginEpoch(): number {
    const previous = this.epochs[this.epochs.length - 1]!
    if (this.epochs.length >= 65_535) throw new Error("The sandbox supports at most 65,534 mutate calls; restart it")
    this.epochs.push({ from: previous.to, to: this.clock })
    this.invalidateCaches()
    return this.epochs.length - 1
  }

  /** Forgets cached lists of inserted records (call after changing the overlay). */
  invalidateCaches(): void {
    this.insertedDescendants.clear()
  }

  /** The index of `ancestorKey` above record `index` of `state` (the record itself when the keys match). */
  ancestorOf(state: EntityState, index: number, ancestorKey: string): number {
    let current = state
    let at = index
    while (current.key !== ancestorKey) {
      const parent = current.layout.parent
      if (parent === undefined || at < 0) return -1
      at = current.parentOf(at)
      current = this.state(parent.key)
    }
    return at
  }

  /** Every visible record of an entity, ascending id. */
  globalView(key: string): View {
    const state = this.state(key)
    return rangeView(state, 0, state.baseCount, this.insertedVisible(state, undefined, -1))
  }

  /** The visible records of `key` below one ancestor record (a parent, grandparent...). */
  descendantsView(key: string, ancestorKey: string, ancestorIndex: number): View {
    const state = this.state(key)
    const chain: Array<EntityState> = []
    for (let current: EntityState = state; current.key !== ancestorKey; ) {
      const parent = current.layout.parent
      if (parent === undefined) throw new Error(`"${ancestorKey}" is not an ancestor of "${key}"`)
      chain.unshift(current)
      current = this.state(parent.key)
    }
    const ancestor = this.state(ancestorKey)
    let from = ancestorIndex < ancestor.baseCount ? ancestorIndex : 0
    let to = ancestorIndex < ancestor.baseCount ? ancestorIndex + 1 : 0
    for (const level of chain) {
      const starts = level.layout.starts!
      ;[from, to] = from < to ? [starts[from]!, starts[to]!] : [0, 0]
    }
    return rangeView(state, from, to, this.insertedVisible(state, ancestorKey, ancestorIndex))
  }

  /** Visible inserted records of an entity, optionally only those below one ancestor record. */
  private insertedVisible(
    state: EntityState,
    ancestorKey: string | undefined,
    ancestorIndex: number
  ): ReadonlyArray<number> {
    if (state.indexCount === state.baseCount) return []
    if (ancestorKey !== undefined && state.layout.parent?.key === ancestorKey) {
      return state.insertedChildrenOf(ancestorIndex).filter((index) => state.isVisible(index))
    }
    const cacheKey = `${state.key}|${ancestorKey ?? ""}|${ancestorIndex}`
    const cached = this.insertedDescendants.get(cacheKey)
    if (cached !== undefined) return cached
    const found: Array<number> = []
    for (let index = state.baseCount; index < state.indexCount; index++) {
      if (!state.isVisible(index)) continue
      if (ancestorKey === undefined || this.ancestorOf(state, index, ancestorKey) === ancestorIndex) found.push(index)
    }
    if (this.insertedDescendants.size > 10_000) this.insertedDescendants.clear()
    this.insertedDescendants.set(cacheKey, found)
    return found
  }
}
