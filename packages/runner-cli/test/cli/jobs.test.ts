import { existsSync } from "node:fs"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "@effect/vitest"
import { openWarehouse } from "@trialsync/warehouse"
import { createTestDatabase, type TestDatabase } from "@trialsync/warehouse/testing"
import { cliEnv, runCli, tempWorkdir } from "../support/cli.js"

interface JobRow {
  readonly id: number
  readonly name: string
  readonly status: string
  readonly reason: string
  readonly active: boolean
}

describe("trialsync jobs", () => {
  let database: TestDatabase
  const workdir = tempWorkdir()
  beforeAll(async () => {
    database = await createTestDatabase("cli_jobs")
  })
  afterAll(async () => {
    await database.drop()
    workdir.remove()
  })
  const cli = (args: Array<string>, env = cliEnv()) => runCli(args, { cwd: workdir.path, env })

  it("lists the catalog as JSON (90 rows) with each job's default switch, creating no warehouse", async () => {
    const result = await cli(["jobs", "list", "--json"])
    expect(result.code).toBe(0)
    const rows = JSON.parse(result.stdout) as Array<JobRow>
    expect(rows).toHaveLength(90)
    expect(rows.map((row) => row.id)).toEqual([...rows.map((row) => row.id)].sort((a, b) => a - b))
    expect(rows.find((row) => row.id === 2)).toMatchObject({ name: "Studies", status: "valid", active: true })
    expect(rows.filter((row) => row.active)).toHaveLength(57)
    for (const row of rows) expect(row.reason.length).toBeGreaterThan(10)
    expect(result.stderr).toContain("The warehouse is not migrated yet")
    expect(existsSync(join(workdir.path, ".trialsync"))).toBe(false)
  })

  it("shows the operators' switches stored in dw_etl_jobs once migrated", async () => {
    const env = cliEnv({ DATABASE_URL: database.url })
    expect((await cli(["migrate"], env)).code).toBe(0)
    const warehouse = await openWarehouse({ databaseUrl: database.url })
    try {
      await warehouse.query("UPDATE dw_etl_jobs SET is_active = false WHERE id = 2")
    } finally {
      await warehouse.close()
    }
    const result = await cli(["jobs", "list", "--json"], env)
    expect(result.code).toBe(0)
    expect(result.stderr).toBe("")
    const rows = JSON.parse(result.stdout) as Array<JobRow>
    expect(rows.find((row) => row.id === 2)?.active).toBe(false)
    expect(rows.filter((row) => row.active)).toHaveLength(56)
  })

  it("lists the catalog as a table for people", async () => {
    const result = await cli(["jobs", "list"])
    expect(result.code).toBe(0)
    const lines = result.stdout.split("\n")
    expect(lines[0]).toMatch(/^ id {2}name +category +status +active +endpoint +reason$/)
    expect(lines.find((line) => line.startsWith("  2  Studies"))).toMatch(/core +valid +yes +\/api\/v1\/studies\/odata/)
    expect(result.stdout).toContain("90 jobs: 55 valid, 12 fixed, 16 disabled, 7 not in spec; 57 active.")
  })

  it("validates every endpoint against the spec and exits 0 on the shipped catalog", async () => {
    const result = await cli(["jobs", "validate"])
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(/^Checked 90 jobs against Clinical Conductor API V1\.0 \(310 operations/)
    expect(result.stdout).toContain("0 errors, 0 warnings.")
  })

  it("judges jobs the replaced system's scripts insert into dw_etl_jobs, and exits 1 on a broken one", async () => {
    const env = cliEnv({ DATABASE_URL: database.url })
    expect((await cli(["migrate"], env)).code).toBe(0)
    const warehouse = await openWarehouse({ databaseUrl: database.url })
    let good: number
    let broken: number
    try {
      const insert = (name: string, endpoint: string, target: string, parameterized: boolean) =>
        warehouse.query<{ id: number }>(
          `INSERT INTO dw_etl_jobs (name, source_endpoint, target_table, is_active, requires_parameters, batch_size, rate_limit_ms, source_instance_id)
           VALUES ($1, $2, $3, false, $4, 500, 100, NULL) RETURNING id`,
          [name, endpoint, target, parameterized]
        )
      good = Number((await insert("Script Sites", "/api/v1/sites", "dim_sites_staging", false))[0]!.id)
      broken = Number(
        (await insert("Script Arms", "/api/v1/studies/{studyId}/arms", "Arms; DROP TABLE x", false))[0]!.id
      )
    } finally {
      await warehouse.close()
    }
    const result = await cli(["jobs", "validate"], env)
    expect(result.code).toBe(1)
    expect(result.stdout).toContain(`2 jobs added to dw_etl_jobs outside the catalog: ${good}, ${broken}.`)
    expect(result.stdout).not.toMatch(new RegExp(`^ +${good} +error`, "m"))
    expect(result.stdout).toMatch(
      new RegExp(
        `Job ${broken}: /api/v1/studies/\\{studyId\\}/arms has placeholders \\[studyId\\] but requires_parameters is false`
      )
    )
    expect(result.stdout).toContain(
      `Job ${broken}: target_table "Arms; DROP TABLE x" is not a plain lowercase SQL name`
    )
    expect(result.stdout).toContain("1 errors, 0 warnings.")
  })
})
