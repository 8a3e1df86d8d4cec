/**
 * The dependency graph of planned jobs: edges from parent relations and explicit `dependsOn`,
 * cut into stages by longest path, with cycles refused.
 */
import { Either } from "effect"
import { DependencyCycleError } from "./errors.js"
import type { ExternalDependency, ExternalParent, PlannerJob } from "./types.js"

export interface JobEdges {
  /** Planned jobs this job waits for. */
  readonly after: ReadonlyArray<number>
  readonly externalParents: ReadonlyArray<ExternalParent>
  readonly externalDependencies: ReadonlyArray<ExternalDependency>
}

/** What the graph needs to know about every job, planned or not. */
export interface JobUniverse {
  readonly jobs: ReadonlyArray<PlannerJob>
  /** Active (switches applied) and not disabled: the jobs that will fill their tables. */
  readonly runs: (job: PlannerJob) => boolean
}

const byPreferredThenId =
  (preferred: ReadonlyArray<number | undefined>) =>
  (left: number, right: number): number => {
    const rank = (id: number) => (preferred.includes(id) ? 0 : 1)
    return rank(left) - rank(right) || left - right
  }

/**
 * Edges of one planned job. A parent relation makes the job wait for every running producer of
 * the parent table inside the plan; when some running producer is outside the plan (or none
 * runs at all), the table is reported as an external parent whose data must already be there.
 */
export const edgesOf = (job: PlannerJob, universe: JobUniverse, planned: ReadonlySet<number>): JobEdges => {
  const after = new Set<number>()
  const externalParents: Array<ExternalParent> = []
  const parentTables = [...new Set(job.parameters.map((parameter) => parameter.parentTable))]
  for (const parentTable of parentTables) {
    const preferred = job.parameters.filter((p) => p.parentTable === parentTable).map((p) => p.parentJobId)
    const producers = universe.jobs
      .filter((candidate) => candidate.targetTable === parentTable)
      .map((candidate) => candidate.id)
      .sort(byPreferredThenId(preferred))
    const activeProducers = producers.filter((id) =>
      universe.jobs.some((candidate) => candidate.id === id && universe.runs(candidate))
    )
    for (const id of activeProducers) if (planned.has(id)) after.add(id)
    if (activeProducers.length === 0 || activeProducers.some((id) => !planned.has(id))) {
      externalParents.push({ jobId: job.id, parentTable, producers, activeProducers })
    }
  }
  const externalDependencies: Array<ExternalDependency> = []
  for (const dependsOn of job.dependsOn) {
    if (planned.has(dependsOn)) after.add(dependsOn)
    else externalDependencies.push({ jobId: job.id, dependsOn })
  }
  return { after: [...after].sort((left, right) => left - right), externalParents, externalDependencies }
}

/** Finds one cycle among `remaining` by walking back along `after` until a job repeats. */
const findCycle = (
  remaining: ReadonlySet<number>,
  after: ReadonlyMap<number, ReadonlyArray<number>>
): ReadonlyArray<number> => {
  const start = Math.min(...remaining)
  const walk: Array<number> = [start]
  for (;;) {
    const current = walk[walk.length - 1] as number
    const next = (after.get(current) ?? []).find((id) => remaining.has(id))
    // Every remaining job waits for another remaining job, so `next` exists.
    if (next === undefined) return walk
    const seen = walk.indexOf(next)
    if (seen >= 0) {
      // Walked against the dependency direction; turn it round and start at the smallest id.
      const cycle = walk.slice(seen).reverse()
      const first = cycle.indexOf(Math.min(...cycle))
      return [...cycle.slice(first), ...cycle.slice(0, first)]
    }
    walk.push(next)
  }
}

/**
 * Cuts jobs into stages: a job's stage is one more than the latest stage it waits for, so
 * independent jobs share a stage. Fails with {@link DependencyCycleError} when jobs wait for
 * each other.
 */
export const stagesOf = (
  jobs: ReadonlyArray<PlannerJob>,
  after: ReadonlyMap<number, ReadonlyArray<number>>
): Either.Either<ReadonlyArray<ReadonlyArray<number>>, DependencyCycleError> => {
  const remaining = new Set(jobs.map((job) => job.id))
  const stages: Array<ReadonlyArray<number>> = []
  while (remaining.size > 0) {
    const ready = [...remaining]
      .filter((id) => (after.get(id) ?? []).every((dependency) => !remaining.has(dependency)))
      .sort((left, right) => left - right)
    if (ready.length === 0) {
      const names = new Map(jobs.map((job) => [job.id, job.name]))
      const cycle = findCycle(remaining, after).map((id) => ({ id, name: names.get(id) ?? `job ${id}` }))
      return Either.left(new DependencyCycleError({ jobs: cycle }))
    }
    for (const id of ready) remaining.delete(id)
    stages.push(ready)
  }
  return Either.right(stages)
}
