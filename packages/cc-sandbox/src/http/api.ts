import type { Store, View } from "../data/store.js"
import { getOperations, pathMethods } from "../generated/spec.js"
import { ListEngine, type RecordSource } from "../odata/apply.js"
import { ODataQueryError, parseListQuery } from "../odata/options.js"
import { schemaDef } from "../render/generic.js"
import type { Renderer } from "../render/renderer.js"
import type { GetOperation } from "../spec/types.js"
import type { InstanceType, ListShape } from "../types.js"
import { BindingResolver, isAncestor } from "./bindings.js"
import { RecordCache } from "./record-cache.js"
import { routeTable } from "./route-table.js"
import { HttpError, type ListRoute, type Route, type RouteContext } from "./route-types.js"
import { PathRouter } from "./router.js"
import { nextPageLink, pageJson } from "./shape.js"

export interface ApiRoute {
  readonly route: Route
  readonly operation: GetOperation
}

/** The answer to one API request: status and JSON text. */
export interface ApiAnswer {
  readonly status: number
  readonly json: string
}

export interface ApiRequest {
  readonly template: string
  readonly params: Readonly<Record<string, string>>
  readonly query: URLSearchParams
  readonly api: ApiRoute
  /** Scheme, host and path of the request, for NextPageLink. */
  readonly selfUrl: string
  readonly ignoreSkip: boolean
}

/** `page:Item` / `array:Item` / `object:Schema` -> the kind and the schema. */
const responseOf = (operation: GetOperation): { kind: string; schema: string } => {
  const colon = operation.response.indexOf(":")
  return { kind: operation.response.slice(0, colon), schema: operation.response.slice(colon + 1) }
}

/**
 * Serves the spec's GET paths from the store: matches the template, resolves the ids it names, builds
 * the record view and applies OData. Every spec GET path has a route (checked at construction), so a
 * path the spec lacks is the only 404 for an unknown path.
 */
export class Api {
  readonly router = new PathRouter<ApiRoute>()
  private readonly allPaths = new PathRouter<ReadonlyArray<string>>()
  private readonly bindings: BindingResolver
  private readonly lists = new ListEngine()
  private readonly cache = new RecordCache()

