/**
 * Opening the warehouse a command works on, closed when the command ends (also on Ctrl-C, so
 * PGlite flushes its files).
 */
import {
  InvalidDatabaseUrlError,
  openWarehouse,
  pgliteDataDir,
  type Warehouse,
  type WarehouseOptions,
  warehouseOptionsFromEnv
} from "@trialsync/warehouse"
import { Effect, Redacted, type Scope } from "effect"
import { CommandFailed } from "../cli/errors.js"
import type { EngineConfig } from "../engine.js"

/**
 * `DATABASE_URL` when set (with `DATABASE_CONNECT_TIMEOUT_MS` / `DATABASE_STATEMENT_TIMEOUT_MS`
 * from `env`), else PGlite in `<TRIALSYNC_DATA_DIR>/pglite`. A `DATABASE_URL` that is
 * set in the environment but empty (or only whitespace) raises `InvalidDatabaseUrlError` rather
 * than falling back to the embedded warehouse: the operator meant a server, not a local file.
 */
export const warehouseOptionsFor = (config: EngineConfig, env: NodeJS.ProcessEnv = process.env): WarehouseOptions => {
  if (config.databaseUrl !== undefined) {
    // The timeouts (DATABASE_CONNECT_TIMEOUT_MS, DATABASE_STATEMENT_TIMEOUT_MS) are the warehouse's own variables.
    return warehouseOptionsFromEnv({
      DATABASE_URL: Redacted.value(config.databaseUrl),
      DATABASE_CONNECT_TIMEOUT_MS: env.DATABASE_CONNECT_TIMEOUT_MS,
      DATABASE_STATEMENT_TIMEOUT_MS: env.DATABASE_STATEMENT_TIMEOUT_MS
    })
  }
  const raw = env.DATABASE_URL
  if (raw !== undefined && raw.trim() === "") {
    throw new InvalidDatabaseUrlError({ variable: "DATABASE_URL", problem: "empty" })
  }
  return { dataDir: pgliteDataDir(config.dataDir) }
}

/** Where the warehouse is, for messages (never a password). */
export const describeWarehouseTarget = (config: EngineConfig): string =>
  config.databaseUrl === undefined ? `PGlite in ${pgliteDataDir(config.dataDir)}` : "DATABASE_URL"

/** Opens the warehouse for the current scope (`env`: where an empty `DATABASE_URL` is looked for). */
export const acquireWarehouse = (
  config: EngineConfig,
  env: NodeJS.ProcessEnv = process.env
): Effect.Effect<Warehouse, CommandFailed, Scope.Scope> =>
  Effect.acquireRelease(
    Effect.try({
      try: () => warehouseOptionsFor(config, env),
      catch: (cause) => new CommandFailed({ message: cause instanceof Error ? cause.message : String(cause) })
    }).pipe(Effect.flatMap((options) => openFor(config, options))),
    (warehouse) => Effect.promise(() => warehouse.close()).pipe(Effect.ignore)
  )

const openFor = (config: EngineConfig, options: WarehouseOptions): Effect.Effect<Warehouse, CommandFailed> =>
  Effect.tryPromise({
    try: () => openWarehouse(options),
    catch: (cause) =>
      new CommandFailed({
        message: `Cannot open the warehouse (${describeWarehouseTarget(config)}): ${
          cause instanceof Error ? cause.message : String(cause)
        }${config.databaseUrl === undefined ? "" : " Check DATABASE_URL, or unset it to use the embedded PGlite warehouse."}`
      })
  })

/** Runs a warehouse call, turning a rejection into a `CommandFailed` with `what` in front. */
export const warehouseCall = <A>(what: string, run: () => Promise<A>): Effect.Effect<A, CommandFailed> =>
  Effect.tryPromise({
    try: run,
    catch: (cause) =>
      new CommandFailed({ message: `${what}: ${cause instanceof Error ? cause.message : String(cause)}` })
  })
