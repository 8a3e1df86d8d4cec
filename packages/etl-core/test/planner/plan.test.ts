import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { catalogJobs, DependencyCycleError, type PlannerJob, plan, planOrThrow } from "../../src/index.js"

const stageIds = (input: Parameters<typeof planOrThrow>[0]) =>
  planOrThrow(input).stages.map((stage) => stage.map((job) => job.jobId))

const idsWhere = (predicate: (job: (typeof catalogJobs)[number]) => boolean) =>
  catalogJobs
    .filter(predicate)
    .map((job) => job.id)
    .sort((a, b) => a - b)

describe("plan over the real catalog", () => {
  it("runs every active job in three stages: lists, their children, and visit elements per visit", () => {
    const result = planOrThrow({ jobs: catalogJobs, select: { all: true } })
    const active = idsWhere((job) => job.activeByDefault)
    expect(active).toHaveLength(57)
    expect([...result.order].sort((a, b) => a - b)).toEqual(active)
    expect(result.stages.map((stage) => stage.map((job) => job.jobId))).toEqual([
      idsWhere((job) => job.activeByDefault && job.parameters.length === 0),
      [10, 11, 13, 28, 29, 141, 142, 144, 145, 147, 148, 149, 150, 151, 152, 153, 154, 155, 156, 157, 161, 166],
      [175]
    ])
    expect(result.stages[2]?.[0]?.after).toEqual([11])
    expect(result.stages[1]?.find((job) => job.jobId === 166)?.after).toEqual([9])
    expect(result.externalParents).toEqual([])
    expect(result.excluded).toHaveLength(33)
    expect(result.excluded.filter((job) => job.reason === "disabled")).toHaveLength(16)
  })

  it("reaches depth 3 when job 160 is switched on: studies -> subjects -> patient visits -> visit children", () => {
    const result = planOrThrow({ jobs: catalogJobs, select: { all: true }, activeOverrides: { 160: true } })
    expect(result.stages).toHaveLength(4)
    expect(result.stages[2]?.map((job) => job.jobId)).toEqual([160, 175])
    expect(result.stages[3]?.map((job) => job.jobId)).toEqual([161, 166])
    // Visit children wait for both writers of the patient-visits table.
    expect(result.stages[3]?.[0]?.after).toEqual([9, 160])
  })

  it("plans a category and notes the parents it does not fill", () => {
    const result = planOrThrow({ jobs: catalogJobs, select: { category: "patient" } })
    expect(result.order).toEqual([147, 148, 149, 150, 151, 152, 153, 154, 155, 156, 157])
    expect(result.stages).toHaveLength(1)
    expect(result.excluded).toEqual([{ jobId: 169, reason: "inactive" }])
    expect(result.externalParents).toHaveLength(11)
    expect(result.externalParents[0]).toEqual({
      jobId: 147,
      parentTable: "dim_patients_staging",
      producers: [3],
      activeProducers: [3]
    })
    expect(result.notes[0]).toBe(
      "Job 147 (Patient Devices) reads its parent keys from dim_patients_staging; job 3 fills it outside this plan, so that table must already hold data."
    )
  })

  it("orders a category's own dependencies: patient visits before their elements and stipends", () => {
    expect(stageIds({ jobs: catalogJobs, select: { category: "visit" } })).toEqual([
      [9, 25],
      [161, 166]
    ])
  })

  it("plans one job by id, inactive or not, and names the parents the executor must find loaded", () => {
    const result = planOrThrow({ jobs: catalogJobs, select: { jobIds: [160] } })
    expect(result.order).toEqual([160])
    expect(result.stages[0]?.[0]?.active).toBe(false)
    expect(result.externalParents).toEqual([
      { jobId: 160, parentTable: "dim_subjects_staging", producers: [10], activeProducers: [10] }
    ])
    expect(result.notes).toContain(
      "Job 160 (Subject Patient Visits) is switched off but runs because it was asked for by id."
    )
  })

  it("orders several requested jobs among themselves", () => {
    expect(stageIds({ jobs: catalogJobs, select: { jobIds: [175, 11, 2] } })).toEqual([[2], [11], [175]])
    const studiesPreferred = planOrThrow({ jobs: catalogJobs, select: { jobIds: [10] } }).externalParents[0]
    expect(studiesPreferred?.producers).toEqual([2, 164])
    expect(studiesPreferred?.activeProducers).toEqual([2])
  })

  it("notes a parent table no active job fills", () => {
    const result = planOrThrow({ jobs: catalogJobs, select: { all: true }, activeOverrides: new Map([[2, false]]) })
    const subjects = result.externalParents.find((parent) => parent.jobId === 10)
    expect(subjects).toEqual({
      jobId: 10,
      parentTable: "dim_studies_staging",
      producers: [2, 164],
      activeProducers: []
    })
    expect(result.notes).toContain(
      "Job 10 (Subjects) reads its parent keys from dim_studies_staging; no active job fills it (jobs 2, 164 are inactive), so that table must already hold data."
    )
    expect(result.stages).toHaveLength(2)
  })

  it("never runs a disabled job, even when switched on", () => {
    const result = planOrThrow({ jobs: catalogJobs, select: { all: true }, activeOverrides: { 24: true } })
    expect(result.order).not.toContain(24)
    expect(result.excluded).toContainEqual({ jobId: 24, reason: "disabled" })
  })
})

