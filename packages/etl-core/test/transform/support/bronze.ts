/**
 * Test and benchmark support: loads Bronze from a sandbox over real HTTP, the way a complete
 * snapshot sync does it (every page of every job; deletions detected), for the jobs Silver reads.
 * Plain jobs go through `warehouse.loadStaging` (keys tracked, then `markMissingAsDeleted`);
 * fan-out jobs through the engine's partition batcher (`writePartitionRecords`: many parents'
 * complete child lists per transaction, children missing from an answer soft-deleted), because
 * one transaction per parent costs ~6 ms on this machine and the visit-element job has a parent
 * per patient visit.
 */
import { createCcClient, isCcError } from "@trialsync/cc-client"
import type { Sandbox } from "@trialsync/cc-sandbox"
import { getStagingTable, type Warehouse } from "@trialsync/warehouse"
import { encodeRecords, type PartitionRows, writePartitionRecords } from "../../../src/engine/sink/partition-batch.js"
import { catalogJobs, fillEndpoint, readKeyPath, seedCatalog } from "../../../src/index.js"

const partitionsPerCommit = 500

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
    `INSERT INTO dw_api_credentials (instance_name, base_url, api_key) VALUES ($1, 'http://sandbox', 'env:CC_API_KEY')
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
  sandbox: Pick<Sandbox, "url" | "apiKey" | "apiKeyHeader">,
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
      // Fresh statistics, or the planner may take the seen-keys anti-join for a nested loop over
      // a "tiny" table (measured: 14 min for 225k patient visits instead of seconds).
      if (result.total > 10_000) await warehouse.query("ANALYZE dw_etl_seen_keys")
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
    const def = getStagingTable(target)
    let pending: Array<PartitionRows> = []
    const commit = async () => {
      const batch = pending
      pending = []
      if (batch.length === 0) return
      const result = await warehouse.transaction((tx) =>
        writePartitionRecords(tx, def, { instanceId, jobId, runId }, batch)
      )
      count(result, result.deleted)
    }
    await runInParallel(parents, options.width ?? 16, async (parent) => {
      const path = fillEndpoint(job.endpoint, { [binding.name]: String(readKeyPath(parent.data, binding.keyPath)) })
      const records: Array<unknown> = []
      try {
        for await (const record of client.records(path)) records.push(record)
      } catch (error) {
        if (isCcError(error) && error._tag === "NotFound") return
        throw error
      }
      const encoded = encodeRecords(def, records)
      if ("invalid" in encoded) throw new Error(encoded.invalid)
      pending.push({ parentKey: parent.record_key, records: encoded })
      if (pending.length >= partitionsPerCommit) await commit()
    })
    await commit()
  }
  return written
}
