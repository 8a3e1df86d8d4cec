import { gzipSync } from "node:zlib"
import { afterAll, beforeAll, describe, expect, it } from "@effect/vitest"
import { openWarehouse } from "@trialsync/warehouse"
import { createTestDatabase, type TestDatabase } from "@trialsync/warehouse/testing"
import { cliEnv, runCli, tempWorkdir } from "../support/cli.js"
import { type FakeCc, sendJson, startFakeCc } from "../support/fake-cc.js"

type Mode = "gzip-cut" | "flaky"

const KEY = "hostile-key-NEVER-PRINTED-77"
const studies = JSON.stringify([{ id: 1, name: "S-1", lastUpdatedOn: "2026-01-01T00:00:00Z" }])

describe("trialsync run against a hostile CC", () => {
  let cc: FakeCc
  let baseUrl: string
  let database: TestDatabase
  let mode: Mode = "flaky"
  let studyRequests = 0
  const workdir = tempWorkdir()

  beforeAll(async () => {
    cc = await startFakeCc(
      (_request, response, url) => {
        if (!url.pathname.endsWith("/api/v1/studies/odata")) return false
        studyRequests++
        if (mode === "gzip-cut") {
          const gz = gzipSync(studies)
          response.writeHead(200, {
            "content-type": "application/json",
            "content-encoding": "gzip",
            "content-length": String(gz.length)
          })
          response.end(gz.subarray(0, gz.length - 8))
        } else if (studyRequests === 1) sendJson(response, 503, '{"message":"busy"}', { "retry-after": "0" })
        else sendJson(response, 200, studies)
        return true
      },
      { apiKey: KEY }
    )
    baseUrl = cc.baseUrl
    database = await createTestDatabase("cli_hostile")
  })
  afterAll(async () => {
    cc.close()
    await database.drop()
    workdir.remove()
  })

  const cli = (args: Array<string>, extra: Record<string, string> = {}) =>
    runCli(args, {
      cwd: workdir.path,
      env: cliEnv({ CC_API_BASE_URL: baseUrl, CC_API_KEY: KEY, DATABASE_URL: database.url, ...extra })
    })

  it("logs each request at debug and each retry with status, wait and attempt", async () => {
    mode = "flaky"
    studyRequests = 0
    const result = await cli(["run", "--job-id", "2"], { LOG_LEVEL: "debug" })
    expect(result.code, result.stderr).toBe(0)
    expect(result.stderr).toMatch(
      /warn +cc-client: CC GET \/api\/v1\/studies\/odata answered 503 \(attempt 1 of \d+\); retrying in \d+ ms/
    )
    expect(result.stderr).toMatch(/status=503 .*attempt=1 .*waitMs=\d+/)
    expect(result.stderr).toMatch(/debug +cc-client: .*\/api\/v1\/studies\/odata/)
    expect(`${result.stdout}${result.stderr}`).not.toContain(KEY)

    const quiet = await cli(["run", "--job-id", "2"], { LOG_LEVEL: "error" })
    expect(quiet.code).toBe(0)
    expect(quiet.stderr).not.toContain("cc-client:")
  })

  it("fails the run when a gzip body never finishes, instead of exiting 0 with it running", async () => {
    mode = "gzip-cut"
    const result = await cli(["run", "--job-id", "2", "--full-refresh"], {
      CC_BODY_TIMEOUT_MS: "500",
      ETL_MAX_RETRIES: "0",
      ETL_TIMEOUT_SECONDS: "600"
    })
    expect(result.code).toBe(1)
    expect(`${result.stdout}${result.stderr}`).toMatch(/job 2 Studies: failed/)
    const warehouse = await openWarehouse({ databaseUrl: database.url })
    try {
      const [run] = await warehouse.query<{ run_status: string; error_message: string }>(
        "SELECT run_status, error_message FROM dw_etl_runs WHERE job_id = 2 ORDER BY id DESC LIMIT 1"
      )
      expect(run?.run_status).toBe("failed")
      expect(run?.error_message).toMatch(/body|gzip|decode/i)
    } finally {
      await warehouse.close()
    }
  })
})
