/**
 * Issue 13 items 3 and 5, through the real CLI: PostgreSQL terminating our backends in the middle
 * of a fan-out (`pg_terminate_backend`) must not crash the process on an unhandled 'error' event
 * or leave runs `running`; the run fails clearly and `resume` finishes it. A server that accepts
 * TCP and never answers ends in a timeout naming the host, not a silent hang.
 */

import type { AddressInfo } from "node:net"
import { createServer, type Server, type Socket } from "node:net"
import { afterAll, beforeAll, describe, expect, it } from "@effect/vitest"
import { type Sandbox, startSandbox } from "@trialsync/cc-sandbox"
import { openWarehouse } from "@trialsync/warehouse"
import { createTestDatabase, type TestDatabase, testAdminUrl } from "@trialsync/warehouse/testing"
import { cliEnv, runCli, spawnCli, tempWorkdir } from "../support/cli.js"

const password = "pw-NEVER-PRINTED-4242"

describe("the database misbehaves under a run", () => {
  let sandbox: Sandbox
  let database: TestDatabase
  let silent: Server
  const sockets: Array<Socket> = []
  const workdir = tempWorkdir()
  let env: NodeJS.ProcessEnv

  beforeAll(async () => {
    sandbox = await startSandbox({ scale: 0.001, seed: 21 })
    database = await createTestDatabase("cli_db_drops")
    env = cliEnv({
      CC_API_BASE_URL: sandbox.url,
      CC_API_KEY: sandbox.apiKey,
      DATABASE_URL: database.url,
      ETL_RATE_LIMIT_RPS: "0"
    })
    silent = createServer((socket) => sockets.push(socket)) // accepts, never answers
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve))
    const patients = await runCli(["run", "--job-id", "3"], { cwd: workdir.path, env })
    expect(patients.code, patients.stderr).toBe(0)
  })
  afterAll(async () => {
    for (const socket of sockets) socket.destroy()
    silent.close()
    await sandbox.stop()
    await database.drop()
    workdir.remove()
  })

  const terminateBackends = async (): Promise<number> => {
    const admin = await openWarehouse({ databaseUrl: testAdminUrl() })
    try {
      const rows = await admin.query(
        "SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()",
        [database.name]
      )
      return rows.length
    } finally {
      await admin.close()
    }
  }

  it("pg_terminate_backend mid fan-out: no crash, no run left running, and resume finishes the group", async () => {
    sandbox.setFaults({ latencyMs: 30 })
    let terminated = 0
    const run = spawnCli(["run", "--category", "patient", "--full-refresh"], { cwd: workdir.path, env })
    try {
      await run.waitFor(/partitions\)\n/)
      for (let round = 0; round < 10; round++) {
        terminated += await terminateBackends()
        await new Promise((resolve) => setTimeout(resolve, 100))
      }
    } finally {
      sandbox.setFaults({})
    }
    const stopped = await run.done
    expect(terminated).toBeGreaterThan(0)
    expect(stopped.signal).toBeNull()
    expect(stopped.stderr).not.toMatch(/Unhandled 'error' event|node:events|at .*\.js:\d+:\d+/)
    expect([0, 1]).toContain(stopped.code)

    const warehouse = await openWarehouse({ databaseUrl: database.url })
    try {
      const [open] = await warehouse.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM dw_etl_runs WHERE run_status = 'running'"
      )
      const rows = await warehouse.query("SELECT id, job_id, run_status, error_message FROM dw_etl_runs ORDER BY id")
      expect(open?.n, `${stopped.stdout}\n${stopped.stderr}\n${JSON.stringify(rows, null, 1)}`).toBe(0)
    } finally {
      await warehouse.close()
    }
    if (stopped.code === 1) {
      expect(`${stopped.stdout}${stopped.stderr}`).toMatch(/The PostgreSQL connection to 127\.0\.0\.1:\d+\/\w+/)
      const [, runId] = stopped.stdout.match(/pnpm trialsync resume --run-id (\d+)/) ?? []
      expect(runId, stopped.stdout).toBeDefined()
      const resumed = await runCli(["resume", "--run-id", runId!], { cwd: workdir.path, env })
      expect(resumed.code, `${resumed.stdout}${resumed.stderr}`).toBe(0)
      expect(resumed.stdout).not.toMatch(/ (cancelled|failed|partial) /)
    }
  })

  it("a DATABASE_URL that accepts TCP and never answers times out naming the host, not the password", async () => {
    const port = (silent.address() as AddressInfo).port
    const result = await runCli(["status"], {
      cwd: workdir.path,
      env: cliEnv({
        DATABASE_URL: `postgres://etl:${password}@127.0.0.1:${port}/dw`,
        DATABASE_CONNECT_TIMEOUT_MS: "1500"
      })
    })
    expect(result.code).not.toBe(0)
    expect(result.stderr).toContain(`127.0.0.1:${port}`)
    expect(`${result.stdout}${result.stderr}`).not.toContain(password)
  })
})
