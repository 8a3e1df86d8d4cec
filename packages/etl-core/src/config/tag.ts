/**
 * The engine configuration as an Effect service.
 */
import { Context, Effect, Layer } from "effect"
import type { ConfigError } from "./errors.js"
import { loadEngineConfig } from "./load.js"
import type { EngineConfig, LoadEngineConfigOptions } from "./types.js"

/**
 * The configuration every engine service reads.
 *
 * @example
 * ```ts
 * const program = Effect.gen(function* () {
 *   const config = yield* EngineConfigTag
 *   return config.pageSize
 * })
 * Effect.runPromise(program.pipe(Effect.provide(EngineConfigTag.fromEnv())))
 * ```
 */
export class EngineConfigTag extends Context.Tag("@trialsync/etl-core/EngineConfig")<EngineConfigTag, EngineConfig>() {
  /** A layer holding a configuration already built. */
  static readonly layer = (config: EngineConfig): Layer.Layer<EngineConfigTag> => Layer.succeed(EngineConfigTag, config)
  /** A layer that loads the configuration from the environment (and `.env`). */
  static readonly fromEnv = (
    env?: Record<string, string | undefined>,
    options?: LoadEngineConfigOptions
  ): Layer.Layer<EngineConfigTag, ConfigError> =>
    Layer.effect(
      EngineConfigTag,
      Effect.suspend(() => loadEngineConfig(env, options))
    )
}
