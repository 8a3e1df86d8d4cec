export {
  type ChangedScope,
  type QualityCheck,
  type QualityCheckName,
  qualityCheckNames,
  qualityChecks
} from "./checks.js"
export {
  defaultQualityConfig,
  defaultSeverity,
  type QualityConfig,
  QualityConfigError,
  type QualitySeverity,
  qualityConfigFromEnv,
  resolveQualityConfig
} from "./config.js"
export { contentChecks, readStagingStats, type StagingStats, silverStagingTables } from "./content.js"
export { type QualityRunOptions, runQualityChecks } from "./run.js"
