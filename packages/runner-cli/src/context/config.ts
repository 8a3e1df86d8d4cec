/**
 * Loading the configuration for a command, and teaching the output which secrets to mask.
 */
import { Effect, Redacted } from "effect"
import { type ConfigError, type ConfigRequirement, type EngineConfig, loadEngineConfig } from "../engine.js"
import { CliOutput } from "../output/cli-output.js"

/**
 * The engine configuration from the environment and `.env`; its key and database URL are
 * registered with the output's redactor before anything else can print them.
 */
export const loadCliConfig = (
  require: ReadonlyArray<ConfigRequirement>
): Effect.Effect<EngineConfig, ConfigError, CliOutput> =>
  Effect.gen(function* () {
    const output = yield* CliOutput
    const config = yield* loadEngineConfig(undefined, { require })
    registerSecrets(output.redactor, config)
    return config
  })

/** Registers the configuration's secrets with a redactor. */
export const registerSecrets = (
  redactor: { add: (value: string | undefined) => void; addDatabaseUrl: (value: string | undefined) => void },
  config: EngineConfig
): void => {
  redactor.add(Redacted.value(config.cc.apiKey))
  redactor.addDatabaseUrl(config.databaseUrl === undefined ? undefined : Redacted.value(config.databaseUrl))
}
