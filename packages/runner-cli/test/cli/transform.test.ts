import { afterAll, beforeAll, describe, expect, it } from "@effect/vitest"
import { type Sandbox, startSandbox } from "@trialsync/cc-sandbox"
import { openWarehouse } from "@trialsync/warehouse"
import { createTestDatabase, type TestDatabase } from "@trialsync/warehouse/testing"
import { cliEnv, runCli, tempWorkdir } from "../support/cli.js"

describe("trialsync transform on PostgreSQL", () => {
  let sandbox: Sandbox
  let database: TestDatabase
  let env: NodeJS.ProcessEnv
  const workdir = tempWorkdir()
  const cli = (...args: Array<string>) => runCli(args, { cwd: workdir.path, env })

  beforeAll(async () => {
    sandbox = await startSandbox({ scale: 0.001, seed: 21 })
    database = await createTestDatabase("cli_transform")
    env = cliEnv({ CC_API_BASE_URL: sandbox.url, CC_API_KEY: sandbox.apiKey, DATABASE_URL: database.url })
    const sync = await cli("run", "--category", "core")
    expect(sync.code).toBe(0)
  })
  afterAll(async () => {
    await sandbox.stop()
    await database.drop()
    workdir.remove()
  })

  it("transforms Bronze into Silver and Gold and passes every data-quality check", async () => {
    const result = await cli("transform", "--full")
    expect(result.stderr).toBe("")
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(/^Transformation run \d+ \(full\): success in \S+\.$/m)
    expect(result.stdout).toMatch(/^Data quality: (\d+) of \1 checks passed\.$/m)
    expect(result.stdout).toMatch(/^silver +dim_studies +\d+/m)
    expect(result.stdout).toMatch(/^Gold refreshed\.$/m)
  })

  it("exits 1 and names the check a deliberately broken staging row fails", async () => {
    const warehouse = await openWarehouse({ databaseUrl: database.url })
    try {
      // A study whose id is not a number: Silver cannot key it.
      await warehouse.query(
        `INSERT INTO dim_studies_staging (data, source_instance_id, source_id, record_key, content_hash, etl_job_id, etl_run_id)
         SELECT '{"id": "not-a-number", "name": "broken"}'::jsonb, source_instance_id, 'not-a-number', 'not-a-number', 'x', 2, 0
         FROM dim_studies_staging LIMIT 1`
      )
    } finally {
      await warehouse.close()
    }
    const result = await cli("transform")
    expect(result.code).toBe(1)
    expect(result.stdout).toMatch(/^staging_rows_without_keys +dim_studies_staging +FAILED +1 /m)
    expect(result.stderr).toMatch(
      /error: data-quality check failed: staging_rows_without_keys on \S+ \(1 rows, e\.g\. /
    )
    // The checks ran before Gold: the previous metrics stay, and both outputs say why.
    const kept =
      /Gold not refreshed: blocking check staging_rows_without_keys failed \(dim_studies_staging: 1 row, e\.g\. \d+:not-a-number\)\./
    expect(result.stdout).toMatch(kept)
    expect(result.stderr).toMatch(kept)
  })
})
