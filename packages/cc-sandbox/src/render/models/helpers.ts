import { hash, type Rng } from "../../data/random.js"
import type { Store } from "../../data/store.js"
import type { Core, CoreContext, Field, RecordContext } from "../model.js"

/** The common core: id, uid and a name. */
export const idUidName =
  (name: (ctx: CoreContext) => string) =>
  (ctx: CoreContext): Core => ({ id: ctx.id, uid: ctx.rng.uuid(), name: name(ctx) })

/** The common core without a uid. */
export const idName =
  (name: (ctx: CoreContext) => string) =>
  (ctx: CoreContext): Core => ({ id: ctx.id, name: name(ctx) })

/** The record's position among its parent's generated children (0 for inserted records). */
export const positionInParent = (ctx: { state: CoreContext["state"]; index: number }): number => {
  const { state, index } = ctx
  if (state.isInserted(index)) return 0
  const parent = state.parentOf(index)
  return parent < 0 ? index : index - state.baseRangeOfParent(parent)[0]
}

/** The record's position among all its parent's children, generated first, then inserted ones. */
export const siblingPosition = (ctx: { state: CoreContext["state"]; index: number }): number => {
  const { state, index } = ctx
  const parent = state.parentOf(index)
  if (!state.isInserted(index)) return parent < 0 ? index : index - state.baseRangeOfParent(parent)[0]
  const [from, to] = state.baseRangeOfParent(parent)
  return to - from + state.insertedChildrenOf(parent).indexOf(index)
}

/**
 * A value drawn anew on each update of the record (from `changed`), and from the record's stable
 * stream until the first one, so records never updated keep their generated values.
 */
export const revised =
  (draw: (rng: Rng) => unknown): Field =>
  (ctx) =>
    draw(ctx.epoch > 0 ? ctx.changed : ctx.rng)

/** The index of this record's ancestor of entity `key`. */
export const ancestor = (ctx: RecordContext | CoreContext, key: string): number =>
  ctx.store.ancestorOf(ctx.state, ctx.index, key)

/** A preview of this record's parent. */
export const parentPreview =
  (schema: string): Field =>
  (ctx) => {
    const parent = ctx.state.layout.parent
    return parent === undefined ? null : ctx.refs.preview(schema, parent.key, ctx.state.parentOf(ctx.index))
  }

/** A preview of this record's ancestor of entity `key`. */
export const ancestorPreview =
  (schema: string, key: string): Field =>
  (ctx) =>
    ctx.refs.preview(schema, key, ancestor(ctx, key))

/**
 * A generated record of `key` below a generated parent, chosen by `salt` (reference entities below
 * studies are never inserted or deleted, so the generated range is the whole list). -1 when none.
 */
export const pickChild = (store: Store, key: string, parentIndex: number, salt: number): number => {
  const state = store.state(key)
  const [from, to] = state.baseRangeOfParent(parentIndex)
  if (to <= from) return -1
  return from + (hash(store.seed, state.layout.tag, parentIndex, salt) % (to - from))
}

/** A generated record of a root entity, chosen by `salt`. */
export const pickRoot = (store: Store, key: string, salt: number, extra = 0): number => {
  const state = store.state(key)
  return hash(store.seed, state.layout.tag, salt, extra) % state.baseCount
}

/** Previews of every visible child of this record, ascending id. */
export const childPreviews =
  (schema: string, childKey: string): Field =>
  (ctx) => {
    const view = ctx.store.descendantsView(childKey, ctx.state.key, ctx.index)
    const out: Array<Record<string, unknown>> = []
    for (let k = 0; k < view.count; k++) out.push(ctx.refs.preview(schema, childKey, view.indexAt(k)))
    return out
  }

/** A preview of a record of `key` under the same study as this record (null if the study has none). */
export const sameStudyPreview =
  (schema: string, key: string, salt: number): Field =>
  (ctx) => {
    const study = ancestor(ctx, "study")
    const picked = pickChild(ctx.store, key, study, hash(ctx.index, salt))
    return picked < 0 ? null : ctx.refs.preview(schema, key, picked)
  }

/** Previews of every visible record of `key` under this record's parent (e.g. a visit's sibling arms). */
export const parentChildPreviews =
  (schema: string, key: string): Field =>
  (ctx) => {
    const parent = ctx.state.layout.parent
    if (parent === undefined) return []
    const view = ctx.store.descendantsView(key, parent.key, ctx.state.parentOf(ctx.index))
    const out: Array<Record<string, unknown>> = []
    for (let k = 0; k < view.count; k++) out.push(ctx.refs.preview(schema, key, view.indexAt(k)))
    return out
  }
