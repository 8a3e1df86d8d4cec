/**
 * Issue 9 section 6 (client part): a hostile or broken server. Next links to another origin are
 * never followed (the key would go with them), and empty bodies, arrays where a page object is
 * expected, and lying Content-Types end in a typed error or a correct result.
 */
import { describe, expect, it } from "vitest"
import { BadResponse } from "../../src/errors.js"
import { collect, HOSTILE_KEY, hostileClient, json, useHostileServer } from "../support/hostile-server.js"
import { rejection } from "../support/sandbox.js"

const server = useHostileServer()
const LIST = "/api/v1/subjects/odata"
const DETAILS = "/api/v1/instance/details"

/** Requests that carried the key, and where they went. */
const keyed = () =>
  server.current.requests.filter((request) => Object.values(request.headers).some((value) => value === HOSTILE_KEY))

describe("a next link off the base URL's origin", () => {
  const offOrigin = (link: () => string) => async () => {
    server.current.handle((request, response) => {
      // Only the first page is served here; anything following the link would be logged too.
      if ((request.headers.host ?? "").startsWith("127.0.0.1")) {
        json(response, { Items: [{ Id: 1 }, { Id: 2 }], NextPageLink: link() })
      } else json(response, { Items: [{ Id: 666 }], NextPageLink: null })
    })
    const { client } = hostileClient(server.current)
    const seen: unknown[] = []
    const error = await rejection(
      (async () => {
        for await (const record of client.records(LIST, { pageSize: 2 })) seen.push(record)
      })()
    )
    expect(error).toBeInstanceOf(BadResponse)
    expect((error as BadResponse).reason).toMatch(/not followed so the key is not sent there/)
    expect(seen).toEqual([{ Id: 1 }, { Id: 2 }]) // the page that came from the right origin is kept
    expect(server.current.requests).toHaveLength(1) // nothing was sent to the other origin
    expect(keyed().map((request) => request.headers.host)).toEqual([new URL(server.current.url).host])
  }

  it(
    "refuses another host name",
    offOrigin(() => `${server.current.otherOriginUrl}/CCSWEB${LIST}?$skip=2`)
  )
  it(
    "refuses a protocol-relative link",
    offOrigin(() => `//localhost:${new URL(server.current.url).port}${LIST}`)
  )
  it(
    "refuses another scheme",
    offOrigin(() => `https://127.0.0.1:${new URL(server.current.url).port}${LIST}`)
  )

  it("refuses a link carrying credentials, even on the same origin", async () => {
    server.current.handle((_request, response) =>
      json(response, {
        Items: [{ Id: 1 }, { Id: 2 }],
        NextPageLink: `http://someone:pw@${new URL(server.current.url).host}/CCSWEB${LIST}?$skip=2`
      })
    )
    const { client } = hostileClient(server.current, { maxRetries: 2 })
    const error = await rejection(collect(client.records(LIST, { pageSize: 2 })))
    expect(error).toMatchObject({ _tag: "BadResponse", attempts: 0 })
    expect((error as BadResponse).reason).toMatch(/credentials/)
    expect(JSON.stringify(error)).not.toContain("pw@")
    expect(server.current.requests).toHaveLength(1)
  })
})

describe("broken bodies", () => {
  it("an empty 200 is a BadResponse, for get and for a list", async () => {
    server.current.handle((_request, response) => {
      response.writeHead(200, { "content-type": "application/json" })
      response.end()
    })
    const { client } = hostileClient(server.current, { maxRetries: 2 })
    const single = await rejection(client.get(DETAILS))
    expect(single).toMatchObject({ _tag: "BadResponse", status: 200, attempts: 1 })
    expect((single as BadResponse).reason).toBe("an empty body where a JSON answer was expected")
    const list = await rejection(collect(client.records(LIST)))
    expect((list as BadResponse).reason).toBe("an empty body where a JSON list was expected")
  })

  it("a bare JSON array where a page object is expected is read as a one-shape list", async () => {
    server.current.handle((request, response) => {
      const skip = new URL(request.url ?? "/", server.current.url).searchParams.get("$skip")
      json(response, skip === null ? [{ Id: 1 }, { Id: 2 }] : [{ Id: 3 }])
    })
    const { client } = hostileClient(server.current)
    const pages = await collect(client.paginate(LIST, { pageSize: 2 }))
    expect(pages.map((page) => [page.shape, page.items])).toEqual([
      ["array", [{ Id: 1 }, { Id: 2 }]],
      ["array", [{ Id: 3 }]]
    ])
  })

  it("a page object whose items are not a list, or JSON that is no object, is a BadResponse naming it", async () => {
    for (const [body, said] of [
      [{ Items: { 0: { Id: 1 } }, Count: 1 }, "an object with keys Items, Count"],
      [null, "a JSON null"],
      ["a string", "a JSON string"]
    ] as const) {
      server.current.handle((_request, response) => json(response, JSON.stringify(body)))
      const { client } = hostileClient(server.current)
      const error = await rejection(collect(client.records(LIST)))
      expect(error).toBeInstanceOf(BadResponse)
      expect((error as BadResponse).reason).toContain(said)
    }
  })
})

describe("a lying Content-Type", () => {
  it("JSON labelled text/html is read as the JSON it is", async () => {
    server.current.handle((_request, response) => {
      response.writeHead(200, { "content-type": "text/html; charset=utf-8" })
      response.end(JSON.stringify({ Items: [{ Id: 1 }], NextPageLink: null }))
    })
    const { client } = hostileClient(server.current)
    expect(await collect(client.records(LIST))).toEqual([{ Id: 1 }])
    const { data } = await client.sdk.studyGetStudy({ path: { id: 1 } })
    expect(data).toEqual({ Items: [{ Id: 1 }], NextPageLink: null })
  })

  it("an HTML page labelled application/json is a BadResponse quoting its start", async () => {
    server.current.handle((_request, response) => {
      response.writeHead(200, { "content-type": "application/json" })
      response.end("<!DOCTYPE html><html><body>Sign in to Clinical Conductor</body></html>")
    })
    const { client } = hostileClient(server.current, { maxRetries: 2 })
    for (const call of [
      () => client.get(DETAILS),
      () => collect(client.records(LIST)),
      () => client.sdk.studyGetStudy({ path: { id: 1 } })
    ]) {
      const error = await rejection(call())
      expect(error).toBeInstanceOf(BadResponse)
      expect(error).toMatchObject({ status: 200, attempts: 1 })
      expect((error as BadResponse).reason).toContain('a body that is not JSON (it starts with "<!DOCTYPE html>')
      expect((error as BadResponse).message).toContain("check that the base URL points at the CC API")
    }
  })
})
