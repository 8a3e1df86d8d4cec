/**
 * Repositories over the control tables: the one place their SQL lives.
 */
export { InstanceConfigError, UnknownInstanceError } from "./errors.js"
export {
  analyzeFanoutParents,
  type CandidateFilter,
  countParents,
  type FanoutParents,
  hasCurrentParents,
  markChildrenOfGoneParents,
  type PartitionCandidate,
  parentCountsSql,
  partitionCandidateOf,
  partitionCandidatesSql,
  readPartitionCandidates
} from "./fanout-parents.js"
export {
  addInstance,
  checkNewInstance,
  chooseInstance,
  clearLearnedRate,
  findInstance,
  findInstanceIdByUid,
  type IdentifiedInstance,
  type LearnedRate,
  listInstances,
  type NewInstance,
  readLearnedRate,
  recordInstanceIdentity,
  recordLearnedRate,
  registerIdentifiedInstance,
  removeInstance,
  resolveApiKey,
  type SourceInstanceRow
} from "./instances.js"
export { lastSuccessfulLoads } from "./job-loads.js"
export {
  type JobDefinition,
  type JobSeedResult,
  type JobSettingsRow,
  listJobSettings,
  listOperatorJobs,
  type OperatorJobRow,
  seedJobDefinitions
} from "./jobs.js"
export { writeParentState } from "./parent-state.js"
export { countFailedPartitions, dropDonePartitionsBefore } from "./partition-runs.js"
export { type PartitionRecord, writePartitionRows } from "./partitions.js"
export { passedQualityChecks, type QualityResultRecord, writeQualityResults } from "./quality-results.js"
export { addRunDeletedRecords, addRunWarning, maxRunWarnings } from "./run-deletions.js"
export {
  type JobLastRunRow,
  listJobStatus,
  listRunHistory,
  type RunHistoryEntry
} from "./run-history.js"
export {
  addRunProgress,
  endOrphanRuns,
  failRunningRun,
  findRun,
  finishRun,
  insertRetryRun,
  insertRun,
  lastSuccessfulRun,
  type NewRunRecord,
  type RunCounts,
  type RunEndRecord,
  type RunProgress,
  type RunRecord,
  runCountsOf,
  runningRunOf,
  runningRunsWithOwner,
  runsOfGroup
} from "./runs.js"
export {
  clearSeenKeys,
  countSeenKeys,
  countSeenKeysAmong,
  dropStaleSeenKeys,
  type SeenKeyScope
} from "./seen-keys.js"
export type { ControlSql } from "./sql.js"
export {
  type CommittedTransformRun,
  type CommittedTransformStamp,
  type FinishedTransformRun,
  finishTransformRun,
  latestCommittedTransformRun,
  latestTransformRowCounts,
  markTransformCommitted,
  type StartedTransformRun,
  startTransformRun,
  type TransformRunLayer,
  type TransformRunMode
} from "./transform-runs.js"
