/**
 * Opening the warehouse: PostgreSQL when a database URL is given, embedded PGlite otherwise.
 */
import { join } from "node:path"
import { InvalidDatabaseUrlError, InvalidWarehouseOptionError } from "./core/errors.js"
import type { Warehouse } from "./core/types.js"
import { createWarehouse } from "./core/warehouse.js"
import { openNodePostgres } from "./drivers/node-postgres.js"
import { openPglite } from "./drivers/pglite.js"
import { defaultMigrationsFolder } from "./migrations-folder.js"

export interface WarehouseOptions {
  /**
   * A `postgres://` (or `postgresql://`) URL: use node-postgres. Unset: embedded PGlite. An empty
   * or whitespace-only value, or another scheme, raises `InvalidDatabaseUrlError`.
   */
  readonly databaseUrl?: string
  /** PGlite directory (created on first use); default `.trialsync/pglite` under `process.cwd()`. */
  readonly dataDir?: string
  /** PGlite without persistence (tests, demos). */
  readonly inMemory?: boolean
  /** node-postgres pool size (default 10). */
  readonly poolSize?: number
  /**
   * PostgreSQL only: how long opening a connection may take, in ms (0: no limit). Default: the
   * URL's `connect_timeout` (seconds, as libpq reads it), else 10 000. A server that accepts the
   * TCP connection but never answers fails with `WarehouseConnectionError` after this long.
   */
  readonly connectTimeoutMs?: number
  /**
   * PostgreSQL only: `statement_timeout` of every connection, in ms (0: no limit). Default: the
   * URL's `statement_timeout` (ms), else 600 000 (10 min). A statement cancelled by it fails
   * with `WarehouseStatementTimeoutError`.
   */
  readonly statementTimeoutMs?: number
  /** Where the migrations are; default the package's own `migrations/`. */
  readonly migrationsFolder?: string
}

/**
 * The PGlite directory inside a TrialSync data directory (`TRIALSYNC_DATA_DIR`, default
 * `.trialsync`): `<dir>/pglite`. The one place that rule lives; the CLI and the engine use it.
 */
export const pgliteDataDir = (trialsyncDataDir: string): string => join(trialsyncDataDir, "pglite")

/** The default PGlite directory, relative to the working directory. */
export const defaultDataDir = pgliteDataDir(".trialsync")

/**
 * The URL trimmed, or `InvalidDatabaseUrlError` when it is empty or not PostgreSQL. An empty
 * `DATABASE_URL` is refused rather than read as "unset": falling back to the embedded warehouse
 * would load a different database than the one the operator meant.
 */
const checkDatabaseUrl = (value: string, variable: string): string => {
  const url = value.trim()
  if (url === "") throw new InvalidDatabaseUrlError({ variable, problem: "empty" })
  let protocol: string | undefined
  try {
    protocol = new URL(url).protocol
  } catch {
    protocol = undefined
  }
  if (protocol !== "postgres:" && protocol !== "postgresql:") {
    throw new InvalidDatabaseUrlError({ variable, problem: "not-postgres" })
  }
  return url
}

/** A whole number of milliseconds from the environment (unset or empty: undefined). */
const timeoutFromEnv = (env: NodeJS.ProcessEnv, name: string): number | undefined => {
  const text = env[name]?.trim()
  if (text === undefined || text === "") return undefined
  if (!/^\d{1,10}$/.test(text) || Number(text) > 2_147_483_647) {
    throw new InvalidWarehouseOptionError({
      option: name,
      reason: "expected a whole number of milliseconds (0: no limit)"
    })
  }
  return Number(text)
}

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
  const url = options.databaseUrl === undefined ? undefined : checkDatabaseUrl(options.databaseUrl, "databaseUrl")
  if (url !== undefined) {
    if (options.inMemory || options.dataDir !== undefined) {
      throw new InvalidWarehouseOptionError({
        option: "databaseUrl",
        reason: "it selects PostgreSQL, so dataDir/inMemory (PGlite options) cannot be combined with it"
      })
    }
    const { poolSize, connectTimeoutMs, statementTimeoutMs } = options
    return createWarehouse(await openNodePostgres({ url, poolSize, connectTimeoutMs, statementTimeoutMs }), config)
  }
  if (options.inMemory && options.dataDir !== undefined) {
    throw new InvalidWarehouseOptionError({ option: "inMemory", reason: "an in-memory database has no dataDir" })
  }
  const dataDir = options.inMemory ? undefined : (options.dataDir ?? defaultDataDir)
  return createWarehouse(await openPglite({ dataDir }), config)
}

/**
 * Options from the environment: `DATABASE_URL` (PostgreSQL when set; set but empty or not a
 * `postgres://` URL raises `InvalidDatabaseUrlError`) with `DATABASE_CONNECT_TIMEOUT_MS` and
 * `DATABASE_STATEMENT_TIMEOUT_MS`, and `TRIALSYNC_DATA_DIR` (otherwise PGlite in
 * `<TRIALSYNC_DATA_DIR>/pglite`, as the CLI opens it).
 *
 * @example
 * ```ts
 * const warehouse = await openWarehouse(warehouseOptionsFromEnv())
 * ```
 */
export const warehouseOptionsFromEnv = (env: NodeJS.ProcessEnv = process.env): WarehouseOptions => {
  if (env.DATABASE_URL !== undefined) {
    const connectTimeoutMs = timeoutFromEnv(env, "DATABASE_CONNECT_TIMEOUT_MS")
    const statementTimeoutMs = timeoutFromEnv(env, "DATABASE_STATEMENT_TIMEOUT_MS")
    return {
      databaseUrl: checkDatabaseUrl(env.DATABASE_URL, "DATABASE_URL"),
      ...(connectTimeoutMs === undefined ? {} : { connectTimeoutMs }),
      ...(statementTimeoutMs === undefined ? {} : { statementTimeoutMs })
    }
  }
  const dataDir = env.TRIALSYNC_DATA_DIR?.trim()
  return dataDir !== undefined && dataDir !== "" ? { dataDir: pgliteDataDir(dataDir) } : {}
}
