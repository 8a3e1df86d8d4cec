import { existsSync, mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "@effect/vitest"
import { type Sandbox, startSandbox } from "@trialsync/cc-sandbox"
import { openWarehouse } from "@trialsync/warehouse"
import { createTestDatabase, type TestDatabase } from "@trialsync/warehouse/testing"
import { cleanEnv, runExample } from "./support/run-script.js"

describe("examples/custom-extract.ts", () => {
  let sandbox: Sandbox
  let database: TestDatabase
  const cwd = mkdtempSync(join(tmpdir(), "trialsync-example-"))
  beforeAll(async () => {
    sandbox = await startSandbox({ scale: 0.002, seed: 11 })
    database = await createTestDatabase("examples_extract")
  })
  afterAll(async () => {
    await sandbox.stop()
    await database.drop()
    rmSync(cwd, { recursive: true, force: true })
  })

  const subjectIdsOf = async (studyId: number) => {
    const response = await fetch(`${sandbox.url}/api/v1/studies/${studyId}/subjects/odata?$top=1000`, {
      headers: { [sandbox.apiKeyHeader]: sandbox.apiKey }
    })
    const page = (await response.json()) as { Items: Array<{ id: number }> }
    return page.Items.map((subject) => String(subject.id)).sort()
  }

  it("loads every subject of the study into the user's table in PostgreSQL, idempotently", async () => {
    const env = cleanEnv({ CC_API_BASE_URL: sandbox.url, CC_API_KEY: sandbox.apiKey, DATABASE_URL: database.url })
    const expected = await subjectIdsOf(1003)
    expect(expected.length).toBeGreaterThan(0)

    const first = await runExample("custom-extract.ts", ["1003"], { cwd, env })
    expect(first.stderr).toBe("")
    expect(first.code).toBe(0)
    expect(first.stdout).toContain(
      `Study 1003: success, ${expected.length} inserted, 0 updated, 0 unchanged (run 1, 1 requests)`
    )
    expect(first.stdout).toContain(`study_1003_subjects holds ${expected.length} subjects`)
    expect(first.stdout).toContain("(postgres://postgres@127.0.0.1:5432/")

    const warehouse = await openWarehouse({ databaseUrl: database.url })
    try {
      const rows = await warehouse.query<{ record_key: string }>(
        "SELECT record_key FROM study_1003_subjects WHERE NOT is_deleted ORDER BY record_key"
      )
      expect(rows.map((row) => row.record_key)).toEqual(expected)
      // The engine recorded the run under the job of the user's own.
      const runs = await warehouse.query<{ job_id: number; trigger: string; run_status: string }>(
        "SELECT job_id, trigger, run_status FROM dw_etl_runs"
      )
      expect(runs).toEqual([{ job_id: 9001, trigger: "custom-extract", run_status: "success" }])
    } finally {
      await warehouse.close()
    }

    const second = await runExample("custom-extract.ts", ["1003"], { cwd, env })
    expect(second.code).toBe(0)
    expect(second.stdout).toContain(
      `Study 1003: success, 0 inserted, 0 updated, ${expected.length} unchanged (run 2, 1 requests)`
    )
  })

  it("uses the embedded PGlite warehouse under .trialsync/ when DATABASE_URL is not set", async () => {
    const result = await runExample("custom-extract.ts", [], { cwd, env: cleanEnv() })
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(/^Study 1001: success, \d+ inserted, 0 updated, 0 unchanged/m)
    expect(result.stdout).toContain("(pglite:.trialsync/pglite)")
    expect(existsSync(join(cwd, ".trialsync", "pglite"))).toBe(true)
  })
})
