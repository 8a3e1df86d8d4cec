/**
 * The hand-made dataset of \`seed-data.ts\`, loaded into Bronze and transformed once in full, for
 * the seeded Silver and Gold tests.
 */
import type { Warehouse } from "@trialsync/warehouse"
import { expect } from "vitest"
import { transform } from "../../../src/index.js"
import { registerInstance } from "./bronze.js"
import { loadSeed } from "./seed-data.js"
import { snapshotWriter } from "./snapshot.js"

/** The transformation's clock in the seeded tests. */
export const seededNow = new Date("2025-01-15T12:00:00Z")

/** Loads the seed as instance "seeded" and runs the first (full) transformation; returns the instance id. */
export const seedAndTransform = async (warehouse: Warehouse): Promise<number> => {
  const instance = await registerInstance(warehouse, "seeded")
  await loadSeed(snapshotWriter(warehouse, instance))
  const report = await transform(warehouse, { now: seededNow })
  expect(report.mode).toBe("full")
  expect(report.quality.filter((check) => !check.passed)).toEqual([])
  expect(report.status).toBe("success")
  return instance
}

/** The column names of a table or view, in order. */
export const columnsOf = async (warehouse: Warehouse, relation: string): Promise<ReadonlyArray<string>> =>
  (
    await warehouse.query<{ attname: string }>(
      "SELECT attname FROM pg_attribute WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum",
      [relation]
    )
  ).map((row) => row.attname)
