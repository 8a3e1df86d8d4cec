import { afterAll, beforeAll, describe, expect, it } from "@effect/vitest"
import { openWarehouse } from "@trialsync/warehouse"
import { createTestDatabase, type TestDatabase } from "@trialsync/warehouse/testing"
import { cliEnv, runCli, tempWorkdir } from "../support/cli.js"
import { type FakeCc, sendJson, startFakeCc } from "../support/fake-cc.js"

const study = (id: number) => ({ id, name: `S-${id}`, lastUpdatedOn: "2026-01-01T00:00:00Z" })

describe("trialsync run while the source gains records between pages", () => {
  let cc: FakeCc
  let baseUrl: string
  let database: TestDatabase
  /** Sorted by id, as `$orderby=id` asks. */
  let studies: Array<ReturnType<typeof study>> = []
  /** Inserted into `studies` when the page at this `$skip` is asked for; then cleared. */
  let insertAtSkip: { readonly skip: number; readonly ids: ReadonlyArray<number> } | undefined
  const skips: Array<number> = []
  const workdir = tempWorkdir()

  beforeAll(async () => {
    cc = await startFakeCc((_request, response, url) => {
      if (!url.pathname.endsWith("/api/v1/studies/odata")) return false
      const skip = Number(url.searchParams.get("$skip") ?? 0)
      const top = Number(url.searchParams.get("$top") ?? 1000)
      skips.push(skip)
      if (insertAtSkip !== undefined && skip === insertAtSkip.skip) {
        studies = [...studies, ...insertAtSkip.ids.map(study)].sort((a, b) => a.id - b.id)
        insertAtSkip = undefined
      }
      sendJson(response, 200, JSON.stringify({ Items: studies.slice(skip, skip + top), Count: studies.length }))
      return true
    })
    baseUrl = cc.baseUrl
    database = await createTestDatabase("cli_hostile_paging")
  })
  afterAll(async () => {
    cc.close()
    await database.drop()
    workdir.remove()
  })

  const run = () =>
    runCli(["run", "--job-id", "2", "--full-refresh"], {
      cwd: workdir.path,
      env: cliEnv({ CC_API_BASE_URL: baseUrl, CC_API_KEY: "k", DATABASE_URL: database.url, ETL_PAGE_SIZE: "3" })
    })
  const staging = async () => {
    const warehouse = await openWarehouse({ databaseUrl: database.url })
    try {
      return await warehouse.query<{ id: number; deleted: boolean }>(
        "SELECT record_key::int AS id, is_deleted AS deleted FROM dim_studies_staging ORDER BY record_key::int"
      )
    } finally {
      await warehouse.close()
    }
  }
  const live = (ids: ReadonlyArray<number>) => ids.map((id) => ({ id, deleted: false }))

  it("marks nothing deleted when inserts shift the pages, and a rerun loads what was missed", async () => {
    const first = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100]
    studies = first.map(study)
    const initial = await run()
    expect(initial.code, initial.stderr).toBe(0)
    expect(await staging()).toEqual(live(first))

    // While the engine asks for the second page, two records appear ahead of it (ids 5 and 15)
    // and one behind it (id 95).
    skips.length = 0
    insertAtSkip = { skip: 3, ids: [5, 15, 95] }
    const during = await run()
    expect(during.code, `${during.stdout}${during.stderr}`).toBe(0)
    expect(skips.slice(0, 2)).toEqual([0, 3]) // really paged by $skip, and the insert happened mid-run
    expect(insertAtSkip).toBeUndefined()
    const afterDuring = await staging()
    expect(afterDuring.filter((row) => row.deleted)).toEqual([]) // no row wrongly marked deleted
    for (const id of [...first, 95]) expect(afterDuring).toContainEqual({ id, deleted: false })

    const rerun = await run()
    expect(rerun.code, rerun.stderr).toBe(0)
    expect(await staging()).toEqual(live([5, 10, 15, 20, 30, 40, 50, 60, 70, 80, 90, 95, 100]))
  })
})
