import { inspect } from "node:util"
import { beforeEach, describe, expect, expectTypeOf, it } from "vitest"
import { createCcClient } from "../src/client.js"
import { InvalidOptions, isCcError, Unauthorized } from "../src/errors.js"
import type { InstanceDetails, StudyViewModel, SubjectViewModel } from "../src/generated/types.gen.js"
import { odata } from "../src/odata.js"
import { clientFor, recordingLogger, rejection, useSandbox } from "./support/sandbox.js"

const sandbox = useSandbox()

beforeEach(() => {
  sandbox.current.setFaults({})
  sandbox.current.resetStats()
})

describe("typed get", () => {
  it("calls a GET without path parameters, typed by the spec", async () => {
    const { client } = clientFor(sandbox.current)
    const details = await client.get("/api/v1/instance/details")
    expectTypeOf(details).toEqualTypeOf<InstanceDetails>()
    expect(details.instanceType).toBe("CC")
  })

  it("fills typed path parameters and OData query options", async () => {
    const { client } = clientFor(sandbox.current)
    const [first] = await client.get("/api/v1/studies/odata", { query: { $top: 1, $orderby: "id asc" } })
    expect(first).toBeDefined()
    const study = await client.get("/api/v1/studies/{id}", { params: { id: first!.id! } })
    expectTypeOf(study).toEqualTypeOf<StudyViewModel>()
    expect(study.id).toBe(first!.id)
    const page = await client.get("/api/v1/studies/{studyId}/subjects/odata", {
      params: { studyId: first!.id! },
      query: { $top: 2, $count: true, $filter: odata.gt("id", 0) }
    })
    expectTypeOf(page.Items).toEqualTypeOf<Array<SubjectViewModel> | undefined>()
    expect(page.Items!.length).toBeLessThanOrEqual(2)
    // @ts-expect-error: the path has a placeholder, so params are required
    await rejection(client.get("/api/v1/studies/{id}"))
  })

  it("calls the generated SDK through the same transport (and its typed errors)", async () => {
    const { client } = clientFor(sandbox.current)
    const { data } = await client.sdk.studyGetStudiesOData({ query: { $top: 3 } })
    expect(data).toHaveLength(3)
    const error = await rejection(client.sdk.studyGetStudy({ path: { id: 999_999_999 } }))
    expect(error).toMatchObject({ _tag: "NotFound", attempts: 1, path: "/api/v1/studies/999999999" })
    expect(client.metrics().requests).toBe(2)
  })

  it("turns a non-JSON SDK answer into a BadResponse rather than a bare SyntaxError", async () => {
    const { client } = clientFor(sandbox.current)
    sandbox.current.enqueueFaults([{ invalidJson: true, pathPrefix: "/api/v1/studies/odata" }])
    const error = await rejection(client.sdk.studyGetStudiesOData({ query: { $top: 3 } }))
    expect(error).toMatchObject({ _tag: "BadResponse", attempts: 1, status: 200 })
  })
})

describe("the key", () => {
  it("a wrong key header name gives Unauthorized naming the header that was sent", async () => {
    const { client } = clientFor(sandbox.current, { apiKeyHeader: "X-ApiKey" })
    const error = await rejection(client.get("/api/v1/studies/odata"))
    expect(error).toBeInstanceOf(Unauthorized)
    expect((error as Unauthorized).message).toContain("sent the key in header X-ApiKey")
    expect((error as Unauthorized).message).toContain("CC_API_KEY_HEADER")
    expect(error).toMatchObject({ status: 401, attempts: 1, apiKeyHeader: "X-ApiKey" })
    expect(sandbox.current.stats().requests).toBe(1)
  })

  it("never appears in errors, log lines, or the client's string, JSON and inspect forms", async () => {
    const apiKey = sandbox.current.apiKey
    const { lines, logger } = recordingLogger()
    const { client } = clientFor(sandbox.current, { logger, logLevel: "debug", maxRetries: 1 })
    const wrongHeader = clientFor(sandbox.current, { logger, logLevel: "debug", apiKeyHeader: "X-ApiKey" }).client
    sandbox.current.enqueueFaults([
      { status: 503, body: `{"message":"overloaded for ${apiKey}"}`, pathPrefix: "/api/v1/studies" },
      { status: 400, body: `{"message":"bad key ${apiKey}"}`, pathPrefix: "/api/v1/studies" }
    ])
    const errors = [
      await rejection(client.get("/api/v1/studies/odata")),
      await rejection(client.getUntyped("/api/v1/nothing-here")),
      await rejection(wrongHeader.get("/api/v1/studies/odata")),
      await rejection(client.get("/api/v1/studies/odata", { query: { $top: 5000 } }))
    ]
    expect(errors.every(isCcError)).toBe(true)
    const texts = [
      ...errors.flatMap((error) => [String(error), (error as Error).message, JSON.stringify(error), inspect(error)]),
      ...lines.map((line) => JSON.stringify(line)),
      String(client),
      JSON.stringify(client),
      inspect(client),
      inspect(client, { showHidden: true, depth: 8 }),
      inspect(client.sdk, { showHidden: true, depth: 8 }),
      JSON.stringify(client.metrics())
    ]
    expect(lines.length).toBeGreaterThan(0)
    expect(texts.join("\n")).toContain("[redacted]")
    for (const text of texts) expect(text).not.toContain(apiKey)
  })
})

describe("options", () => {
  it("refuse bad values with InvalidOptions naming the option", () => {
    const attempt = (options: object) => {
      try {
        createCcClient({ baseUrl: "https://cc.example/CCSWEB", apiKey: "k".repeat(12), ...options })
      } catch (error) {
        return error
      }
      return undefined
    }
    expect(attempt({ baseUrl: "cc.example" })).toMatchObject({ _tag: "InvalidOptions", option: "baseUrl" })
    expect(attempt({ apiKey: " " })).toMatchObject({ option: "apiKey" })
    expect(attempt({ apiKeyHeader: "CC API Key" })).toMatchObject({ option: "apiKeyHeader" })
    expect(attempt({ concurrency: 0 })).toMatchObject({ option: "concurrency" })
    expect(attempt({ requestsPerSecond: -1 })).toMatchObject({ option: "requestsPerSecond" })
    expect(attempt({ timeoutMs: 0 })).toBeInstanceOf(InvalidOptions)
    expect(attempt({})).toBeUndefined()
  })
})

describe("the shared limiter", () => {
  it("bounds concurrency across get, SDK calls and pagination of one client", async () => {
    let inFlight = 0
    let peak = 0
    const countingFetch: typeof fetch = async (input, init) => {
      inFlight++
      peak = Math.max(peak, inFlight)
      try {
        return await fetch(input, init)
      } finally {
        inFlight--
      }
    }
    const { client } = clientFor(sandbox.current, { concurrency: 2, fetch: countingFetch })
    sandbox.current.setFaults({ latencyMs: 30 })
    const pages = async () => {
      let rows = 0
      for await (const page of client.paginate("/api/v1/subjects/odata", { pageSize: 20 })) rows += page.items.length
      return rows
    }
    const results = await Promise.all([
      ...Array.from({ length: 4 }, () => client.get("/api/v1/instance/details")),
      ...Array.from({ length: 3 }, () => client.sdk.studyGetStudiesOData({ query: { $top: 2 } })),
      pages(),
      pages()
    ])
    expect(results).toHaveLength(9)
    expect(peak).toBe(2)
    expect(client.metrics().peakInFlight).toBe(2)
  })
})
