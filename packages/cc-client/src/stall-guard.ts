/**
 * Stops paging that would never end. A server may ignore `$skip` (every page the same), or hand
 * out next links that go round in a circle (page 2 links back to page 1, spelt differently). The
 * guard remembers every page of one `paginate()` call: the normalised URL it came from and a
 * fingerprint of its records; a next link to a URL already fetched, or records already seen, is a
 * `PagingStalled` naming the link and the page it repeats. Memory: two short strings per page.
 */
import { createHash } from "node:crypto"
import { PagingStalled } from "./errors.js"
import type { Scrub } from "./logger.js"
import {
  cursorUrl,
  describeCursor,
  isLink,
  type Page,
  type PageCursor,
  type PagePlan,
  type PagerContext
} from "./pager.js"

const decode = (text: string): string => {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}

/**
 * One spelling for every way of writing the same page URL: scheme and host lower-cased (by
 * `URL`), path percent-decoded and lower-cased (IIS and ASP.NET routes ignore case), trailing
 * slashes dropped, query parameters decoded (form encoding included), names lower-cased (OData
 * system query options are case-insensitive), `$skip=0` dropped, sorted by name then value; the
 * fragment dropped.
 *
 * @example
 * ```ts
 * normalizePageUrl(new URL("https://h/api/x?$Skip=2&%24top=1")) === normalizePageUrl(new URL("https://H/API/x?$top=1&$skip=2")) // true
 * ```
 */
export const normalizePageUrl = (url: URL): string => {
  const path = url.pathname
    .split("/")
    .map((segment) => decode(segment).toLowerCase())
    .join("/")
    .replace(/\/+$/, "")
  const params = Array.from(url.searchParams, ([name, value]) => [name.toLowerCase(), value] as const)
    // `$skip=0` is the first page, as is no `$skip` at all.
    .filter(([name, value]) => !(name === "$skip" && value.trim() === "0"))
    .sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0))
  const query = params.map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`).join("&")
  return `${url.protocol}//${url.host}${path}?${query}`
}

/** A fingerprint of a page's records: a hash of their count and their first, middle and last records. */
const fingerprint = (items: ReadonlyArray<unknown>): string => {
  const middle = items[Math.floor(items.length / 2)]
  return createHash("sha256")
    .update(`${items.length}|${JSON.stringify(items[0])}|${JSON.stringify(middle)}|${JSON.stringify(items.at(-1))}`)
    .digest("base64")
}

/** Detects a repeated page (by content) or a next link back to any page already fetched (by URL). */
export class StallGuard {
  readonly #links = new Map<string, number>()
  readonly #contents = new Map<string, number>()
  readonly #context: PagerContext
  readonly #plan: PagePlan
  readonly #scrub: Scrub

  constructor(context: PagerContext, plan: PagePlan, scrub: Scrub) {
    this.#context = context
    this.#plan = plan
    this.#scrub = scrub
  }

  /** The normalised URL of a cursor; next links are resolved (not origin-checked: fetching does that). */
  #key(cursor: PageCursor): string | undefined {
    if (!isLink(cursor)) return normalizePageUrl(cursorUrl(this.#context, this.#plan, cursor))
    // A link that is not a URL at all fails when it is fetched, with its own error.
    return URL.canParse(cursor.nextLink, this.#context.baseUrl.href)
      ? normalizePageUrl(new URL(cursor.nextLink, this.#context.baseUrl))
      : undefined
  }

  #stalled(page: Page<unknown>, cursor: PageCursor, repeated: "content" | "link", firstSeenPage: number): never {
    throw new PagingStalled({
      method: "GET",
      path: this.#plan.path,
      attempts: page.attempts,
      pageIndex: page.index,
      cursor: this.#scrub(describeCursor(cursor)),
      repeated,
      firstSeenPage
    })
  }

  /** Records `page`; throws `PagingStalled` when it repeats a page or its next link leads back to one. */
  check(page: Page<unknown>): void {
    const here = this.#key(page.cursor)
    if (here !== undefined && !this.#links.has(here)) this.#links.set(here, page.index)
    if (page.items.length > 0) {
      const content = fingerprint(page.items)
      const seen = this.#contents.get(content)
      if (seen !== undefined) this.#stalled(page, page.cursor, "content", seen)
      this.#contents.set(content, page.index)
    }
    if (page.next !== undefined) {
      const next = this.#key(page.next)
      const seen = next === undefined ? undefined : this.#links.get(next)
      if (seen !== undefined) this.#stalled(page, page.next, "link", seen)
    }
  }
}
