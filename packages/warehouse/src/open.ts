/**
 * Opening the warehouse: PostgreSQL when a database URL is given, embedded PGlite otherwise.
 */
import { join } from "node:path"
import { InvalidWarehouseOptionError } from "./core/errors.js"
import type { Warehouse } from "./core/types.js"
import { createWarehouse } from "./core/warehouse.js"
import { openNodePostgres } from "./drivers/node-postgres.js"
import { openPglite } from "./drivers/pglite.js"
import { defaultMigrationsFolder } from "./migrations-folder.js"

export interface WarehouseOptions {
  /** A `postgres://` URL: use node-postgres. Unset or empty: embedded PGlite. */
  readonly databaseUrl?: string
  /** PGlite directory (created on first use); default `.trialsync/pglite` under `process.cwd()`. */
  readonly dataDir?: string
  /** PGlite without persistence (tests, demos). */
  readonly inMemory?: boolean
  /** node-postgres pool size (default 10). */
  readonly poolSize?: number
  /** Where the migrations are; default the package's own `migrations/`. */
  readonly migrationsFolder?: string
}

/** The default PGlite directory, relative to the working directory. */
export const defaultDataDir = join(".trialsync", "pglite")

/**
 * Opens the warehouse: a `databaseUrl` selects PostgreSQL (node-postgres pool), otherwise PGlite
 * persisted under `dataDir` (or in memory). Call `migrate()` before first use.
 *
 * @example
 * ```ts
 * const warehouse = await openWarehouse(warehouseOptionsFromEnv()) // DATABASE_URL or .trialsync/pglite
 * await warehouse.migrate()
 * console.log(warehouse.describe()) // "postgres://app:***@db:5432/dw" or "pglite:.trialsync/pglite"
 * await warehouse.close()
 * ```
 */
export const openWarehouse = async (options: WarehouseOptions = {}): Promise<Warehouse> => {
  const config = { migrationsFolder: options.migrationsFolder ?? defaultMigrationsFolder() }
  const url = options.databaseUrl?.trim()
  if (url !== undefined && url !== "") {
    if (options.inMemory || options.dataDir !== undefined) {
      throw new InvalidWarehouseOptionError({
        option: "databaseUrl",
        reason: "it selects PostgreSQL, so dataDir/inMemory (PGlite options) cannot be combined with it"
      })
    }
    return createWarehouse(await openNodePostgres({ url, poolSize: options.poolSize }), config)
  }
  if (options.inMemory && options.dataDir !== undefined) {
    throw new InvalidWarehouseOptionError({ option: "inMemory", reason: "an in-memory database has no dataDir" })
  }
  const dataDir = options.inMemory ? undefined : (options.dataDir ?? defaultDataDir)
  return createWarehouse(await openPglite({ dataDir }), config)
}

/**
 * Options from the environment: `DATABASE_URL` (PostgreSQL when set and non-empty) and
 * `TRIALSYNC_DATA_DIR` (otherwise PGlite in `<TRIALSYNC_DATA_DIR>/pglite`, as the CLI opens it).
 *
 * @example
 * ```ts
 * const warehouse = await openWarehouse(warehouseOptionsFromEnv())
 * ```
 */
export const warehouseOptionsFromEnv = (env: NodeJS.ProcessEnv = process.env): WarehouseOptions => {
  const databaseUrl = env.DATABASE_URL?.trim()
  if (databaseUrl !== undefined && databaseUrl !== "") return { databaseUrl }
  const dataDir = env.TRIALSYNC_DATA_DIR?.trim()
  return dataDir !== undefined && dataDir !== "" ? { dataDir: join(dataDir, "pglite") } : {}
}
