import { UnknownStagingTableError } from "../core/errors.js"
import type { StagingTableDef } from "./definition.js"
import { type StagingTableName, stagingTables } from "./registry.js"

/** Whether `name` is a table of the staging registry. */
export const isStagingTableName = (name: unknown): name is StagingTableName =>
  typeof name === "string" && Object.hasOwn(stagingTables, name)

/**
 * The registry's definition of a staging table; throws `UnknownStagingTableError` for any other
 * name, before any SQL is built.
 *
 * @example
 * ```ts
 * const studies = getStagingTable("dim_studies_staging") // { name, key: "id", parentScoped: false, ... }
 * ```
 */
export const getStagingTable = <Name extends StagingTableName>(name: Name | (string & {})): StagingTableDef<Name> => {
  if (!isStagingTableName(name)) throw new UnknownStagingTableError({ table: String(name) })
  return stagingTables[name] as StagingTableDef<Name>
}
