import { readFileSync } from "node:fs"
import { describe, expect, it } from "vitest"
import type { Harness } from "./harness.js"

/** The statements of `sql/operator-queries.sql`, one per paragraph, comments dropped. */
const operatorStatements = (): ReadonlyArray<string> =>
  readFileSync(new URL("../../../../sql/operator-queries.sql", import.meta.url), "utf8")
    .split(/\n\s*\n/)
    .map((paragraph) =>
      paragraph
        .split("\n")
        .filter((line) => !line.trimStart().startsWith("--"))
        .join("\n")
        .trim()
        .replace(/;$/, "")
    )
    .filter((statement) => statement.length > 0)

/**
 * docs/design.md §5: operators' scripts run these against the control and staging tables.
 * (`SELECT * FROM dim_studies WHERE is_current = TRUE` targets Silver, which a later issue adds.)
 */
export const existingQueriesSuite = (h: Harness) =>
  describe("existing queries (docs/design.md §5)", () => {
    it("run unchanged against the control and staging tables", async () => {
      const warehouse = h.warehouse()
      await warehouse.query(
        `INSERT INTO dw_etl_jobs (id, name, source_endpoint, target_table, job_group, catalog_status, last_run_status, last_run_records, last_run_at)
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

    it("keep the replaced system's control columns: its scripts' inserts and selects work", async () => {
      const warehouse = h.warehouse()
      const statements = operatorStatements()
      expect(statements.length).toBeGreaterThanOrEqual(10)
      for (const statement of statements) await warehouse.query(statement)

      const [job] = await warehouse.query<Record<string, unknown>>(
        `SELECT id, job_group, catalog_status, requires_parameters, batch_size, rate_limit_ms, incremental_load,
                load_mode, timestamp_field_name, source_instance_id
         FROM dw_etl_jobs WHERE name = 'Operator Sites' ORDER BY id DESC LIMIT 1`
      )
      expect(Number(job!.id)).toBeGreaterThanOrEqual(1000)
      expect(job).toMatchObject({
        job_group: "custom",
        catalog_status: "custom",
        requires_parameters: false,
        batch_size: 500,
        rate_limit_ms: 100,
        incremental_load: false,
        load_mode: "full",
        timestamp_field_name: null
      })
      expect(job!.source_instance_id).not.toBeNull()

      const [run] = await warehouse.query<{ id: number }>(
        "INSERT INTO dw_etl_runs (job_id, run_status, records_loaded, duration_ms, parameters) VALUES ($1, 'success', 3, 1500, '{}'::jsonb) RETURNING id",
        [job!.id]
      )
      const [timed] = await warehouse.query<{ duration_seconds: unknown }>(
        "SELECT duration_seconds FROM dw_etl_runs WHERE id = $1",
        [run!.id]
      )
      expect(Number(timed!.duration_seconds)).toBe(1.5)

      const [instance] = await warehouse.query<{ api_key: string }>(
        "SELECT api_key FROM dw_api_credentials WHERE instance_name = 'operator-script'"
      )
      expect(instance!.api_key).toBe("env:CC_API_KEY")
    })
  })
