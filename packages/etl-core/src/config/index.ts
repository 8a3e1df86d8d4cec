export { ConfigError, type ConfigProblem } from "./errors.js"
export { isCcConfigured, loadEngineConfig, parseEngineConfig } from "./load.js"
export { EngineConfigTag } from "./tag.js"
export {
  type CcConnectionConfig,
  type ConfigRequirement,
  type EngineConfig,
  type LoadEngineConfigOptions,
  type LogFormat,
  type LogLevel,
  logFormats,
  logLevels
} from "./types.js"
export { type ConfigVariable, configVariable, engineConfigVariables } from "./variables.js"
