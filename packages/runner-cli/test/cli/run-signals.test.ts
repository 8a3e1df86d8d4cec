import { afterAll, beforeAll, describe, expect, it } from "@effect/vitest"
import { type Sandbox, startSandbox } from "@trialsync/cc-sandbox"
import { cliEnv, runCli, spawnCli, tempWorkdir } from "../support/cli.js"

describe("SIGINT and SIGTERM during a run (embedded PGlite warehouse)", () => {
  let sandbox: Sandbox
  const workdir = tempWorkdir()
  const env = () => cliEnv({ CC_API_BASE_URL: sandbox.url, CC_API_KEY: sandbox.apiKey, ETL_RATE_LIMIT_RPS: "0" })
  beforeAll(async () => {
    sandbox = await startSandbox({ scale: 0.001, seed: 9 })
    // The patients the patient jobs fan out over.
    const patients = await runCli(["run", "--job-id", "3"], { cwd: workdir.path, env: env() })
    expect(patients.code).toBe(0)
  })
  afterAll(async () => {
    await sandbox.stop()
    workdir.remove()
  })

  /** Starts the patient fan-out jobs on slow answers and signals the CLI once two have started. */
  const interruptedRun = async (signal: NodeJS.Signals) => {
    sandbox.setFaults({ latencyMs: 40 })
    try {
      // --full-refresh: every patient, also when an earlier case already fetched them.
      const run = spawnCli(["run", "--category", "patient", "--full-refresh"], { cwd: workdir.path, env: env() })
      await run.waitFor(/partitions\)\n[\s\S]*partitions\)\n/)
      run.child.kill(signal)
      return await run.done
    } finally {
      sandbox.setFaults({})
    }
  }

  it("SIGINT: cancels the runs, says how to resume, exits 130; resume finishes the group", async () => {
    const stopped = await interruptedRun("SIGINT")
    expect(stopped.code).toBe(130)
    expect(stopped.stdout).toMatch(/ cancelled /)
    expect(stopped.stderr).toMatch(/^SIGINT: stopped after committing what was loaded; cancelled: job \d+ \(run \d+\)/m)
    const [, runId] =
      stopped.stdout.match(/Continue from the checkpoints with: pnpm trialsync resume --run-id (\d+)/) ?? []
    expect(runId).toBeDefined()

    const resumed = await runCli(["resume", "--run-id", runId!], { cwd: workdir.path, env: env() })
    expect(resumed.stderr).toBe("")
    expect(resumed.code).toBe(0)
    expect(resumed.stdout).toMatch(/^\d+ jobs: \d+ success; /m)
    expect(resumed.stdout).not.toMatch(/ (cancelled|failed|partial) /)

    const again = await runCli(["resume", "--run-id", runId!], { cwd: workdir.path, env: env() })
    expect(again.code).toBe(0)
    expect(again.stdout).toContain("nothing to resume")
  })

  it("SIGTERM: the same, with exit 143", async () => {
    const stopped = await interruptedRun("SIGTERM")
    expect(stopped.code).toBe(143)
    expect(stopped.stderr).toMatch(
      /^SIGTERM: stopped after committing what was loaded; cancelled: job \d+ \(run \d+\)/m
    )
    expect(stopped.stdout).toMatch(/Continue from the checkpoints with: pnpm trialsync resume --run-id \d+/)
  })
})
