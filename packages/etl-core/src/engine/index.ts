export { dryRun } from "./dry-run.js"
export {
  type EngineError,
  InstanceMismatchError,
  JobDefinitionError,
  JobTimeoutError,
  NothingToResumeError,
  ParentNotLoadedError,
  RunInProgressError,
  RunNotFoundError,
  SourceUnavailableError,
  WarehouseError
} from "./errors.js"
export {
  apiKeyReference,
  configuredInstanceName,
  lookUpSourceInstance,
  registerSourceInstance,
  type SourceInstance
} from "./instance.js"
export { emitProgress, type ProgressEvent, ProgressReporter, type ProgressReporterShape } from "./progress.js"
export { type EngineServices, resumeRun, runJobs } from "./run.js"
export { JobAlreadyRunningError } from "./run-lock.js"
export { type JobStatusRow, jobStatus, migrateAndSeed, type RunHistoryRow, runHistory } from "./status.js"
export type {
  DryRunFirstPage,
  DryRunParents,
  DryRunReport,
  FetchMode,
  GroupContext,
  JobRunError,
  JobRunReport,
  PlainCheckpoint,
  RunContext,
  RunCounters,
  RunOptions,
  RunReport
} from "./types.js"
