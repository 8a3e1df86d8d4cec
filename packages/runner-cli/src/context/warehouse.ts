/**
 * Opening the warehouse a command works on, closed when the command ends (also on Ctrl-C, so
 * PGlite flushes its files).
 */
import { join } from "node:path"
import { openWarehouse, type Warehouse, type WarehouseOptions } from "@trialsync/warehouse"
import { Effect, Redacted, type Scope } from "effect"
import { CommandFailed } from "../cli/errors.js"
import type { EngineConfig } from "../engine.js"

/** `DATABASE_URL` when set, else PGlite in `<TRIALSYNC_DATA_DIR>/pglite`. */
export const warehouseOptionsFor = (config: EngineConfig): WarehouseOptions =>
  config.databaseUrl === undefined
    ? { dataDir: join(config.dataDir, "pglite") }
    : { databaseUrl: Redacted.value(config.databaseUrl) }

/** Where the warehouse is, for messages (never a password). */
export const describeWarehouseTarget = (config: EngineConfig): string =>
  config.databaseUrl === undefined ? `PGlite in ${join(config.dataDir, "pglite")}` : "DATABASE_URL"

/** Opens the warehouse for the current scope. */
export const acquireWarehouse = (config: EngineConfig): Effect.Effect<Warehouse, CommandFailed, Scope.Scope> =>
  Effect.acquireRelease(
    Effect.tryPromise({
      try: () => openWarehouse(warehouseOptionsFor(config)),
      catch: (cause) =>
        new CommandFailed({
          message: `Cannot open the warehouse (${describeWarehouseTarget(config)}): ${
            cause instanceof Error ? cause.message : String(cause)
          }${config.databaseUrl === undefined ? "" : " Check DATABASE_URL, or unset it to use the embedded PGlite warehouse."}`
        })
    }),
    (warehouse) => Effect.promise(() => warehouse.close()).pipe(Effect.ignore)
  )

/** Runs a warehouse call, turning a rejection into a `CommandFailed` with `what` in front. */
export const warehouseCall = <A>(what: string, run: () => Promise<A>): Effect.Effect<A, CommandFailed> =>
  Effect.tryPromise({
    try: run,
    catch: (cause) =>
      new CommandFailed({ message: `${what}: ${cause instanceof Error ? cause.message : String(cause)}` })
  })
