/**
 * The adaptive rate across runs: a run with `ETL_RATE_LIMIT_RPS_MAX` above `ETL_RATE_LIMIT_RPS`
 * stores the rate its client ended at in `dw_api_credentials`, and the next run starts from it
 * (kept under the instance's `rate_limit_rps`); a fixed-rate run stores nothing.
 */
import { type Sandbox, startSandbox } from "@trialsync/cc-sandbox"
import { readLearnedRate, recordLearnedRate, type Warehouse } from "@trialsync/warehouse"
import { Effect, Fiber } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { runJobs } from "../../src/index.js"
import { pgliteDriver } from "../fixtures/databases.js"
import { engineOver, runWith, sandboxConfig } from "../fixtures/engine.js"

/** Job 1 (sites) takes a handful of requests: fewer than one round of the adaptive rate at 30/s. */
const SITES = 1

describe("the learned rate of an instance", () => {
  let sandbox: Sandbox
  let warehouse: Warehouse
  let close: () => Promise<void>

  beforeAll(async () => {
    sandbox = await startSandbox({ scale: 0.0005, seed: 29 })
    ;({ db: warehouse, close } = await pgliteDriver.open())
  })
  afterAll(async () => {
    await sandbox?.stop()
    await close?.()
  })

  const instanceId = async () => {
    const [row] = await warehouse.query<{ id: number }>("SELECT id FROM dw_api_credentials")
    return Number(row!.id)
  }

  it("is not stored by a fixed-rate run", async () => {
    const fixed = engineOver(warehouse, sandboxConfig(sandbox, { requestsPerSecond: 50 }))
    expect((await runWith(fixed, runJobs({ jobIds: [SITES] }))).status).toBe("success")
    expect(await readLearnedRate(warehouse, await instanceId())).toBeUndefined()
  })

  it("is stored at the end of a run, and the next run starts from it", async () => {
    const config = sandboxConfig(sandbox, { requestsPerSecond: 5, maxRequestsPerSecond: 100 })
    expect((await runWith(engineOver(warehouse, config), runJobs({ jobIds: [SITES] }))).status).toBe("success")
    const id = await instanceId()
    const first = await readLearnedRate(warehouse, id)
    expect(first?.requestsPerSecond).toBeGreaterThanOrEqual(5)
    expect(first?.requestsPerSecond).toBeLessThanOrEqual(100)

    // Too few answers for a round at 30/s: a run that starts from 30 ends at 30, one from 5 nowhere near it.
    await recordLearnedRate(warehouse, id, 30)
    expect((await runWith(engineOver(warehouse, config), runJobs({ jobIds: [SITES] }))).status).toBe("success")
    expect((await readLearnedRate(warehouse, id))?.requestsPerSecond).toBe(30)
  })

  it("starts under the instance's rate_limit_rps and ETL_RATE_LIMIT_RPS_MAX", async () => {
    const id = await instanceId()
    const config = sandboxConfig(sandbox, { requestsPerSecond: 5, maxRequestsPerSecond: 40 })
    await recordLearnedRate(warehouse, id, 90)
    expect((await runWith(engineOver(warehouse, config), runJobs({ jobIds: [SITES] }))).status).toBe("success")
    expect((await readLearnedRate(warehouse, id))?.requestsPerSecond).toBe(40)

    await warehouse.query("UPDATE dw_api_credentials SET rate_limit_rps = 12 WHERE id = $1", [id])
    await recordLearnedRate(warehouse, id, 30)
    expect((await runWith(engineOver(warehouse, config), runJobs({ jobIds: [SITES] }))).status).toBe("success")
    expect((await readLearnedRate(warehouse, id))?.requestsPerSecond).toBe(12)
  })

  it("is stored when the run is cancelled", async () => {
    const id = await instanceId()
    await warehouse.query("UPDATE dw_api_credentials SET rate_limit_rps = NULL WHERE id = $1", [id])
    await recordLearnedRate(warehouse, id, 17)
    // Recorded a day ago: a fresh time after the cancel shows the cancelled run wrote it.
    await warehouse.query("UPDATE dw_api_credentials SET learned_rate_at = now() - interval '1 day' WHERE id = $1", [
      id
    ])
    const config = sandboxConfig(sandbox, { requestsPerSecond: 5, maxRequestsPerSecond: 40 })
    sandbox.setFaults({ latencyMs: 300 })
    try {
      await runWith(
        engineOver(warehouse, config),
        Effect.gen(function* () {
          const fiber = yield* Effect.fork(runJobs({ jobIds: [SITES] }))
          const running = () =>
            warehouse.query("SELECT 1 FROM dw_etl_runs WHERE job_id = $1 AND run_status = 'running'", [SITES])
          for (let i = 0; i < 200 && (yield* Effect.promise(running)).length === 0; i++) {
            yield* Effect.sleep("20 millis")
          }
          yield* Fiber.interrupt(fiber)
        })
      )
    } finally {
      sandbox.setFaults({})
    }
    const [last] = await warehouse.query<{ run_status: string }>(
      "SELECT run_status FROM dw_etl_runs WHERE job_id = $1 ORDER BY id DESC LIMIT 1",
      [SITES]
    )
    expect(last?.run_status).toBe("cancelled")
    const learned = await readLearnedRate(warehouse, id)
    expect(learned?.requestsPerSecond).toBe(17)
    expect(learned!.recordedAt.getTime()).toBeGreaterThan(Date.now() - 60_000)
  })
})
