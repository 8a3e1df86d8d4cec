import { describe, expect, it } from "vitest"
import {
  type JobDefinition,
  listJobSettings,
  listJobStatus,
  listOperatorJobs,
  listRunHistory,
  seedJobDefinitions
} from "../../src/index.js"
import type { Harness } from "./harness.js"

// Ids no other suite uses (they insert jobs 1, 2 and 9001).
const first = 7101
const second = 7102
const disabled = 7103
const custom = 7150

const definition = (id: number, overrides: Partial<JobDefinition> = {}): JobDefinition => ({
  id,
  name: `job ${id}`,
  sourceEndpoint: `/api/v1/things${id}`,
  originalEndpoint: `/api/v1/old-things${id}`,
  targetTable: "dim_sites_staging",
  requiresParameters: false,
  parameterName: null,
  parameterSourceTable: null,
  parameterSourceColumn: null,
  jobGroup: "core",
  catalogStatus: "valid",
  statusReason: "in the spec",
  parameters: [],
  dependsOn: [],
  timestampFieldName: null,
  loadMode: "full",
  isActive: true,
  schedule: null,
  timeoutSeconds: null,
  batchSize: null,
  incrementalLoad: false,
  ...overrides
})

const ours = (ids: ReadonlyArray<number>) => ids.filter((id) => id >= first && id < first + 100)

