import { describe, expect, it } from "@effect/vitest"
import { Effect, Either } from "effect"
import { type CatalogJob, catalogJobs, JobCatalog } from "../../src/index.js"

describe("JobCatalog", () => {
  it.effect("serves the shipped jobs by id", () =>
    Effect.gen(function* () {
      const catalog = yield* JobCatalog
      expect(catalog.jobs).toHaveLength(90)
      const studies = yield* catalog.get(2)
      expect(studies.endpoint).toBe("/api/v1/studies/odata")
    }).pipe(Effect.provide(JobCatalog.Default))
  )

  it.effect("fails with UnknownJobError listing the valid ids", () =>
    Effect.gen(function* () {
      const catalog = yield* JobCatalog
      const result = yield* Effect.either(catalog.get(999))
      expect(Either.isLeft(result)).toBe(true)
      if (Either.isLeft(result)) {
        expect(result.left._tag).toBe("UnknownJobError")
        expect(result.left.message).toBe(
          "Unknown job id 999: the catalog has ids 1-35, 120-161, 164-176 (see `trialsync jobs list`)."
        )
      }
    }).pipe(Effect.provide(JobCatalog.Default))
  )

  it.effect("serves a catalog of one's own", () =>
    Effect.gen(function* () {
      const catalog = yield* JobCatalog
      expect(catalog.jobs.map((job) => job.id)).toEqual([1])
      const missing = yield* Effect.flip(catalog.get(2))
      expect(missing.validIds).toEqual([1])
    }).pipe(Effect.provide(JobCatalog.fromJobs(catalogJobs.slice(0, 1))))
  )

  it("refuses a custom catalog with a repeated id", () => {
    const first = catalogJobs[0] as CatalogJob
    expect(() => JobCatalog.fromJobs([first, first])).toThrow(/Job id 1 appears twice/)
  })
})
