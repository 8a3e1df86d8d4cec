/**
 * Plain jobs (no placeholders): pages stream from the source into the loader, one transaction
 * per page, and each page's transaction also writes the checkpoint (the cursor of the next
 * page) and the run's counters. Memory holds the page being loaded and the one prefetched.
 * A complete snapshot then soft-deletes the rows it did not see, in one more transaction.
 */
import { type CcError, CcService, type Page } from "@trialsync/cc-client"
import { clearSeenKeys, countSeenKeys, SeenKeysLostError } from "@trialsync/warehouse"
import { Effect, Stream } from "effect"
import type { CatalogJob } from "../catalog/types.js"
import { addRunProgress } from "../services/run-rows.js"
import {
  inWarehouseTransaction,
  type WarehouseService,
  withWarehouse,
  withWarehouseUninterruptible
} from "../services/warehouse.js"
import type { WarehouseError } from "./errors.js"
import { laterOf, maxChangeValue } from "./incremental.js"
import type { JobOutcome, JobRun } from "./job-run.js"
import { emitProgress, type ProgressReporter } from "./progress.js"
import { rereadMatches } from "./sink/reread.js"
import { markIfProven } from "./sink/seen-keys.js"
import { addRunWarning, countsAfter, needsReread } from "./sink/snapshot-proof.js"
import type { PlainCheckpoint } from "./types.js"

const initialCheckpoint: PlainCheckpoint = { next: { skip: 0 }, pages: 0, seenRows: 0, maxChange: null, marked: false }

/**
 * `$orderby` (when the catalog allows it), the incremental `$filter`, if any, and `$count=true`
 * for a complete snapshot of an `/odata` list (its deletions need the count: snapshot-proof.ts).
 */
export const listQuery = (job: CatalogJob, filter: string | undefined, count = false): Record<string, string> => {
  const query: Record<string, string> = {}
  const odata = job.endpoint.endsWith("/odata")
  if (job.orderBy !== undefined && odata) query.$orderby = job.orderBy
  if (filter !== undefined) query.$filter = filter
  if (count && odata) query.$count = "true"
  return query
}

/**
 * The pages of a job's endpoint from `start`: list endpoints through the client's pager (next
 * links, else `$skip`), single-object endpoints as one page holding the object.
 */
export const pagesOf = (
  job: CatalogJob,
  options: {
    readonly params?: Readonly<Record<string, string>>
    readonly pageSize: number
    readonly filter?: string
    readonly start?: PlainCheckpoint["next"]
    /** Ask for the list's count (`$count=true`): complete snapshots. */
    readonly count?: boolean
  }
): Effect.Effect<Stream.Stream<Page<unknown>, CcError>, never, CcService> =>
  Effect.map(CcService, (cc) => {
    if (job.listKind === "object") {
      return Stream.fromEffect(
        cc.get(job.endpoint, options.params === undefined ? {} : { params: options.params }).pipe(
          Effect.map(
            (body): Page<unknown> => ({
              items: [body],
              index: 0,
              cursor: { skip: 0 },
              next: undefined,
              shape: "array",
              attempts: 1
            })
          )
        )
      )
    }
    return cc.pages(job.endpoint, {
      ...(options.params === undefined ? {} : { params: options.params }),
      pageSize: options.pageSize,
      query: listQuery(job, options.filter, options.count === true),
      ...(options.start === undefined || options.start === null ? {} : { start: options.start })
    })
  })

/** Loads one page with its checkpoint; returns the checkpoint after it. */
const commitPage = (
  jobRun: JobRun,
  checkpoint: PlainCheckpoint,
  page: Page<unknown>
): Effect.Effect<PlainCheckpoint, WarehouseError, WarehouseService | ProgressReporter> =>
  Effect.gen(function* () {
    const { job, run } = jobRun
    const field = job.changeField
    const base: PlainCheckpoint = {
      next: page.next ?? null,
      pages: checkpoint.pages + 1,
      seenRows: checkpoint.seenRows,
      maxChange: field === undefined ? null : laterOf(checkpoint.maxChange, maxChangeValue(page.items, field)),
      marked: false,
      ...(jobRun.context.mode === "snapshot" ? { counts: countsAfter(checkpoint.counts, checkpoint.pages, page) } : {})
    }
    let after = base
    if (page.items.length === 0) {
      yield* inWarehouseTransaction("saving a checkpoint", (tx) =>
        addRunProgress(tx, run.id, { pages: 1, requests: 1 }, { key: "plain", value: base })
      )
    } else {
      const result = yield* withWarehouseUninterruptible(
        `loading page ${checkpoint.pages + 1} into ${job.targetTable}`,
        (warehouse) =>
          warehouse.loadStaging(jobRun.def, page.items, {
            instanceId: jobRun.instanceId,
            jobId: job.id,
            runId: run.id,
            trackSeen: jobRun.context.mode === "snapshot",
            batchSize: page.items.length,
            inTransaction: async (tx, batch) => {
              const distinct = batch.inserted + batch.updated + batch.unchanged
              after = { ...base, seenRows: base.seenRows + (jobRun.context.mode === "snapshot" ? distinct : 0) }
              await addRunProgress(
                tx,
                run.id,
                {
                  inserted: batch.inserted,
                  updated: batch.updated,
                  unchanged: batch.unchanged,
                  pages: 1,
                  requests: 1
                },
                { key: "plain", value: after }
              )
            }
          })
      )
      jobRun.tally.rows += result.total
    }
    jobRun.tally.pages += 1
    jobRun.tally.requests += 1
    yield* jobRun.tally.report()
    return after
  })

