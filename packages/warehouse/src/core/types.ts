/**
 * The public shapes of the warehouse, shared by both drivers.
 */
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core"
import type { WarehouseSchema } from "../schema/index.js"
import type { StagingTableDef } from "../staging/definition.js"
import type { StagingTableName } from "../staging/registry.js"

export type WarehouseDriverName = "node-postgres" | "pglite"

/** The Drizzle instance over the full warehouse schema (either driver). */
export type WarehouseDatabase = PgDatabase<PgQueryResultHKT, WarehouseSchema>

/** A connection inside a transaction: what `transaction` and `inTransaction` hand out. */
export interface WarehouseTx {
  readonly driver: WarehouseDriverName
  /** Drizzle bound to this transaction. Its own `.transaction()` is refused: you are already in one. */
  readonly db: WarehouseDatabase
  /** Raw SQL with `$1..` parameters; returns the rows. */
  query<R = Record<string, unknown>>(text: string, params?: ReadonlyArray<unknown>): Promise<R[]>
  /**
   * `Warehouse.markMissingAsDeleted` in this transaction: the check of the recorded keys, the
   * soft deletes and the removal of the scope's recorded keys commit (or roll back) with it. A
   * whole-table scope (no `parentKey`) also turns nested loops off for the rest of the
   * transaction (`SET LOCAL`): the freshly loaded table's stale estimate picked one, 80+ s for
   * 230k rows against well under a second hashed.
   */
  markMissingAsDeleted(table: StagingTableRef, options: MarkMissingOptions): Promise<number>
}

/** Counts for one committed batch (passed to `inTransaction`). */
export interface BatchCounts {
  readonly inserted: number
  readonly updated: number
  readonly unchanged: number
  readonly duplicates: number
  /** Records received in this batch, duplicates included. */
  readonly total: number
}

export interface LoadOptions {
  /** `dw_api_credentials.id` of the CC instance the records come from. */
  readonly instanceId: number
  readonly jobId: number
  readonly runId: number
  /** The parent's CC key for fan-out rows; `""` (the default) otherwise. */
  readonly parentKey?: string
  /** Record the keys in `dw_etl_seen_keys` for a later `markMissingAsDeleted` (complete snapshots). */
  readonly trackSeen?: boolean
  /** Records per transaction (default 5000). */
  readonly batchSize?: number
  /**
   * Runs inside each batch's transaction just before commit; if it throws, the batch rolls back
   * and `loadStaging` rejects with that error. The engine writes its checkpoint here.
   */
  readonly inTransaction?: (tx: WarehouseTx, batch: BatchCounts) => Promise<void>
}

/** Totals of one `loadStaging` call. `inserted + updated + unchanged + duplicates === total`. */
export interface LoadResult {
  readonly inserted: number
  /** Rewritten because the content hash or the parent changed, or revived after a soft delete. */
  readonly updated: number
  readonly unchanged: number
  /** Records whose key repeated inside a batch; the last one of each key was kept. */
  readonly duplicates: number
  readonly total: number
}

export interface MarkMissingOptions {
  readonly runId: number
  readonly instanceId: number
  /** Limit the snapshot's scope to one parent (a fan-out partition). */
  readonly parentKey?: string
  /**
   * Seen-key rows the run committed for this scope: the sum of `total - duplicates` over its
   * `trackSeen` loads. When given, a different count raises `SeenKeysLostError` (exact check);
   * otherwise the run's start is compared with the server's (see the README).
   */
  readonly expectedSeen?: number
}

/**
 * The key of a warehouse lock: two 32-bit integers (PostgreSQL's advisory lock key pair). The
 * engine's run locks use `{ space: instanceId, id: jobId }`.
 */
export interface LockKey {
  readonly space: number
  readonly id: number
}

/** A lock this process holds (`Warehouse.tryLock`), until `release()` or the process's death. */
export interface HeldLock {
  readonly key: LockKey
  /** Gives the lock up; idempotent. */
  release(): Promise<void>
  /** `true` when the hold ended without `release()` (its connection was dropped): others may take it. */
  lost(): boolean
}

/** A registry table name, or a definition (registry or `defineStagingTable` + `ensureStagingTable`). */
export type StagingTableRef = StagingTableName | StagingTableDef

export interface Warehouse {
  readonly driver: WarehouseDriverName
  /** Drizzle over the full schema (control, Bronze, and Silver/Gold once they exist). */
  readonly db: WarehouseDatabase
  /** Raw SQL with `$1..` parameters; returns the rows. */
  query<R = Record<string, unknown>>(text: string, params?: ReadonlyArray<unknown>): Promise<R[]>
  /** Runs `run` in one transaction on one connection; commits if it resolves, rolls back if it throws. */
  transaction<A>(run: (tx: WarehouseTx) => Promise<A>): Promise<A>
  /** Applies the pending migrations of the package's `migrations/` in one transaction; a no-op when up to date. */
  migrate(): Promise<void>
  /** Creates a `defineStagingTable` table (and its indexes) if missing, and allows loading it. */
  ensureStagingTable(def: StagingTableDef): Promise<void>
  /** Streams records into a staging table; see the README's "Loader" section. */
  loadStaging(
    table: StagingTableRef,
    records: AsyncIterable<unknown> | Iterable<unknown>,
    options: LoadOptions
  ): Promise<LoadResult>
  /** Soft-deletes the scope's rows whose keys the run did not see; returns how many. */
  markMissingAsDeleted(table: StagingTableRef, options: MarkMissingOptions): Promise<number>
  /**
   * Takes the lock on `key` if no one holds it (this process included), without waiting; resolves
   * `undefined` when it is held. The lock lives until `release()`, `close()` or the death of the
   * process (PostgreSQL: a session advisory lock on a connection of its own, outside the pool).
   */
  tryLock(key: LockKey): Promise<HeldLock | undefined>
  /** `true` while someone (any process, this one included) holds the lock on `key`. */
  isLocked(key: LockKey): Promise<boolean>
  /** Redacted: `postgres://app:***@db:5432/dw` or `pglite:.trialsync/pglite`. Never a password. */
  describe(): string
  close(): Promise<void>
}
