/**
 * How runs fail and report: dry runs, refused selections, endpoints that answer 404/501, failed
 * dependencies, per-parent failures, timeouts, a wrong key that must never be stored or logged,
 * and cancellation followed by a resume. On both database drivers.
 */
import { type Sandbox, startSandbox } from "@trialsync/cc-sandbox"
import type { Warehouse } from "@trialsync/warehouse"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { defineJobs, dryRun, JobCatalog, type RunReport, resumeRun, runJobs } from "../../src/index.js"
import { testDrivers } from "../fixtures/databases.js"
import {
  currentCounts,
  type EngineHarness,
  engineOver,
  failureOf,
  runWith,
  sandboxConfig,
  sandboxCountsByJob,
  stagingTableNames
} from "../fixtures/engine.js"

const job = (report: RunReport, id: number) => report.jobs.find((candidate) => candidate.jobId === id)

const count = async (warehouse: Warehouse, sql: string): Promise<number> =>
  Number((await warehouse.query<{ n: number }>(sql))[0]?.n)

describe.each(testDrivers)("failures and reports on $name", (driver) => {
  let sandbox: Sandbox
  let warehouse: Warehouse
  let close: () => Promise<void>
  let engine: EngineHarness

  beforeAll(async () => {
    sandbox = await startSandbox({ scale: 0.0005, seed: 21 })
    ;({ db: warehouse, close } = await driver.open())
    engine = engineOver(warehouse, sandboxConfig(sandbox))
  })
  afterAll(async () => {
    await sandbox?.stop()
    await close?.()
  })

  it("a dry run shows the plan and each job's first page, and writes nothing", async () => {
    const report = await runWith(engine, dryRun({ all: true }))
    expect(report.plan.order).toHaveLength(57)
    const studies = report.jobs.find((entry) => entry.jobId === 2)
    expect(studies).toMatchObject({ partitions: 1, firstPage: { status: "ok", rows: 3 } })
    // Nothing is loaded yet, so fan-out jobs cannot know their partitions.
    expect(report.jobs.find((entry) => entry.jobId === 10)).toMatchObject({
      partitions: "unknown",
      firstPage: { status: "error", tag: "ParentNotLoaded" }
    })
    for (const table of ["dw_etl_runs", "dw_etl_jobs", "dw_api_credentials", "dw_etl_partitions", "dw_etl_seen_keys"]) {
      expect(await count(warehouse, `SELECT count(*)::int AS n FROM ${table}`)).toBe(0)
    }
    const union = stagingTableNames.map((table) => `SELECT count(*) AS n FROM "${table}"`).join(" UNION ALL ")
    expect(await count(warehouse, `SELECT sum(n)::int AS n FROM (${union}) AS counts`)).toBe(0)
  })

  it("--job-id of a fan-out job whose parent staging is empty names the job to run first", async () => {
    const error = await failureOf(engine, runJobs({ jobIds: [10] }))
    expect(error._tag).toBe("ParentNotLoadedError")
    expect(error.message).toBe(
      "Job 10 (Subjects) reads its parent keys from dim_studies_staging, which holds no current rows for this CC instance; run job 2 (Studies) first: trialsync run --job-id 2."
    )
    expect(await count(warehouse, "SELECT count(*)::int AS n FROM dw_etl_runs")).toBe(0)
  })

  it("refuses unknown jobs and dependency cycles before running anything", async () => {
    const unknown = await failureOf(engine, runJobs({ jobIds: [999] }))
    expect(unknown._tag).toBe("UnknownJobError")
    expect(unknown.message).toMatch(/^Unknown job id 999: the catalog has ids 1-35, 120-161, 164-176/)
    const cyclic = defineJobs([
      {
        id: 900,
        name: "A",
        endpoint: "/api/v1/sites",
        target: "dim_sites_staging",
        category: "core",
        list: "array",
        active: true,
        dependsOn: [901]
      },
      {
        id: 901,
        name: "B",
        endpoint: "/api/v1/rooms",
        target: "dim_rooms_staging",
        category: "core",
        list: "array",
        active: true,
        dependsOn: [900]
      }
    ])
    const custom = engineOver(warehouse, sandboxConfig(sandbox), { catalog: JobCatalog.fromJobs(cyclic) })
    const cycle = await failureOf(custom, runJobs({ all: true }))
    expect(cycle._tag).toBe("DependencyCycleError")
    expect(cycle.message).toBe(
      "Jobs form a dependency cycle: 900 A -> 901 B -> 900 A. Remove a dependsOn entry or a parent binding to break it."
    )
    expect(await count(warehouse, "SELECT count(*)::int AS n FROM dw_etl_runs")).toBe(0)
  })

  it("endpoints answering 404 (not in the spec) and 501 (CCE-only) fail their own job only", async () => {
    const report = await runWith(engine, runJobs({ jobIds: [1, 2, 168, 172, 23] }))
    expect(report.status).toBe("failed")
    expect(job(report, 1)?.status).toBe("success")
    expect(job(report, 2)?.status).toBe("success")
    expect(job(report, 168)).toMatchObject({ status: "failed", error: { tag: "NotFound" } })
    expect(job(report, 172)).toMatchObject({ status: "failed", error: { tag: "NotImplemented" } })
    // A fan-out job whose endpoint answers 501 for its first parent fails as a whole.
    expect(job(report, 23)).toMatchObject({ status: "failed", error: { tag: "NotImplemented" } })
    const runs = await warehouse.query<{ job_id: number; run_status: string; error_message: string | null }>(
      "SELECT job_id, run_status, error_message FROM dw_etl_runs ORDER BY job_id"
    )
    expect(runs.map((run) => [Number(run.job_id), run.run_status, run.error_message?.split(":")[0] ?? null])).toEqual([
      [1, "success", null],
      [2, "success", null],
      [23, "failed", "NotImplemented"],
      [168, "failed", "NotFound"],
      [172, "failed", "NotImplemented"]
    ])
  })

  it("a job whose parent job failed is skipped, naming that job", async () => {
    sandbox.enqueueFaults([{ status: 403, pathPrefix: "/api/v1/studies/odata" }])
    const report = await runWith(engine, runJobs({ jobIds: [2, 10] }))
    expect(job(report, 2)).toMatchObject({ status: "failed", error: { tag: "Forbidden" } })
    expect(job(report, 10)).toMatchObject({ status: "skipped", runId: undefined, error: { tag: "DependencyFailed" } })
    expect(job(report, 10)?.error?.message).toMatch(/^Job 2 \(Studies\) failed \(Forbidden\), so this job did not run/)
  })

  it("a 404 parent is skipped, a failed partition is tried once more, one that keeps failing leaves the run partial until a resume", async () => {
    await runWith(engine, runJobs({ jobIds: [3] }))
    const patients = await warehouse.query<{ id: string }>(
      "SELECT record_key AS id FROM dim_patients_staging ORDER BY id DESC LIMIT 3"
    )
    const [gone, flaky, broken] = patients.map((row) => `/api/v1/patients/${row.id}/allergies`)
    sandbox.enqueueFaults([
      { status: 404, pathPrefix: gone as string },
      { status: 400, pathPrefix: flaky as string },
      { status: 400, pathPrefix: broken as string },
      { status: 400, pathPrefix: broken as string }
    ])
    const report = await runWith(engine, runJobs({ jobIds: [148] }))
    expect(report.status).toBe("partial")
    expect(job(report, 148)).toMatchObject({
      status: "partial",
      partitionsTotal: 76,
      partitionsDone: 74,
      partitionsSkipped: 1,
      partitionsFailed: 1
    })
    const runId = job(report, 148)?.runId as number
    const partitions = await warehouse.query<{ parent_key: string; status: string; attempts: number }>(
      "SELECT parent_key, status, attempts FROM dw_etl_partitions WHERE run_id = $1 AND status <> 'done' OR parent_key = $2 ORDER BY parent_key",
      [runId, patients[1]?.id]
    )
    expect(partitions.map((row) => [row.parent_key, row.status, Number(row.attempts)])).toEqual(
      [
        [patients[0]?.id, "skipped", 1],
        [patients[1]?.id, "done", 2],
        [patients[2]?.id, "failed", 2]
      ].sort()
    )
    const resumed = await runWith(engine, resumeRun(runId))
    expect(resumed.status).toBe("success")
    // The resume is a new run row retrying the partial one, which keeps its status.
    expect(job(resumed, 148)).toMatchObject({ status: "success", partitionsDone: 75, partitionsSkipped: 1 })
    const retry = job(resumed, 148)?.runId as number
    expect(retry).not.toBe(runId)
    const rows = await warehouse.query<{ id: number; run_status: string; retry_of: number | null }>(
      "SELECT id, run_status, retry_of FROM dw_etl_runs WHERE id IN ($1, $2) ORDER BY id",
      [runId, retry]
    )
    expect(
      rows.map((row) => [Number(row.id), row.run_status, row.retry_of === null ? null : Number(row.retry_of)])
    ).toEqual([
      [runId, "partial", null],
      [retry, "success", runId]
    ])
  })

  it("a job that outlives its timeout fails with JobTimeoutError", async () => {
    await warehouse.query("UPDATE dw_etl_jobs SET timeout_seconds = 1 WHERE id = 1")
    const slow = engineOver(warehouse, sandboxConfig(sandbox), {
      onEvent: (event) => {
        if (event._tag === "JobStarted" && event.jobId === 1) {
          sandbox.enqueueFaults([{ delayMs: 2500, pathPrefix: "/api/v1/sites" }])
        }
      }
    })
    const report = await runWith(slow, runJobs({ jobIds: [1] }))
    await warehouse.query("UPDATE dw_etl_jobs SET timeout_seconds = NULL WHERE id = 1")
    expect(job(report, 1)).toMatchObject({ status: "failed", error: { tag: "JobTimeoutError" } })
    expect(job(report, 1)?.error?.message).toMatch(/did not finish within its timeout of 1 s/)
  })

  it("a wrong key stops the run before any run is written, and is never stored or emitted", async () => {
    const secret = "sbx_WRONG_key_that_must_never_be_printed_1234"
    const wrong = engineOver(warehouse, sandboxConfig({ ...sandbox, apiKey: secret }))
    const runsBefore = await count(warehouse, "SELECT count(*)::int AS n FROM dw_etl_runs")
    const error = await failureOf(wrong, runJobs({ jobIds: [1, 148] }))
    expect(error).toMatchObject({ _tag: "SourceUnavailableError", tag: "Unauthorized" })
    expect(error.message).toMatch(/check CC_API_KEY/)
    expect(await count(warehouse, "SELECT count(*)::int AS n FROM dw_etl_runs")).toBe(runsBefore)
    const stored = await warehouse.query<{ text: string }>(
      `SELECT (SELECT coalesce(json_agg(r)::text, '') FROM dw_etl_runs AS r)
           || (SELECT coalesce(json_agg(p)::text, '') FROM dw_etl_partitions AS p)
           || (SELECT coalesce(json_agg(c)::text, '') FROM dw_api_credentials AS c)
           || (SELECT coalesce(json_agg(j)::text, '') FROM dw_etl_jobs AS j) AS text`
    )
    expect(stored[0]?.text).not.toContain(secret)
    expect(JSON.stringify(wrong.events)).not.toContain(secret)
    expect(`${error.message} ${JSON.stringify(error)}`).not.toContain(secret)
  })

  it("a key refused in the middle of a run fails the job with Unauthorized, never naming the key", async () => {
    // The key check before the run passes; then the job's own request gets a 401, as when a key
    // is revoked mid-run.
    const revoked = engineOver(warehouse, sandboxConfig(sandbox), {
      onEvent: (event) => {
        if (event._tag === "JobStarted" && event.jobId === 1) {
          sandbox.enqueueFaults([{ status: 401, pathPrefix: "/api/v1/sites" }])
        }
      }
    })
    const report = await runWith(revoked, runJobs({ jobIds: [1] }))
    expect(job(report, 1)).toMatchObject({ status: "failed", error: { tag: "Unauthorized" } })
    expect(job(report, 1)?.error?.message).toMatch(/check CC_API_KEY/)
    expect(JSON.stringify(report) + JSON.stringify(revoked.events)).not.toContain(sandbox.apiKey)
  })

  it("cancelling stops the run with its committed work kept; a resume finishes the group", async () => {
    const controller = new AbortController()
    const cancelling = engineOver(warehouse, sandboxConfig(sandbox), {
      onEvent: (event) => {
        if (event._tag === "JobStarted" && event.jobId === 166) controller.abort()
      }
    })
    const report = await runWith(cancelling, runJobs({ all: true }, { signal: controller.signal }))
    expect(report.status).toBe("cancelled")
    expect(job(report, 166)?.status).toBe("cancelled")
    expect(await count(warehouse, "SELECT count(*)::int AS n FROM dw_etl_runs WHERE run_status = 'running'")).toBe(0)
    const cancelledRun = job(report, 166)?.runId as number
    const resumed = await runWith(engine, resumeRun(cancelledRun))
    expect(resumed.status).toBe("success")
    expect(resumed.groupId).toBe(report.groupId)
    expect(resumed.jobs).toHaveLength(57)
    const [instance] = await warehouse.query<{ id: number }>("SELECT id FROM dw_api_credentials")
    const counts = await currentCounts(warehouse, Number(instance?.id))
    const expected = sandboxCountsByJob(
      sandbox,
      resumed.jobs.map((entry) => entry.jobId)
    )
    expect([...expected].filter(([, { table, count: n }]) => counts.get(table) !== n)).toEqual([])
  })
})
