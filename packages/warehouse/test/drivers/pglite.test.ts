/** PGlite specifics: a persisted data directory survives a reopen. */
import { existsSync, mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, describe, expect, it } from "vitest"
import { openWarehouse } from "../../src/index.js"

const root = mkdtempSync(join(tmpdir(), "trialsync-pglite-test-"))
afterAll(() => rmSync(root, { recursive: true, force: true }))

describe("PGlite data directory", () => {
  it("is created on first use and keeps data and migrations across a reopen", async () => {
    const dataDir = join(root, "nested", "pglite")
    const first = await openWarehouse({ dataDir })
    try {
      expect(existsSync(dataDir)).toBe(true)
      expect(first.driver).toBe("pglite")
      expect(first.describe()).toBe(`pglite:${dataDir}`)
      await first.migrate()
      await first.loadStaging("dim_sites_staging", [{ id: 1, name: "Site 1" }], { instanceId: 1, jobId: 1, runId: 1 })
    } finally {
      await first.close()
    }

    const second = await openWarehouse({ dataDir })
    try {
      const [applied] = await second.query<{ n: number }>("SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations")
      await second.migrate()
      const [after] = await second.query<{ n: number }>("SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations")
      expect(after!.n).toBe(applied!.n)
      expect(await second.query("SELECT data FROM dim_sites_staging")).toEqual([{ data: { id: 1, name: "Site 1" } }])
      const reload = await second.loadStaging("dim_sites_staging", [{ id: 1, name: "Site 1" }], {
        instanceId: 1,
        jobId: 1,
        runId: 2
      })
      expect(reload).toMatchObject({ unchanged: 1 })
    } finally {
      await second.close()
    }
  })
})
