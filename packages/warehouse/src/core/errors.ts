/**
 * The warehouse's typed errors. Each carries a `_tag`, like Effect's `Data.TaggedError`, so Effect
 * callers can `catchTag` them after `Effect.tryPromise`, without this package depending on Effect.
 */

/** A table name that is neither in the staging registry nor ensured in this warehouse. */
export class UnknownStagingTableError extends Error {
  readonly _tag = "UnknownStagingTableError" as const
  readonly table: string
  constructor(args: { readonly table: string; readonly hint?: string }) {
    super(
      `Unknown staging table ${JSON.stringify(args.table)}: ${
        args.hint ??
        "load only tables of the staging registry (stagingTables), or define one with defineStagingTable() " +
          "and create it with warehouse.ensureStagingTable(def) first."
      }`
    )
    this.name = "UnknownStagingTableError"
    this.table = args.table
  }
}

/** A staging table definition that cannot be used (bad name or key strategy). */
export class InvalidStagingTableError extends Error {
  readonly _tag = "InvalidStagingTableError" as const
  readonly table: string
  readonly reason: string
  constructor(args: { readonly table: string; readonly reason: string }) {
    super(`Invalid staging table ${JSON.stringify(args.table)}: ${args.reason}.`)
    this.name = "InvalidStagingTableError"
    this.table = args.table
    this.reason = args.reason
  }
}

/**
 * A record from which no key can be derived. Raised before its batch touches the database, so the
 * batch is not applied; batches committed earlier in the same call stay.
 */
export class MissingRecordKeyError extends Error {
  readonly _tag = "MissingRecordKeyError" as const
  readonly jobId: number
  readonly table: string
  /** 0-based position of the record in the input of this `loadStaging` call. */
  readonly position: number
  readonly reason: string
  constructor(args: {
    readonly jobId: number
    readonly table: string
    readonly position: number
    readonly reason: string
  }) {
    super(
      `Job ${args.jobId}, table ${args.table}: record at position ${args.position} (0-based) has no usable key: ` +
        `${args.reason}. Fix the record, or the table's key strategy in the staging registry.`
    )
    this.name = "MissingRecordKeyError"
    this.jobId = args.jobId
    this.table = args.table
    this.position = args.position
    this.reason = args.reason
  }
}

/** Options passed to the loader or the warehouse that make no sense (says which and why). */
export class InvalidWarehouseOptionError extends Error {
  readonly _tag = "InvalidWarehouseOptionError" as const
  readonly option: string
  constructor(args: { readonly option: string; readonly reason: string }) {
    super(`Invalid warehouse option ${args.option}: ${args.reason}.`)
    this.name = "InvalidWarehouseOptionError"
    this.option = args.option
  }
}

/** The database could not be opened. The message names the redacted target, never a password. */
export class WarehouseConnectionError extends Error {
  readonly _tag = "WarehouseConnectionError" as const
  readonly target: string
  constructor(args: { readonly target: string; readonly reason: string }) {
    super(`Cannot open the warehouse at ${args.target}: ${args.reason}`)
    this.name = "WarehouseConnectionError"
    this.target = args.target
  }
}

/** A migration failed; nothing of it was applied (each `migrate()` runs in one transaction). */
export class MigrationError extends Error {
  readonly _tag = "MigrationError" as const
  readonly migration: string
  constructor(args: { readonly migration: string; readonly reason: string; readonly cause?: unknown }) {
    super(`Migration ${args.migration} failed: ${args.reason}`, { cause: args.cause })
    this.name = "MigrationError"
    this.migration = args.migration
  }
}

/**
 * The run's recorded keys cannot be trusted: `dw_etl_seen_keys` is UNLOGGED, so a crash empties
 * it, and marking "missing" rows deleted could delete live ones. Raised when the row count differs
 * from `expectedSeen`, or (without it) when the run began before the database last (re)started.
 * Skip deletion detection for this run; the next complete snapshot does it.
 */
export class SeenKeysLostError extends Error {
  readonly _tag = "SeenKeysLostError" as const
  readonly runId: number
  readonly table: string
  constructor(args: { readonly runId: number; readonly table: string; readonly detail: string }) {
    super(
      `Run ${args.runId}: the keys it recorded in dw_etl_seen_keys (UNLOGGED) for ${args.table} may be lost ` +
        `(${args.detail}), so no rows were marked deleted. Skip deletion detection for this run; ` +
        "the next complete snapshot run will do it."
    )
    this.name = "SeenKeysLostError"
    this.runId = args.runId
    this.table = args.table
  }
}
