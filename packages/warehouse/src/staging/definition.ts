/**
 * What a Bronze staging table is: its name, how a record's key is derived, and whether that key is
 * unique only under the record's parent. Every staging table, from the registry or defined by an
 * engineer, follows the same row contract (see `stagingTable`).
 */
import { InvalidStagingTableError } from "../core/errors.js"

/**
 * How a record's key (`record_key`) is derived.
 *
 * - `"id"`: the record's `id`, else its `Id` (CC casing is mixed).
 * - `{ fields }`: id-less records. Dotted paths into the record, joined with `|` in order. A path
 *   ending in `?` may be absent (it contributes an empty part); at least one part must be present.
 *   Each segment also matches with its first letter's case flipped (`subject.id` reads
 *   `subject.Id`), because the live casing of CC is unverified.
 * - `{ constant }`: single-record endpoints; every record of a scope has this key.
 * - `"value"`: records that are bare strings or numbers (lookup lists); the value is the key.
 */
export type KeyStrategy = "id" | "value" | { readonly fields: ReadonlyArray<string> } | { readonly constant: string }

export interface StagingTableDef<Name extends string = string> {
  readonly name: Name
  readonly key: KeyStrategy
  /** The key is unique only under its parent: the unique index is (instance, parent_key, record_key). */
  readonly parentScoped: boolean
  /**
   * Loaded one parent at a time (fan-out): indexes (instance, parent_key) so per-parent deletion
   * scopes and parent lookups do not scan the table. Implied by `parentScoped`.
   */
  readonly perParent: boolean
  /** Indexes `updated_at` for incremental transforms (large tables that Silver reads). */
  readonly indexUpdatedAt: boolean
  readonly description: string
}

export interface StagingTableOptions<Name extends string> {
  readonly name: Name
  readonly key?: KeyStrategy
  readonly parentScoped?: boolean
  readonly perParent?: boolean
  readonly indexUpdatedAt?: boolean
  readonly description: string
}

/** Lowercase SQL identifier; PostgreSQL truncates names past 63 bytes, so they are refused. */
const tableNamePattern = /^[a-z_][a-z0-9_]{0,62}$/
/** Index names append up to 16 characters (`_parent_key_idx`); keep them inside 63 bytes. */
const maxTableNameLength = 46

const validateKey = (name: string, key: KeyStrategy): void => {
  const fail = (why: string): never => {
    throw new InvalidStagingTableError({ table: name, reason: why })
  }
  if (key === "id" || key === "value") return
  if (typeof key !== "object" || key === null) fail(`key must be "id", "value", { fields } or { constant }`)
  if ("fields" in key) {
    if (!Array.isArray(key.fields) || key.fields.length === 0) fail("key.fields must list at least one path")
    for (const path of key.fields) {
      if (typeof path !== "string" || !/^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*\??$/.test(path)) {
        fail(`key field ${JSON.stringify(path)} is not a dotted path such as "subject.id" or "visit.id?"`)
      }
    }
    if (key.fields.every((path) => path.endsWith("?"))) fail("at least one key field must be required (no `?`)")
  } else if ("constant" in key) {
    if (typeof key.constant !== "string" || key.constant === "") fail("key.constant must be a non-empty string")
  } else {
    fail(`key must be "id", "value", { fields } or { constant }`)
  }
}

/**
 * Declares a staging table with the standard staging contract. Load it after
 * `warehouse.ensureStagingTable(def)` has created it.
 *
 * @example
 * ```ts
 * const subjects42 = defineStagingTable({
 *   name: "my_study42_subjects_staging",
 *   description: "Every subject of study 42",
 *   key: "id"
 * })
 * await warehouse.ensureStagingTable(subjects42)
 * await warehouse.loadStaging(subjects42, records, { instanceId: 1, jobId: 9001, runId })
 * ```
 */
export const defineStagingTable = <const Name extends string>(
  options: StagingTableOptions<Name>
): StagingTableDef<Name> => {
  const { name } = options
  if (typeof name !== "string" || !tableNamePattern.test(name) || name.length > maxTableNameLength) {
    throw new InvalidStagingTableError({
      table: String(name),
      reason: `a staging table name must match ${tableNamePattern} and be at most ${maxTableNameLength} characters`
    })
  }
  if (name.startsWith("dw_")) {
    throw new InvalidStagingTableError({ table: name, reason: "the dw_ prefix is reserved for control tables" })
  }
  const key = options.key ?? "id"
  validateKey(name, key)
  const parentScoped = options.parentScoped ?? false
  return Object.freeze({
    name,
    key: typeof key === "object" ? Object.freeze({ ...key }) : key,
    parentScoped,
    perParent: parentScoped || (options.perParent ?? false),
    indexUpdatedAt: options.indexUpdatedAt ?? false,
    description: options.description
  })
}

/** Whether two definitions describe the same table (the registry's and a caller's copy). */
export const sameStagingTable = (a: StagingTableDef, b: StagingTableDef): boolean =>
  a.name === b.name &&
  a.parentScoped === b.parentScoped &&
  a.perParent === b.perParent &&
  a.indexUpdatedAt === b.indexUpdatedAt &&
  JSON.stringify(a.key) === JSON.stringify(b.key)
