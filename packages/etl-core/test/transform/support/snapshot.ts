/**
 * Test support: writes complete snapshots into staging through the warehouse's own loader, so a
 * test can script source changes exactly: a changed record is rewritten, an identical one is
 * left alone, a record missing from the snapshot is soft-deleted, and one that comes back is
 * revived (what a sync does).
 */
import type { StagingTableName, Warehouse } from "@trialsync/warehouse"

export type Records = ReadonlyArray<unknown>

export interface SnapshotWriter {
  /**
   * Loads `records` as the complete content of `table` for the instance; with `byParent`, as the
   * complete child lists of those parents.
   */
  readonly snapshot: (
    table: StagingTableName,
    records: Records | { readonly byParent: Record<string, Records> }
  ) => Promise<void>
}

export const snapshotWriter = (warehouse: Warehouse, instanceId: number): SnapshotWriter => {
  const newRun = async () => {
    const [run] = await warehouse.query<{ id: number }>(
      "INSERT INTO dw_etl_runs (job_id, source_instance_id, run_status) VALUES (1, $1, 'success') RETURNING id",
      [instanceId]
    )
    return run!.id
  }
  const load = async (table: StagingTableName, records: Records, runId: number, parentKey?: string) => {
    const result = await warehouse.loadStaging(table, records, {
      instanceId,
      jobId: 1,
      runId,
      trackSeen: true,
      ...(parentKey === undefined ? {} : { parentKey })
    })
    await warehouse.markMissingAsDeleted(table, {
      runId,
      instanceId,
      expectedSeen: result.total - result.duplicates,
      ...(parentKey === undefined ? {} : { parentKey })
    })
  }
  return {
    snapshot: async (table, records) => {
      const runId = await newRun()
      if ("byParent" in records) {
        for (const [parentKey, children] of Object.entries(records.byParent))
          await load(table, children, runId, parentKey)
      } else {
        await load(table, records as Records, runId)
      }
    }
  }
}
