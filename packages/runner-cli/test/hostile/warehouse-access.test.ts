/**
 * Issue 9 §6, hostile warehouses through the real CLI: a role that may only read, and a
 * PostgreSQL that is not there. Each must end with a message that says what is wrong and what to
 * do, a non-zero exit, no stack trace, no password, and nothing written.
 */
import { randomBytes } from "node:crypto"
import { createServer } from "node:net"
import { afterAll, beforeAll, describe, expect, it } from "@effect/vitest"
import { type Sandbox, startSandbox } from "@trialsync/cc-sandbox"
import { openWarehouse, type Warehouse } from "@trialsync/warehouse"
import { createTestDatabase, type TestDatabase } from "@trialsync/warehouse/testing"
import { type CliResult, cliEnv, runCli, tempWorkdir } from "../support/cli.js"

const password = "pw-NEVER-PRINTED-4242"

const expectCleanFailure = (result: CliResult) => {
  const all = `${result.stdout}${result.stderr}`
  expect(result.code, all).not.toBe(0)
  expect(result.code).not.toBeNull()
  expect(all).not.toContain(password)
  expect(all).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m) // no stack trace
}

/** A TCP port that was free a moment ago and that nothing listens on now. */
const closedPort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer()
    server.once("error", reject)
    server.listen(0, "127.0.0.1", () => {
      const address = server.address()
      server.close(() => resolve(typeof address === "object" && address !== null ? address.port : 0))
    })
  })

describe("trialsync against a warehouse it cannot use", () => {
  let sandbox: Sandbox
  let database: TestDatabase
  const role = `ts_ro_${randomBytes(4).toString("hex")}`
  const workdir = tempWorkdir()

  const admin = async <A>(run: (client: Warehouse) => Promise<A>, url = database.url): Promise<A> => {
    const client = await openWarehouse({ databaseUrl: url })
    try {
      return await run(client)
    } finally {
      await client.close()
    }
  }
  const cli = (args: Array<string>, databaseUrl: string) =>
    runCli(args, {
      cwd: workdir.path,
      env: cliEnv({ CC_API_BASE_URL: sandbox.url, CC_API_KEY: sandbox.apiKey, DATABASE_URL: databaseUrl })
    })

  beforeAll(async () => {
    sandbox = await startSandbox({ scale: 0.001, seed: 11 })
    database = await createTestDatabase("cli_hostile_wh")
    const migrated = await cli(["migrate"], database.url)
    expect(migrated.code, migrated.stderr).toBe(0)
    await admin(async (client) => {
      await client.query(`CREATE ROLE ${role} LOGIN PASSWORD '${password}'`)
      await client.query(`GRANT CONNECT ON DATABASE "${database.name}" TO ${role}`)
      for (const schema of ["public", "drizzle"]) {
        await client.query(`GRANT USAGE ON SCHEMA ${schema} TO ${role}`)
        await client.query(`GRANT SELECT ON ALL TABLES IN SCHEMA ${schema} TO ${role}`)
      }
    })
  })
  afterAll(async () => {
    await sandbox.stop()
    await database.drop()
    await admin((client) => client.query(`DROP ROLE IF EXISTS ${role}`), new URL("/postgres", database.url).toString())
    workdir.remove()
  })

  it("refuses to run with a read-only role, saying which grant is missing, and writes nothing", async () => {
    const url = new URL(database.url)
    url.username = role
    url.password = password
    const result = await cli(["run", "--job-id", "1"], url.toString())
    expectCleanFailure(result)
    expect(result.stderr).toMatch(/permission denied for \w+ \w+/)
    expect(result.stderr).toMatch(/cannot write to the warehouse/)
    expect(result.stderr).toMatch(/grant it INSERT, UPDATE and DELETE .* or set DATABASE_URL to a role that can/)

    // Reading still works with that role, and nothing was written.
    const status = await cli(["status", "--job-id", "1", "--json"], url.toString())
    expect(status.code, status.stderr).toBe(0)
    expect(JSON.parse(status.stdout)).toMatchObject([{ jobId: 1, lastRunStatus: null }])
    const counts = await admin(async (client) => {
      const [runs] = await client.query<{ n: number }>("SELECT count(*)::int AS n FROM dw_etl_runs")
      const [sites] = await client.query<{ n: number }>("SELECT count(*)::int AS n FROM dim_sites_staging")
      return { runs: runs?.n, sites: sites?.n }
    })
    expect(counts).toEqual({ runs: 0, sites: 0 })
  })

  it("fails fast when PostgreSQL is down, naming host:port and what to do", async () => {
    const port = await closedPort()
    const url = new URL(database.url)
    url.password = password
    url.port = String(port)
    for (const args of [["run", "--job-id", "1"], ["status"]]) {
      const result = await cli(args, url.toString())
      expectCleanFailure(result)
      expect(result.stderr).toContain(`127.0.0.1:${port}`)
      expect(result.stderr).toMatch(/start PostgreSQL there, or fix DATABASE_URL/)
    }
  })
})
