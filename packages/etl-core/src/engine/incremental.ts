/**
 * Incremental rules (docs/design.md §6), decided when a job's run starts and kept in its
 * `run_context`, so a resumed run asks the source the same question:
 *
 * - A plain job with a change field (studies: `lastUpdatedOn`) asks for
 *   `$filter=<field> gt <watermark - overlap>`, where the watermark is the largest value seen in
 *   the source data of its last successful run (never the warehouse clock). It takes a full
 *   snapshot instead (which also marks deletions) on its first run, with `--full-refresh`, and
 *   when its last snapshot is older than the full-sweep interval.
 * - Every other plain job takes a full snapshot; the loader's content hashes keep unchanged rows
 *   unwritten.
 * - A fan-out job fetches only parents whose content hash moved since that parent's last
 *   successful fetch, except on its first run, with `--full-refresh`, and when its last sweep is
 *   older than the full-sweep interval: then it sweeps every parent, which is how child-only
 *   changes are seen.
 */
import { odata } from "@trialsync/cc-client"
import { Clock, Effect } from "effect"
import type { CatalogJob } from "../catalog/types.js"
import { RunLog } from "../services/run-log.js"
import type { WarehouseError } from "./errors.js"
import type { FetchMode } from "./types.js"

export interface FetchDecision {
  readonly mode: FetchMode
  readonly filter?: string
  /** The watermark the filter was built from; the run's own watermark never falls below it. */
  readonly previousWatermark?: string
}

export interface IncrementalSettings {
  readonly fullRefresh: boolean
  readonly fullSweepIntervalHours: number
  readonly incrementalOverlapSeconds: number
}

const olderThan = (startedAt: Date, nowMs: number, hours: number): boolean =>
  nowMs - startedAt.getTime() >= hours * 3_600_000

/** The `$filter` asking for records changed after `watermark - overlapSeconds`. */
export const changeFilter = (field: string, watermark: string, overlapSeconds: number): string => {
  const since = new Date(new Date(watermark).getTime() - overlapSeconds * 1000)
  return String(odata.gt(field, odata.dateTime(since)))
}

/** Decides how a job fetches in a new run. */
export const decideFetch = (
  job: CatalogJob,
  instanceId: number,
  settings: IncrementalSettings
): Effect.Effect<FetchDecision, WarehouseError, RunLog> =>
  Effect.gen(function* () {
    const runs = yield* RunLog
    const now = yield* Clock.currentTimeMillis
    if (job.parameters.length > 0) {
      if (settings.fullRefresh) return { mode: "sweep" }
      const lastSweep = yield* runs.lastSuccess(job.id, instanceId, ["sweep"])
      if (lastSweep === undefined || olderThan(lastSweep.startedAt, now, settings.fullSweepIntervalHours)) {
        return { mode: "sweep" }
      }
      return { mode: "changed-parents" }
    }
    if (job.changeField === undefined || settings.fullRefresh) return { mode: "snapshot" }
    const lastSnapshot = yield* runs.lastSuccess(job.id, instanceId, ["snapshot"])
    if (lastSnapshot === undefined || olderThan(lastSnapshot.startedAt, now, settings.fullSweepIntervalHours)) {
      return { mode: "snapshot" }
    }
    const last = yield* runs.lastSuccess(job.id, instanceId, ["snapshot", "incremental"])
    if (last?.watermark === null || last?.watermark === undefined || Number.isNaN(Date.parse(last.watermark))) {
      return { mode: "snapshot" }
    }
    return {
      mode: "incremental",
      filter: changeFilter(job.changeField, last.watermark, settings.incrementalOverlapSeconds),
      previousWatermark: last.watermark
    }
  })

/** The larger of two ISO timestamps (either may be missing). */
export const laterOf = (left: string | null | undefined, right: string | null | undefined): string | null => {
  if (left === null || left === undefined) return right ?? null
  if (right === null || right === undefined) return left
  return Date.parse(right) > Date.parse(left) ? right : left
}

/** The largest value of `field` among records (ISO text as the source sent it), or null. */
export const maxChangeValue = (records: ReadonlyArray<unknown>, field: string): string | null => {
  let best: string | null = null
  let bestMs = Number.NEGATIVE_INFINITY
  for (const record of records) {
    if (record === null || typeof record !== "object") continue
    const value = (record as Record<string, unknown>)[field]
    if (typeof value !== "string") continue
    const ms = Date.parse(value)
    if (!Number.isNaN(ms) && ms > bestMs) {
      bestMs = ms
      best = value
    }
  }
  return best
}
