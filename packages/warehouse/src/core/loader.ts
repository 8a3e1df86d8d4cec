/**
 * `loadStaging`: streams records into a staging table, one transaction per batch.
 *
 * Per batch, keys and content hashes are computed here (a keyless record fails the batch before
 * it reaches the database). Then one of two paths:
 * - staged (hash-first): one statement compares the batch's keys and hashes with the table; only
 *   the rows it names travel in full: absent ones are COPYed straight into the table, changed
 *   ones into a temporary table that one statement merges (staging-sql.ts). Identical rows are
 *   neither sent nor written.
 * - direct: after an all-new batch (an initial load), the next ones are COPYed straight into the
 *   table without comparing. COPY inserts in bulk; INSERT ... SELECT pays per row.
 * While a batch is in the database the next one is being encoded, so Node and PostgreSQL work
 * on different cores.
 */
import type { StagingTableDef } from "../staging/definition.js"
import { recordKey } from "../staging/record-key.js"
import type { Driver, DriverSession } from "./driver.js"
import { InvalidWarehouseOptionError, MissingRecordKeyError } from "./errors.js"
import { quoteIdentifier } from "./identifiers.js"
import { refusedRecord } from "./refused-record.js"
import { rowColumns, StagingBatch } from "./staging-batch.js"
import { batchSettings, createStageTable, stageTable, stagingStatements } from "./staging-sql.js"
import { encodeStoredText, storableJson } from "./stored-text.js"
import type { BatchCounts, LoadOptions, LoadResult, WarehouseTx } from "./types.js"

export const defaultBatchSize = 5000
/** How often (in records) encoding yields so the in-flight batch's I/O can progress. */
const yieldEvery = 256

const checkInteger = (option: string, value: unknown, minimum: number) => {
  if (typeof value !== "number" || !Number.isInteger(value) || value < minimum || value > 2_147_483_647) {
    throw new InvalidWarehouseOptionError({ option, reason: `expected an integer >= ${minimum}, got ${String(value)}` })
  }
}

const validate = (options: LoadOptions) => {
  checkInteger("instanceId", options.instanceId, 0)
  checkInteger("jobId", options.jobId, 0)
  checkInteger("runId", options.runId, 0)
  if (options.batchSize !== undefined) checkInteger("batchSize", options.batchSize, 1)
  if (options.parentKey !== undefined && typeof options.parentKey !== "string") {
    throw new InvalidWarehouseOptionError({ option: "parentKey", reason: "expected a string (the parent's CC key)" })
  }
}

const isUniqueViolationOf = (error: unknown, index: string): boolean =>
  typeof error === "object" &&
  error !== null &&
  (error as { code?: unknown }).code === "23505" &&
  (error as { constraint?: unknown }).constraint === index

/** The record's JSON text as stored: strings PostgreSQL refuses are encoded (stored-text.ts). */
const toJson = (record: unknown): string | { readonly invalid: string } => {
  try {
    const json: string | undefined = JSON.stringify(record)
    return json === undefined ? { invalid: `a ${typeof record} is not a JSON value` } : storableJson(json)
  } catch (cause) {
    return { invalid: `it cannot be serialized as JSON (${cause instanceof Error ? cause.message : String(cause)})` }
  }
}

/** How a batch is applied: COPYed straight into the table, or staged (hash-first). */
type BatchPath = "direct" | "staged"

/** Connections that already hold the stage table (it lives as long as the connection). */
const stageReady = new WeakSet<object>()

const prepareStage = async (session: DriverSession) => {
  if (!stageReady.has(session.connection)) {
    await session.exec(createStageTable)
    stageReady.add(session.connection)
  }
}

const nextTick = () => new Promise<void>((resolve) => setImmediate(resolve))

export interface LoaderContext {
  readonly driver: Driver
  readonly txOf: (session: DriverSession) => WarehouseTx
}

