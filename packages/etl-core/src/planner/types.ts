/**
 * What the planner takes and gives.
 */
import type { CatalogJob } from "../catalog/types.js"

/**
 * What the planner needs of a job. Every {@link CatalogJob} is one; a custom job needs only these
 * fields (its `targetTable` may be any table).
 */
export type PlannerJob = Pick<CatalogJob, "id" | "name" | "status" | "activeByDefault" | "dependsOn"> & {
  readonly category: string
  readonly targetTable: string
  readonly parameters: ReadonlyArray<{ readonly parentTable: string; readonly parentJobId?: number }>
  /** Shown when a disabled job is refused. */
  readonly reason?: string
}

/** Which jobs to run: `--all`, `--category C` or `--job-id N` (several ids allowed). */
export type Selection =
  | { readonly all: true }
  | { readonly category: string }
  | { readonly jobIds: ReadonlyArray<number> }

export interface PlanInput {
  readonly jobs: ReadonlyArray<PlannerJob>
  readonly select: Selection
  /**
   * Switches that win over `activeByDefault`: typically `dw_etl_jobs.is_active` per job, or a
   * caller's own choice for one run.
   */
  readonly activeOverrides?: ReadonlyMap<number, boolean> | Readonly<Record<number, boolean>>
}

export interface PlannedJob {
  readonly jobId: number
  readonly name: string
  readonly category: string
  readonly targetTable: string
  /** 0-based stage; every job of a stage can run in parallel once the earlier stages are done. */
  readonly stage: number
  /** The planned jobs this one waits for. */
  readonly after: ReadonlyArray<number>
  /** `false` for an inactive job requested by id. */
  readonly active: boolean
}

/**
 * A parent table a planned job reads its keys from, filled by no job of the plan: its staging
 * table must already hold data when the job starts.
 */
export interface ExternalParent {
  readonly jobId: number
  readonly parentTable: string
  /** Every job that writes the table (active or not), preferred producer first. */
  readonly producers: ReadonlyArray<number>
  /** Those of `producers` that are active (and not disabled). */
  readonly activeProducers: ReadonlyArray<number>
}

/** An explicit `dependsOn` job that is not in the plan. */
export interface ExternalDependency {
  readonly jobId: number
  readonly dependsOn: number
}

/** A job the selection covers that the plan leaves out, and why. */
export interface ExcludedJob {
  readonly jobId: number
  readonly reason: "inactive" | "disabled"
}

export interface Plan {
  readonly selection: Selection
  /** Jobs by stage, in dependency order; ids ascending within a stage. */
  readonly stages: ReadonlyArray<ReadonlyArray<PlannedJob>>
  /** All planned job ids, stage by stage. */
  readonly order: ReadonlyArray<number>
  readonly externalParents: ReadonlyArray<ExternalParent>
  readonly externalDependencies: ReadonlyArray<ExternalDependency>
  readonly excluded: ReadonlyArray<ExcludedJob>
  /** The above in sentences an operator can read. */
  readonly notes: ReadonlyArray<string>
}
