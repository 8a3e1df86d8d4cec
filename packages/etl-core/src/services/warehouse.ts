/**
 * The warehouse as an Effect service, and the one helper every engine module uses to call it:
 * a rejected warehouse Promise becomes a {@link WarehouseError} naming what the engine was doing.
 */
import { openWarehouse, type Warehouse, type WarehouseOptions, type WarehouseTx } from "@trialsync/warehouse"
import { Context, Effect, Layer } from "effect"
import { WarehouseError } from "../engine/errors.js"

export interface WarehouseLayerOptions extends WarehouseOptions {
  /** Apply pending migrations when the layer opens (default false: `migrateAndSeed` does it). */
  readonly migrate?: boolean
}

/**
 * The `Warehouse` of `@trialsync/warehouse` (PostgreSQL or PGlite) the engine loads into.
 *
 * @example
 * ```ts
 * const counts = Effect.gen(function* () {
 *   const warehouse = yield* WarehouseService
 *   return yield* Effect.promise(() => warehouse.query("SELECT count(*) FROM dim_studies_staging"))
 * }).pipe(Effect.provide(WarehouseService.layer({ inMemory: true, migrate: true })))
 * ```
 */
export class WarehouseService extends Context.Tag("@trialsync/etl-core/WarehouseService")<
  WarehouseService,
  Warehouse
>() {
  /** Opens the warehouse for the layer's lifetime and closes it when the scope closes. */
  static readonly layer = (options: WarehouseLayerOptions = {}): Layer.Layer<WarehouseService, WarehouseError> =>
    Layer.scoped(
      WarehouseService,
      Effect.acquireRelease(
        Effect.tryPromise({
          try: async () => {
            const { migrate, ...open } = options
            const warehouse = await openWarehouse(open)
            if (migrate === true) {
              await warehouse.migrate().catch(async (error: unknown) => {
                await warehouse.close().catch(() => undefined)
                throw error
              })
            }
            return warehouse
          },
          catch: (cause) => WarehouseError.from("opening the warehouse", cause)
        }),
        (warehouse) => Effect.promise(() => warehouse.close().catch(() => undefined))
      )
    )

  /** A warehouse you opened yourself (you close it). */
  static readonly fromWarehouse = (warehouse: Warehouse): Layer.Layer<WarehouseService> =>
    Layer.succeed(WarehouseService, warehouse)
}

/**
 * Runs a warehouse call; a rejection fails with a {@link WarehouseError} saying `operation`.
 *
 * @example
 * ```ts
 * const rows = yield* withWarehouse("reading job switches", (warehouse) => readJobSwitches(warehouse))
 * ```
 */
export const withWarehouse = <A>(
  operation: string,
  run: (warehouse: Warehouse) => Promise<A>
): Effect.Effect<A, WarehouseError, WarehouseService> =>
  Effect.flatMap(WarehouseService, (warehouse) =>
    Effect.tryPromise({ try: () => run(warehouse), catch: (cause) => WarehouseError.from(operation, cause) })
  )

/**
 * A warehouse transaction that runs to its end even if the calling fiber is interrupted: a
 * commit already sent is waited for, so a cancelled run never leaves a checkpoint ahead of its
 * data or the other way round.
 */
export const inWarehouseTransaction = <A>(
  operation: string,
  run: (tx: WarehouseTx) => Promise<A>
): Effect.Effect<A, WarehouseError, WarehouseService> =>
  Effect.uninterruptible(withWarehouse(operation, (warehouse) => warehouse.transaction(run)))

/** Like {@link withWarehouse}, but not interruptible (loads that commit as they go). */
export const withWarehouseUninterruptible = <A>(
  operation: string,
  run: (warehouse: Warehouse) => Promise<A>
): Effect.Effect<A, WarehouseError, WarehouseService> => Effect.uninterruptible(withWarehouse(operation, run))
