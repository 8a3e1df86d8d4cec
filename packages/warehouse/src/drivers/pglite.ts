/**
 * The PGlite adapter: PostgreSQL in WASM, in memory or persisted to a directory. PGlite is one
 * connection; its own `transaction()` serializes everything else behind an open transaction.
 * Locks (`tryLock`) are an in-process registry: only this process can open the database.
 */
import { mkdirSync } from "node:fs"
import { dirname, resolve } from "node:path"
import { PGlite, type Transaction } from "@electric-sql/pglite"
import { drizzle } from "drizzle-orm/pglite"
import { type Driver, type DriverSession, refuseNestedTransaction } from "../core/driver.js"
import { WarehouseConnectionError, WarehouseInUseError } from "../core/errors.js"
import { LockRegistry } from "../core/locks.js"
import type { WarehouseDatabase } from "../core/types.js"
import { warehouseSchema } from "../schema/index.js"
import { type DataDirLock, lockDataDir } from "./pglite-lock.js"

export interface PgliteOptions {
  /** Directory of the database (created on first use); omit for an in-memory database. */
  readonly dataDir?: string
}

type Queryable = Pick<PGlite, "query" | "exec">

const queryRows = async <R>(client: Queryable, text: string, params?: ReadonlyArray<unknown>): Promise<R[]> =>
  (await client.query<R>(text, params as unknown[])).rows

/**
 * Opens (and on first use creates) a PGlite database. A persisted one is locked for this process
 * (`pglite-lock.ts`): a directory another live process has open raises `WarehouseInUseError`.
 */
export const openPglite = async (options: PgliteOptions = {}): Promise<Driver> => {
  const dataDir = options.dataDir === undefined ? undefined : resolve(options.dataDir)
  const target = options.dataDir === undefined ? "pglite:memory" : `pglite:${options.dataDir}`
  let client: PGlite
  let lock: DataDirLock | undefined
  try {
    if (dataDir !== undefined) {
      mkdirSync(dirname(dataDir), { recursive: true })
      // Before PGlite touches the files: a second process must never open them.
      lock = lockDataDir(dataDir, options.dataDir!)
      mkdirSync(dataDir, { recursive: true })
    }
    client = await PGlite.create(dataDir === undefined ? {} : { dataDir })
  } catch (cause) {
    lock?.release()
    if (cause instanceof WarehouseInUseError || cause instanceof WarehouseConnectionError) throw cause
    throw new WarehouseConnectionError({ target, reason: cause instanceof Error ? cause.message : String(cause) })
  }
  const db = drizzle(client, { schema: warehouseSchema }) as unknown as WarehouseDatabase
  // One process, one connection: PostgreSQL's session locks would all be this one session's
  // (re-entrant), so the locks are kept here; the data-dir lock keeps other processes out.
  const locks = new LockRegistry()

  const sessionOf = (tx: Transaction): DriverSession => {
    let txDb: WarehouseDatabase | undefined
    return {
      connection: client,
      get db() {
        // Drizzle's PGlite session only calls `query` on its client, which a Transaction has.
        txDb ??= refuseNestedTransaction(
          drizzle(tx as unknown as PGlite, { schema: warehouseSchema }) as unknown as WarehouseDatabase
        )
        return txDb
      },
      query: (text, params) => queryRows(tx, text, params),
      exec: async (text) => {
        await tx.exec(text)
      },
      copyFrom: async (table, columns, payload) => {
        await tx.query(`COPY ${table} (${columns}) FROM '/dev/blob' (FORMAT binary)`, [], { blob: new Blob([payload]) })
      }
    }
  }

  return {
    name: "pglite",
    db,
    query: (text, params) => queryRows(client, text, params),
    exec: async (text) => {
      await client.exec(text)
    },
    transaction: (run, settings) =>
      client.transaction(async (tx) => {
        if (settings !== undefined) await tx.exec(settings)
        return run(sessionOf(tx))
      }),
    tryLock: async (key) => locks.tryLock(key),
    isLocked: async (key) => locks.isLocked(key),
    describe: () => target,
    close: async () => {
      locks.clear()
      try {
        await client.close()
      } finally {
        lock?.release()
      }
    }
  }
}
