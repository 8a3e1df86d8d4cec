/**
 * Issue 13, through the real CLI against a misbehaving CC: a body that never finishes decoding
 * must end the run with an error (never exit 0 with the run left `running`), and
 * `LOG_LEVEL=debug` shows every request and each retry with its status, wait and attempt.
 */
import { createServer, type Server, type ServerResponse } from "node:http"
import type { AddressInfo } from "node:net"
import { gzipSync } from "node:zlib"
import { afterAll, beforeAll, describe, expect, it } from "@effect/vitest"
import { openWarehouse } from "@trialsync/warehouse"
import { createTestDatabase, type TestDatabase } from "@trialsync/warehouse/testing"
import { cliEnv, runCli, tempWorkdir } from "../support/cli.js"

type Mode = "gzip-cut" | "flaky"

const KEY = "hostile-key-NEVER-PRINTED-77"
const studies = JSON.stringify([{ id: 1, name: "S-1", lastUpdatedOn: "2026-01-01T00:00:00Z" }])

describe("trialsync run against a hostile CC", () => {
  let server: Server
  let baseUrl: string
  let database: TestDatabase
  let mode: Mode = "flaky"
  let studyRequests = 0
  const workdir = tempWorkdir()

  const send = (response: ServerResponse, status: number, body: string, headers: Record<string, string> = {}) => {
    response.writeHead(status, { "content-type": "application/json", ...headers })
    response.end(body)
  }

  beforeAll(async () => {
    server = createServer((request, response) => {
      const path = new URL(request.url ?? "/", "http://x").pathname
      if (path.endsWith("/api/v1/instance/details")) return send(response, 200, '{"instanceUID":"hostile-1"}')
      if (request.headers.ccapikey !== KEY) return send(response, 401, '{"message":"bad key"}')
      if (path.endsWith("/api/v1/sites/odata")) return send(response, 200, '{"Items":[],"Count":0}')
      if (!path.endsWith("/api/v1/studies/odata")) return send(response, 404, "{}")
      studyRequests++
      if (mode === "gzip-cut") {
        const gz = gzipSync(studies)
        response.writeHead(200, {
          "content-type": "application/json",
          "content-encoding": "gzip",
          "content-length": String(gz.length)
        })
        return response.end(gz.subarray(0, gz.length - 8))
      }
      if (studyRequests === 1) return send(response, 503, '{"message":"busy"}', { "retry-after": "0" })
      return send(response, 200, studies)
    })
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/CCSWEB`
    database = await createTestDatabase("cli_hostile")
  })
  afterAll(async () => {
    server.close()
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
