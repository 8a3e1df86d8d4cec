/**
 * Fetching one page of a list endpoint and deciding where the next one is. The async iterable
 * (paginate.ts) and the Effect stream (effect.ts) both drive this.
 *
 * Rules (docs/design.md §6): follow a next link when the server gives one; otherwise, on an
 * `/odata` path, ask for the next `$skip` while pages come back full (and the reported count, if
 * any, is not reached); stop on a short or empty page. Non-OData lists are one page.
 */
import { BadResponse, InvalidQuery } from "./errors.js"
import { parseJsonBody } from "./json-body.js"
import type { ListShape } from "./list-shape.js"
import { readListBody } from "./list-shape.js"
import { checkTop, MAX_PAGE_SIZE } from "./odata.js"
import type { Transport } from "./transport.js"
import { apiUrl, type QueryValue, resolvePath, serializeQuery } from "./url.js"

/** Where a page is fetched from: an offset (`$skip`) or a server-given next link. */
export type PageCursor = { readonly skip: number } | { readonly nextLink: string }

/** One page of a list. */
export interface Page<T> {
  readonly items: ReadonlyArray<T>
  /** 0-based page number within this `paginate()` call. */
  readonly index: number
  /** Where this page was fetched from. */
  readonly cursor: PageCursor
  /** Where the next page is, or undefined when this was the last page. Checkpoint this to resume. */
  readonly next: PageCursor | undefined
  /** Total rows, when the server reported one (`$count=true`). */
  readonly count?: number
  readonly shape: ListShape
  /** HTTP attempts this page took (1 = no retry). */
  readonly attempts: number
}

/** What `paginate`/`records` accept besides the path. */
export interface PagingOptions {
  readonly params?: Readonly<Record<string, unknown>>
  readonly query?: Readonly<Record<string, QueryValue>>
  /** `$top` per page: default 1000, at most 1000. */
  readonly pageSize?: number
  /** Resume from a cursor an earlier page reported as `next`. */
  readonly start?: PageCursor
  readonly signal?: AbortSignal
}

/** A validated paging request. */
export interface PagePlan {
  readonly path: string
  readonly odata: boolean
  readonly pageSize: number
  readonly baseQuery: string
  readonly start: PageCursor
}

export interface PagerContext {
  readonly transport: Transport
  readonly baseUrl: URL
}

export const isLink = (cursor: PageCursor): cursor is { readonly nextLink: string } => "nextLink" in cursor

/** Human-readable cursor for messages. */
export const describeCursor = (cursor: PageCursor): string =>
  isLink(cursor) ? `next link ${cursor.nextLink}` : `$skip=${cursor.skip}`

/**
 * Validates the options and fixes the page size, the base query and the first cursor.
 * Throws `InvalidQuery` (before any request) for a page size above 1000 or a bad start.
 */
export const planPaging = (template: string, options: PagingOptions = {}): PagePlan => {
  const path = resolvePath(template, options.params)
  const where = { method: "GET", path }
  const { $top, $skip, ...rest } = options.query ?? {}
  const pageSize = checkTop(options.pageSize ?? $top ?? MAX_PAGE_SIZE, where) ?? MAX_PAGE_SIZE
  const start = options.start ?? { skip: $skip === undefined || $skip === null ? 0 : Number($skip) }
  if (!isLink(start) && !(Number.isInteger(start.skip) && start.skip >= 0)) {
    throw new InvalidQuery({ ...where, problem: `the start offset ${String(start.skip)} must be a whole number >= 0.` })
  }
  return { path, odata: path.endsWith("/odata"), pageSize, baseQuery: serializeQuery(rest), start }
}

const skipOfLink = (link: URL): number | undefined => {
  const skip = link.searchParams.get("$skip")
  if (skip === null) return undefined
  const value = Number(skip)
  return Number.isInteger(value) && value >= 0 ? value : undefined
}

/** The URL of a cursor; next links must stay on the base URL's origin (the key goes with them). */
export const cursorUrl = (context: PagerContext, plan: PagePlan, cursor: PageCursor): URL => {
  if (isLink(cursor)) {
    const url = new URL(cursor.nextLink, context.baseUrl)
    if (url.origin !== context.baseUrl.origin) {
      throw new BadResponse({
        method: "GET",
        path: plan.path,
        attempts: 0,
        reason: `a next link to another origin (${url.origin}), which was not followed so the key is not sent there`
      })
    }
    if (url.username !== "" || url.password !== "") {
      throw new BadResponse({
        method: "GET",
        path: plan.path,
        attempts: 0,
        reason: "a next link carrying credentials (user:password@), which was not followed"
      })
    }
    return url
  }
  if (!plan.odata) return apiUrl(context.baseUrl, plan.path, plan.baseQuery)
  const paging = `$top=${plan.pageSize}${cursor.skip > 0 ? `&$skip=${cursor.skip}` : ""}`
  return apiUrl(context.baseUrl, plan.path, plan.baseQuery === "" ? paging : `${plan.baseQuery}&${paging}`)
}

/**
 * Fetches the page at `cursor` and works out the next cursor.
 *
 * @example
 * ```ts
 * const plan = planPaging("/api/v1/subjects/odata", { pageSize: 500 })
 * const first = await fetchPage(context, plan, plan.start, 0, signal)
 * ```
 */
export const fetchPage = async (
  context: PagerContext,
  plan: PagePlan,
  cursor: PageCursor,
  index: number,
  signal: AbortSignal | undefined
): Promise<Page<unknown>> => {
  const url = cursorUrl(context, plan, cursor)
  const response = await context.transport.send({ method: "GET", url, ...(signal === undefined ? {} : { signal }) })
  const where = {
    method: "GET",
    path: context.transport.apiPath(url),
    attempts: response.attempts,
    status: response.status
  }
  const list = readListBody(parseJsonBody(response.text, where, context.transport.scrub, "a JSON list"))
  if (typeof list === "string") {
    throw new BadResponse({
      ...where,
      reason: `${list}, not a list (expected an array, {Items, NextPageLink, Count}, {items, nextPageLink, count} or {value, @odata.nextLink})`
    })
  }
  const offset = isLink(cursor) ? skipOfLink(url) : cursor.skip
  // A non-OData list cannot skip on the server: resuming inside it skips on our side.
  const items = !plan.odata && !isLink(cursor) && cursor.skip > 0 ? list.items.slice(cursor.skip) : list.items
  let next: PageCursor | undefined
  if (list.nextLink !== undefined && items.length > 0) {
    next = { nextLink: list.nextLink }
  } else if (plan.odata && offset !== undefined && items.length >= plan.pageSize) {
    const reached = offset + items.length
    next = list.count !== undefined && reached >= list.count ? undefined : { skip: reached }
  }
  return {
    items,
    index,
    cursor,
    next,
    ...(list.count === undefined ? {} : { count: list.count }),
    shape: list.shape,
    attempts: response.attempts
  }
}
