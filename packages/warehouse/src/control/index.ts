/**
 * Repositories over the control tables: the one place their SQL lives.
 */
export { InstanceConfigError, UnknownInstanceError } from "./errors.js"
export {
  analyzeFanoutParents,
  type CandidateFilter,
  countParents,
  type FanoutParents,
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
  findInstance,
  findInstanceIdByUid,
  type IdentifiedInstance,
  listInstances,
  type NewInstance,
  recordInstanceIdentity,
  registerIdentifiedInstance,
  removeInstance,
  resolveApiKey,
  type SourceInstanceRow
} from "./instances.js"
export { writeParentState } from "./parent-state.js"
export { countFailedPartitions, dropDonePartitionsBefore } from "./partition-runs.js"
export { type PartitionRecord, writePartitionRows } from "./partitions.js"
export { addRunDeletedRecords, addRunWarning, maxRunWarnings } from "./run-deletions.js"
export {
  clearSeenKeys,
  countSeenKeys,
  countSeenKeysAmong,
  dropStaleSeenKeys,
  type SeenKeyScope
} from "./seen-keys.js"
export type { ControlSql } from "./sql.js"
