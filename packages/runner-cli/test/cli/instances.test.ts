import { afterAll, beforeAll, describe, expect, it } from "@effect/vitest"
import { openWarehouse } from "@trialsync/warehouse"
import { createTestDatabase, type TestDatabase } from "@trialsync/warehouse/testing"
import { cliEnv, runCli, tempWorkdir } from "../support/cli.js"

describe("trialsync instances", () => {
  let database: TestDatabase
  const workdir = tempWorkdir()
  beforeAll(async () => {
    database = await createTestDatabase("cli_instances")
  })
  afterAll(async () => {
    await database.drop()
    workdir.remove()
  })
  const cli = (args: Array<string>, extra: Record<string, string> = {}) =>
    runCli(args, { cwd: workdir.path, env: cliEnv({ DATABASE_URL: database.url, ...extra }) })

  it("migrate pointed at a second CC keeps the first instance's base URL", async () => {
    expect((await cli(["migrate"], { CC_API_BASE_URL: "https://first.cc.test", CC_API_KEY: "k1" })).code).toBe(0)
    const second = await cli(["migrate"], { CC_API_BASE_URL: "https://second.cc.test", CC_API_KEY: "k2" })
    expect(second.code).toBe(0)
    expect(second.stdout).toContain('CC instance "default" (id 1): https://first.cc.test')
    expect(second.stdout).toContain("kept as registered: CC_API_BASE_URL (https://second.cc.test) differs")
    const warehouse = await openWarehouse({ databaseUrl: database.url })
    try {
      const rows = await warehouse.query<{ base_url: string }>("SELECT base_url FROM dw_api_credentials")
      expect(rows).toEqual([{ base_url: "https://first.cc.test" }])
    } finally {
      await warehouse.close()
    }
  })

  it("adds, lists and removes instances, each with its own key reference, header and rate ceiling", async () => {
    const added = await cli([
      "instances",
      "add",
      "site2",
      "--base-url",
      "https://second.cc.test",
      "--key-ref",
      "env:CC_API_KEY_SITE2",
      "--key-header",
      "X-ApiKey",
      "--rate-limit-rps",
      "2.5"
    ])
    expect(added.stderr).toBe("")
    expect(added.code).toBe(0)
    expect(added.stdout).toMatch(
      /Added CC instance site2 \(id \d+\): https:\/\/second\.cc\.test, key header X-ApiKey, key from env:CC_API_KEY_SITE2, at most 2\.5 requests\/s\./
    )
    const listed = await cli(["instances", "list", "--json"])
    expect(listed.code).toBe(0)
    const instances = JSON.parse(listed.stdout) as Array<{ name: string; baseUrl: string; rateLimitRps?: number }>
    expect(instances.map((instance) => [instance.name, instance.baseUrl])).toEqual([
      ["default", "https://first.cc.test"],
      ["site2", "https://second.cc.test"]
    ])
    const table = await cli(["instances", "list"])
    expect(table.stdout).toMatch(/site2 +yes +https:\/\/second\.cc\.test +env:CC_API_KEY_SITE2 +X-ApiKey +2\.5/)

    const taken = await cli(["instances", "add", "site2", "--base-url", "https://third.cc.test"])
    expect(taken.code).toBe(2)
    expect(taken.stderr).toContain("an instance of that name exists")

    const removed = await cli(["instances", "remove", "site2"])
    expect(removed.code).toBe(0)
    expect(removed.stdout).toContain("Removed CC instance site2.")
    const missing = await cli(["instances", "remove", "site2"])
    expect(missing.code).toBe(2)
    expect(missing.stderr).toContain('No active CC instance named "site2" (active: default)')
  })

  it("refuses a key where a key reference belongs, without printing it", async () => {
    const result = await cli([
      "instances",
      "add",
      "leaky",
      "--base-url",
      "https://x.cc.test",
      "--key-ref",
      "sk-SECRET-42"
    ])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain("bad key reference: it must name an environment variable as env:NAME")
    expect(`${result.stdout}${result.stderr}`).not.toContain("sk-SECRET-42")
  })
})
