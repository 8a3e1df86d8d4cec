/**
 * The README's custom extract (examples/custom-extract.ts) against the sandbox and the local
 * PostgreSQL: a table of one's own, loaded once, then found unchanged.
 */
import { startSandbox } from "@trialsync/cc-sandbox"
import { openWarehouse } from "@trialsync/warehouse"
import { createTestDatabase } from "@trialsync/warehouse/testing"
import { describe, expect, it } from "vitest"
import { extractStudySubjects } from "../examples/custom-extract.js"

describe("examples/custom-extract.ts", () => {
  it("loads every subject of a study into a table of one's own, and finds them unchanged the next time", async () => {
    const sandbox = await startSandbox({ scale: 0.001 })
    const database = await createTestDatabase("etl_core_example")
    try {
      const config = { cc: { baseUrl: sandbox.url, apiKey: sandbox.apiKey }, databaseUrl: database.url }
      const subjects = (await (
        await fetch(`${sandbox.url}/api/v1/studies/1001/subjects/odata?$top=1000`, {
          headers: { [sandbox.apiKeyHeader]: sandbox.apiKey }
        })
      ).json()) as { Items: ReadonlyArray<{ id: number }> }
      const first = await extractStudySubjects(1001, config)
      expect(first.jobs[0]).toMatchObject({ status: "success", inserted: subjects.Items.length, updated: 0 })
      const again = await extractStudySubjects(1001, config)
      expect(again.jobs[0]).toMatchObject({
        status: "success",
        inserted: 0,
        updated: 0,
        unchanged: subjects.Items.length
      })
      const warehouse = await openWarehouse({ databaseUrl: database.url })
      try {
        const rows = await warehouse.query<{ id: string }>(
          "SELECT record_key AS id FROM my_study_subjects_staging WHERE NOT is_deleted ORDER BY record_key::int"
        )
        expect(rows.map((row) => Number(row.id))).toEqual(subjects.Items.map((subject) => subject.id))
        const [job] = await warehouse.query<{ last_run_status: string }>(
          "SELECT last_run_status FROM dw_etl_jobs WHERE id = 9001"
        )
        expect(job?.last_run_status).toBe("success")
      } finally {
        await warehouse.close()
      }
    } finally {
      await sandbox.stop()
      await database.drop()
    }
  })
})