describe("plan errors", () => {
  it.effect("refuses unknown job ids, listing the valid ones", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(plan({ jobs: catalogJobs, select: { jobIds: [2, 998, 999] } }))
      expect(error._tag).toBe("UnknownJobError")
      expect(error.message).toBe(
        "Unknown job ids 998, 999: the catalog has ids 1-35, 120-161, 164-176 (see `trialsync jobs list`)."
      )
    })
  )

  it.effect("refuses an empty id list", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(plan({ jobs: catalogJobs, select: { jobIds: [] } }))
      expect(error.message).toMatch(/^No job id given/)
    })
  )

  it.effect("refuses an unknown category, listing the valid ones", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(plan({ jobs: catalogJobs, select: { category: "visits" } }))
      expect(error._tag).toBe("UnknownCategoryError")
      expect(error.message).toBe(
        'Unknown category "visits": choose one of admin, core, finance, instance, patient, reference, study, visit.'
      )
    })
  )

  it.effect("refuses a disabled job asked for by id, with its reason", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(plan({ jobs: catalogJobs, select: { jobIds: [174] } }))
      expect(error._tag).toBe("JobNotRunnableError")
      expect(error.message).toMatch(/^Job 174 \(Study Visit Arms\) is disabled and cannot run: .*duplicate of job 141/)
    })
  )

  it.effect("catches errors by tag", () =>
    plan({ jobs: catalogJobs, select: { category: "nope" } }).pipe(
      Effect.map(() => "planned"),
      Effect.catchTag("UnknownCategoryError", (error) => Effect.succeed(error.validCategories.length)),
      Effect.map((outcome) => expect(outcome).toBe(8))
    )
  )
})

describe("plan over custom jobs", () => {
  const custom = (id: number, overrides: Partial<PlannerJob> = {}): PlannerJob => ({
    id,
    name: `Job ${id}`,
    category: "custom",
    targetTable: `t${id}`,
    status: "valid",
    activeByDefault: true,
    parameters: [],
    dependsOn: [],
    ...overrides
  })
  const child = (id: number, parentTable: string, overrides: Partial<PlannerJob> = {}) =>
    custom(id, { parameters: [{ parentTable }], ...overrides })

  it("puts independent jobs in one stage and honours explicit dependsOn", () => {
    const jobs = [
      custom(1),
      custom(2),
      child(3, "t1"),
      custom(4, { dependsOn: [3] }),
      child(5, "t2", { dependsOn: [1] })
    ]
    const result = planOrThrow({ jobs, select: { all: true } })
    expect(result.stages.map((stage) => stage.map((job) => job.jobId))).toEqual([[1, 2], [3, 5], [4]])
    expect(result.stages[1]?.find((job) => job.jobId === 5)?.after).toEqual([1, 2])
  })

  it("notes an explicit dependency outside the plan", () => {
    const jobs = [custom(1, { category: "a" }), custom(2, { category: "b", dependsOn: [1] })]
    const result = planOrThrow({ jobs, select: { category: "b" } })
    expect(result.externalDependencies).toEqual([{ jobId: 2, dependsOn: 1 }])
    expect(result.notes).toEqual([
      "Job 2 (Job 2) depends on job 1, which is not in this plan: it must have run before."
    ])
  })

  it("notes a parent table that no job of the catalog fills", () => {
    const result = planOrThrow({ jobs: [child(1, "nowhere")], select: { all: true } })
    expect(result.notes[0]).toMatch(/no job of the catalog fills it/)
  })

  it.effect("refuses a cycle and names its jobs in dependency order", () =>
    Effect.gen(function* () {
      const jobs = [custom(1), child(2, "t4"), child(3, "t2"), child(4, "t3", { dependsOn: [1] })]
      const error = yield* Effect.flip(plan({ jobs, select: { all: true } }))
      expect(error).toBeInstanceOf(DependencyCycleError)
      if (error._tag !== "DependencyCycleError") return
      expect(error.jobs.map((job) => job.id)).toEqual([2, 3, 4])
      expect(error.message).toBe(
        "Jobs form a dependency cycle: 2 Job 2 -> 3 Job 3 -> 4 Job 4 -> 2 Job 2. Remove a dependsOn entry or a parent binding to break it."
      )
    })
  )

  it.effect("refuses a job that reads its parent keys from its own table", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(plan({ jobs: [child(1, "t1")], select: { jobIds: [1] } }))
      expect(error._tag).toBe("DependencyCycleError")
      expect(error.message).toMatch(/1 Job 1 -> 1 Job 1/)
    })
  )

  it("ignores cycles among jobs the plan does not run", () => {
    const jobs = [custom(1), child(2, "t3", { activeByDefault: false }), child(3, "t2", { activeByDefault: false })]
    expect(stageIds({ jobs, select: { all: true } })).toEqual([[1]])
  })

  it("throws the tagged error from planOrThrow", () => {
    expect(() => planOrThrow({ jobs: [custom(1)], select: { jobIds: [2] } })).toThrow(
      /Unknown job id 2: the catalog has ids 1/
    )
  })
})
