/**
 * Issue 9 §6, hostile records through the real CLI, served by a tiny CC stand-in: one record of
 * about 20 MB, ids repeated inside a page and across pages, and a record with no id. Each ends
 * with a correct load or a clear error, and never with a half-applied page.
 */
import { createHash } from "node:crypto"
import { afterAll, beforeAll, describe, expect, it } from "@effect/vitest"
import { openWarehouse } from "@trialsync/warehouse"
import { createTestDatabase, type TestDatabase } from "@trialsync/warehouse/testing"
import { cliEnv, runCli, tempWorkdir } from "../support/cli.js"
import { type FakeCc, sendJson, startFakeCc } from "../support/fake-cc.js"

const KEY = "records-key-NEVER-PRINTED-31"
/** About 20 MB of JSON in one record, not all the same character (so compression or truncation shows). */
const payload = Array.from({ length: 20 * 1024 }, (_, i) => `${i.toString(36).padStart(4, "0")}`.repeat(256)).join("")
const bigRecord = { id: 1, name: "big", payload }

const study = (id: number | undefined, name: string) => ({
  ...(id === undefined ? {} : { id }),
  name,
  lastUpdatedOn: "2026-01-01T00:00:00Z"
})

describe("trialsync run with hostile records", () => {
  let cc: FakeCc
  let baseUrl: string
  let database: TestDatabase
  let sites: unknown = []
  let studies: Array<unknown> = []
  const workdir = tempWorkdir()

  beforeAll(async () => {
    cc = await startFakeCc((_request, response, url) => {
      const path = url.pathname
      if (path.endsWith("/api/v1/sites")) {
        sendJson(response, 200, JSON.stringify(sites))
        return true
      }
      if (!path.endsWith("/api/v1/studies/odata")) return false
      const skip = Number(url.searchParams.get("$skip") ?? 0)
      const top = Number(url.searchParams.get("$top") ?? 1000)
      sendJson(response, 200, JSON.stringify({ Items: studies.slice(skip, skip + top), Count: studies.length }))
      return true
    })
    baseUrl = cc.baseUrl
    database = await createTestDatabase("cli_hostile_records")
  })
  afterAll(async () => {
    cc.close()
    await database.drop()
    workdir.remove()
  })

  const cli = (args: Array<string>, extra: Record<string, string> = {}) =>
    runCli(args, {
      cwd: workdir.path,
      env: cliEnv({ CC_API_BASE_URL: baseUrl, CC_API_KEY: KEY, DATABASE_URL: database.url, ...extra })
    })
  const query = async <R>(sql: string): Promise<Array<R>> => {
    const warehouse = await openWarehouse({ databaseUrl: database.url })
    try {
      return await warehouse.query<R>(sql)
    } finally {
      await warehouse.close()
    }
  }

  it("loads one 20 MB record into staging intact", async () => {
    expect(JSON.stringify(bigRecord).length).toBeGreaterThan(20_000_000)
    sites = [bigRecord, { id: 2, name: "small" }]
    const result = await cli(["run", "--job-id", "1"])
    expect(result.code, result.stderr).toBe(0)
    expect(result.stdout).toMatch(/job 1 Sites: success in \S+: 2 inserted/)
    const rows = await query<{ record_key: string; length: number; md5: string; name: string }>(
      `SELECT record_key, length(data->>'payload')::int AS length, md5(data->>'payload') AS md5, data->>'name' AS name
       FROM dim_sites_staging WHERE NOT is_deleted ORDER BY record_key`
    )
    expect(rows).toEqual([
      { record_key: "1", length: payload.length, md5: createHash("md5").update(payload).digest("hex"), name: "big" },
      { record_key: "2", length: null, md5: null, name: "small" }
    ])
    expect(`${result.stdout}${result.stderr}`).not.toContain(KEY)
  })

  it("keeps the last of ids repeated inside a page, and inserts it once", async () => {
    sites = [
      { id: 10, name: "first" },
      { id: 11, name: "other" },
      { id: 10, name: "last" }
    ]
    const result = await cli(["run", "--job-id", "1", "--full-refresh"])
    expect(result.code, result.stderr).toBe(0)
    const rows = await query<{ record_key: string; name: string }>(
      "SELECT record_key, data->>'name' AS name FROM dim_sites_staging WHERE NOT is_deleted ORDER BY record_key"
    )
    // The 20 MB record and id 2 are gone from the source, so the snapshot marks them deleted.
    expect(rows).toEqual([
      { record_key: "10", name: "last" },
      { record_key: "11", name: "other" }
    ])
    const [run] = await query<{ records_loaded: number; records_inserted: number }>(
      "SELECT records_loaded, records_inserted FROM dw_etl_runs WHERE job_id = 1 ORDER BY id DESC LIMIT 1"
    )
    // Three records received, two distinct: the repeat is not inserted twice. (The loader counts
    // it in LoadResult.duplicates; the engine does not carry that count into the run yet.)
    expect(run).toMatchObject({ records_loaded: 2, records_inserted: 2 })
    expect(result.stdout).toMatch(/job 1 Sites: success in \S+: 2 inserted, 0 updated, 0 unchanged, 2 deleted/)
  })

  it("lets the last page win for ids repeated across pages, and fails clearly on a record with no id", async () => {
    studies = [study(1, "one"), study(2, "two on page 1"), study(2, "two on page 2"), study(3, "three")]
    const loaded = await cli(["run", "--job-id", "2", "--full-refresh"], { ETL_PAGE_SIZE: "2" })
    expect(loaded.code, loaded.stderr).toBe(0)
    const names = () =>
      query<{ record_key: string; name: string }>(
        "SELECT record_key, data->>'name' AS name FROM dim_studies_staging WHERE NOT is_deleted ORDER BY record_key"
      )
    expect(await names()).toEqual([
      { record_key: "1", name: "one" },
      { record_key: "2", name: "two on page 2" },
      { record_key: "3", name: "three" }
    ])

    // Page 1 and 2 change, page 3 holds a record without an id: the job fails on page 3, naming
    // the record, and pages 1 and 2 stay committed; page 3's good record is not half-applied.
    studies = [
      study(1, "one v2"),
      study(2, "two v2"),
      study(3, "three v2"),
      study(4, "four"),
      study(5, "five"),
      study(undefined, "no id")
    ]
    const failed = await cli(["run", "--job-id", "2", "--full-refresh"], { ETL_PAGE_SIZE: "2" })
    expect(failed.code).toBe(1)
    const all = `${failed.stdout}${failed.stderr}`
    expect(all).toMatch(/job 2 Studies: failed/)
    expect(all).toMatch(/record at position 1 \(0-based\) has no usable key/)
    expect(all).toMatch(/`id` and `Id` are absent \/ absent/)
    expect(await names()).toEqual([
      { record_key: "1", name: "one v2" },
      { record_key: "2", name: "two v2" },
      { record_key: "3", name: "three v2" },
      { record_key: "4", name: "four" }
    ])
    const [run] = await query<{ run_status: string; error_message: string }>(
      "SELECT run_status, error_message FROM dw_etl_runs WHERE job_id = 2 ORDER BY id DESC LIMIT 1"
    )
    expect(run?.run_status).toBe("failed")
    expect(run?.error_message).toMatch(/loading page 3 into dim_studies_staging.*position 1 \(0-based\)/)
  })
})