/** Starts the snapshot over: forgets its seen keys and points the checkpoint at the first page. */
const restartSnapshot = (jobRun: JobRun, reason: string) =>
  Effect.gen(function* () {
    const scope = {
      runId: jobRun.run.id,
      table: jobRun.job.targetTable,
      instanceId: jobRun.instanceId,
      parentKey: ""
    }
    yield* emitProgress({
      _tag: "Log",
      level: "warn",
      message: `Job ${jobRun.job.id} (${jobRun.job.name}): ${reason}; fetching the snapshot again from the first page so deletions are detected correctly.`,
      fields: { jobId: jobRun.job.id, runId: jobRun.run.id }
    })
    yield* inWarehouseTransaction("restarting a snapshot", async (tx) => {
      await clearSeenKeys(tx, scope)
      await addRunProgress(tx, jobRun.run.id, {}, { key: "plain", value: initialCheckpoint })
    })
    return initialCheckpoint
  })

/**
 * Runs a plain job to its end (or from its checkpoint, when resumed). Fails with the first
 * page's client error that survived the client's retries, which fails the job.
 */
export const runPlainJob = (
  jobRun: JobRun
): Effect.Effect<JobOutcome, CcError | WarehouseError, CcService | WarehouseService | ProgressReporter> =>
  Effect.gen(function* () {
    const { job, run, context } = jobRun
    const snapshot = context.mode === "snapshot"
    const scope = { runId: run.id, table: job.targetTable, instanceId: jobRun.instanceId, parentKey: "" }
    let checkpoint = context.plain ?? initialCheckpoint
    if (snapshot && !checkpoint.marked && checkpoint.seenRows > 0) {
      const found = yield* withWarehouse("checking a snapshot's seen keys", (db) => countSeenKeys(db, scope))
      if (found !== checkpoint.seenRows) {
        checkpoint = yield* restartSnapshot(jobRun, `the keys its first ${checkpoint.pages} pages saw were lost`)
      }
    }
    for (let attempt = 0; ; attempt++) {
      if (checkpoint.next !== null) {
        const pages = yield* pagesOf(job, {
          pageSize: jobRun.pageSize,
          ...(context.filter === undefined ? {} : { filter: context.filter }),
          start: checkpoint.next,
          count: snapshot
        })
        let current = checkpoint
        yield* Stream.runForEach(pages, (page) =>
          Effect.map(commitPage(jobRun, current, page), (after) => {
            current = after
          })
        )
        checkpoint = { ...current, next: null }
      }
      if (!snapshot || checkpoint.marked) break
      const done = { ...checkpoint, seenRows: 0, marked: true }
      const reread = needsReread(checkpoint.counts, checkpoint.pages)
        ? yield* rereadMatches(jobRun, scope, checkpoint.seenRows, context.filter)
        : undefined
      const marked = yield* inWarehouseTransaction(`marking deletions in ${job.targetTable}`, async (tx) => {
        try {
          const outcome = await markIfProven(tx, jobRun.def, {
            ...scope,
            expectedSeen: checkpoint.seenRows,
            wholeTable: true,
            counts: checkpoint.counts,
            pages: checkpoint.pages,
            ...(reread === undefined ? {} : { reread })
          })
          await addRunProgress(
            tx,
            run.id,
            { deleted: outcome.deleted, requests: reread?.requests ?? 0 },
            { key: "plain", value: done }
          )
          if (outcome.warning !== undefined) await addRunWarning(tx, run.id, outcome.warning)
          return outcome
        } catch (error) {
          if (error instanceof SeenKeysLostError) return false
          throw error
        }
      })
      if (marked !== false && marked.warning !== undefined) {
        yield* emitProgress({
          _tag: "Log",
          level: "warn",
          message: `Job ${job.id} (${job.name}): ${marked.warning}.`,
          fields: { jobId: job.id, runId: run.id }
        })
      }
      if (marked !== false) break
      if (attempt > 0) {
        return yield* withWarehouse("marking deletions", () =>
          Promise.reject(new Error("the seen keys were lost twice in a row; run the job again"))
        )
      }
      checkpoint = yield* restartSnapshot(jobRun, "the keys the snapshot saw were lost before deletions were marked")
    }
    yield* jobRun.tally.report(true)
    const watermark = job.changeField === undefined ? null : laterOf(context.previousWatermark, checkpoint.maxChange)
    return { status: "success", watermark }
  })
