/**
 * Commits many completed fan-out partitions' records in one statement, in the caller's
 * transaction: at production scale a sync makes millions of child calls whose answers are mostly
 * tiny or empty, and one transaction (plus its round trips) per partition would cap the whole sync
 * at the database's commit rate. The engine (`@trialsync/etl-core`) batches partitions and calls
 * this; the warehouse owns the SQL, as it owns every write to Bronze.
 *
 * One call writes the records, each with its own parent key, following the loader's contract (key
 * and content hash per record, encoded by `encodeStagingRecord`; unchanged rows are not written;
 * changed rows rewritten; new rows inserted), and soft-deletes the rows of each completed parent
 * that its answer no longer holds (each partition's answer is that parent's complete child list).
 */
import type { StagingTableDef } from "../staging/definition.js"
import { type EncodedStagingRecord, encodeStagingRecord } from "./encode-record.js"
import { quoteIdentifier } from "./identifiers.js"
import type { WarehouseTx } from "./types.js"

type Query = Pick<WarehouseTx, "query">

/** One record, keyed and hashed in the fetching fiber so the committer only ships text. */
export type EncodedRecord = EncodedStagingRecord

/**
 * Keys and hashes a partition's records; returns the reason instead when a record has no key or
 * is not JSON.
 */
export const encodeRecords = (
  def: StagingTableDef,
  records: ReadonlyArray<unknown>
): ReadonlyArray<EncodedRecord> | { readonly invalid: string } => {
  const encoded: Array<EncodedRecord> = []
  for (const [position, record] of records.entries()) {
    const one = encodeStagingRecord(def, record)
    if ("invalid" in one) return { invalid: `record ${position}: ${one.invalid}` }
    encoded.push(one)
  }
  return encoded
}

export interface PartitionRows {
  readonly parentKey: string
  readonly records: ReadonlyArray<EncodedRecord>
}

export interface BatchWriteResult {
  readonly inserted: number
  readonly updated: number
  readonly unchanged: number
  readonly deleted: number
  /** Records whose key repeated inside the batch (the last one was kept). */
  readonly duplicates: number
}

const statements = new Map<string, string>()

const upsertSql = (def: StagingTableDef): string => {
  const cached = statements.get(def.name)
  if (cached !== undefined) return cached
  const table = quoteIdentifier(def.name)
  const sameParent = def.parentScoped ? " AND t.parent_key = s.parent_key" : ""
  const sourceId = def.key === "id" ? "p.record_key" : "NULL"
  // A row moving to another parent (non-parent-scoped keys) is rewritten by `changed`; `gone`
  // must not touch it in the same statement, hence the key-only test there.
  const stillThere = def.parentScoped
    ? "s.parent_key = t.parent_key AND s.record_key = t.record_key"
    : "s.record_key = t.record_key"
  const sql = `WITH s AS MATERIALIZED (
  SELECT * FROM unnest($4::text[], $5::text[], $6::text[], $7::text[]) AS s(parent_key, record_key, content_hash, data)
), probe AS MATERIALIZED (
  SELECT s.parent_key, s.record_key, s.content_hash, s.data, t.id AS target_id,
         coalesce(t.content_hash = s.content_hash AND t.parent_key = s.parent_key AND NOT t.is_deleted, false) AS unchanged
  FROM s LEFT JOIN ${table} AS t ON t.source_instance_id = $1::int AND t.record_key = s.record_key${sameParent}
), changed AS (
  UPDATE ${table} AS t
  SET data = p.data::jsonb, content_hash = p.content_hash, parent_key = p.parent_key, source_id = ${sourceId},
      etl_job_id = $2::int, etl_run_id = $3::int, loaded_at = now(), updated_at = now(), is_deleted = false, deleted_at = NULL
  FROM probe AS p
  WHERE p.target_id IS NOT NULL AND NOT p.unchanged AND t.id = p.target_id
  RETURNING 1
), added AS (
  INSERT INTO ${table} (data, source_instance_id, source_id, record_key, parent_key, content_hash, etl_job_id, etl_run_id)
  SELECT p.data::jsonb, $1::int, ${sourceId}, p.record_key, p.parent_key, p.content_hash, $2::int, $3::int
  FROM probe AS p WHERE p.target_id IS NULL
  RETURNING 1
), gone AS (
  UPDATE ${table} AS t SET is_deleted = true, deleted_at = now(), updated_at = now()
  WHERE t.source_instance_id = $1::int AND t.parent_key = ANY($8::text[]) AND NOT t.is_deleted
    AND NOT EXISTS (SELECT 1 FROM s WHERE ${stillThere})
  RETURNING 1
)
SELECT (SELECT count(*) FROM added)::int AS inserted, (SELECT count(*) FROM changed)::int AS updated,
       (SELECT count(*) FROM gone)::int AS deleted`
  statements.set(def.name, sql)
  return sql
}

/**
 * Writes the records of completed partitions (each a complete child list of its parent) and
 * soft-deletes their parents' rows that are no longer there, in the caller's transaction.
 */
export const writePartitionRecords = async (
  tx: Query,
  def: StagingTableDef,
  ids: { readonly instanceId: number; readonly jobId: number; readonly runId: number },
  partitions: ReadonlyArray<PartitionRows>
): Promise<BatchWriteResult> => {
  // The last record of a key wins, as in the loader (a key is per parent when parent-scoped).
  const rows = new Map<string, { readonly parentKey: string; readonly record: EncodedRecord }>()
  let received = 0
  for (const partition of partitions) {
    for (const record of partition.records) {
      received++
      const slot = def.parentScoped ? `${partition.parentKey}\u0000${record.key}` : record.key
      rows.delete(slot)
      rows.set(slot, { parentKey: partition.parentKey, record })
    }
  }
  const parentKeys: Array<string> = []
  const recordKeys: Array<string> = []
  const hashes: Array<string> = []
  const data: Array<string> = []
  for (const { parentKey, record } of rows.values()) {
    parentKeys.push(parentKey)
    recordKeys.push(record.key)
    hashes.push(record.hash)
    data.push(record.json)
  }
  const completed = [...new Set(partitions.map((partition) => partition.parentKey))]
  if (rows.size === 0 && completed.length === 0) {
    return { inserted: 0, updated: 0, unchanged: 0, deleted: 0, duplicates: 0 }
  }
  const [row] = await tx.query<{ inserted: number; updated: number; deleted: number }>(upsertSql(def), [
    ids.instanceId,
    ids.jobId,
    ids.runId,
    parentKeys,
    recordKeys,
    hashes,
    data,
    completed
  ])
  const inserted = Number(row?.inserted ?? 0)
  const updated = Number(row?.updated ?? 0)
  return {
    inserted,
    updated,
    unchanged: rows.size - inserted - updated,
    deleted: Number(row?.deleted ?? 0),
    duplicates: received - rows.size
  }
}
