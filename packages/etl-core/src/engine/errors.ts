/**
 * Errors the engine fails a whole call with. Failures of one job (an endpoint answering 401,
 * a timeout, a database error during its load) do not fail the call: they end that job's run
 * as `failed` and appear in its {@link JobRunReport}, classified by the same tags.
 */
import { Data } from "effect"
import type { UnknownCategoryError, UnknownJobError } from "../catalog/errors.js"
import type { DependencyCycleError, JobNotRunnableError } from "../planner/errors.js"

const causeText = (cause: unknown): string => (cause instanceof Error ? cause.message : String(cause))

/** A warehouse call failed; `operation` says what the engine was doing. */
export class WarehouseError extends Data.TaggedError("WarehouseError")<{
  readonly operation: string
  readonly message: string
  readonly cause: unknown
}> {
  static from(operation: string, cause: unknown): WarehouseError {
    return new WarehouseError({
      operation,
      message: `Warehouse error while ${operation}: ${causeText(cause)}`,
      cause
    })
  }
}

/**
 * A job reads its parent keys from a staging table that holds no current rows for this CC
 * instance, and no job of the plan fills it.
 */
export class ParentNotLoadedError extends Data.TaggedError("ParentNotLoadedError")<{
  readonly jobId: number
  readonly name: string
  readonly parentTable: string
  /** The jobs that fill the parent table, preferred first. */
  readonly parentJobs: ReadonlyArray<{ readonly id: number; readonly name: string }>
}> {
  override get message(): string {
    const [first] = this.parentJobs
    const run =
      first === undefined
        ? "load it first (no job of the catalog fills it)."
        : `run job ${first.id} (${first.name}) first: trialsync run --job-id ${first.id}.`
    return `Job ${this.jobId} (${this.name}) reads its parent keys from ${this.parentTable}, which holds no current rows for this CC instance; ${run}`
  }
}

/** `GET /api/v1/instance/details` failed, so the source cannot be identified and nothing ran. */
export class SourceUnavailableError extends Data.TaggedError("SourceUnavailableError")<{
  readonly tag: string
  readonly message: string
}> {}

/** `resume --run-id N` named a run that does not exist. */
export class RunNotFoundError extends Data.TaggedError("RunNotFoundError")<{ readonly runId: number }> {
  override get message(): string {
    return `Run ${this.runId} does not exist in dw_etl_runs; see \`trialsync history\` for run ids.`
  }
}

/** The run's group finished with every job successful: there is nothing to continue. */
export class NothingToResumeError extends Data.TaggedError("NothingToResumeError")<{
  readonly runId: number
  readonly groupId: string
}> {
  override get message(): string {
    return `Run ${this.runId} and every run of its group finished successfully: nothing to resume. Start a new run with \`trialsync run\`.`
  }
}

/** A resume would load data from a different CC instance than the interrupted run did. */
export class InstanceMismatchError extends Data.TaggedError("InstanceMismatchError")<{
  readonly runId: number
  readonly runInstanceId: number
  readonly currentInstanceId: number
}> {
  override get message(): string {
    return `Run ${this.runId} loaded from CC instance ${this.runInstanceId} (dw_api_credentials.id), but CC_API_BASE_URL now points at instance ${this.currentInstanceId}; point it back at the run's instance to resume, or start a new run.`
  }
}

/** A job's definition cannot be executed as written (e.g. placeholders bound to two parent tables). */
export class JobDefinitionError extends Data.TaggedError("JobDefinitionError")<{
  readonly jobId: number
  readonly message: string
}> {}

/** A job ran longer than its timeout (`dw_etl_jobs.timeout_seconds` or the catalog's). */
export class JobTimeoutError extends Data.TaggedError("JobTimeoutError")<{
  readonly jobId: number
  readonly timeoutSeconds: number
}> {
  override get message(): string {
    return `Job ${this.jobId} did not finish within its timeout of ${this.timeoutSeconds} s; committed pages are kept, resume continues from them (raise dw_etl_jobs.timeout_seconds if the job needs longer).`
  }
}

/** Every error `runJobs`, `resumeRun` and `dryRun` can fail with. */
/** `resume` of a run that a live process is still executing. */
export class RunInProgressError extends Data.TaggedError("RunInProgressError")<{
  readonly runId: number
  readonly pid: number | undefined
}> {
  override get message(): string {
    return `Run ${this.runId} is still running${this.pid === undefined ? "" : ` (process ${this.pid})`}: wait for it to end, or stop it, before resuming.`
  }
}

export type EngineError =
  | UnknownJobError
  | UnknownCategoryError
  | DependencyCycleError
  | JobNotRunnableError
  | ParentNotLoadedError
  | WarehouseError
  | SourceUnavailableError
  | RunNotFoundError
  | NothingToResumeError
  | RunInProgressError
  | InstanceMismatchError
  | JobDefinitionError
