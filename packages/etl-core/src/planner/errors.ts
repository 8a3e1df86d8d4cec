/**
 * Errors the planner refuses a selection with. Unknown ids and categories are the catalog's
 * {@link UnknownJobError} and {@link UnknownCategoryError}.
 */
import { Data } from "effect"
import type { CatalogStatus } from "../catalog/types.js"

/** Jobs whose dependencies lead back to themselves; `jobs` lists the cycle in order. */
export class DependencyCycleError extends Data.TaggedError("DependencyCycleError")<{
  readonly jobs: ReadonlyArray<{ readonly id: number; readonly name: string }>
}> {
  override get message(): string {
    const first = this.jobs[0]
    const path = [...this.jobs, ...(first ? [first] : [])].map((job) => `${job.id} ${job.name}`).join(" -> ")
    return `Jobs form a dependency cycle: ${path}. Remove a dependsOn entry or a parent binding to break it.`
  }
}

/** A job that must not run was requested by id (it is `disabled`: no endpoint, or a duplicate). */
export class JobNotRunnableError extends Data.TaggedError("JobNotRunnableError")<{
  readonly jobId: number
  readonly name: string
  readonly status: CatalogStatus
  readonly reason: string
}> {
  override get message(): string {
    return `Job ${this.jobId} (${this.name}) is ${this.status} and cannot run: ${this.reason}`
  }
}
