/**
 * One run of a job per CC instance at a time, across processes (docs/design.md §11), through the
 * real CLI on PostgreSQL: while one `trialsync run --job-id 2` is in its job (the fake CC holds
 * its studies request), a second is refused at once naming the running run, `--category core`
 * reports the job skipped for that reason, `--wait` waits for it; a SIGKILLed holder's run is
 * ended as a dead process's by the next command, which then runs the job.
 */

import type { ServerResponse } from "node:http"
import { setTimeout as sleep } from "node:timers/promises"
import { afterAll, beforeAll, describe, expect, it } from "@effect/vitest"
import { openWarehouse } from "@trialsync/warehouse"
import { createTestDatabase, type TestDatabase } from "@trialsync/warehouse/testing"
import { cliEnv, runCli, spawnCli, tempWorkdir } from "../support/cli.js"
import { type FakeCc, sendJson, startFakeCc } from "../support/fake-cc.js"

const studies = JSON.stringify([{ id: 1, name: "S-1", lastUpdatedOn: "2026-01-01T00:00:00Z" }])

describe("a job already running in another process", () => {
  let cc: FakeCc
  let database: TestDatabase
  let holdStudies = false
  const held: Array<ServerResponse> = []
  const workdir = tempWorkdir()

  beforeAll(async () => {
    cc = await startFakeCc((_request, response, url) => {
      if (url.pathname.endsWith("/api/v1/studies/odata")) {
        if (holdStudies) held.push(response)
        else sendJson(response, 200, studies)
        return true
      }
      // The rest of the core category: empty lists.
      if (/\/api\/v1\/[a-z-]+(\/odata)?$/.test(url.pathname)) {
        sendJson(response, 200, url.pathname.endsWith("/odata") ? '{"value":[]}' : "[]")
        return true
      }
      return false
    })
    database = await createTestDatabase("cli_run_lock")
  })
  afterAll(async () => {
    for (const response of held.splice(0)) response.destroy()
    cc.close()
    await database.drop()
    workdir.remove()
  })

  const env = () => cliEnv({ CC_API_BASE_URL: cc.baseUrl, CC_API_KEY: "k", DATABASE_URL: database.url })
  const cli = (args: Array<string>) => runCli(args, { cwd: workdir.path, env: env() })

  /** Starts `run --job-id 2` and resolves once it is inside the job, with its run id. */
  const startHolder = async () => {
    holdStudies = true
    const holder = spawnCli(["run", "--job-id", "2", "--full-refresh"], { cwd: workdir.path, env: env() })
    const [, runId] = await holder.waitFor(/job 2 Studies: started \(run (\d+)\)/)
    return { holder, runId: Number(runId) }
  }

  const answerHeld = () => {
    holdStudies = false
    for (const response of held.splice(0)) {
      if (!response.destroyed) sendJson(response, 200, studies)
    }
  }

  const runsOfJob2 = async () => {
    const warehouse = await openWarehouse({ databaseUrl: database.url })
    try {
      return await warehouse.query<{ id: number; run_status: string; error_message: string | null }>(
        "SELECT id, run_status, error_message FROM dw_etl_runs WHERE job_id = 2 ORDER BY id"
      )
    } finally {
      await warehouse.close()
    }
  }

  it("refuses a second run of the job at once, naming the running run; --category reports it skipped", async () => {
    const migrated = await cli(["migrate"])
    expect(migrated.code, migrated.stderr).toBe(0)
    const { holder, runId } = await startHolder()
    try {
      const second = await cli(["run", "--job-id", "2"])
      expect(second.code).toBe(1)
      expect(second.stderr).toMatch(
        new RegExp(`^error: job 2 \\(Studies\\) is already running: run ${runId} since \\d\\d:\\d\\d UTC\\.$`, "m")
      )
      expect(second.stderr).toContain("1 of 1 jobs did not succeed (1 jobs: 1 skipped).")
      expect(second.stdout).toMatch(/ 2 +Studies +- +skipped .*JobAlreadyRunning: job 2 \(Studies\) is already running/)

      const category = await cli(["run", "--category", "core"])
      expect(category.code).toBe(1)
      expect(category.stdout).toMatch(
        new RegExp(`JobAlreadyRunning: job 2 \\(Studies\\) is already running: run ${runId} since`)
      )
      expect(category.stdout).toMatch(/ 1 +Sites +\d+ +success /)
      expect(category.stderr).toMatch(new RegExp(`^error: job 2 \\(Studies\\) is already running: run ${runId} `, "m"))
      // Neither refused command wrote a run row for the job.
      expect((await runsOfJob2()).map((run) => run.id)).toEqual([runId])
    } finally {
      answerHeld()
    }
    const finished = await holder.done
    expect(finished.code, finished.stderr).toBe(0)
    expect((await runsOfJob2()).map((run) => run.run_status)).toEqual(["success"])
  })

  it("--wait waits for the running run to end, then runs the job", async () => {
    const { holder, runId } = await startHolder()
    const waiter = spawnCli(["run", "--job-id", "2", "--wait"], { cwd: workdir.path, env: env() })
    try {
      for (let i = 0; !`${waiter.stdout()}${waiter.stderr()}`.includes("waiting for it to end"); i++) {
        if (i > 600) throw new Error(`the waiter never said it waits:\n${waiter.stdout()}\n${waiter.stderr()}`)
        await sleep(50)
      }
      expect(`${waiter.stdout()}${waiter.stderr()}`).toContain(`job 2 (Studies) is already running: run ${runId} since`)
      expect(waiter.child.exitCode).toBeNull()
    } finally {
      answerHeld()
    }
    expect((await holder.done).code).toBe(0)
    const waited = await waiter.done
    expect(waited.code, waited.stderr).toBe(0)
    const runs = await runsOfJob2()
    expect(runs.at(-1)!.id).toBeGreaterThan(runId)
    expect(runs.map((run) => run.run_status)).toEqual(["success", "success", "success"])
  })

  it("a SIGKILLed holder: the next command ends its run (process died) and runs the job", async () => {
    const { holder, runId } = await startHolder()
    holder.child.kill("SIGKILL")
    const killed = await holder.done
    expect(killed.signal).toBe("SIGKILL")
    for (const response of held.splice(0)) response.destroy()
    holdStudies = false
    const next = await cli(["run", "--job-id", "2"])
    expect(next.code, `${next.stdout}\n${next.stderr}`).toBe(0)
    expect(`${next.stdout}${next.stderr}`).toContain(
      `Run ${runId} of job 2 was left running by a process that died; it is now failed`
    )
    const runs = await runsOfJob2()
    const dead = runs.find((run) => run.id === runId)
    expect(dead?.run_status).toBe("failed")
    expect(dead?.error_message).toMatch(/^ProcessDied: process died/)
    expect(runs.at(-1)).toMatchObject({ run_status: "success" })
    expect(runs.at(-1)!.id).toBeGreaterThan(runId)
  })
})
