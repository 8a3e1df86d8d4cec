/**
 * What one fan-out batch writes, in the same transaction as the caller's checkpoint: the records
 * (and the deletions of children a completed parent no longer has), the partition rows
 * (`dw_etl_partitions`) and the parents' fetch state (`dw_etl_parent_state`). All of it is SQL of
 * `@trialsync/warehouse`, which owns Bronze and the control tables; re-exported for the fan-out
 * modules.
 */
export {
  type EncodedStagingRecord as EncodedRecord,
  encodePartitionRecords as encodeRecords,
  type PartitionBatchResult as BatchWriteResult,
  type PartitionRecord,
  type PartitionRows,
  writeParentState,
  writePartitionRecords,
  writePartitionRows
} from "@trialsync/warehouse"
