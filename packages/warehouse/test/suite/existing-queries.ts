import { describe, expect, it } from "vitest"
import type { Harness } from "./harness.js"

/**
 * DESIGN.md section 5: operators' scripts run these against the control and staging tables.
 * (`SELECT * FROM dim_studies WHERE is_current = TRUE` targets Silver, which a later issue adds.)
 */
export const existingQueriesSuite = (h: Harness) =>
  describe("existing queries (DESIGN.md section 5)", () => {
    it("run unchanged against the control and staging tables", async () => {
      const warehouse = h.warehouse()
      await warehouse.query(
        `INSERT INTO dw_etl_jobs (id, name, source_endpoint, target_table, category, catalog_status, last_run_status, last_run_records, last_run_at)
         VALUES (2, 'Studies', '/api/v1/studies/odata', 'dim_studies_staging', 'dimension', 'valid', 'success', 1, now())
         ON CONFLICT (id) DO NOTHING`
      )
      const [run] = await warehouse.query<{ id: number }>(
        "INSERT INTO dw_etl_runs (job_id, run_status, records_loaded) VALUES (2, 'success', 1) RETURNING id"
      )
      await warehouse.loadStaging(
        "dim_studies_staging",
        [{ id: 42, name: "ONC-042", lastUpdatedOn: "2025-01-01T00:00:00Z" }],
        {
          instanceId: h.freshInstanceId(),
          jobId: 2,
          runId: run!.id
        }
      )

      const jobs = await warehouse.query(
        "SELECT id, name, source_endpoint, is_active, last_run_status FROM dw_etl_jobs ORDER BY id"
      )
      expect(jobs).toContainEqual({
        id: 2,
        name: "Studies",
        source_endpoint: "/api/v1/studies/odata",
        is_active: true,
        last_run_status: "success"
      })
      const byTarget = await warehouse.query(
        "SELECT id, name, last_run_status, last_run_records, last_run_at FROM dw_etl_jobs WHERE target_table = 'dim_studies_staging'"
      )
      expect(byTarget).toHaveLength(1)
      const runs = await warehouse.query<{ run_status: string; records_loaded: number }>(
        "SELECT run_status, records_loaded, error_message, started_at FROM dw_etl_runs WHERE job_id = 2 ORDER BY started_at DESC LIMIT 10"
      )
      expect(runs[0]).toMatchObject({ run_status: "success", records_loaded: 1 })
      const [count] = await warehouse.query<{ count: unknown }>("SELECT COUNT(*) FROM dim_studies_staging")
      expect(Number(count!.count)).toBeGreaterThanOrEqual(1)
      const [row] = await warehouse.query<{ data: unknown }>("SELECT data FROM dim_studies_staging LIMIT 1")
      expect(row!.data).toMatchObject({ id: 42 })
    })
  })
