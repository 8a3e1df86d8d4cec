/**
 * `@trialsync/warehouse`: the Drizzle schema (control tables, Bronze staging tables; Silver and
 * Gold to come), migrations, PostgreSQL/PGlite connections and the staging bulk loader.
 */

export * from "./control/index.js"
export { contentHash } from "./core/content-hash.js"
export { type EncodedStagingRecord, encodeStagingRecord } from "./core/encode-record.js"
export {
  InvalidDatabaseUrlError,
  InvalidLockKeyError,
  InvalidStagingTableError,
  InvalidWarehouseOptionError,
  MigrationError,
  MissingRecordKeyError,
  RecordLoadError,
  SeenKeysLostError,
  UnknownStagingTableError,
  WarehouseConnectionError,
  WarehouseConnectionLostError,
  WarehouseInUseError,
  WarehouseStatementTimeoutError
} from "./core/errors.js"
export {
  type BatchWriteResult as PartitionBatchResult,
  encodeRecords as encodePartitionRecords,
  type PartitionRows,
  writePartitionRecords
} from "./core/partition-batch.js"
export { redactConnectionString } from "./core/redact.js"
export {
  decodeStoredJson,
  decodeStoredText,
  encodeStoredText,
  storedTextMarker
} from "./core/stored-text.js"
export type {
  BatchCounts,
  HeldLock,
  LoadOptions,
  LoadResult,
  LockKey,
  MarkMissingOptions,
  StagingTableRef,
  Warehouse,
  WarehouseDatabase,
  WarehouseDriverName,
  WarehouseTx
} from "./core/types.js"
export { defaultMigrationsFolder } from "./migrations-folder.js"
export {
  defaultDataDir,
  openWarehouse,
  pgliteDataDir,
  type WarehouseOptions,
  warehouseOptionsFromEnv
} from "./open.js"
export * from "./schema/index.js"
export {
  defineStagingTable,
  type KeyStrategy,
  type StagingTableDef,
  type StagingTableOptions
} from "./staging/definition.js"
export { getStagingTable, isStagingTableName } from "./staging/lookup.js"
export { type RecordKeyResult, recordKey } from "./staging/record-key.js"
export { type StagingTableName, stagingTableList, stagingTables } from "./staging/registry.js"
export { type StagingPgTable, stagingTable } from "./staging/table.js"