/** Loads `records` into `def` (already resolved and allowed by the caller). */
export const loadRecords = async (
  context: LoaderContext,
  def: StagingTableDef,
  records: AsyncIterable<unknown> | Iterable<unknown>,
  options: LoadOptions
): Promise<LoadResult> => {
  validate(options)
  const statements = stagingStatements(def)
  const table = quoteIdentifier(def.name)
  const batchSize = options.batchSize ?? defaultBatchSize
  const constants = {
    instanceId: options.instanceId,
    parentKey: encodeStoredText(options.parentKey ?? ""),
    jobId: options.jobId,
    runId: options.runId,
    sourceIdIsKey: def.key === "id"
  }
  const { instanceId, parentKey, jobId, runId } = constants

  /** A COPY of `rows` of `batch` (computed only on failure); a row PostgreSQL refuses is named (`RecordLoadError`). */
  const copyRows = (
    session: DriverSession,
    into: string,
    batch: StagingBatch,
    rows: () => readonly number[],
    payload: Buffer
  ) =>
    session.copyFrom(into, rowColumns, payload).catch((error: unknown) => {
      throw refusedRecord(error, batch, rows(), { jobId, table: def.name })
    })

  /** Every row of the batch straight into the table (the unique index checks that none exists). */
  const applyDirect = async (session: DriverSession, batch: StagingBatch) => {
    await copyRows(session, table, batch, () => batch.keptRows(), batch.payload())
    if (options.trackSeen) {
      await session.query(statements.recordSeenKeys, [runId, def.name, instanceId, parentKey, batch.distinctKeys()])
    }
    return { inserted: batch.distinct, updated: 0 }
  }

  /** Every row through the stage table: the fallback for keys containing U+001F. */
  const applyAllStaged = async (session: DriverSession, batch: StagingBatch) => {
    await prepareStage(session)
    await copyRows(session, stageTable, batch, () => batch.keptRows(), batch.payload())
    const [row] = await session.query<{ inserted: number; updated: number }>(
      options.trackSeen ? statements.applyTracked : statements.apply,
      options.trackSeen ? [instanceId, parentKey, jobId, runId, def.name] : [instanceId, parentKey, jobId, runId]
    )
    return { inserted: row?.inserted ?? 0, updated: row?.updated ?? 0 }
  }

  /**
   * Hash-first: one statement compares the batch's keys and hashes with the table (and records
   * the keys as seen); only the rows it names are shipped in full, absent ones straight into the
   * table, changed or soft-deleted ones through the stage table and the set-based UPDATE. An
   * identical batch sends ~60 bytes per row and PostgreSQL parses no JSON.
   */
  const applyStaged = async (session: DriverSession, batch: StagingBatch) => {
    const offered = batch.keysAndHashes()
    if (offered === undefined) return applyAllStaged(session, batch)
    const different = await session.query<{ n: number; absent: boolean }>(
      options.trackSeen ? statements.changedKeysTracked : statements.changedKeys,
      options.trackSeen
        ? [instanceId, parentKey, offered.keys, offered.hashes, runId, def.name]
        : [instanceId, parentKey, offered.keys, offered.hashes]
    )
    const absent: number[] = []
    const changed: number[] = []
    for (const { n, absent: isAbsent } of different) (isAbsent ? absent : changed).push(offered.rows[n - 1]!)
    // In arrival order: ids and heap order follow the source, as on the direct path.
    const byRow = (a: number, b: number) => a - b
    if (absent.length > 0) await copyRows(session, table, batch, () => absent, batch.payloadOf(absent.sort(byRow)))
    if (changed.length === 0) return { inserted: absent.length, updated: 0 }
    await prepareStage(session)
    await copyRows(session, stageTable, batch, () => changed, batch.payloadOf(changed.sort(byRow)))
    const [row] = await session.query<{ inserted: number; updated: number }>(statements.apply, [
      instanceId,
      parentKey,
      jobId,
      runId
    ])
    return { inserted: absent.length + (row?.inserted ?? 0), updated: row?.updated ?? 0 }
  }

  const applyOnce = (batch: StagingBatch, path: BatchPath) =>
    context.driver.transaction(async (session): Promise<BatchCounts> => {
      try {
        const { inserted, updated } =
          path === "direct" ? await applyDirect(session, batch) : await applyStaged(session, batch)
        const counts: BatchCounts = {
          inserted,
          updated,
          unchanged: batch.distinct - inserted - updated,
          duplicates: batch.duplicates,
          total: batch.received
        }
        if (options.inTransaction !== undefined) await options.inTransaction(context.txOf(session), counts)
        return counts
      } catch (error) {
        // The stage table may have been created by this (now rolled back) transaction.
        stageReady.delete(session.connection)
        throw error
      }
    }, batchSettings)

  const applyBatch = async (batch: StagingBatch, path: BatchPath): Promise<BatchCounts> => {
    try {
      return await applyOnce(batch, path)
    } catch (error) {
      // A key exists after all (an uncompared direct batch, or another loader inserted it after our
      // comparison): a second attempt, staged, sees that row and updates it or finds it unchanged.
      if (isUniqueViolationOf(error, statements.keyIndex)) return await applyOnce(batch, "staged")
      throw error
    }
  }

  const totals = { inserted: 0, updated: 0, unchanged: 0, duplicates: 0, total: 0 }
  // The first batch goes staged (its comparison finds out whether any key exists). Once a batch
  // was all new, the next ones (likely the rest of an initial load) go direct, uncompared: the
  // comparison probes every key (~1.6 us per row) and a wrong guess costs one failed COPY. After any
  // existing key, batches go staged.
  let allNewSoFar = true
  let batchesSent = 0
  let inFlight: Promise<BatchCounts> | undefined
  const settle = async () => {
    const pending = inFlight
    inFlight = undefined
    if (pending === undefined) return
    const counts = await pending
    allNewSoFar &&= counts.inserted === counts.total - counts.duplicates
    totals.inserted += counts.inserted
    totals.updated += counts.updated
    totals.unchanged += counts.unchanged
    totals.duplicates += counts.duplicates
    totals.total += counts.total
  }
  // Payload buffers of applied batches, reused by the next ones (at most two batches are alive).
  const spareBuffers: Buffer[] = []
  const submit = async (batch: StagingBatch) => {
    await settle()
    const path: BatchPath = allNewSoFar && batchesSent > 0 ? "direct" : "staged"
    batchesSent++
    const pending = applyBatch(batch, path).then((counts) => {
      spareBuffers.push(batch.storage)
      return counts
    })
    // Observed by `settle`; this only keeps a failure from being reported as unhandled meanwhile.
    pending.catch(() => {})
    inFlight = pending
  }

  let batch = new StagingBatch(constants)
  let position = 0
  /** Encodes one record; true when the caller must await `pause` (batch full, or time to yield). */
  const add = (record: unknown): boolean => {
    const key = recordKey(def.key, record)
    if ("missing" in key) throw new MissingRecordKeyError({ jobId, table: def.name, position, reason: key.missing })
    const json = toJson(record)
    if (typeof json !== "string") {
      throw new MissingRecordKeyError({ jobId, table: def.name, position, reason: json.invalid })
    }
    batch.add(encodeStoredText(key.key), json, position)
    position++
    return batch.received >= batchSize || (inFlight !== undefined && position % yieldEvery === 0)
  }
  const pause = async () => {
    if (batch.received >= batchSize) {
      await submit(batch)
      batch = new StagingBatch(constants, spareBuffers.pop())
    } else {
      await nextTick()
    }
  }
  try {
    // Awaiting only when `add` asks keeps the per-record cost free of promises, which is
    // measurable at this rate (as is `for await` over a plain iterable, hence two loops).
    if (Symbol.asyncIterator in records) {
      for await (const record of records) if (add(record)) await pause()
    } else {
      for (const record of records) if (add(record)) await pause()
    }
    if (batch.received > 0) await submit(batch)
    await settle()
  } catch (error) {
    // Whatever failed, the batch already sent finishes (commits or rolls back) before we return,
    // so the caller sees a settled warehouse. Its own error, if any, is secondary to this one.
    await settle().catch(() => {})
    throw error
  }
  return totals
}
