import { existsSync } from "node:fs"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "@effect/vitest"
import { openWarehouse } from "@trialsync/warehouse"
import { createTestDatabase, type TestDatabase } from "@trialsync/warehouse/testing"
import { cliEnv, runCli, tempWorkdir } from "../support/cli.js"

const apiKey = "cc-key-NEVER-PRINTED-5150"
const password = "pw-NEVER-PRINTED-8086"

/** The test database's URL with a password in it (the local server trusts every login, so it is ignored). */
const withPassword = (url: string) => {
  const parsed = new URL(url)
  parsed.password = password
  return parsed.toString()
}

describe("trialsync migrate on PostgreSQL", () => {
  let database: TestDatabase
  const workdir = tempWorkdir()
  beforeAll(async () => {
    database = await createTestDatabase("cli_migrate")
  })
  afterAll(async () => {
    await database.drop()
    workdir.remove()
  })

  it("creates the warehouse, seeds 90 jobs and registers the instance without its key; idempotently", async () => {
    const env = cliEnv({
      DATABASE_URL: withPassword(database.url),
      CC_API_BASE_URL: "https://cc.example.org/CCSWEB/",
      CC_API_KEY: apiKey,
      CC_API_KEY_HEADER: "X-ApiKey"
    })
    const first = await runCli(["migrate"], { cwd: workdir.path, env })
    expect(first.stderr).toBe("")
    expect(first.code).toBe(0)
    expect(first.stdout).toContain("Job catalog: 90 jobs seeded (90 inserted, 0 updated, 0 unchanged)")
    expect(first.stdout).toMatch(/Warehouse ready: postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:5432\/ts_cli_migrate_/)
    expect(first.stdout).toMatch(
      /CC instance "default" \(id \d+\): https:\/\/cc\.example\.org\/CCSWEB, key header X-ApiKey, key from env:CC_API_KEY/
    )

    const second = await runCli(["migrate"], { cwd: workdir.path, env })
    expect(second.code).toBe(0)
    expect(second.stdout).toContain("Job catalog: 90 jobs seeded (0 inserted, 0 updated, 90 unchanged)")

    for (const output of [first.stdout, first.stderr, second.stdout, second.stderr]) {
      expect(output).not.toContain(apiKey)
      expect(output).not.toContain(password)
    }

    const warehouse = await openWarehouse({ databaseUrl: database.url })
    try {
      const [jobs] = await warehouse.query<{ count: number }>("SELECT count(*)::int AS count FROM dw_etl_jobs")
      expect(jobs?.count).toBe(90)
      const credentials = await warehouse.query("SELECT * FROM dw_api_credentials")
      expect(credentials).toHaveLength(1)
      expect(credentials[0]).toMatchObject({
        instance_name: "default",
        base_url: "https://cc.example.org/CCSWEB",
        api_key_header: "X-ApiKey",
        api_key: "env:CC_API_KEY"
      })
      expect(JSON.stringify(credentials)).not.toContain(apiKey)
    } finally {
      await warehouse.close()
    }
    // PostgreSQL mode leaves no embedded database behind.
    expect(existsSync(join(workdir.path, ".trialsync"))).toBe(false)
  })
})

describe("trialsync migrate on the embedded PGlite warehouse", () => {
  const workdir = tempWorkdir()
  afterAll(() => workdir.remove())

  it("creates the PGlite warehouse under TRIALSYNC_DATA_DIR and is idempotent", async () => {
    const env = cliEnv({ TRIALSYNC_DATA_DIR: "state" })
    const first = await runCli(["migrate"], { cwd: workdir.path, env })
    expect(first.code).toBe(0)
    expect(first.stdout).toContain("Warehouse ready: pglite:state/pglite")
    expect(first.stdout).toContain("90 jobs seeded (90 inserted, 0 updated, 0 unchanged)")
    expect(first.stdout).toContain("No CC instance registered: CC_API_BASE_URL is not set")
    expect(existsSync(join(workdir.path, "state", "pglite"))).toBe(true)
    expect(existsSync(join(workdir.path, ".trialsync"))).toBe(false)

    const second = await runCli(["migrate"], { cwd: workdir.path, env })
    expect(second.code).toBe(0)
    expect(second.stdout).toContain("90 jobs seeded (0 inserted, 0 updated, 90 unchanged)")
  })
})
