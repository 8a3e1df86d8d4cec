/**
 * The `Warehouse` over any driver: raw queries, transactions, migrations, and the staging loader.
 */
import { isStagingTableName } from "../staging/lookup.js"
import { stagingIndexNames, stagingTable } from "../staging/table.js"
import type { Driver, DriverSession } from "./driver.js"
import { InvalidStagingTableError } from "./errors.js"
import { loadRecords } from "./loader.js"
import { checkLockKey, heldLock } from "./locks.js"
import { markMissing } from "./mark-missing.js"
import { runMigrations } from "./migrate.js"
import { StagingTableSet } from "./staging-tables.js"
import { createTableIfNotExists } from "./table-ddl.js"
import type { Warehouse, WarehouseTx } from "./types.js"

export interface WarehouseConfig {
  /** Absolute path of the drizzle-kit migrations folder. */
  readonly migrationsFolder: string
}

const txOf =
  (driver: Driver, tables: StagingTableSet) =>
  (session: DriverSession): WarehouseTx => ({
    driver: driver.name,
    get db() {
      return session.db
    },
    query: (text, params) => session.query(text, params),
    markMissingAsDeleted: async (table, options) =>
      markMissing(session, tables.resolve(table), options, { inTransaction: true })
  })

/** Builds the warehouse over an opened driver. */
export const createWarehouse = (driver: Driver, config: WarehouseConfig): Warehouse => {
  const tables = new StagingTableSet()
  const toTx = txOf(driver, tables)
  return {
    driver: driver.name,
    db: driver.db,
    query: (text, params) => driver.query(text, params),
    transaction: (run) => driver.transaction((session) => run(toTx(session))),
    migrate: async () => {
      await runMigrations(driver, config.migrationsFolder)
    },
    ensureStagingTable: async (input) => {
      const def = StagingTableSet.normalize(input)
      if (isStagingTableName(def.name)) {
        // Registry tables belong to the migrations; only an identical definition is accepted.
        tables.resolve(def)
        return
      }
      const expected = createTableIfNotExists(stagingTable(def))
      await driver.transaction(async (session) => {
        for (const statement of expected) await session.exec(statement)
        const [index] = await session.query<{ indexdef: string }>(
          "SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema() AND indexname = $1",
          [stagingIndexNames(def.name).key]
        )
        const columns = def.parentScoped
          ? "(source_instance_id, parent_key, record_key)"
          : "(source_instance_id, record_key)"
        if (index === undefined || !index.indexdef.endsWith(columns)) {
          throw new InvalidStagingTableError({
            table: def.name,
            reason: `it exists with a different key index (${index?.indexdef ?? "none"}); drop it or rename the definition`
          })
        }
      })
      tables.allow(def)
    },
    // async: a refused table name rejects the promise rather than throwing synchronously.
    loadStaging: async (table, records, options) =>
      loadRecords({ driver, txOf: toTx }, tables.resolve(table), records, options),
    markMissingAsDeleted: async (table, options) =>
      markMissing(driver, tables.resolve(table), options, { inTransaction: false }),
    // async: a bad key rejects the promise rather than throwing synchronously.
    tryLock: async (input) => {
      const key = checkLockKey(input)
      const lock = await driver.tryLock(key)
      return lock === undefined ? undefined : heldLock(key, lock)
    },
    isLocked: async (key) => driver.isLocked(checkLockKey(key)),
    describe: () => driver.describe(),
    close: () => driver.close()
  }
}
