import type { Store } from "../data/store.js"
import type { Renderer } from "../render/renderer.js"
import { type Binding, type Bound, HttpError } from "./route-types.js"

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/

/** "patientVisit" -> "Patient visit", for messages. */
export const entityLabel = (key: string): string => {
  const words = key.replace(/([A-Z])/g, " $1").toLowerCase()
  return words.charAt(0).toUpperCase() + words.slice(1)
}

/** Whether `ancestor` is `entity` or above it in the tree. */
export const isAncestor = (store: Store, ancestor: string, entity: string): boolean => {
  for (let layout = store.world.layout(entity); ; ) {
    if (layout.key === ancestor) return true
    if (layout.parent === undefined) return false
    layout = layout.parent
  }
}

/**
 * Resolves the ids (or uids) a request names into visible records and checks that records named
 * together belong together (`/studies/1/subjects/2` needs subject 2 to be in study 1). Unknown,
 * deleted or mismatched records are 404; ids that are not numbers are 400.
 */
export class BindingResolver {
  private uidIndex = new Map<string, Map<string, number>>()
  private uidEpoch = -1

  constructor(
    private readonly store: Store,
    private readonly renderer: Renderer
  ) {}

  resolve(
    path: ReadonlyArray<Binding>,
    query: ReadonlyArray<Binding>,
    params: Readonly<Record<string, string>>,
    search: URLSearchParams
  ): { bound: Bound; order: ReadonlyArray<string> } {
    const bound: Record<string, { entity: string; index: number }> = {}
    const order: Array<string> = []
    const named: Array<[Binding, string]> = []
    for (const binding of path) named.push([binding, params[binding.param] ?? ""])
    for (const binding of query) {
      const text = search.get(binding.param)
      if (text !== null && text !== "") named.push([binding, text])
    }
    for (const [binding, text] of named) {
      const index = this.find(binding, text)
      for (const previous of order) {
        const other = bound[previous]!
        this.checkTogether(
          other.entity,
          other.index,
          binding.entity,
          index,
          text,
          params[previous] ?? search.get(previous) ?? ""
        )
      }
      bound[binding.param] = { entity: binding.entity, index }
      order.push(binding.param)
    }
    return { bound, order }
  }

  private find(binding: Binding, text: string): number {
    const state = this.store.state(binding.entity)
    const label = entityLabel(binding.entity)
    let index: number | undefined
    if (binding.by === "uid") {
      if (!GUID.test(text)) {
        throw new HttpError(400, "BadRequest", `The value '${text}' is not valid for ${binding.param}: expected a GUID`)
      }
      index = this.byUid(binding.entity).get(text.toLowerCase())
    } else {
      if (!/^-?\d+$/.test(text)) {
        throw new HttpError(
          400,
          "BadRequest",
          `The value '${text}' is not valid for ${binding.param}: expected an integer id`
        )
      }
      index = state.indexOfId(Number.parseInt(text, 10))
    }
    if (index === undefined || !state.isVisible(index)) {
      throw new HttpError(
        404,
        "NotFound",
        `${label} with ${binding.by === "uid" ? "UID" : "ID"} ${text} does not exist`
      )
    }
    return index
  }

  private checkTogether(
    first: string,
    firstIndex: number,
    second: string,
    secondIndex: number,
    secondText: string,
    firstText: string
  ): void {
    const mismatch = (child: string, childText: string, parent: string, parentText: string): HttpError =>
      new HttpError(
        404,
        "NotFound",
        `${entityLabel(child)} ${childText} does not belong to ${entityLabel(parent).toLowerCase()} ${parentText}`
      )
    if (first === second) return
    if (isAncestor(this.store, first, second)) {
      if (this.store.ancestorOf(this.store.state(second), secondIndex, first) !== firstIndex) {
        throw mismatch(second, secondText, first, firstText)
      }
    } else if (isAncestor(this.store, second, first)) {
      if (this.store.ancestorOf(this.store.state(first), firstIndex, second) !== secondIndex) {
        throw mismatch(first, firstText, second, secondText)
      }
    }
  }

  private byUid(entity: string): Map<string, number> {
    if (this.uidEpoch !== this.store.epoch) {
      this.uidIndex = new Map()
      this.uidEpoch = this.store.epoch
    }
    let index = this.uidIndex.get(entity)
    if (index === undefined) {
      const built = new Map<string, number>()
      const view = this.store.globalView(entity)
      for (let position = 0; position < view.count; position++) {
        const record = view.indexAt(position)
        built.set(String(this.renderer.core(entity, record).uid).toLowerCase(), record)
      }
      index = built
      this.uidIndex.set(entity, built)
    }
    return index
  }
}
