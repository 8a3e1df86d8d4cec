/**
 * The whole warehouse schema: control tables, Bronze staging tables, and room for Silver and Gold.
 * `warehouseSchema` is what the Drizzle instances are built with and what drizzle-kit reads.
 */
import { bronzeTables } from "./bronze.js"
import * as control from "./control.js"
import * as gold from "./gold/index.js"
import * as silver from "./silver/index.js"

export * from "./bronze.js"
export * from "./control.js"
export * from "./gold/index.js"
export * from "./silver/index.js"

/** Every table and view of the warehouse (non-table exports are ignored by Drizzle). */
export const warehouseSchema = { ...control, ...bronzeTables, ...silver, ...gold }

export type WarehouseSchema = typeof warehouseSchema
