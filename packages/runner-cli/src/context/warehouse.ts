/**
 * Opening the warehouse a command works on, closed when the command ends (also on Ctrl-C, so
 * PGlite flushes its files).
 */
import { openWarehouse, pgliteDataDir, type Warehouse, type WarehouseOptions } from "@trialsync/warehouse"
import { Effect, type Scope } from "effect"
import { CommandFailed } from "../cli/errors.js"
import { type EngineConfig, warehouseOptionsOf } from "../engine.js"

/**
 * `DATABASE_URL` when set (with `DATABASE_CONNECT_TIMEOUT_MS` / `DATABASE_STATEMENT_TIMEOUT_MS`
 * from `env`), else PGlite in `<TRIALSYNC_DATA_DIR>/pglite`: the engine's rule (one place). An
 * empty `DATABASE_URL` never gets here: the configuration refuses it.
 */
export const warehouseOptionsFor = (config: EngineConfig, env: NodeJS.ProcessEnv = process.env): WarehouseOptions =>
  warehouseOptionsOf(config, env)

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

/** Opens the warehouse for the current scope and applies pending migrations (idempotent). */
export const acquireMigratedWarehouse = (config: EngineConfig): Effect.Effect<Warehouse, CommandFailed, Scope.Scope> =>
  Effect.tap(acquireWarehouse(config), (warehouse) =>
    warehouseCall("Migrating the warehouse failed", () => warehouse.migrate())
  )
