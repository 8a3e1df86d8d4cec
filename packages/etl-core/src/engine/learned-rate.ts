/**
 * The adaptive rate across runs (issue 10 §3): a group starts from the rate the last run against
 * its instance ended at (`dw_api_credentials.learned_rate_rps`, kept under the instance's
 * `rate_limit_rps` and the client's `ETL_RATE_LIMIT_RPS_MAX`), and records the client's rate when
 * it ends, whether it succeeded, failed or was cancelled. A fixed-rate client does neither.
 */
import { CcService } from "@trialsync/cc-client"
import { readLearnedRate, recordLearnedRate } from "@trialsync/warehouse"
import { Effect } from "effect"
import { type WarehouseService, withWarehouse } from "../services/warehouse.js"
import type { WarehouseError } from "./errors.js"

/**
 * Runs `effect` with the client's rate continued from what instance `instanceId` learned, and
 * stores the rate it ends at.
 *
 * @example
 * ```ts
 * const report = yield* withLearnedRate(instanceId, runAndReport(runtime, planned, jobs, options))
 * ```
 */
export const withLearnedRate = <A, E, R>(
  instanceId: number,
  effect: Effect.Effect<A, E, R>
): Effect.Effect<A, E | WarehouseError, R | CcService | WarehouseService> =>
  Effect.gen(function* () {
    const cc = yield* CcService
    if (!cc.client.adaptiveRate) return yield* effect
    const learned = yield* withWarehouse("reading the learned rate from dw_api_credentials", (db) =>
      readLearnedRate(db, instanceId)
    )
    if (learned !== undefined) {
      cc.client.startFromRate(Math.min(learned.requestsPerSecond, learned.rateLimitRps ?? Infinity))
    }
    const store = withWarehouse("recording the learned rate in dw_api_credentials", (db) =>
      recordLearnedRate(db, instanceId, cc.client.currentRequestsPerSecond())
    ).pipe(
      // The rate is a hint for the next run: failing to store it must not change this run's outcome.
      Effect.catchAll((error) => Effect.logWarning(error.message)),
      Effect.asVoid
    )
    return yield* Effect.ensuring(effect, store)
  })
