/**
 * Issue 13 item 2: paging that would loop forever. Page 2 links back to page 1 spelt differently
 * (other parameter order, other case, percent-encoded); or a later page repeats an earlier one's
 * records. Any repeat, not only of the previous page, is a `PagingStalled` naming the link.
 */
import { describe, expect, it } from "vitest"
import { PagingStalled } from "../../src/errors.js"
import { normalizePageUrl } from "../../src/stall-guard.js"
import { collect, hostileClient, json, useHostileServer } from "../support/hostile-server.js"
import { rejection } from "../support/sandbox.js"

const server = useHostileServer()
const LIST = "/api/v1/subjects/odata"

const page = (ids: number[], next?: string) => ({
  Items: ids.map((Id) => ({ Id })),
  NextPageLink: next ?? null,
  Count: 100
})

describe("a next link back to an earlier page", () => {
  it("stops when page 2 links back to page 1 with its parameters reordered, recased and encoded", async () => {
    server.current.handle((request, response) => {
      const url = new URL(request.url ?? "/", server.current.url)
      const skip = url.searchParams.get("$skip") ?? url.searchParams.get("$SKIP")
      // Page 1 (what the client asked for) -> page 2 -> "page 1" again, spelt differently.
      if (skip === null) json(response, page([1, 2], `${server.current.url}/CCSWEB${LIST}?$top=2&$skip=2`))
      else if (skip === "2") json(response, page([3, 4], `/CCSWEB/API/v1/subjects/odata?%24TOP=2`))
      else json(response, page([99]))
    })
    const { client } = hostileClient(server.current)
    const error = await rejection(collect(client.records(LIST, { pageSize: 2 })))
    expect(error).toBeInstanceOf(PagingStalled)
    expect(error).toMatchObject({ _tag: "PagingStalled", repeated: "link", pageIndex: 1, firstSeenPage: 0 })
    expect((error as PagingStalled).cursor).toBe("next link /CCSWEB/API/v1/subjects/odata?%24TOP=2")
    expect((error as PagingStalled).message).toContain("leads back to page 0")
    expect(server.current.requests).toHaveLength(2)
  })

  it("stops when page 3 links back to the first page (not the previous one), $skip=0 included", async () => {
    server.current.handle((request, response) => {
      const url = new URL(request.url ?? "/", server.current.url)
      const skip = url.searchParams.get("$skip")
      if (skip === null) json(response, page([1, 2], `${LIST.replace("/api", "/CCSWEB/api")}?$skip=2&$top=2`))
      else if (skip === "2") json(response, page([3, 4], `/CCSWEB${LIST}?$skip=4&$top=2`))
      // Back to the very first page: the URL the client built itself, with $top alone.
      else json(response, page([5, 6], `/ccsweb${LIST}?$Skip=0&%24top=2`))
    })
    const { client } = hostileClient(server.current)
    const error = await rejection(collect(client.records(LIST, { pageSize: 2 })))
    expect(error).toMatchObject({ _tag: "PagingStalled", repeated: "link", pageIndex: 2, firstSeenPage: 0 })
    expect((error as PagingStalled).message).toContain("next link /ccsweb/api/v1/subjects/odata?$Skip=0&%24top=2")
  })
})

describe("a page whose records repeat an earlier page", () => {
  it("stops on records seen two pages before, whatever the links", async () => {
    server.current.handle((request, response) => {
      const skip = new URL(request.url ?? "/", server.current.url).searchParams.get("$skip")
      // Pages A, B, A again under a new $skip: the server ignores $skip past the second page.
      if (skip === "2") json(response, page([3, 4]))
      else json(response, page([1, 2]))
    })
    const { client } = hostileClient(server.current)
    const error = await rejection(collect(client.records(LIST, { pageSize: 2 })))
    expect(error).toMatchObject({ _tag: "PagingStalled", repeated: "content", pageIndex: 2, firstSeenPage: 0 })
    expect((error as PagingStalled).cursor).toBe("$skip=4")
    expect((error as PagingStalled).message).toContain("repeats the records of page 0")
  })

  it("still reads every page of an honest list that uses next links", async () => {
    server.current.handle((request, response) => {
      const skip = Number(new URL(request.url ?? "/", server.current.url).searchParams.get("$skip") ?? 0)
      const ids = skip >= 6 ? [7] : [skip + 1, skip + 2]
      json(response, page(ids, skip >= 6 ? undefined : `/CCSWEB${LIST}?$top=2&$skip=${skip + 2}`))
    })
    const { client } = hostileClient(server.current)
    const records = await collect(client.records(LIST, { pageSize: 2 }))
    expect(records.map((record) => (record as { Id: number }).Id)).toEqual([1, 2, 3, 4, 5, 6, 7])
  })
})

describe("normalizePageUrl", () => {
  it("spells the same page one way", () => {
    const one = normalizePageUrl(new URL("http://H:1/CCSWEB/api/v1/x/odata?$top=2&$skip=4"))
    expect(normalizePageUrl(new URL("http://h:1/ccsweb/api/v1/x/odata/?%24SKIP=4&$Top=2#frag"))).toBe(one)
    expect(normalizePageUrl(new URL("http://h:1/CCSWEB/api/v1/%78/odata?$skip=%34&$top=2"))).toBe(one)
    const first = normalizePageUrl(new URL("http://h/api/v1/x/odata?$top=2"))
    expect(normalizePageUrl(new URL("http://h/api/v1/x/odata?$SKIP=0&$top=2"))).toBe(first)
  })

  it("keeps different pages and different filter values apart", () => {
    const base = "http://h/api/v1/x/odata"
    expect(normalizePageUrl(new URL(`${base}?$skip=4`))).not.toBe(normalizePageUrl(new URL(`${base}?$skip=6`)))
    expect(normalizePageUrl(new URL(`${base}?$filter=Name eq 'A'`))).not.toBe(
      normalizePageUrl(new URL(`${base}?$filter=Name eq 'a'`))
    )
    expect(normalizePageUrl(new URL(`${base}?$filter=a+b`))).toBe(normalizePageUrl(new URL(`${base}?$filter=a%20b`)))
  })
})
