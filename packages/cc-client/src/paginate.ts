/**
 * Pages and records of a list endpoint as async iterables. While the caller works on page N,
 * page N+1 is already on its way (one page prefetched, never more), so memory in flight is
 * bounded by two pages however long the list is. Leaving the loop early (`break`, a throw, or
 * the caller's signal) aborts the prefetch.
 */
import type { Scrub } from "./logger.js"
import { fetchPage, type Page, type PagerContext, type PagingOptions, planPaging } from "./pager.js"
import { linkSignals } from "./signals.js"
import { StallGuard } from "./stall-guard.js"

async function* iteratePages(
  context: PagerContext,
  scrub: Scrub,
  path: string,
  options: PagingOptions
): AsyncGenerator<Page<unknown>, void, undefined> {
  const plan = planPaging(path, options)
  const guard = new StallGuard(context, plan, scrub)
  const { controller, dispose } = linkSignals([options.signal])
  const load = (cursor: Page<unknown>["cursor"], index: number) => {
    const promise = fetchPage(context, plan, cursor, index, controller.signal)
    // The rejection is observed when the page is awaited; this only keeps it from being reported
    // as unhandled if the caller stops before then.
    promise.catch(() => undefined)
    return promise
  }
  try {
    let pending: Promise<Page<unknown>> | undefined = load(plan.start, 0)
    while (pending !== undefined) {
      const page: Page<unknown> = await pending
      guard.check(page)
      pending = page.next === undefined ? undefined : load(page.next, page.index + 1)
      yield page
    }
  } finally {
    controller.abort()
    dispose()
  }
}

/**
 * Pages of a list endpoint.
 *
 * @example
 * ```ts
 * for await (const page of paginatePages(context, scrub, "/api/v1/subjects/odata", { pageSize: 1000 })) {
 *   await load(page.items)
 *   await checkpoint(page.next)
 * }
 * ```
 */
export const paginatePages = (
  context: PagerContext,
  scrub: Scrub,
  path: string,
  options: PagingOptions = {}
): AsyncIterable<Page<unknown>> => ({
  [Symbol.asyncIterator]: () => iteratePages(context, scrub, path, options)
})

/**
 * Records of a list endpoint, page after page.
 *
 * @example
 * ```ts
 * for await (const subject of paginateRecords(context, scrub, "/api/v1/subjects/odata")) console.log(subject)
 * ```
 */
export const paginateRecords = (
  context: PagerContext,
  scrub: Scrub,
  path: string,
  options: PagingOptions = {}
): AsyncIterable<unknown> => ({
  async *[Symbol.asyncIterator]() {
    for await (const page of iteratePages(context, scrub, path, options)) yield* page.items
  }
})
