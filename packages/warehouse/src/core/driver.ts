/**
 * What the warehouse core needs from a database driver. The core (SQL, loader, migrations) is
 * dialect code written once; `drivers/` adapts node-postgres and PGlite to this interface, the
 * way drizzle-orm separates `pg-core` from its driver packages.
 */
import type { DriverLock } from "./locks.js"
import type { LockKey, WarehouseDatabase, WarehouseDriverName } from "./types.js"

/** One connection, inside or outside a transaction. */
export interface DriverSession {
  /** Identity of the physical connection, for per-connection state such as temp tables. */
  readonly connection: object
  readonly db: WarehouseDatabase
  query<R>(text: string, params?: ReadonlyArray<unknown>): Promise<R[]>
  /** Several statements, no parameters (simple query protocol). */
  exec(text: string): Promise<void>
  /** Bulk-loads a binary-format COPY payload into `table (columns)`; names are pre-quoted. */
  copyFrom(table: string, columns: string, payload: Uint8Array): Promise<void>
}

export interface Driver {
  readonly name: WarehouseDriverName
  readonly db: WarehouseDatabase
  query<R>(text: string, params?: ReadonlyArray<unknown>): Promise<R[]>
  exec(text: string): Promise<void>
  /** Runs `run` in a transaction; `settings` (e.g. `SET LOCAL ...`) are sent with its BEGIN. */
  transaction<A>(run: (session: DriverSession) => Promise<A>, settings?: string): Promise<A>
  /** Takes the lock on a checked key without waiting; `undefined` when anyone holds it. */
  tryLock(key: LockKey): Promise<DriverLock | undefined>
  isLocked(key: LockKey): Promise<boolean>
  describe(): string
  /** Also ends the locks still held. */
  close(): Promise<void>
}

/** A Drizzle instance bound to a transaction must not open a nested top-level transaction. */
export const refuseNestedTransaction = <D extends WarehouseDatabase>(db: D): D => {
  Object.defineProperty(db, "transaction", {
    value: () =>
      Promise.reject(
        new Error("Already inside a warehouse transaction: use tx.db directly instead of tx.db.transaction().")
      )
  })
  return db
}