  constructor(
    private readonly store: Store,
    private readonly renderer: Renderer,
    private readonly instanceType: InstanceType,
    private readonly listShape: ListShape
  ) {
    this.bindings = new BindingResolver(store, renderer)
    for (const operation of getOperations) {
      const route = routeTable[operation.path]
      if (route === undefined) throw new Error(`No sandbox route for spec path GET ${operation.path}`)
      this.checkServable(operation, route)
      this.router.add(operation.path, { route, operation })
    }
    // The spec spells some paths twice with different placeholder names (`{id}` / `{groupId}`): merge them.
    const merged = new Map<string, Set<string>>()
    for (const [path, methods] of Object.entries(pathMethods)) {
      const shape = path.replace(/\{[^}]+\}/g, "{}")
      const known = merged.get(shape) ?? new Set<string>()
      for (const method of methods) known.add(method)
      merged.set(shape, known)
    }
    for (const [shape, methods] of merged) this.allPaths.add(shape, [...methods])
  }

  /** The spec's methods for a path that exists with other methods than GET (for 405), if any. */
  methodsOf(path: string): ReadonlyArray<string> | undefined {
    return this.allPaths.match(path)?.value
  }

  answer(request: ApiRequest): ApiAnswer {
    const { route, operation } = request.api
    if (route.kind === "cce-only") return this.notImplemented(route.what, operation)
    if (route.kind === "no-data") {
      throw new HttpError(
        404,
        "NotFound",
        `${route.what} ${Object.values(request.params)[0] ?? ""} does not exist (this instance has no finance data)`
      )
    }
    const { bound, order } = this.bindings.resolve(route.path, route.query ?? [], request.params, request.query)
    const ctx: RouteContext = {
      store: this.store,
      renderer: this.renderer,
      operation,
      params: request.params,
      query: request.query,
      bound,
      instanceType: this.instanceType
    }
    if (route.kind === "custom") return { status: 200, json: JSON.stringify(route.answer(ctx)) }
    const { kind, schema } = responseOf(operation)
    const cacheKind = `${route.entity}|${schema}`
    const json = (index: number): string =>
      this.cache.get(cacheKind, index, this.store.epoch, () => JSON.stringify(this.record(route.entity, index, schema)))
    if (route.kind === "one") {
      const last = route.path[route.path.length - 1]!
      return { status: 200, json: json(bound[last.param]!.index) }
    }
    let view = this.treeView(route, ctx, order)
    if (route.view !== undefined) view = route.view(ctx, view)
    const source: RecordSource = {
      render: (index, only) => this.record(route.entity, index, schema, only),
      json,
      idProperty: schemaDef(schema).props.find(([name]) => name === "id" || name === "Id")?.[0]
    }
    if (kind === "array" && !request.template.endsWith("/odata")) {
      const records: Array<string> = []
      for (let position = 0; position < view.count; position++) records.push(json(view.indexAt(position)))
      return { status: 200, json: `[${records.join(",")}]` }
    }
    let query: ReturnType<typeof parseListQuery>
    try {
      query = parseListQuery(request.query, schema, schemaDef(schema))
    } catch (error) {
      if (error instanceof ODataQueryError) throw new HttpError(400, "BadRequest", error.message)
      throw error
    }
    const cacheKey = `${request.template}|${JSON.stringify(request.params)}|${order.map((name) => `${name}=${request.query.get(name)}`).join("&")}|${this.store.epoch}`
    const page = this.lists.page(view, source, query, cacheKey, request.ignoreSkip)
    if (kind === "array") return { status: 200, json: `[${page.records.join(",")}]` }
    const next = page.nextSkip === undefined ? null : nextPageLink(request.selfUrl, request.query, page.nextSkip)
    return { status: 200, json: pageJson(this.listShape, page.records, next, query.count ? page.total : null) }
  }

  private record(entity: string, index: number, schema: string, only?: ReadonlySet<string>): Record<string, unknown> {
    return this.renderer.serves(entity, schema)
      ? this.renderer.render(entity, index, schema, only)
      : this.renderer.preview(schema, entity, index)
  }

  /** The list entity's records under the deepest bound record that is its ancestor (or all of them). */
  private treeView(route: ListRoute, ctx: RouteContext, order: ReadonlyArray<string>): View {
    let scope: { entity: string; index: number } | undefined
    for (const param of order) {
      const bound = ctx.bound[param]!
      if (bound.entity !== route.entity && isAncestor(this.store, bound.entity, route.entity)) {
        if (scope === undefined || isAncestor(this.store, scope.entity, bound.entity)) scope = bound
      }
    }
    return scope === undefined
      ? this.store.globalView(route.entity)
      : this.store.descendantsView(route.entity, scope.entity, scope.index)
  }

  private notImplemented(what: string, operation: GetOperation): ApiAnswer {
    if (this.instanceType === "CCE") {
      const { kind } = responseOf(operation)
      if (kind === "page") return { status: 200, json: pageJson(this.listShape, [], null, null) }
      if (kind === "array") return { status: 200, json: "[]" }
      throw new HttpError(404, "NotFound", `${what}: no such record in this sandbox`)
    }
    throw new HttpError(
      501,
      "NotImplemented",
      `${what} are only available in CCE instances; this instance is ${this.instanceType} (GET /api/v1/instance/details says which)`
    )
  }

  /** Fails fast when a route's entity has no model for the schema the spec answers with. */
  private checkServable(operation: GetOperation, route: Route): void {
    if (route.kind !== "list" && route.kind !== "one") return
    const { schema } = responseOf(operation)
    if (!this.renderer.serves(route.entity, schema)) {
      // Preview-only schemas ({id, uid, name}-style) are built from the entity's core.
      this.renderer.preview(schema, route.entity, 0)
    }
  }
}
