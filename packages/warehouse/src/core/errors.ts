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
  constructor(args: { readonly target: string; readonly reason: string; readonly cause?: unknown }) {
    super(`Cannot open the warehouse at ${args.target}: ${args.reason}`, { cause: args.cause })
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

/**
 * A database URL that cannot select PostgreSQL: set but empty (or only whitespace), or not a
 * `postgres://`/`postgresql://` URL. The value itself is never repeated (it may hold a password).
 */
export class InvalidDatabaseUrlError extends Error {
  readonly _tag = "InvalidDatabaseUrlError" as const
  /** `DATABASE_URL` (from the environment) or `databaseUrl` (an option). */
  readonly variable: string
  constructor(args: { readonly variable: string; readonly problem: "empty" | "not-postgres" }) {
    super(
      args.problem === "empty"
        ? `${args.variable} is set but empty: unset it to use the embedded warehouse, or set it to a postgres:// URL.`
        : `${args.variable} is not a PostgreSQL URL (value not shown): set it to ` +
            "postgres://user:password@host:5432/database, or unset it to use the embedded warehouse."
    )
    this.name = "InvalidDatabaseUrlError"
    this.variable = args.variable
  }
}

/**
 * The server closed a connection the warehouse was using (`pg_terminate_backend`, a restart, a
 * network cut). The transaction in flight was rolled back by the server: nothing of it is applied.
 * The warehouse stays usable: the next call opens a new connection.
 */
export class WarehouseConnectionLostError extends Error {
  readonly _tag = "WarehouseConnectionLostError" as const
  /** `host:port/database`, never a password. */
  readonly target: string
  constructor(args: { readonly target: string; readonly reason: string; readonly cause?: unknown }) {
    super(
      `The PostgreSQL connection to ${args.target} was closed by the server (${args.reason}); ` +
        "the batch in flight was rolled back — rerun or `trialsync resume`.",
      { cause: args.cause }
    )
    this.name = "WarehouseConnectionLostError"
    this.target = args.target
  }
}

/** A statement ran longer than the configured statement timeout and PostgreSQL cancelled it. */
export class WarehouseStatementTimeoutError extends Error {
  readonly _tag = "WarehouseStatementTimeoutError" as const
  readonly target: string
  readonly timeoutMs: number
  constructor(args: { readonly target: string; readonly timeoutMs: number; readonly cause?: unknown }) {
    super(
      `A statement on ${args.target} ran longer than the statement timeout (${args.timeoutMs} ms) and was cancelled; ` +
        "its transaction was rolled back. Raise DATABASE_STATEMENT_TIMEOUT_MS (or statement_timeout in the URL) if it is expected.",
      { cause: args.cause }
    )
    this.name = "WarehouseStatementTimeoutError"
    this.target = args.target
    this.timeoutMs = args.timeoutMs
  }
}

/**
 * A row PostgreSQL refused while loading a batch. Names the record (its key and 0-based position
 * in the `loadStaging` input) and the column; the batch is rolled back, earlier batches stay.
 */
export class RecordLoadError extends Error {
  readonly _tag = "RecordLoadError" as const
  readonly jobId: number
  readonly table: string
  readonly recordKey: string
  readonly position: number
  /** The staging column PostgreSQL named (`data` is the record's JSON), if it named one. */
  readonly column: string | undefined
  constructor(args: {
    readonly jobId: number
    readonly table: string
    readonly recordKey: string
    readonly position: number
    readonly column: string | undefined
    readonly reason: string
    readonly cause?: unknown
  }) {
    const key =
      args.recordKey.length > 120
        ? `${args.recordKey.slice(0, 120)}... (${args.recordKey.length} chars)`
        : args.recordKey
    super(
      `Job ${args.jobId}, table ${args.table}: record ${JSON.stringify(key)} at position ${args.position} (0-based)` +
        `${args.column === undefined ? "" : `, column ${args.column}`} was refused by PostgreSQL: ${args.reason}. ` +
        "Its batch was rolled back; batches committed earlier stay.",
      { cause: args.cause }
    )
    this.name = "RecordLoadError"
    this.jobId = args.jobId
    this.table = args.table
    this.recordKey = args.recordKey
    this.position = args.position
    this.column = args.column
  }
}

/** The embedded (PGlite) warehouse directory is open in another process; PGlite serves one process. */
export class WarehouseInUseError extends Error {
  readonly _tag = "WarehouseInUseError" as const
  readonly dataDir: string
  readonly pid: number
  constructor(args: { readonly dataDir: string; readonly pid: number }) {
    super(
      `The embedded warehouse at ${args.dataDir} is in use by pid ${args.pid}; wait for it to finish, ` +
        "or set DATABASE_URL to a PostgreSQL server."
    )
    this.name = "WarehouseInUseError"
    this.dataDir = args.dataDir
    this.pid = args.pid
  }
}

/** A lock key whose parts are not both 32-bit integers (PostgreSQL's advisory lock key pair). */
export class InvalidLockKeyError extends Error {
  readonly _tag = "InvalidLockKeyError" as const
  readonly key: string
  constructor(args: { readonly key: string }) {
    super(`Invalid lock key ${args.key}: a lock key is { space, id }, both integers from -2147483648 to 2147483647.`)
    this.name = "InvalidLockKeyError"
    this.key = args.key
  }
}
