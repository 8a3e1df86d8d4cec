import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type Sandbox, SandboxConfigError, startSandbox } from "../../src/index.js"
import { get, post } from "../support.js"

let sandbox: Sandbox

beforeAll(async () => {
  sandbox = await startSandbox({ scale: 0.002, seed: 5 })
})
afterAll(() => sandbox.stop())

describe("auth", () => {
  it("answers 401 without the key, naming the header expected and never echoing a key", async () => {
    const attempts: Array<Record<string, string>> = [{}, { CCAPIKey: "wrong-key-123" }, { "X-ApiKey": sandbox.apiKey }]
    for (const headers of attempts) {
      const answer = await get(sandbox, "/api/v1/studies/odata", headers)
      expect(answer.status).toBe(401)
      expect(answer.json.message).toContain('"CCAPIKey"')
      expect(answer.text).not.toContain("wrong-key-123")
      expect(answer.text).not.toContain(sandbox.apiKey)
    }
  })

  it("takes the key header name from the options", async () => {
    const custom = await startSandbox({ scale: 0.002, apiKeyHeader: "X-ApiKey", apiKey: "secret-abc" })
    try {
      expect(custom.apiKeyHeader).toBe("X-ApiKey")
      expect((await get(custom, "/api/v1/studies/odata", { "x-apikey": "secret-abc" })).status).toBe(200)
      const wrongHeader = await get(custom, "/api/v1/studies/odata", { CCAPIKey: "secret-abc" })
      expect(wrongHeader.status).toBe(401)
      expect(wrongHeader.json.message).toContain('"X-ApiKey"')
    } finally {
      await custom.stop()
    }
  })

  it("serves instance details without a key", async () => {
    const answer = await get(sandbox, "/api/v1/instance/details", {})
    expect(answer.status).toBe(200)
    expect(answer.json.instanceType).toBe("CC")
    expect(answer.json.instanceUID).toMatch(/^[0-9a-f-]{36}$/)
    expect(Object.keys(answer.json)).toEqual([
      "instanceUID",
      "instanceType",
      "customerUID",
      "webVersion",
      "dbVersion",
      "pubSub"
    ])
  })

  it("derives a stable default key from the seed", async () => {
    expect(sandbox.apiKey).toMatch(/^sbx_[0-9a-f]{32}$/)
    const again = await startSandbox({ scale: 0.002, seed: 5 })
    const other = await startSandbox({ scale: 0.002, seed: 6 })
    try {
      expect(again.apiKey).toBe(sandbox.apiKey)
      expect(other.apiKey).not.toBe(sandbox.apiKey)
    } finally {
      await Promise.all([again.stop(), other.stop()])
    }
  })

  it("protects the admin API with the same key", async () => {
    expect((await get(sandbox, "/__sandbox/counts", {})).status).toBe(401)
    expect((await get(sandbox, "/__sandbox/counts")).status).toBe(200)
  })
})

describe("paths and errors", () => {
  it("answers 404 with a JSON message for paths the spec does not have, even without a key", async () => {
    for (const path of [
      "/api/v1/studies/1001/queries/odata",
      "/api/v1/users/odata",
      "/api/v1/patient-visits/1/elements/odata"
    ]) {
      const answer = await get(sandbox, path, {})
      expect(answer.status, path).toBe(404)
      expect(answer.json.message).toContain(path)
    }
  })

  it("answers 404 for a parent that does not exist and for records that do not belong together", async () => {
    const missing = await get(sandbox, "/api/v1/studies/999999/subjects/odata")
    expect(missing.status).toBe(404)
    expect(missing.json.message).toMatch(/Study .*999999/)
    const subject = (await get(sandbox, "/api/v1/subjects/odata?$top=1")).json.Items[0]
    const studies = (await get(sandbox, "/api/v1/studies")).json as Array<{ id: number }>
    const otherStudy = studies.find((study) => study.id !== subject.study.id)!
    const mismatch = await get(sandbox, `/api/v1/studies/${otherStudy.id}/subjects/${subject.id}`)
    expect(mismatch.status).toBe(404)
    expect((await get(sandbox, `/api/v1/studies/${subject.study.id}/subjects/${subject.id}`)).status).toBe(200)
    expect((await get(sandbox, `/api/v1/subjects/odata?studyId=999999`)).status).toBe(404)
  })

  it("answers 400 for ids that are not numbers", async () => {
    const answer = await get(sandbox, "/api/v1/studies/abc")
    expect(answer.status).toBe(400)
    expect(answer.json.message).toMatch(/integer/)
  })

  it("answers 405 for methods other than GET on spec paths", async () => {
    const answer = await post(sandbox, "/api/v1/studies", {})
    expect(answer.status).toBe(405)
    expect(answer.headers.get("allow")).toBe("GET")
  })

  it("answers 501 for CCE-only endpoints on a CC instance, and serves them empty on CCE", async () => {
    for (const path of ["/api/v1/site-payments/odata", "/api/v1/monitor-queries/odata", "/api/v1/engagements/odata"]) {
      const answer = await get(sandbox, path)
      expect(answer.status, path).toBe(501)
      expect(answer.json.message).toMatch(/CCE/)
    }
    const cce = await startSandbox({ scale: 0.002, instanceType: "CCE" })
    try {
      const answer = await get(cce, "/api/v1/site-payments/odata")
      expect(answer.status).toBe(200)
      expect(answer.json).toEqual({ Items: [], NextPageLink: null, Count: null })
      expect((await get(cce, "/api/v1/instance/details", {})).json.instanceType).toBe("CCE")
    } finally {
      await cce.stop()
    }
  })

  it("counts requests by status and path template", async () => {
    sandbox.resetStats()
    await get(sandbox, "/api/v1/studies/odata")
    await get(sandbox, "/api/v1/studies/odata", {})
    await get(sandbox, "/api/v1/nowhere")
    const stats = sandbox.stats()
    expect(stats.requests).toBe(3)
    expect(stats.byStatus).toEqual({ "200": 1, "401": 1, "404": 1 })
    expect(stats.byPath["/api/v1/studies/odata"]).toBe(2)
    const overHttp = await get(sandbox, "/__sandbox/stats")
    expect(overHttp.json).toEqual(stats)
    expect((await post(sandbox, "/__sandbox/stats/reset", {})).status).toBe(200)
    expect(sandbox.stats().requests).toBe(0)
  })
})

describe("options", () => {
  it.each([
    [{ scale: 0 }, /scale/],
    [{ scale: 11 }, /scale/],
    [{ seed: 1.5 }, /seed/],
    [{ port: 70_000 }, /port/],
    [{ apiKeyHeader: "bad header" }, /apiKeyHeader/],
    [{ listShape: "xml" }, /listShape/],
    [{ instanceType: "XYZ" }, /instanceType/],
    [{ faults: { faultRate: 2 } }, /faultRate/],
    [{ sclae: 1 }, /sclae/]
  ])("rejects %j with a message naming the option", async (options, message) => {
    await expect(startSandbox(options as never)).rejects.toThrow(SandboxConfigError)
    await expect(startSandbox(options as never)).rejects.toThrow(message)
  })
})
