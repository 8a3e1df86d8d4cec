import { describe, expect, expectTypeOf, it } from "vitest"
import { InvalidQuery, PagingStalled } from "../src/errors.js"
import type { PatientVisitPreview, StudyViewModel } from "../src/generated/types.gen.js"
import { odata } from "../src/odata.js"
import type { Page, PageCursor } from "../src/pager.js"
import { clientFor, rejection, until, useSandbox } from "./support/sandbox.js"

const pascal = useSandbox()
const camel = useSandbox({ listShape: "camel" })
const odataShape = useSandbox({ listShape: "odata" })

const VISITS = "/api/v1/patient-visits/odata"

const collect = async <T>(iterable: AsyncIterable<T>): Promise<T[]> => {
  const all: T[] = []
  for await (const item of iterable) all.push(item)
  return all
}

const key = (record: unknown) => JSON.stringify(record)

describe("paginate", () => {
  it("returns every record of a multi-page list exactly once", async () => {
    const { client } = clientFor(pascal.current)
    const total = pascal.current.counts()[VISITS]!
    const pageSize = Math.min(1000, Math.ceil(total / 7))
    const pages = await collect(client.paginate(VISITS, { pageSize }))
    expectTypeOf(pages).toEqualTypeOf<Array<Page<PatientVisitPreview>>>()
    expect(pages.length).toBeGreaterThanOrEqual(7)
    const records = pages.flatMap((page) => page.items)
    expect(records).toHaveLength(total)
    expect(new Set(records.map(key)).size).toBe(total)
    expect(pages.map((page) => page.index)).toEqual(pages.map((_, index) => index))
    expect(pages.at(-1)!.next).toBeUndefined()
    expect(pages.every((page) => page.shape === "pascal" && page.attempts === 1)).toBe(true)
  })

  it("keeps a built $filter on every page, next links included", async () => {
    const { client } = clientFor(pascal.current)
    const all = await collect(client.records(VISITS))
    const ids = all.map((visit) => visit.id!).sort((a, b) => a - b)
    const threshold = ids[Math.floor(ids.length / 3)]!
    const f = odata.for<PatientVisitPreview>()
    const pages = await collect(
      client.paginate(VISITS, { pageSize: 250, query: { $filter: f.gt("id", threshold), $count: true } })
    )
    const filtered = pages.flatMap((page) => page.items)
    const expected = ids.filter((id) => id > threshold).length
    expect(pages.length).toBeGreaterThan(2)
    expect(pages.some((page) => "nextLink" in page.cursor)).toBe(true)
    expect(pages[0]!.count).toBe(expected)
    expect(filtered).toHaveLength(expected)
    expect(filtered.every((visit) => visit.id! > threshold)).toBe(true)
  })

  it("records() yields the same records", async () => {
    const { client } = clientFor(pascal.current)
    const records = await collect(client.records(VISITS, { pageSize: 500 }))
    expect(records).toHaveLength(pascal.current.counts()[VISITS]!)
  })

  for (const [name, holder, shape] of [
    ["camelCase {items, nextPageLink, count}", camel, "camel"],
    ["OData {value, @odata.nextLink, @odata.count}", odataShape, "odata"]
  ] as const) {
    it(`reads ${name}`, async () => {
      const { client } = clientFor(holder.current)
      const total = holder.current.counts()[VISITS]!
      const pageSize = Math.min(1000, Math.ceil(total / 3))
      const pages = await collect(client.paginate(VISITS, { pageSize, query: { $count: true } }))
      expect(pages.length).toBeGreaterThanOrEqual(3)
      expect(pages.every((page) => page.shape === shape)).toBe(true)
      expect(pages[0]!.count).toBe(total)
      expect(new Set(pages.flatMap((page) => page.items).map(key)).size).toBe(total)
    })
  }

  it("pages a bare-array OData list by $skip and stops on the short page", async () => {
    const { client } = clientFor(pascal.current)
    const total = pascal.current.counts()["/api/v1/studies/odata"]!
    const pages = await collect(client.paginate("/api/v1/studies/odata", { pageSize: 2 }))
    expectTypeOf(pages[0]!.items).toEqualTypeOf<ReadonlyArray<StudyViewModel>>()
    expect(pages.every((page) => page.shape === "array")).toBe(true)
    expect(pages.slice(1).every((page) => "skip" in page.cursor)).toBe(true)
    expect(new Set(pages.flatMap((page) => page.items).map(key)).size).toBe(total)
    expect(total).toBeGreaterThan(2)
    expect(pages.length).toBe(Math.floor(total / 2) + 1)
  })

  it("reads a non-OData list as one page", async () => {
    const { client } = clientFor(pascal.current)
    pascal.current.resetStats()
    const pages = await collect(client.paginate("/api/v1/sites"))
    expect(pages).toHaveLength(1)
    expect(pages[0]).toMatchObject({ shape: "array", index: 0, next: undefined })
    expect(pages[0]!.items).toHaveLength(pascal.current.counts()["/api/v1/sites"]!)
    expect(pascal.current.stats().requests).toBe(1)
  })

  it("resumes from the cursor a page reported", async () => {
    const { client } = clientFor(pascal.current)
    const total = pascal.current.counts()[VISITS]!
    const pageSize = Math.min(1000, Math.ceil(total / 4))
    let resumeFrom: PageCursor | undefined
    const before: unknown[] = []
    for await (const page of client.paginate(VISITS, { pageSize })) {
      before.push(...page.items)
      if (page.index === 1) {
        resumeFrom = page.next
        break
      }
    }
    const after = await collect(client.records(VISITS, { pageSize, start: resumeFrom! }))
    expect(before.length + after.length).toBe(total)
    expect(new Set([...before, ...after].map(key)).size).toBe(total)
  })

  it("raises PagingStalled when the server ignores $skip, after two requests", async () => {
    const { client } = clientFor(pascal.current)
    pascal.current.setFaults({ ignoreSkip: true })
    pascal.current.resetStats()
    try {
      const error = await rejection(collect(client.paginate(VISITS, { pageSize: 10 })))
      expect(error).toBeInstanceOf(PagingStalled)
      expect(error).toMatchObject({ pageIndex: 1, path: VISITS })
      expect((error as PagingStalled).message).toContain("ignore $skip")
      await until(() => client.metrics().inFlight === 0, "the prefetch to settle")
      expect(pascal.current.stats().requests).toBe(2)
    } finally {
      pascal.current.setFaults({})
    }
  })

  it("raises InvalidQuery for a page size above 1000, before any request", async () => {
    const { client } = clientFor(pascal.current)
    pascal.current.resetStats()
    const error = await rejection(collect(client.records(VISITS, { pageSize: 1001 })))
    expect(error).toBeInstanceOf(InvalidQuery)
    expect((error as InvalidQuery).message).toContain("at most 1000")
    expect(pascal.current.stats().requests).toBe(0)
  })

  it("asks for 1000 rows per page by default", async () => {
    const seen: string[] = []
    const watching: typeof fetch = (input, init) => {
      seen.push(String(input))
      return fetch(input, init)
    }
    const { client } = clientFor(pascal.current, { fetch: watching })
    const iterator = client.paginate(VISITS)[Symbol.asyncIterator]()
    const first = await iterator.next()
    await iterator.return?.()
    await until(() => client.metrics().inFlight === 0, "the prefetch to stop")
    expect(first.done).toBe(false)
    expect(first.value?.items).toHaveLength(1000)
    expect(seen[0]).toContain("$top=1000")
  })

  it("stops the prefetch when the caller leaves early", async () => {
    const { client } = clientFor(pascal.current)
    // The first page is answered at once; the second fault holds the prefetch of page 2.
    pascal.current.enqueueFaults([
      { delayMs: 0, pathPrefix: VISITS },
      { delayMs: 10_000, pathPrefix: VISITS }
    ])
    for await (const page of client.paginate(VISITS, { pageSize: 5 })) {
      expect(page.index).toBe(0)
      await until(() => client.metrics().inFlight === 1, "the prefetch of page 2 to be in flight")
      break
    }
    await until(() => client.metrics().inFlight === 0, "the prefetch to be aborted")
    expect(client.metrics()).toMatchObject({ attempts: 2, byStatus: { "200": 1, aborted: 1 } })
  })
})
