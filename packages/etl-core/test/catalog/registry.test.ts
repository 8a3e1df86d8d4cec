import { isStagingTableName, type StagingTableName, stagingTableList } from "@trialsync/warehouse"
import { describe, expect, expectTypeOf, it } from "vitest"
import { type CatalogTargetTable, catalogJobs } from "../../src/index.js"

describe("the catalog against the warehouse's staging registry", () => {
  it("targets only registry tables, and every registry table is some job's target", () => {
    expect(catalogJobs.filter((job) => !isStagingTableName(job.targetTable)).map((job) => job.id)).toEqual([])
    const targets = new Set<string>(catalogJobs.map((job) => job.targetTable))
    expect(stagingTableList.filter((table) => !targets.has(table.name)).map((table) => table.name)).toEqual([])
    for (const job of catalogJobs) {
      for (const parameter of job.parameters) expect(isStagingTableName(parameter.parentTable)).toBe(true)
    }
  })

  it("types its targets as the registry's table names", () => {
    expectTypeOf<CatalogTargetTable>().toEqualTypeOf<StagingTableName>()
  })
})
