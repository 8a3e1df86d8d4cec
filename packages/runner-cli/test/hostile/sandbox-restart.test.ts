/**
 * Issue 9 §6: CC goes away in the middle of a run and comes back. The run fails clearly (no
 * retries allowed here), keeps the pages it committed, and `trialsync resume --run-id N` leaves
 * staging exactly as a run that was never interrupted.
 */
import { afterAll, beforeAll, describe, expect, it } from "@effect/vitest"
import { type Sandbox, type SandboxOptions, startSandbox } from "@trialsync/cc-sandbox"
import { openWarehouse } from "@trialsync/warehouse"
import { createTestDatabase, type TestDatabase } from "@trialsync/warehouse/testing"
import { cliEnv, runCli, spawnCli, tempWorkdir } from "../support/cli.js"

const options: SandboxOptions = { scale: 0.001, seed: 17 }
const job = ["--job-id", "9"] // PatientVisits: one global list, many pages at ETL_PAGE_SIZE=100

const stagingOf = async (url: string) => {
  const warehouse = await openWarehouse({ databaseUrl: url })
  try {
    return await warehouse.query<{ record_key: string; content_hash: string; is_deleted: boolean }>(
      "SELECT record_key, content_hash, is_deleted FROM dim_patient_visits_staging ORDER BY record_key"
    )
  } finally {
    await warehouse.close()
  }
}

describe("trialsync run while the CC sandbox is killed and restarted", () => {
  let sandbox: Sandbox
  let interrupted: TestDatabase
  let reference: TestDatabase
  const workdir = tempWorkdir()

  const envFor = (database: TestDatabase) =>
    cliEnv({
      CC_API_BASE_URL: sandbox.url,
      CC_API_KEY: sandbox.apiKey,
      DATABASE_URL: database.url,
      ETL_PAGE_SIZE: "100",
      ETL_MAX_RETRIES: "0"
    })

  beforeAll(async () => {
    sandbox = await startSandbox(options)
    interrupted = await createTestDatabase("cli_restart_a")
    reference = await createTestDatabase("cli_restart_b")
  })
  afterAll(async () => {
    await sandbox.stop()
    await interrupted.drop()
    await reference.drop()
    workdir.remove()
  })

  it("fails clearly, and a resume leaves staging identical to an uninterrupted run", async () => {
    const total = sandbox.counts()["/api/v1/patient-visits/odata"] ?? 0
    expect(total).toBeGreaterThan(1000)
    const straight = await runCli(["run", ...job], { cwd: workdir.path, env: envFor(reference) })
    expect(straight.code, straight.stderr).toBe(0)
    const expected = await stagingOf(reference.url)
    expect(expected).toHaveLength(total)

    // Slow each page down, start the run, and stop CC once a few pages are in.
    const port = Number(new URL(sandbox.url).port)
    sandbox.setFaults({ latencyMs: 150 })
    sandbox.resetStats()
    const env = envFor(interrupted)
    const cli = spawnCli(["run", ...job], { cwd: workdir.path, env })
    const [, runId] = await cli.waitFor(/job 9 PatientVisits: started \(run (\d+)\)/)
    while (sandbox.stats().requests < 5) await new Promise((resolve) => setTimeout(resolve, 20))
    await sandbox.stop()
    const failed = await cli.done
    const all = `${failed.stdout}${failed.stderr}`
    expect(failed.code, all).toBe(1)
    expect(all).toMatch(/job 9 PatientVisits: failed/)
    expect(all).toMatch(/Network: GET \/api\/v1\/patient-visits\/odata could not reach http:\/\/127\.0\.0\.1:\d+/)
    expect(all).toContain(`pnpm trialsync resume --run-id ${runId}`)
    expect(all).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m)
    const partial = await stagingOf(interrupted.url)
    expect(partial.length).toBeGreaterThan(0)
    expect(partial.length).toBeLessThan(total)
    expect(partial.length % 100).toBe(0) // whole pages only

    // CC comes back on the same address with the same data; resume finishes the run.
    sandbox = await startSandbox({ ...options, port })
    const resumed = await runCli(["resume", "--run-id", String(runId)], { cwd: workdir.path, env })
    expect(resumed.code, `${resumed.stdout}${resumed.stderr}`).toBe(0)
    expect(await stagingOf(interrupted.url)).toEqual(expected)
  })
})
