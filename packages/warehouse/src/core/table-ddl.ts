/**
 * `CREATE TABLE IF NOT EXISTS` for a Drizzle table, derived from the same Drizzle definition the
 * migrations are generated from, so an ensured staging table is identical to a migrated one.
 */

import { is, SQL } from "drizzle-orm"
import { getTableConfig, PgDialect, type PgTable } from "drizzle-orm/pg-core"
import { quoteIdentifier } from "./identifiers.js"

const dialect = new PgDialect()

const literal = (value: unknown): string => {
  if (typeof value === "boolean" || typeof value === "number") return String(value)
  if (typeof value === "string") return `'${value.replaceAll("'", "''")}'`
  throw new Error(`Unsupported column default ${JSON.stringify(value)}`)
}

const renderDefault = (value: unknown): string => (is(value, SQL) ? dialect.sqlToQuery(value).sql : literal(value))

/** The statements creating `table` and its indexes when they do not exist yet. */
export const createTableIfNotExists = (table: PgTable): string[] => {
  const config = getTableConfig(table)
  const name = quoteIdentifier(config.name)
  const columns = config.columns.map((column) => {
    const parts = [quoteIdentifier(column.name), column.getSQLType()]
    if (column.primary) parts.push("PRIMARY KEY")
    if (column.notNull) parts.push("NOT NULL")
    if (column.hasDefault && column.default !== undefined) parts.push(`DEFAULT ${renderDefault(column.default)}`)
    return parts.join(" ")
  })
  const indexes = config.indexes.map((index) => {
    const columnNames = index.config.columns.map((column) => {
      if (!("name" in column) || typeof column.name !== "string")
        throw new Error("Expression indexes are not supported")
      return quoteIdentifier(column.name)
    })
    const unique = index.config.unique ? "UNIQUE " : ""
    const where = index.config.where === undefined ? "" : ` WHERE ${dialect.sqlToQuery(index.config.where).sql}`
    return `CREATE ${unique}INDEX IF NOT EXISTS ${quoteIdentifier(index.config.name!)} ON ${name} (${columnNames.join(", ")})${where}`
  })
  return [`CREATE TABLE IF NOT EXISTS ${name} (\n  ${columns.join(",\n  ")}\n)`, ...indexes]
}
