export {
  type ChangedScope,
  type QualityCheck,
  type QualityCheckName,
  qualityCheckNames,
  qualityChecks
} from "./checks.js"
export { type QualityRunOptions, runQualityChecks } from "./run.js"
