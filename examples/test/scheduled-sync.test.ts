import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "@effect/vitest"
import { type Sandbox, startSandbox } from "@trialsync/cc-sandbox"
import { openWarehouse } from "@trialsync/warehouse"
import { createTestDatabase, type TestDatabase } from "@trialsync/warehouse/testing"
import { cleanEnv, runExample, spawnExample } from "./support/run-script.js"

describe("examples/scheduled-sync.sh", () => {
  let sandbox: Sandbox
  let tryOut: TestDatabase
  let scheduled: TestDatabase
  const cwd = mkdtempSync(join(tmpdir(), "trialsync-example-"))
  beforeAll(async () => {
    sandbox = await startSandbox({ scale: 0.001, seed: 13 })
    tryOut = await createTestDatabase("examples_sched_try")
    scheduled = await createTestDatabase("examples_sched")
  })
  afterAll(async () => {
    await sandbox.stop()
    await tryOut.drop()
    await scheduled.drop()
    rmSync(cwd, { recursive: true, force: true })
  })

  it("without CC settings: starts a sandbox, migrates, syncs every active job, prints the status, exits 0", async () => {
    const result = await runExample("scheduled-sync.sh", [], { cwd, env: cleanEnv({ DATABASE_URL: tryOut.url }) })
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(
      /scheduled-sync: CC_API_BASE_URL is not set: using a sandbox at http:\/\/127\.0\.0\.1:\d+/
    )
    expect(result.stdout).toContain("Job catalog: 90 jobs seeded (90 inserted, 0 updated, 0 unchanged)")
    expect(result.stdout).toMatch(/^57 jobs: 57 success; /m)
    expect(result.stdout).toMatch(/^57 jobs shown .*; 57 last succeeded, 0 did not, 0 never ran\.$/m)
    expect(result.stdout).toMatch(/scheduled-sync: sync succeeded\n$/)

    const warehouse = await openWarehouse({ databaseUrl: tryOut.url })
    try {
      const [runs] = await warehouse.query<{ success: number }>(
        "SELECT count(*)::int AS success FROM dw_etl_runs WHERE run_status = 'success'"
      )
      expect(runs?.success).toBe(57)
    } finally {
      await warehouse.close()
    }
  })

  it("a wrong key is a configuration error: exit 2 naming CC_API_KEY, no resume, the key never printed", async () => {
    const env = cleanEnv({
      CC_API_BASE_URL: sandbox.url,
      CC_API_KEY: "not-the-right-key-77",
      DATABASE_URL: scheduled.url
    })
    const result = await runExample("scheduled-sync.sh", [], { cwd, env })
    expect(result.code).toBe(2)
    expect(result.stderr).toContain("Configuration: check CC_API_KEY")
    expect(result.stdout).not.toContain("resuming run")
    expect(result.stdout + result.stderr).not.toContain("not-the-right-key-77")
  })

  it("a job that fails gets one resume, then the script alerts and exits 1", async () => {
    const env = cleanEnv({
      CC_API_BASE_URL: sandbox.url,
      CC_API_KEY: sandbox.apiKey,
      DATABASE_URL: scheduled.url,
      ETL_RATE_LIMIT_RPS: "0" // our own sandbox: no need to spare it
    })
    // The sponsors list refuses the run and then the resume (400: permanent, never retried).
    sandbox.enqueueFaults([
      { status: 400, pathPrefix: "/api/v1/sponsors" },
      { status: 400, pathPrefix: "/api/v1/sponsors" }
    ])
    const result = await runExample("scheduled-sync.sh", [], { cwd, env })
    expect(result.code).toBe(1)
    expect(result.stdout).toMatch(/scheduled-sync: some jobs did not succeed: resuming run \d+ once/)
    expect(result.stdout).toMatch(/job 35 Sponsors: failed in \S+: BadRequest/)
    expect(result.stdout).toMatch(/scheduled-sync: ALERT: jobs failed after one resume \(exit 1\)/)
  }, 180_000) // a whole sync, then the resume

  it("passes a scheduler's SIGTERM to the CLI, which cancels cleanly: exit 143", async () => {
    sandbox.setFaults({ latencyMs: 40 })
    try {
      const env = cleanEnv({ CC_API_BASE_URL: sandbox.url, CC_API_KEY: sandbox.apiKey, DATABASE_URL: scheduled.url })
      const script = spawnExample("scheduled-sync.sh", [], { cwd, env })
      await new Promise<void>((resolve, reject) => {
        const poll = setInterval(() => {
          if (/started \(run \d+, [\d,]+ partitions\)/.test(script.stdout())) {
            clearInterval(poll)
            resolve()
          }
        }, 100)
        script.done.then(() => {
          clearInterval(poll)
          reject(new Error(`the script ended before a fan-out job started:\n${script.stdout()}`))
        })
      })
      script.child.kill("SIGTERM")
      const result = await script.done
      expect(result.code).toBe(143)
      expect(result.stderr).toMatch(/^SIGTERM: stopped after committing what was loaded; cancelled: /m)
      expect(result.stdout).toMatch(/scheduled-sync: stopped by a signal \(exit 143\)/)
    } finally {
      sandbox.setFaults({})
    }
  })
})