export const jobsSuite = (h: Harness) =>
  describe("jobs (dw_etl_jobs) and the run history", () => {
    it("seeds definitions idempotently, keeps an operator's switch, always switches a disabled job off", async () => {
      const warehouse = h.warehouse()
      const jobs = [
        definition(first, { batchSize: 200, timeoutSeconds: 60, schedule: "0 * * * *" }),
        definition(second, {
          requiresParameters: true,
          parameterName: "studyId",
          parameterSourceTable: "dim_studies_staging",
          parameterSourceColumn: "data->>'id'",
          parameters: [{ name: "studyId", parentTable: "dim_studies_staging", keyPath: "id" }],
          dependsOn: [first],
          timestampFieldName: "lastUpdatedOn",
          loadMode: "incremental",
          incrementalLoad: true
        }),
        definition(disabled)
      ]
      const seeded = await seedJobDefinitions(warehouse, jobs)
      expect(seeded).toMatchObject({ inserted: [first, second, disabled], updated: [], unchanged: 0 })
      expect(await seedJobDefinitions(warehouse, jobs)).toMatchObject({ inserted: [], updated: [], unchanged: 3 })

      const [row] = await warehouse.query<Record<string, unknown>>(
        `SELECT parameter_name, parameter_source_column, parameters, depends_on, load_mode, incremental_load, job_group,
                original_endpoint FROM dw_etl_jobs WHERE id = $1`,
        [second]
      )
      expect(row).toEqual({
        parameter_name: "studyId",
        parameter_source_column: "data->>'id'",
        parameters: [{ name: "studyId", parentTable: "dim_studies_staging", keyPath: "id" }],
        depends_on: [first],
        load_mode: "incremental",
        incremental_load: true,
        job_group: "core",
        original_endpoint: `/api/v1/old-things${second}`
      })

      // The operator switches the first job off and changes its page size; a new definition keeps both.
      await warehouse.query("UPDATE dw_etl_jobs SET is_active = false, batch_size = 50 WHERE id = $1", [first])
      const changed = [
        definition(first, { name: "renamed", isActive: true, batchSize: 999 }),
        jobs[1]!,
        definition(disabled, { catalogStatus: "disabled" })
      ]
      expect(await seedJobDefinitions(warehouse, changed)).toMatchObject({
        inserted: [],
        updated: [first, disabled],
        unchanged: 1
      })
      const settings = (await listJobSettings(warehouse)).filter((setting) => ours([setting.id]).length === 1)
      expect(settings).toEqual([
        { id: first, isActive: false, pageSize: 50, timeoutSeconds: 60 },
        { id: second, isActive: true, pageSize: undefined, timeoutSeconds: undefined },
        { id: disabled, isActive: false, pageSize: undefined, timeoutSeconds: undefined }
      ])
      const [renamed] = await warehouse.query<{ name: string }>("SELECT name FROM dw_etl_jobs WHERE id = $1", [first])
      expect(renamed?.name).toBe("renamed")
    })

    it("lists the rows the definitions leave out, and operators' rows outside the catalog", async () => {
      const warehouse = h.warehouse()
      await warehouse.query(
        `INSERT INTO dw_etl_jobs (id, name, source_endpoint, target_table, is_active, requires_parameters,
           parameter_source_table, parameter_source_column, batch_size, rate_limit_ms)
         VALUES ($1, 'operator job', '/api/v1/rooms', 'dim_rooms_staging', false, true, 'dim_sites_staging', 'id', 5000, 250)`,
        [custom]
      )
      const seeded = await seedJobDefinitions(warehouse, [definition(first, { name: "renamed", batchSize: 999 })])
      expect(ours(seeded.notInCatalog)).toEqual([second, disabled, custom])
      expect(seeded.unchanged).toBe(1)

      const operatorRows = await listOperatorJobs(warehouse, [first, second, disabled])
      expect(operatorRows.filter((job) => ours([job.id]).length === 1)).toEqual([
        {
          id: custom,
          name: "operator job",
          sourceEndpoint: "/api/v1/rooms",
          targetTable: "dim_rooms_staging",
          isActive: false,
          requiresParameters: true,
          parameterSourceTable: "dim_sites_staging",
          parameterSourceColumn: "id",
          batchSize: 5000,
          rateLimitMs: 250
        }
      ])
    })

    it("reads each job's last run, and runs newest first", async () => {
      const warehouse = h.warehouse()
      expect(await listJobStatus(warehouse, custom)).toEqual([
        expect.objectContaining({ jobId: custom, lastRunId: null, lastRunStatus: null, lastRunAt: null })
      ])
      const [older] = await warehouse.query<{ id: number }>(
        `INSERT INTO dw_etl_runs (job_id, run_status, started_at, completed_at, duration_ms, records_inserted, pages)
         VALUES ($1, 'failed', '2026-01-01T00:00:00Z', '2026-01-01T00:00:02Z', 2000, 3, 1) RETURNING id`,
        [first]
      )
      const [newer] = await warehouse.query<{ id: number }>(
        `INSERT INTO dw_etl_runs (job_id, run_status, started_at, duration_ms, error_message, attempt, retry_of, group_id,
           partitions_total, partitions_failed)
         VALUES ($1, 'partial', '2026-01-02T00:00:00Z', 1500, 'one partition failed', 2, $2,
           '00000000-0000-4000-8000-000000000001', 4, 1) RETURNING id`,
        [first, older!.id]
      )
      await warehouse.query(
        `UPDATE dw_etl_jobs SET last_run_id = $2, last_run_status = 'partial', last_run_records = 7,
           last_run_at = '2026-01-02T00:00:01Z' WHERE id = $1`,
        [first, newer!.id]
      )

      const [status] = await listJobStatus(warehouse, first)
      expect(status).toEqual({
        jobId: first,
        name: "renamed",
        category: "core",
        targetTable: "dim_sites_staging",
        active: false,
        catalogStatus: "valid",
        lastRunId: newer!.id,
        lastRunStatus: "partial",
        lastRunRecords: 7,
        lastRunAt: new Date("2026-01-02T00:00:01Z"),
        lastRunError: "one partition failed",
        lastRunDurationMs: 1500
      })
      expect(ours((await listJobStatus(warehouse)).map((row) => row.jobId))).toEqual([first, second, disabled, custom])

      const history = await listRunHistory(warehouse, { jobId: first })
      expect(history.map((run) => run.runId)).toEqual([newer!.id, older!.id])
      expect(history[0]).toMatchObject({
        jobId: first,
        name: "renamed",
        groupId: "00000000-0000-4000-8000-000000000001",
        status: "partial",
        trigger: "cli",
        attempt: 2,
        retryOf: older!.id,
        startedAt: new Date("2026-01-02T00:00:00Z"),
        completedAt: null,
        durationMs: 1500,
        partitionsTotal: 4,
        partitionsFailed: 1,
        error: "one partition failed"
      })
      expect(history[1]).toMatchObject({ status: "failed", inserted: 3, pages: 1, retryOf: null, error: null })
      expect(await listRunHistory(warehouse, { jobId: first, limit: 0 })).toHaveLength(1)
    })
  })
