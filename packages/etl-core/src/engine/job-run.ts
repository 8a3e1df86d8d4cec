/**
 * One job's execution as the executors see it: the job, its run row, its settings, and a live
 * tally that feeds `JobProgress` events (the run row in the database is the durable tally).
 */
import type { StagingTableDef } from "@trialsync/warehouse"
import { Clock, Effect } from "effect"
import type { CatalogJob } from "../catalog/types.js"
import type { RunRow } from "../services/run-rows.js"
import { emitProgress, type ProgressReporter } from "./progress.js"
import type { RunContext } from "./types.js"

export interface JobRun {
  readonly job: CatalogJob
  /** The target table's definition (registry or the catalog's own). */
  readonly def: StagingTableDef
  readonly run: RunRow
  readonly context: RunContext
  readonly instanceId: number
  /** `$top` of each request. */
  readonly pageSize: number
  /** HTTP requests in flight for the whole call (the client's limiter enforces it). */
  readonly concurrency: number
  readonly resumed: boolean
  readonly tally: JobTally
}

/** In-memory progress of one job since this attempt started (plus what earlier attempts committed). */
export class JobTally {
  pages: number
  rows: number
  requests: number
  partitionsDone = 0
  partitionsTotal: number | undefined = undefined
  #lastEmit = 0

  constructor(
    readonly jobId: number,
    readonly runId: number,
    readonly startedAtMs: number,
    committed: { readonly pages: number; readonly rows: number; readonly requests: number }
  ) {
    this.pages = committed.pages
    this.rows = committed.rows
    this.requests = committed.requests
  }

  /** Emits a `JobProgress` event, at most every `minIntervalMs` unless `force`. */
  report(force = false, minIntervalMs = 200): Effect.Effect<void, never, ProgressReporter> {
    return Effect.flatMap(Clock.currentTimeMillis, (now) => {
      if (!force && now - this.#lastEmit < minIntervalMs) return Effect.void
      this.#lastEmit = now
      return emitProgress({
        _tag: "JobProgress",
        jobId: this.jobId,
        runId: this.runId,
        pages: this.pages,
        rows: this.rows,
        requests: this.requests,
        partitionsDone: this.partitionsDone,
        partitionsTotal: this.partitionsTotal,
        elapsedMs: now - this.startedAtMs
      })
    })
  }
}

/** How an executor ended a job that did not fail. */
export interface JobOutcome {
  readonly status: "success" | "partial"
  /** The run's watermark (incremental jobs). */
  readonly watermark?: string | null
}
