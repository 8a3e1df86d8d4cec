import { distribute } from "./distribute.js"
import { type EntityDef, entityDefs } from "./entities.js"
import { tagOf } from "./random.js"

/** Where one entity's records live: how many, their ids, and (for children) the parent ranges. */
export interface EntityLayout {
  readonly def: EntityDef
  readonly key: string
  /** Hash tag of the entity name: mixes into every value of its records. */
  readonly tag: number
  /** Records generated at start (index 0 .. baseCount-1). Inserted records follow. */
  readonly baseCount: number
  /** `id = idBase + index + 1`; ranges of different entities never overlap. */
  readonly idBase: number
  /** How many records `mutate` may insert before the id range is full. */
  readonly insertRoom: number
  readonly parent: EntityLayout | undefined
  /** Prefix sums over the parent's base records: children of parent p are `starts[p] .. starts[p+1]-1`. */
  readonly starts: Uint32Array | undefined
  readonly children: Array<EntityLayout>
}

const scaledCount = (def: EntityDef, scale: number): number =>
  def.fixed === true ? def.volume : Math.max(def.min, Math.round(def.volume * scale))

/**
 * The generated data's skeleton for one (seed, scale): counts, id ranges and parent ranges of every
 * entity. Building it costs one hashed weight per parent record (about 3M at scale 1) and keeps a few
 * typed arrays; records themselves are never stored.
 */
export class World {
  readonly layouts: ReadonlyMap<string, EntityLayout>

  constructor(
    readonly seed: number,
    readonly scale: number
  ) {
    const layouts = new Map<string, EntityLayout>()
    let nextBase = 1000
    for (const def of entityDefs) {
      const parent = def.parent === undefined ? undefined : layouts.get(def.parent)
      if (def.parent !== undefined && parent === undefined) {
        throw new Error(`Entity "${def.key}" is listed before its parent "${def.parent}"`)
      }
      const tag = tagOf(def.key)
      let baseCount = scaledCount(def, scale)
      let starts: Uint32Array | undefined
      if (parent !== undefined) {
        baseCount = Math.max(baseCount, parent.baseCount * (def.minPerParent ?? 0))
        starts = distribute({
          total: baseCount,
          parents: parent.baseCount,
          seed,
          tag,
          spread: def.spread ?? "even",
          zeroShare: def.zeroShare ?? 0,
          minPerParent: def.minPerParent ?? 0
        })
      }
      const insertRoom = Math.max(1000, baseCount)
      const layout: EntityLayout = {
        def,
        key: def.key,
        tag,
        baseCount,
        idBase: nextBase,
        insertRoom,
        parent,
        starts,
        children: []
      }
      parent?.children.push(layout)
      layouts.set(def.key, layout)
      nextBase = Math.ceil((nextBase + baseCount + insertRoom + 1) / 1000) * 1000
    }
    this.layouts = layouts
  }

  layout(key: string): EntityLayout {
    const layout = this.layouts.get(key)
    if (layout === undefined) throw new Error(`Unknown sandbox entity "${key}"`)
    return layout
  }

  /** Records generated at start, over all entities. */
  get totalRecords(): number {
    let total = 0
    for (const layout of this.layouts.values()) total += layout.baseCount
    return total
  }
}
