import type { Store, View } from "../data/store.js"
import type { Renderer } from "../render/renderer.js"
import type { GetOperation } from "../spec/types.js"
import type { InstanceType } from "../types.js"

/** A path or query parameter that names a record: `[parameter, entity]`, optionally by uid. */
export interface Binding {
  readonly param: string
  readonly entity: string
  readonly by?: "id" | "uid"
}

/** Records resolved from a request's bindings, by parameter name. */
export type Bound = Readonly<Record<string, { readonly entity: string; readonly index: number }>>

export interface RouteContext {
  readonly store: Store
  readonly renderer: Renderer
  readonly operation: GetOperation
  readonly params: Readonly<Record<string, string>>
  readonly query: URLSearchParams
  readonly bound: Bound
  readonly instanceType: InstanceType
}

/** A list of records of one entity, from a tree scope (the nearest bound ancestor) or a custom view. */
export interface ListRoute {
  readonly kind: "list"
  readonly entity: string
  readonly path: ReadonlyArray<Binding>
  readonly query?: ReadonlyArray<Binding>
  /** Narrows or replaces the tree view (cross relations: an arm's subjects, an element's visits). */
  readonly view?: (ctx: RouteContext, tree: View) => View
}

/** One record: the last path binding, checked to sit under the others. */
export interface OneRoute {
  readonly kind: "one"
  readonly entity: string
  readonly path: ReadonlyArray<Binding>
  readonly query?: ReadonlyArray<Binding>
}

/** A hand-written answer (instance details, lookup lists, status summaries...). */
export interface CustomRoute {
  readonly kind: "custom"
  readonly path: ReadonlyArray<Binding>
  readonly query?: ReadonlyArray<Binding>
  readonly answer: (ctx: RouteContext) => unknown
  /** Served without an API key (only instance details). */
  readonly anonymous?: boolean
}

/** Spec paths for data this instance has none of (finance): lists are empty, ids are 404. */
export interface NoDataRoute {
  readonly kind: "no-data"
  readonly what: string
}

/** Endpoints a CC instance answers with 501 (CCE-only, or refused by the live instance). */
export interface NotImplementedRoute {
  readonly kind: "cce-only"
  readonly what: string
}

export type Route = ListRoute | OneRoute | CustomRoute | NoDataRoute | NotImplementedRoute

/** An error answer: status and a message that says what is wrong. */
export class HttpError extends Error {
  override readonly name = "HttpError"

  constructor(
    readonly status: number,
    readonly error: string,
    message: string
  ) {
    super(message)
  }
}
