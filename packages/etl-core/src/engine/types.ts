/**
 * What the engine's entry points take and return.
 */
import type { RunCounts, RunStatus } from "@trialsync/warehouse"
import type { Plan, Selection } from "../planner/types.js"
import type { RunOwner } from "../services/run-owner.js"
import type { SnapshotCounts } from "./sink/snapshot-proof.js"

export type { Selection }

export interface RunOptions {
  /** The plan and the first page of each job; nothing is written. */
  readonly dryRun?: boolean
  /** Ignore watermarks and parent hashes: fetch everything and mark deletions (a full sweep). */
  readonly fullRefresh?: boolean
  /**
   * HTTP requests in flight for this call (default: the configuration's `concurrency`); a value
   * that differs gets the call a CC client of its own with that limit.
   */
  readonly concurrency?: number
  /** Recorded in `dw_etl_runs.trigger` (default `"cli"`). */
  readonly trigger?: string
  /** `dw_api_credentials.instance_name` of the source (default `"default"`). */
  readonly instanceName?: string
  /**
   * Stops the call like an interruption, but the call still returns its report (status
   * `cancelled`): starting work stops, committed checkpoints stand, running runs become `cancelled`.
   */
  readonly signal?: AbortSignal
  /** Jobs running at once (default: the HTTP concurrency, at least 2). */
  readonly jobConcurrency?: number
  /**
   * A job another run (any process, any host) is running on the same CC instance: `false` (the
   * default) skips it at once with a `JobAlreadyRunning` error naming that run; `true` waits for
   * its run lock to be released, then runs it (docs/design.md §11).
   */
  readonly wait?: boolean
}

export interface JobRunError {
  /** The classification: a CC client error tag (`Unauthorized`, `NotFound`, ...) or an engine one. */
  readonly tag: string
  readonly message: string
}

/** What a run counts, as its `dw_etl_runs` row, its report and the run history show it. */
export type RunCounters = RunCounts

export interface JobRunReport extends RunCounters {
  readonly jobId: number
  readonly name: string
  /** `undefined` when the job never started (skipped). */
  readonly runId: number | undefined
  readonly status: RunStatus | "skipped"
  readonly durationMs: number
  readonly error?: JobRunError
  /** The process executing the run (services/run-owner.ts): how a dead run is told from a live one. */
  readonly owner?: RunOwner
  /** What the run did not do and why (`run_context.warnings`), e.g. deletions it could not prove. */
  readonly warnings?: ReadonlyArray<string>
}

export interface RunReport {
  /** Runs started together share this id (`dw_etl_runs.group_id`). */
  readonly groupId: string
  readonly status: RunStatus
  readonly jobs: ReadonlyArray<JobRunReport>
  readonly durationMs: number
  /** API calls of every job (retries not counted: see the client's metrics for attempts). */
  readonly requests: number
}

export type DryRunFirstPage =
  | { readonly status: "ok"; readonly rows: number; readonly sample: unknown }
  | { readonly status: "error"; readonly tag: string; readonly message: string }

export interface DryRunParents {
  /** The parent staging table the keys are read from (current rows of this instance). */
  readonly table: string
  /** The placeholders filled from each parent row, e.g. `["studyId"]`. */
  readonly placeholders: ReadonlyArray<string>
  /** Current parent keys in the table; `"unknown"` before the instance or the table exists. */
  readonly keys: number | "unknown"
  /** Parents the run would fetch: all of them in a `sweep`, the changed ones in `changed-parents`. */
  readonly toFetch: number | "unknown"
}

export interface DryRunReport {
  readonly plan: Plan
  readonly jobs: ReadonlyArray<{
    readonly jobId: number
    readonly name: string
    readonly endpoint: string
    /** Fan-out jobs: the parents the run would fetch (see `parents`); plain jobs: 1. */
    readonly partitions: number | "unknown"
    readonly firstPage: DryRunFirstPage
    /** How the run would fetch (`incremental` for a plain job with a watermark, `sweep`, ...). */
    readonly mode: FetchMode | "unknown"
    /** The OData `$filter` the run would send (incremental jobs: the watermark minus the overlap). */
    readonly filter?: string
    /** The watermark the filter comes from (the last successful run's largest change value). */
    readonly watermark?: string
    /** Fan-out jobs: where the parent keys come from and how many the run would fetch. */
    readonly parents?: DryRunParents
  }>
}

/** How a job fetches: the whole source, only what changed, or every parent of a fan-out. */
export type FetchMode =
  /** Plain job, no filter: deletions are marked once the snapshot is complete. */
  | "snapshot"
  /** Plain job with a change field: `$filter` on the watermark minus the overlap. */
  | "incremental"
  /** Fan-out over every current parent (first run, `--full-refresh`, or the sweep interval passed). */
  | "sweep"
  /** Fan-out over parents whose content hash moved since their last successful fetch. */
  | "changed-parents"

/** Where a plain job stands; written with every committed page. */
export interface PlainCheckpoint {
  /** The next page's cursor; `null` once the last page is committed. */
  readonly next: { readonly skip: number } | { readonly nextLink: string } | null
  readonly pages: number
  /** Rows the run recorded in `dw_etl_seen_keys` (snapshots); checked before deletions are marked. */
  readonly seenRows: number
  /** Largest change-field value seen so far (incremental jobs), ISO text. */
  readonly maxChange: string | null
  /** Deletions of the completed snapshot are marked (the seen keys are gone: never mark twice). */
  readonly marked: boolean
  /** The list counts its pages reported (snapshots): deletions need them unchanged (snapshot-proof.ts). */
  readonly counts?: SnapshotCounts
}

/** The group a run belongs to: enough to plan it again on resume. */
export interface GroupContext {
  readonly id: string
  readonly selection: Selection
  readonly jobIds: ReadonlyArray<number>
  readonly fullRefresh: boolean
  readonly trigger: string
  readonly instanceName: string
}

/** `dw_etl_runs.run_context`. */
export interface RunContext {
  readonly group: GroupContext
  readonly mode: FetchMode
  /** The `$filter` an incremental run sends (kept so a resume asks the same question). */
  readonly filter?: string
  /** The watermark an incremental filter was built from. */
  readonly previousWatermark?: string
  readonly plain?: PlainCheckpoint
  readonly fanout?: { readonly total: number; readonly unchangedParents: number }
  /** The process executing the run (services/run-owner.ts): how a dead run is told from a live one. */
  readonly owner?: RunOwner
  /** What the run did not do and why (e.g. "deletions not marked: the source changed during the snapshot"). */
  readonly warnings?: ReadonlyArray<string>
}
