/**
 * The planner: which jobs a selection runs, in what order, and what must already be loaded.
 * Pure logic, no I/O: the executor checks the data, the planner says which data it needs.
 */
import { Effect, Either } from "effect"
import { UnknownCategoryError, UnknownJobError } from "../catalog/errors.js"
import { type DependencyCycleError, JobNotRunnableError } from "./errors.js"
import { edgesOf, type JobUniverse, stagesOf } from "./graph.js"
import type { ExcludedJob, ExternalDependency, ExternalParent, Plan, PlanInput, PlannerJob } from "./types.js"

/** Every way {@link plan} can refuse a selection. */
export type PlanError = UnknownJobError | UnknownCategoryError | DependencyCycleError | JobNotRunnableError

const overrideOf = (overrides: PlanInput["activeOverrides"], id: number): boolean | undefined =>
  overrides === undefined
    ? undefined
    : overrides instanceof Map
      ? overrides.get(id)
      : (overrides as Readonly<Record<number, boolean>>)[id]

interface Selected {
  readonly jobs: ReadonlyArray<PlannerJob>
  readonly excluded: ReadonlyArray<ExcludedJob>
}

const select = (input: PlanInput, universe: JobUniverse): Either.Either<Selected, PlanError> => {
  const { jobs, select: selection } = input
  const split = (candidates: ReadonlyArray<PlannerJob>): Selected => ({
    jobs: candidates.filter(universe.runs),
    excluded: candidates
      .filter((job) => !universe.runs(job))
      .map((job) => ({ jobId: job.id, reason: job.status === "disabled" ? "disabled" : "inactive" }))
  })
  if ("all" in selection) return Either.right(split(jobs))
  if ("category" in selection) {
    const inCategory = jobs.filter((job) => job.category === selection.category)
    if (inCategory.length === 0) {
      const validCategories = [...new Set(jobs.map((job) => job.category))].sort()
      return Either.left(new UnknownCategoryError({ category: selection.category, validCategories }))
    }
    return Either.right(split(inCategory))
  }
  const ids = [...new Set(selection.jobIds)]
  const unknown = ids.filter((id) => !jobs.some((job) => job.id === id))
  if (unknown.length > 0 || ids.length === 0) {
    return Either.left(new UnknownJobError({ jobIds: unknown, validIds: jobs.map((job) => job.id) }))
  }
  const requested = ids.map((id) => jobs.find((job) => job.id === id) as PlannerJob)
  const disabled = requested.find((job) => job.status === "disabled")
  if (disabled) {
    const reason = disabled.reason ?? "see `trialsync jobs list`."
    return Either.left(
      new JobNotRunnableError({ jobId: disabled.id, name: disabled.name, status: disabled.status, reason })
    )
  }
  // Jobs asked for by id run even when switched off: the operator asked for them.
  return Either.right({ jobs: requested, excluded: [] })
}

const parentNote = (job: PlannerJob, parent: ExternalParent): string => {
  const fillers =
    parent.activeProducers.length > 0
      ? `job${parent.activeProducers.length > 1 ? "s" : ""} ${parent.activeProducers.join(", ")} fill${parent.activeProducers.length > 1 ? "" : "s"} it outside this plan`
      : parent.producers.length > 0
        ? `no active job fills it (job${parent.producers.length > 1 ? "s" : ""} ${parent.producers.join(", ")} ${parent.producers.length > 1 ? "are" : "is"} inactive)`
        : "no job of the catalog fills it"
  return `Job ${job.id} (${job.name}) reads its parent keys from ${parent.parentTable}; ${fillers}, so that table must already hold data.`
}

const dependencyNote = (job: PlannerJob, dependency: ExternalDependency): string =>
  `Job ${job.id} (${job.name}) depends on job ${dependency.dependsOn}, which is not in this plan: it must have run before.`

const computePlan = (input: PlanInput): Either.Either<Plan, PlanError> => {
  const active = (job: PlannerJob) => overrideOf(input.activeOverrides, job.id) ?? job.activeByDefault
  const universe: JobUniverse = { jobs: input.jobs, runs: (job) => job.status !== "disabled" && active(job) }
  return Either.flatMap(select(input, universe), ({ jobs, excluded }) => {
    const planned = new Set(jobs.map((job) => job.id))
    const edges = new Map(jobs.map((job) => [job.id, edgesOf(job, universe, planned)]))
    const after = new Map([...edges].map(([id, jobEdges]) => [id, jobEdges.after]))
    return Either.map(stagesOf(jobs, after), (stageIds): Plan => {
      const byId = new Map(jobs.map((job) => [job.id, job]))
      const stages = stageIds.map((ids, stage) =>
        ids.map((id) => {
          const job = byId.get(id) as PlannerJob
          return {
            jobId: id,
            name: job.name,
            category: job.category,
            targetTable: job.targetTable,
            stage,
            after: after.get(id) ?? [],
            active: active(job)
          }
        })
      )
      const order = stageIds.flat()
      const externalParents = order.flatMap((id) => edges.get(id)?.externalParents ?? [])
      const externalDependencies = order.flatMap((id) => edges.get(id)?.externalDependencies ?? [])
      const notes = [
        ...externalParents.map((parent) => parentNote(byId.get(parent.jobId) as PlannerJob, parent)),
        ...externalDependencies.map((dependency) =>
          dependencyNote(byId.get(dependency.jobId) as PlannerJob, dependency)
        ),
        ...stages
          .flat()
          .filter((job) => !job.active)
          .map((job) => `Job ${job.jobId} (${job.name}) is switched off but runs because it was asked for by id.`)
      ]
      return { selection: input.select, stages, order, externalParents, externalDependencies, excluded, notes }
    })
  })
}

/**
 * Plans a run: the selected jobs in dependency order, cut into stages whose jobs can run in
 * parallel.
 *
 * - `{ all: true }`: every active job (switches applied, `disabled` jobs never run).
 * - `{ category }`: the active jobs of that category; parents filled outside the category are
 *   reported in `externalParents` (their staging tables must already hold data).
 * - `{ jobIds }`: exactly those jobs, even if switched off; `externalParents` names the parent
 *   tables the executor must find loaded. A `disabled` job is refused.
 *
 * A job depends on the running producers of its parent tables and on its `dependsOn` jobs.
 *
 * @example
 * ```ts
 * import { Effect } from "effect"
 * import { catalogJobs, plan } from "@trialsync/etl-core"
 *
 * const result = Effect.runSync(plan({ jobs: catalogJobs, select: { all: true } }))
 * result.stages.forEach((stage, index) => console.log(index, stage.map((job) => job.jobId)))
 * // 0 [1, 2, 3, 8, 9, ...]  1 [10, 11, 13, ...]  2 [175]
 * ```
 */
export const plan = (input: PlanInput): Effect.Effect<Plan, PlanError> => Effect.suspend(() => computePlan(input))

/**
 * {@link plan} for callers without Effect: returns the plan or throws the tagged error (an
 * `Error` with a `_tag`).
 *
 * @example
 * ```ts
 * const { order } = planOrThrow({ jobs: catalogJobs, select: { jobIds: [10] } })
 * ```
 */
export const planOrThrow = (input: PlanInput): Plan => Either.getOrThrowWith(computePlan(input), (error) => error)
