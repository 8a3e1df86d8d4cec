/**
 * Two CC instances into one warehouse: each run reaches its own sandbox with its own key and
 * header, and neither instance's rows, runs, partitions or settings touch the other's.
 */
import { afterAll, beforeAll, describe, expect, it } from "@effect/vitest"
import { type Sandbox, startSandbox } from "@trialsync/cc-sandbox"
import { openWarehouse } from "@trialsync/warehouse"
import { createTestDatabase, type TestDatabase } from "@trialsync/warehouse/testing"
import { cliEnv, runCli, tempWorkdir } from "../support/cli.js"

describe("two CC instances in one warehouse", () => {
  let east: Sandbox
  let west: Sandbox
  let database: TestDatabase
  const workdir = tempWorkdir()
  let env: NodeJS.ProcessEnv
  const cli = (args: Array<string>) => runCli(args, { cwd: workdir.path, env })

  beforeAll(async () => {
    east = await startSandbox({ scale: 0.001, seed: 11 })
    west = await startSandbox({ scale: 0.001, seed: 12, apiKeyHeader: "X-ApiKey" })
    database = await createTestDatabase("cli_two_instances")
    // No CC_API_BASE_URL: the instances come from dw_api_credentials, their keys from their own variables.
    env = cliEnv({ DATABASE_URL: database.url, CC_KEY_EAST: east.apiKey, CC_KEY_WEST: west.apiKey })
  })
  afterAll(async () => {
    await east.stop()
    await west.stop()
    await database.drop()
    workdir.remove()
  })

  const query = async <R>(text: string, params: Array<unknown> = []) => {
    const warehouse = await openWarehouse({ databaseUrl: database.url })
    try {
      return await warehouse.query<R>(text, params)
    } finally {
      await warehouse.close()
    }
  }

  it("syncs each instance with its own settings and keeps their rows apart", async () => {
    for (const [name, sandbox, ref, header] of [
      ["east", east, "env:CC_KEY_EAST", "CCAPIKey"],
      ["west", west, "env:CC_KEY_WEST", "X-ApiKey"]
    ] as const) {
      const added = await cli([
        "instances",
        "add",
        name,
        "--base-url",
        sandbox.url,
        "--key-ref",
        ref,
        "--key-header",
        header,
        "--rate-limit-rps",
        "200"
      ])
      expect(added.code, added.stderr).toBe(0)
    }
    const settingsBefore = await query("SELECT * FROM dw_api_credentials ORDER BY id")

    const ambiguous = await cli(["run", "--job-id", "1"])
    expect(ambiguous.code).toBe(2)
    expect(ambiguous.stderr).toContain("Several CC instances are active (east, west): choose one with --instance NAME.")

    for (const name of ["east", "west"]) {
      const run = await cli(["run", "--job-id", "2", "--job-id", "10", "--instance", name])
      expect(run.code, `${run.stdout}${run.stderr}`).toBe(0)
      expect(`${run.stdout}${run.stderr}`).not.toContain(name === "east" ? east.apiKey : west.apiKey)
    }

    const instances = await query<{ id: number; instance_name: string; instance_uid: string | null }>(
      "SELECT id, instance_name, instance_uid FROM dw_api_credentials ORDER BY id"
    )
    expect(instances.map((row) => row.instance_name)).toEqual(["east", "west"])
    expect(new Set(instances.map((row) => row.instance_uid)).size).toBe(2)
    const [eastId, westId] = instances.map((row) => Number(row.id))

    const staged = await query<{ source_instance_id: number; studies: number; subjects: number }>(
      `SELECT i.id AS source_instance_id,
              (SELECT count(*)::int FROM dim_studies_staging s WHERE s.source_instance_id = i.id AND NOT s.is_deleted) AS studies,
              (SELECT count(*)::int FROM dim_subjects_staging s WHERE s.source_instance_id = i.id AND NOT s.is_deleted) AS subjects
       FROM dw_api_credentials i ORDER BY i.id`
    )
    expect(staged).toEqual([
      {
        source_instance_id: eastId,
        studies: east.counts()["/api/v1/studies/odata"],
        subjects: east.counts()["/api/v1/subjects/odata"]
      },
      {
        source_instance_id: westId,
        studies: west.counts()["/api/v1/studies/odata"],
        subjects: west.counts()["/api/v1/subjects/odata"]
      }
    ])

    // Runs and their partitions belong to the instance they ran against.
    const runs = await query<{ source_instance_id: number; jobs: number; partitions: number }>(
      `SELECT r.source_instance_id, count(DISTINCT r.job_id)::int AS jobs,
              (SELECT count(*)::int FROM dw_etl_partitions p JOIN dw_etl_runs pr ON pr.id = p.run_id
                WHERE pr.source_instance_id = r.source_instance_id) AS partitions
       FROM dw_etl_runs r GROUP BY r.source_instance_id ORDER BY r.source_instance_id`
    )
    expect(runs.map((row) => [row.source_instance_id, row.jobs])).toEqual([
      [eastId, 2],
      [westId, 2]
    ])

    // A full refresh of one instance marks nothing of the other's deleted and rewrites none of it.
    const westBefore = await query<{ record_key: string; xmin: string }>(
      "SELECT record_key, xmin::text FROM dim_studies_staging WHERE source_instance_id = $1 ORDER BY record_key",
      [westId]
    )
    const refresh = await cli(["run", "--job-id", "2", "--instance", "east", "--full-refresh"])
    expect(refresh.code).toBe(0)
    expect(
      await query(
        "SELECT record_key, xmin::text FROM dim_studies_staging WHERE source_instance_id = $1 ORDER BY record_key",
        [westId]
      )
    ).toEqual(westBefore)
    const [deleted] = await query<{ n: number }>("SELECT count(*)::int AS n FROM dim_studies_staging WHERE is_deleted")
    expect(deleted?.n).toBe(0)

    // Settings are untouched by the runs (each row kept its URL, key reference and header).
    const settingsAfter = await query<Record<string, unknown>>("SELECT * FROM dw_api_credentials ORDER BY id")
    const stable = (rows: ReadonlyArray<Record<string, unknown>>) =>
      rows.map(({ base_url, api_key, api_key_header, rate_limit_rps }) => ({
        base_url,
        api_key,
        api_key_header,
        rate_limit_rps
      }))
    expect(stable(settingsAfter)).toEqual(stable(settingsBefore as ReadonlyArray<Record<string, unknown>>))
  })
})
