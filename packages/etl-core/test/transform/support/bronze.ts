/**
 * Test support: loads Bronze from a sandbox over real HTTP with the client and
 * `warehouse.loadStaging`, the way a complete snapshot sync does it (every page of every job,
 * keys tracked, then `markMissingAsDeleted` per instance or per fan-out parent). Only the jobs
 * Silver reads.
 */
import { createCcClient, isCcError } from "@trialsync/cc-client"
import type { Sandbox } from "@trialsync/cc-sandbox"
import type { Warehouse } from "@trialsync/warehouse"
import { catalogJobs, fillEndpoint, readKeyPath, seedCatalog } from "../../../src/index.js"

/** The jobs whose staging tables Silver reads, parents before children. */
export const silverJobIds = [1, 35, 26, 139, 2, 3, 8, 10, 11, 141, 127, 9, 25, 166] as const

const runInParallel = async <T>(items: ReadonlyArray<T>, width: number, run: (item: T) => Promise<void>) => {
  let next = 0
  await Promise.all(
    Array.from({ length: Math.min(width, items.length) }, async () => {
      while (next < items.length) await run(items[next++]!)
    })
  )
}

/** Creates the source instance row (and seeds the catalog); returns its id. */
export const registerInstance = async (warehouse: Warehouse, name: string): Promise<number> => {
  await seedCatalog(warehouse)
  const [row] = await warehouse.query<{ id: number }>(
    `INSERT INTO dw_api_credentials (instance_name, base_url, api_key_ref) VALUES ($1, 'http://sandbox', 'env:CC_API_KEY')
     ON CONFLICT (instance_name) DO UPDATE SET base_url = excluded.base_url RETURNING id`,
    [name]
  )
  return row!.id
}

export interface BronzeLoadOptions {
  readonly instanceId: number
  readonly jobs?: ReadonlyArray<number>
  /** Parallel fan-out partitions (default 8). */
  readonly width?: number
}

/** Loads a complete snapshot of the given jobs; returns rows written per staging table. */
export const loadBronze = async (
  warehouse: Warehouse,
  sandbox: Sandbox,
  options: BronzeLoadOptions
): Promise<Record<string, number>> => {
  const client = createCcClient({
    baseUrl: sandbox.url,
    apiKey: sandbox.apiKey,
    apiKeyHeader: sandbox.apiKeyHeader,
    requestsPerSecond: 0,
    concurrency: 16
  })
  const { instanceId } = options
  const written: Record<string, number> = {}
  for (const jobId of options.jobs ?? silverJobIds) {
    const job = catalogJobs.find((candidate) => candidate.id === jobId)
    if (job === undefined) throw new Error(`No catalog job ${jobId}`)
    const [run] = await warehouse.query<{ id: number }>(
      "INSERT INTO dw_etl_runs (job_id, source_instance_id, run_status) VALUES ($1, $2, 'success') RETURNING id",
      [jobId, instanceId]
    )
    const runId = run!.id
    const target = job.targetTable
    const count = (result: { inserted: number; updated: number }, deleted: number) => {
      written[target] = (written[target] ?? 0) + result.inserted + result.updated + deleted
    }
    const [binding, ...more] = job.parameters
    if (binding === undefined) {
      const result = await warehouse.loadStaging(target, client.records(job.endpoint), {
        instanceId,
        jobId,
        runId,
        trackSeen: true
      })
      const deleted = await warehouse.markMissingAsDeleted(target, {
        runId,
        instanceId,
        expectedSeen: result.total - result.duplicates
      })
      count(result, deleted)
      continue
    }
    if (more.length > 0) throw new Error(`Job ${jobId} has several placeholders; the test loader binds one`)
    const parents = await warehouse.query<{ record_key: string; data: unknown }>(
      `SELECT record_key, data FROM ${binding.parentTable} WHERE source_instance_id = $1 AND NOT is_deleted ORDER BY id`,
      [instanceId]
    )
    await runInParallel(parents, options.width ?? 8, async (parent) => {
      const path = fillEndpoint(job.endpoint, { [binding.name]: String(readKeyPath(parent.data, binding.keyPath)) })
      try {
        const result = await warehouse.loadStaging(target, client.records(path), {
          instanceId,
          jobId,
          runId,
          parentKey: parent.record_key,
          trackSeen: true
        })
        const deleted = await warehouse.markMissingAsDeleted(target, {
          runId,
          instanceId,
          parentKey: parent.record_key,
          expectedSeen: result.total - result.duplicates
        })
        count(result, deleted)
      } catch (error) {
        if (!(isCcError(error) && error._tag === "NotFound")) throw error
      }
    })
  }
  return written
}
