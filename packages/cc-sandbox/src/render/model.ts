import type { EntityState } from "../data/entity-state.js"
import type { Rng } from "../data/random.js"
import type { Store } from "../data/store.js"

/**
 * The few fields of a record that other records quote (id, uid, name, a patient's demographics...),
 * keyed by lower-cased property name so one core fills `Id`/`id`, `Name`/`name` alike. Cores depend
 * only on (seed, entity, index): a preview of a record always matches the record itself.
 */
export type Core = Readonly<Record<string, unknown>>

export interface CoreContext {
  readonly store: Store
  readonly state: EntityState
  readonly index: number
  readonly id: number
  readonly rng: Rng
  readonly refs: References
}

/** What a field generator sees while one record is built. */
export interface RecordContext {
  readonly store: Store
  readonly state: EntityState
  readonly index: number
  readonly id: number
  /** Stable values: the same on every call. */
  readonly rng: Rng
  /** Values that change on each update: seeded with the record's update epoch. */
  readonly changed: Rng
  /** Mutation epoch of the last update (0 = never updated). */
  readonly epoch: number
  readonly core: Core
  readonly refs: References
}

/** Access to other records while building one: previews, cores, children. */
export interface References {
  core(entity: string, index: number): Core
  /** A preview object (`schema`) of record `index` of `entity`. */
  preview(schema: string, entity: string, index: number): Record<string, unknown>
  /** The full record of `entity` in `schema`. */
  render(entity: string, index: number, schema?: string): Record<string, unknown>
  /** A generic object of `schema` (plausible values, nested previews of real records), for hand-written fields to adjust. */
  generic(schema: string, rng: Rng): Record<string, unknown>
  /** When the record was last changed by a mutation (ms), if ever. */
  changedAt(state: EntityState, index: number): number | undefined
  /** When an inserted record was created (ms); undefined for generated ones. */
  createdAt(state: EntityState, index: number): number | undefined
}

export type Field = (ctx: RecordContext) => unknown

/** How one entity's records are built. */
export interface EntityModel {
  readonly entity: string
  /** The schemas this entity is served as, each with its hand-written fields; the first is the list schema. */
  readonly schemas: Readonly<Record<string, Readonly<Record<string, Field>>>>
  readonly core: (ctx: CoreContext) => Core
  /** Properties drawn from `changed` (they change on every update). Default: the comment-like ones. */
  readonly volatile?: ReadonlyArray<string>
  /** A string property that records the revision after an update, so every update changes the content. */
  readonly marker?: string
}
