/**
 * Commits many completed fan-out partitions in one transaction: at production scale a sync makes
 * millions of child calls whose answers are mostly tiny or empty, and one transaction (plus its
 * round trips) per partition would cap the whole sync at the database's commit rate.
 *
 * One batch writes, in one transaction with the caller's checkpoint:
 * - the records, each with its own parent key, following the loader's contract (key and content
 *   hash per record; unchanged rows are not written; changed rows rewritten; new rows inserted);
 * - deletions: rows of a completed parent that its answer no longer holds are soft-deleted (each
 *   partition's answer is that parent's complete child list);
 * - the partition rows (`dw_etl_partitions`) and the parents' fetch state (`dw_etl_parent_state`).
 *
 * Records are encoded by `@trialsync/warehouse`'s `encodeStagingRecord` (stored key and JSON text,
 * content hash), exactly as its loader does, so rows written by either path compare equal.
 */
import { encodeStagingRecord, type StagingTableDef, type WarehouseTx } from "@trialsync/warehouse"
import { quoteTable } from "./seen-keys.js"

type Query = Pick<WarehouseTx, "query">

/** One record, keyed and hashed in the fetching fiber so the committer only ships text. */
export interface EncodedRecord {
  readonly key: string
  readonly hash: string
  readonly json: string
}

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
  const table = quoteTable(def.name)
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

/** A partition's row in `dw_etl_partitions`. */
export interface PartitionRecord {
  readonly parentKey: string
  readonly params: Readonly<Record<string, string>>
  readonly status: "done" | "failed" | "skipped" | "running"
  readonly pages: number
  readonly records: number
  readonly attempts: number
  readonly error: string | null
  /** Large partitions in progress: where to continue. */
  readonly checkpoint?: unknown
}

/** Upserts partition rows in one statement ($1 run, $2 job, $3 time). */
export const writePartitionRows = async (
  tx: Query,
  ids: { readonly runId: number; readonly jobId: number; readonly at: Date },
  partitions: ReadonlyArray<PartitionRecord>
): Promise<void> => {
  if (partitions.length === 0) return
  const latest = new Map(partitions.map((partition) => [partition.parentKey, partition]))
  const list = [...latest.values()]
  await tx.query(
    `INSERT INTO dw_etl_partitions AS d
       (run_id, job_id, parent_key, params, status, pages, records, attempts, error_message, checkpoint, started_at, completed_at)
     SELECT $1::int, $2::int, u.parent_key, u.params::jsonb, u.status, u.pages, u.records, u.attempts, u.error,
            u.checkpoint::jsonb, $3::timestamptz, CASE WHEN u.status = 'running' THEN NULL ELSE $3::timestamptz END
     FROM unnest($4::text[], $5::text[], $6::text[], $7::int[], $8::int[], $9::int[], $10::text[], $11::text[])
       AS u(parent_key, params, status, pages, records, attempts, error, checkpoint)
     ON CONFLICT (run_id, parent_key) DO UPDATE SET status = excluded.status, pages = d.pages + excluded.pages,
       records = d.records + excluded.records, attempts = d.attempts + excluded.attempts,
       error_message = excluded.error_message, checkpoint = excluded.checkpoint, completed_at = excluded.completed_at`,
    [
      ids.runId,
      ids.jobId,
      ids.at,
      list.map((p) => p.parentKey),
      list.map((p) => JSON.stringify(p.params)),
      list.map((p) => p.status),
      list.map((p) => p.pages),
      list.map((p) => p.records),
      list.map((p) => p.attempts),
      list.map((p) => p.error),
      list.map((p) => (p.checkpoint === undefined ? null : JSON.stringify(p.checkpoint)))
    ]
  )
}

/** Records that these parents' children were fetched completely at these parent hashes. */
export const writeParentState = async (
  tx: Query,
  ids: { readonly jobId: number; readonly instanceId: number; readonly runId: number; readonly at: Date },
  parents: ReadonlyArray<{ readonly parentKey: string; readonly parentHash: string }>
): Promise<void> => {
  if (parents.length === 0) return
  const latest = new Map(parents.map((parent) => [parent.parentKey, parent.parentHash]))
  await tx.query(
    `INSERT INTO dw_etl_parent_state AS s (job_id, source_instance_id, parent_key, parent_hash, last_run_id, last_fetched_at)
     SELECT $1::int, $2::int, u.parent_key, u.parent_hash, $3::int, $4::timestamptz
     FROM unnest($5::text[], $6::text[]) AS u(parent_key, parent_hash)
     ON CONFLICT (job_id, source_instance_id, parent_key) DO UPDATE SET parent_hash = excluded.parent_hash,
       last_run_id = excluded.last_run_id, last_fetched_at = excluded.last_fetched_at`,
    [ids.jobId, ids.instanceId, ids.runId, ids.at, [...latest.keys()], [...latest.values()]]
  )
}
