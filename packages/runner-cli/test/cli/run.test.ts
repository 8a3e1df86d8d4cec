import { afterAll, beforeAll, describe, expect, it } from "@effect/vitest"
import { type Sandbox, startSandbox } from "@trialsync/cc-sandbox"
import { createTestDatabase, type TestDatabase } from "@trialsync/warehouse/testing"
import { type CliResult, cliEnv, runCli, tempWorkdir } from "../support/cli.js"

const password = "pw-NEVER-PRINTED-1337"

describe("trialsync run, status and history on PostgreSQL", () => {
  let sandbox: Sandbox
  let database: TestDatabase
  let env: NodeJS.ProcessEnv
  const outputs: Array<CliResult> = []
  const workdir = tempWorkdir()
  const cli = async (args: Array<string>, extra: Record<string, string> = {}) => {
    const result = await runCli(args, { cwd: workdir.path, env: { ...env, ...extra } })
    outputs.push(result)
    return result
  }

  beforeAll(async () => {
    sandbox = await startSandbox({ scale: 0.001, seed: 5 })
    database = await createTestDatabase("cli_run")
    const url = new URL(database.url)
    url.password = password // the local server trusts every login; the password only has to stay secret
    env = cliEnv({ CC_API_BASE_URL: sandbox.url, CC_API_KEY: sandbox.apiKey, DATABASE_URL: url.toString() })
  })
  afterAll(async () => {
    await sandbox.stop()
    await database.drop()
    workdir.remove()
  })

  it("runs one job, and status and history show its run", async () => {
    const sites = sandbox.counts()["/api/v1/sites"]
    expect(sites).toBeGreaterThan(0)

    const run = await cli(["run", "--job-id", "1"])
    expect(run.stderr).toBe("")
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(
      new RegExp(`job 1 Sites: success in \\S+: ${sites} inserted, 0 updated, 0 unchanged, 0 deleted`)
    )
    expect(run.stdout).toMatch(/^1 jobs: 1 success; \d+ rows, 1 requests in \S+ \(group [0-9a-f-]{36}, success\)\.$/m)

    const status = await cli(["status", "--job-id", "1", "--json"])
    expect(status.code).toBe(0)
    const [row] = JSON.parse(status.stdout) as Array<Record<string, unknown>>
    expect(row).toMatchObject({ jobId: 1, name: "Sites", lastRunStatus: "success", lastRunRecords: sites })

    const history = await cli(["history", "--job-id", "1", "--json"])
    expect(history.code).toBe(0)
    const runs = JSON.parse(history.stdout) as Array<Record<string, unknown>>
    expect(runs).toHaveLength(1)
    expect(runs[0]).toMatchObject({ jobId: 1, status: "success", inserted: sites, trigger: "cli", requests: 1 })
    expect(runs[0]?.runId).toBe(row?.lastRunId)

    // A second run finds nothing new.
    const again = await cli(["run", "--job-id", "1"])
    expect(again.code).toBe(0)
    expect(again.stdout).toContain(`job 1 Sites: success`)
    expect(again.stdout).toMatch(new RegExp(`0 inserted, 0 updated, ${sites} unchanged`))

    const table = await cli(["history", "--limit", "1"])
    expect(table.stdout.split("\n")[0]).toMatch(/^run +job +name +status +trigger +retry of +started/)
    expect(table.stdout.split("\n")).toHaveLength(4) // header, rule, one run, trailing newline
  })

  it("writes JSON lines with LOG_FORMAT=json, ending with the run's report", async () => {
    const run = await cli(["run", "--job-id", "35"], { LOG_FORMAT: "json" })
    expect(run.code).toBe(0)
    const lines = run.stdout
      .trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line) as Record<string, unknown>)
    // The first progress line of a job always comes; later ones at most every 5 s.
    expect(lines.map((line) => line.event)).toEqual([
      "PlanReady",
      "JobStarted",
      "JobProgress",
      "JobFinished",
      "RunFinished"
    ])
    expect(lines.at(-1)).toMatchObject({ level: "info", status: "success", jobs: [{ jobId: 35, status: "success" }] })
  })

  it("exits 1 when a job fails, naming the failure and how to resume", async () => {
    // Job 30 (invoices) is a CCE-only endpoint: a CC instance answers 501.
    const run = await cli(["run", "--job-id", "30"])
    expect(run.code).toBe(1)
    expect(run.stdout).toMatch(/job 30 \S.*: failed in \S+: NotImplemented/)
    expect(run.stdout).toMatch(/Continue from the checkpoints with: pnpm trialsync resume --run-id \d+/)
    expect(run.stderr).toContain("error: 1 of 1 jobs did not succeed (1 jobs: 1 failed).")
  })

  describe.concurrent("requests it cannot carry out exit 2", () => {
    it("no selection, or two", async () => {
      const noSelection = await cli(["run"])
      expect(noSelection.code).toBe(2)
      expect(noSelection.stderr).toContain("error: run needs a selection: --job-id N, --all or --category C.")
      const two = await cli(["run", "--all", "--category", "core"])
      expect(two.code).toBe(2)
      expect(two.stderr).toContain("run takes one selection")
    })

    it("a wrong API key, or the key in the wrong header, names what to check and writes no run", async () => {
      const runsOfSites = async () => JSON.parse((await cli(["history", "--job-id", "1", "--json"])).stdout).length
      expect((await cli(["migrate"])).code).toBe(0)
      const before = await runsOfSites()
      const wrongKey = await cli(["run", "--job-id", "1"], { CC_API_KEY: "not-the-key-7731" })
      expect(wrongKey.code).toBe(2)
      expect(wrongKey.stderr).toMatch(/Unauthorized|401/)
      expect(wrongKey.stderr).toContain(
        "Configuration: check CC_API_KEY and the header it is sent in (CC_API_KEY_HEADER"
      )
      expect(wrongKey.stderr + wrongKey.stdout).not.toContain("not-the-key-7731")
      const wrongHeader = await cli(["run", "--job-id", "1"], { CC_API_KEY_HEADER: "X-ApiKey" })
      expect(wrongHeader.code).toBe(2)
      expect(wrongHeader.stderr).toContain("X-ApiKey")
      expect(await runsOfSites()).toBe(before)
    })

    it("an unknown job id, listing the valid ones", async () => {
      const unknown = await cli(["run", "--job-id", "999"])
      expect(unknown.code).toBe(2)
      expect(unknown.stderr).toMatch(/error: Unknown job id 999: the catalog has ids 1-35, /)
    })

    it("a job whose parents are not loaded, naming the job to run first", async () => {
      const parentMissing = await cli(["run", "--job-id", "10"])
      expect(parentMissing.code).toBe(2)
      expect(parentMissing.stderr).toMatch(
        /Job 10 \(Subjects\) reads its parent keys from dim_studies_staging.*run job 2 \(Studies\) first/
      )
    })

    it("a run id that does not exist", async () => {
      const noRun = await cli(["resume", "--run-id", "424242"])
      expect(noRun.code).toBe(2)
      expect(noRun.stderr).toContain("Run 424242 does not exist")
    })
  })

  it("needs CC_API_BASE_URL to run when no instance is registered, and says how to try the sandbox", async () => {
    const empty = await createTestDatabase("cli_run_empty")
    try {
      const run = await runCli(["run", "--all"], { cwd: workdir.path, env: cliEnv({ DATABASE_URL: empty.url }) })
      expect(run.code).toBe(2)
      expect(run.stderr).toContain(
        "CC_API_BASE_URL is not set: set it to your Clinical Conductor URL, e.g. https://host/CCSWEB, or run `pnpm trialsync demo` to try the sandbox."
      )
    } finally {
      await empty.drop()
    }
  })

  it("without CC_API_BASE_URL uses the one registered instance, and names the key variable it lacks", async () => {
    const run = await runCli(["run", "--all"], { cwd: workdir.path, env: cliEnv({ DATABASE_URL: database.url }) })
    expect(run.code).toBe(2)
    expect(run.stderr).toContain("env:CC_API_KEY names CC_API_KEY, which is not set")
  })

  it("never prints the API key or the database password", () => {
    expect(outputs.length).toBeGreaterThan(8)
    for (const output of outputs) {
      expect(output.stdout + output.stderr).not.toContain(sandbox.apiKey)
      expect(output.stdout + output.stderr).not.toContain(password)
    }
  })
})
