/**
 * The run lock (docs/design.md §11) on both drivers: a run holds its (instance, job) lock from
 * before its row until after it is finished; a held lock skips the job without a run row, naming
 * the running run; `wait` waits for it; a `running` row of another host is ended as dead once its
 * lock is free, and left alone while it is held (by any connection, this process's included).
 */
import { type Sandbox, startSandbox } from "@trialsync/cc-sandbox"
import type { HeldLock, Warehouse } from "@trialsync/warehouse"
import { Effect, Fiber } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { jobStatus, type RunReport, runJobs, runLockKey } from "../../src/index.js"
import { testDrivers } from "../fixtures/databases.js"
import { type EngineHarness, engineOver, runWith, sandboxConfig } from "../fixtures/engine.js"

const STUDIES = 2

const job = (report: RunReport, id: number) => report.jobs.find((candidate) => candidate.jobId === id)

describe.each(testDrivers)("run locks on $name", (driver) => {
  let sandbox: Sandbox
  let warehouse: Warehouse
  let close: () => Promise<void>
  let engine: EngineHarness
  let instanceId: number

  beforeAll(async () => {
    sandbox = await startSandbox({ scale: 0.0005, seed: 23 })
    ;({ db: warehouse, close } = await driver.open())
    engine = engineOver(warehouse, sandboxConfig(sandbox))
    const first = await runWith(engine, runJobs({ jobIds: [1] }))
    expect(first.status).toBe("success")
    const [row] = await warehouse.query<{ id: number }>("SELECT id FROM dw_api_credentials")
    instanceId = Number(row!.id)
  })
  afterAll(async () => {
    await sandbox?.stop()
    await close?.()
  })

  const studyRuns = () =>
    warehouse.query<{ id: number; run_status: string; error_message: string | null }>(
      "SELECT id::int AS id, run_status, error_message FROM dw_etl_runs WHERE job_id = $1 ORDER BY id",
      [STUDIES]
    )

  /** A `running` row of job 2 owned by a process of another host (what its live run would write). */
  const otherHostRun = async (startedAt: string) => {
    const [row] = await warehouse.query<{ id: number }>(
      `INSERT INTO dw_etl_runs (job_id, source_instance_id, run_status, trigger, run_context, started_at)
       VALUES ($1, $2, 'running', 'cli', $3::jsonb, $4) RETURNING id::int AS id`,
      [
        STUDIES,
        instanceId,
        JSON.stringify({ mode: "snapshot", owner: { pid: 999_999, host: "another-host", token: "other" } }),
        startedAt
      ]
    )
    return row!.id
  }

  it("holds the job's lock while it runs, and releases it on success and on failure", async () => {
    const key = runLockKey(instanceId, STUDIES)
    sandbox.setFaults({ latencyMs: 300 })
    try {
      const seen = await runWith(
        engine,
        Effect.gen(function* () {
          const fiber = yield* Effect.fork(runJobs({ jobIds: [STUDIES] }))
          let held = false
          for (let i = 0; i < 200 && !held; i++) {
            held = yield* Effect.promise(() => warehouse.isLocked(key))
            if (!held) yield* Effect.sleep("20 millis")
          }
          const report = yield* Fiber.join(fiber)
          return { held, report }
        })
      )
      expect(seen.held).toBe(true)
      expect(seen.report.status).toBe("success")
    } finally {
      sandbox.setFaults({})
    }
    expect(await warehouse.isLocked(key)).toBe(false)
    // A failed run (its timeout of 1 s against 1.5 s answers) releases it too.
    const [saved] = await warehouse.query<{ t: number | null }>(
      "SELECT timeout_seconds AS t FROM dw_etl_jobs WHERE id = $1",
      [STUDIES]
    )
    await warehouse.query("UPDATE dw_etl_jobs SET timeout_seconds = 1 WHERE id = $1", [STUDIES])
    sandbox.setFaults({ latencyMs: 1500 })
    try {
      const failed = await runWith(engine, runJobs({ jobIds: [STUDIES] }))
      expect(job(failed, STUDIES)).toMatchObject({ status: "failed", error: { tag: "JobTimeoutError" } })
    } finally {
      sandbox.setFaults({})
      await warehouse.query("UPDATE dw_etl_jobs SET timeout_seconds = $2 WHERE id = $1", [STUDIES, saved?.t ?? null])
    }
    expect(await warehouse.isLocked(key)).toBe(false)
  })

  it("a held lock skips the job at once, writes no run row, and names the running run", async () => {
    const hold = (await warehouse.tryLock(runLockKey(instanceId, STUDIES))) as HeldLock
    expect(hold).toBeDefined()
    const runId = await otherHostRun("2026-01-02T06:12:00Z")
    try {
      const before = await studyRuns()
      const report = await runWith(engine, runJobs({ jobIds: [STUDIES] }))
      expect(report.status).toBe("failed")
      expect(job(report, STUDIES)).toMatchObject({
        status: "skipped",
        runId: undefined,
        error: {
          tag: "JobAlreadyRunning",
          message: `job 2 (Studies) is already running: run ${runId} since 2026-01-02 06:12 UTC`
        }
      })
      expect(await studyRuns()).toEqual(before)
      // Another host's run whose lock is held is alive: status leaves it running.
      await Effect.runPromise(jobStatus(STUDIES).pipe(Effect.provide(engine.layer)))
      expect((await studyRuns()).find((run) => run.id === runId)?.run_status).toBe("running")
    } finally {
      await hold.release()
    }
    // Its lock free, the other host's run is dead: the next command ends it, and the job runs.
    const next = await runWith(engine, runJobs({ jobIds: [STUDIES] }))
    expect(next.status).toBe("success")
    const runs = await studyRuns()
    expect(runs.find((run) => run.id === runId)).toMatchObject({ run_status: "failed" })
    expect(runs.find((run) => run.id === runId)?.error_message).toMatch(
      /^ProcessDied: process died \(pid 999999 on another-host\)/
    )
    expect(runs.at(-1)).toMatchObject({ run_status: "success" })
    expect(engine.events).toContainEqual(
      expect.objectContaining({
        _tag: "Log",
        message: `Run ${runId} of job 2 was left running by a process that died; it is now failed (resume it to continue).`
      })
    )
  })

  it("wait: waits for the lock, then runs; cancelled while waiting, it writes no row and leaks no lock", async () => {
    const key = runLockKey(instanceId, STUDIES)
    const hold = (await warehouse.tryLock(key)) as HeldLock
    const waiting = engineOver(warehouse, sandboxConfig(sandbox))
    const before = await studyRuns()
    const controller = new AbortController()
    const cancelled = await runWith(
      waiting,
      Effect.gen(function* () {
        const fiber = yield* Effect.fork(runJobs({ jobIds: [STUDIES] }, { wait: true, signal: controller.signal }))
        while (!waiting.events.some((event) => event._tag === "Log" && event.message.includes("waiting for it")))
          yield* Effect.sleep("20 millis")
        controller.abort()
        return yield* Fiber.join(fiber)
      })
    )
    expect(cancelled.status).toBe("cancelled")
    expect(job(cancelled, STUDIES)?.runId).toBeUndefined()
    expect(await studyRuns()).toEqual(before)
    expect(await warehouse.isLocked(key)).toBe(true)
    const report = await runWith(
      waiting,
      Effect.gen(function* () {
        const fiber = yield* Effect.fork(runJobs({ jobIds: [STUDIES] }, { wait: true }))
        yield* Effect.sleep("1500 millis")
        expect(yield* Effect.promise(() => studyRuns())).toEqual(before)
        yield* Effect.promise(() => hold.release())
        return yield* Fiber.join(fiber)
      })
    )
    expect(job(report, STUDIES)?.status).toBe("success")
    expect(await warehouse.isLocked(key)).toBe(false)
  })
})
