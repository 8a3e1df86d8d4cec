/**
 * Which staging tables a warehouse may load: the registry's, plus those ensured at run time. Every
 * loader entry point resolves its table here first, so an unknown name is refused before any SQL
 * is built.
 */
import { defineStagingTable, type StagingTableDef, sameStagingTable } from "../staging/definition.js"
import { isStagingTableName } from "../staging/lookup.js"
import { stagingTables } from "../staging/registry.js"
import { UnknownStagingTableError } from "./errors.js"
import type { StagingTableRef } from "./types.js"

export class StagingTableSet {
  private readonly ensured = new Map<string, StagingTableDef>()

  /** Validates a caller-supplied definition (it may not come from `defineStagingTable`). */
  static normalize(def: StagingTableDef): StagingTableDef {
    if (def === null || typeof def !== "object") {
      throw new UnknownStagingTableError({ table: String(def), hint: "expected a staging table definition" })
    }
    return defineStagingTable({
      name: def.name,
      key: def.key,
      parentScoped: def.parentScoped,
      perParent: def.perParent,
      indexUpdatedAt: def.indexUpdatedAt,
      description: def.description
    })
  }

  /** Remembers an ensured definition. */
  allow(def: StagingTableDef): void {
    this.ensured.set(def.name, def)
  }

  /** The definition to load for `ref`, or an `UnknownStagingTableError`. */
  resolve(ref: StagingTableRef): StagingTableDef {
    if (typeof ref === "string") {
      if (isStagingTableName(ref)) return stagingTables[ref]
      const ensured = this.ensured.get(ref)
      if (ensured !== undefined) return ensured
      throw new UnknownStagingTableError({ table: ref })
    }
    const name = ref !== null && typeof ref === "object" ? ref.name : undefined
    if (typeof name !== "string") {
      throw new UnknownStagingTableError({ table: String(name), hint: "expected a table name or definition" })
    }
    const known = isStagingTableName(name) ? stagingTables[name] : this.ensured.get(name)
    if (known === undefined) {
      throw new UnknownStagingTableError({
        table: name,
        hint: "it was defined with defineStagingTable() but not created: await warehouse.ensureStagingTable(def) first."
      })
    }
    if (!sameStagingTable(known, ref)) {
      throw new UnknownStagingTableError({
        table: name,
        hint: "this definition differs from the one the table was created with (key, parentScoped or indexes)."
      })
    }
    return known
  }
}
