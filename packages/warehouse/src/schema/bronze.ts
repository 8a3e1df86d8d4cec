/**
 * Bronze: one staging table per registry entry, built by `stagingTable`, keyed by table name.
 */
import { type StagingTableName, stagingTableList } from "../staging/registry.js"
import { type StagingPgTable, stagingTable } from "../staging/table.js"

export type BronzeTables = { readonly [Name in StagingTableName]: StagingPgTable<Name> }

/** The Drizzle tables of the staging registry, keyed by table name. */
export const bronzeTables: BronzeTables = Object.freeze(
  Object.fromEntries(stagingTableList.map((def) => [def.name, stagingTable(def)]))
) as BronzeTables
