import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "@effect/vitest"
import { type Sandbox, startSandbox } from "@trialsync/cc-sandbox"
import { cleanEnv, runExample } from "./support/run-script.js"

describe("examples/typed-client.ts", () => {
  let sandbox: Sandbox
  const cwd = mkdtempSync(join(tmpdir(), "trialsync-example-"))
  beforeAll(async () => {
    sandbox = await startSandbox({ scale: 0.002, seed: 7 })
  })
  afterAll(async () => {
    await sandbox.stop()
    rmSync(cwd, { recursive: true, force: true })
  })

  const subjectsNotScreenFailed = async (studyId: number) => {
    const response = await fetch(`${sandbox.url}/api/v1/studies/${studyId}/subjects/odata?$top=1000`, {
      headers: { [sandbox.apiKeyHeader]: sandbox.apiKey }
    })
    const page = (await response.json()) as { Items: Array<{ status?: string }> }
    return page.Items.filter((subject) => subject.status !== "ScreenFailed").length
  }

  it("makes typed calls against the CC named by CC_API_BASE_URL", async () => {
    const result = await runExample("typed-client.ts", ["1002"], {
      cwd,
      env: cleanEnv({ CC_API_BASE_URL: sandbox.url, CC_API_KEY: sandbox.apiKey })
    })
    expect(result.stderr).toBe("")
    expect(result.code).toBe(0)
    expect(result.stdout).not.toContain("using a sandbox")
    expect(result.stdout).toMatch(/^Connected to a CC instance, web version \S+$/m)
    expect(result.stdout).toMatch(/^Study 1002: \S+/m)
    expect(result.stdout).toContain(`${await subjectsNotScreenFailed(1002)} subjects not screen-failed: `)
    expect(result.stdout).toMatch(/A missing study is a typed NotFound: GET \/api\/v1\/studies\/987654321 answered 404/)
    expect(result.stdout).not.toContain(sandbox.apiKey)
  })

  it("starts its own sandbox when CC_API_BASE_URL is not set", async () => {
    const result = await runExample("typed-client.ts", [], { cwd, env: cleanEnv() })
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(/^\(CC_API_BASE_URL is not set: using a sandbox at http:\/\/127\.0\.0\.1:\d+\)$/m)
    expect(result.stdout).toMatch(/^Study 1001: /m)
  })

  it("fails with the client's error when the key is wrong", async () => {
    const result = await runExample("typed-client.ts", [], {
      cwd,
      env: cleanEnv({ CC_API_BASE_URL: sandbox.url, CC_API_KEY: "wrong-key-123" })
    })
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/Unauthorized/)
    expect(result.stderr).toMatch(/CCAPIKey/)
    expect(result.stderr).not.toContain("wrong-key-123")
  })
})
