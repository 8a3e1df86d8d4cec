/**
 * A partition with more than one page (a study with more subjects than `$top`): loaded like a
 * plain job scoped to its parent. Each page commits with the partition's checkpoint (its row in
 * `dw_etl_partitions`, status `running`); the last step marks the parent's missing children
 * deleted, the partition done and the parent's fetch state, in one transaction. A resumed run
 * continues from the checkpoint if the seen keys survived, else it starts the partition over.
 */
import type { CcError, CcService, Page } from "@trialsync/cc-client"
import { clearSeenKeys, countSeenKeys, SeenKeysLostError } from "@trialsync/warehouse"
import { Clock, Effect, type Option, Stream } from "effect"
import { addRunProgress } from "../../services/run-rows.js"
import {
  inWarehouseTransaction,
  type WarehouseService,
  withWarehouse,
  withWarehouseUninterruptible
} from "../../services/warehouse.js"
import type { WarehouseError } from "../errors.js"
import type { JobRun } from "../job-run.js"
import { pagesOf } from "../plain-job.js"
import type { ProgressReporter } from "../progress.js"
import { writeParentState, writePartitionRows } from "../sink/partition-batch.js"
import { markIfProven } from "../sink/seen-keys.js"
import { addRunWarning, countsAfter, type SnapshotCounts } from "../sink/snapshot-proof.js"
import type { PartitionResult } from "./fetch.js"
import type { Candidate } from "./parents.js"

interface LargeCheckpoint {
  readonly next: { readonly skip: number } | { readonly nextLink: string } | null
  readonly pages: number
  readonly seenRows: number
  /** The list counts its pages reported: its deletions need them unchanged (snapshot-proof.ts). */
  readonly counts?: SnapshotCounts
}

const isCheckpoint = (value: unknown): value is LargeCheckpoint =>
  typeof value === "object" && value !== null && "seenRows" in value && "pages" in value

/** Pages already fetched by the caller (the first), and how to pull the rest. */
export interface PageSource {
  readonly first: Page<unknown>
  readonly rest: Effect.Effect<Option.Option<Page<unknown>>, CcError>
}

export const loadLargePartition = (
  jobRun: JobRun,
  candidate: Candidate,
  source: PageSource | undefined
): Effect.Effect<PartitionResult, CcError | WarehouseError, WarehouseService | ProgressReporter | CcService> =>
  Effect.gen(function* () {
    const { job, run } = jobRun
    const scope = {
      runId: run.id,
      table: job.targetTable,
      instanceId: jobRun.instanceId,
      parentKey: candidate.parentKey
    }
    const fresh: LargeCheckpoint = { next: { skip: 0 }, pages: 0, seenRows: 0 }
    let checkpoint = fresh
    if (source === undefined && isCheckpoint(candidate.prior?.checkpoint)) {
      const saved = candidate.prior.checkpoint
      const found = yield* withWarehouse("checking a partition's seen keys", (db) => countSeenKeys(db, scope))
      if (found === saved.seenRows) checkpoint = saved
    }
    if (checkpoint === fresh) {
      yield* withWarehouse("clearing a partition's seen keys", (db) => clearSeenKeys(db, scope))
    }
    let records = 0

    const commitPage = (page: Page<unknown>) =>
      Effect.gen(function* () {
        const at = new Date(yield* Clock.currentTimeMillis)
        const before = checkpoint
        let after: LargeCheckpoint = {
          next: page.next ?? null,
          pages: before.pages + 1,
          seenRows: before.seenRows,
          counts: countsAfter(before.counts, before.pages, page)
        }
        const save = (
          tx: Parameters<typeof addRunProgress>[0],
          counts: { inserted: number; updated: number; unchanged: number }
        ) => {
          after = { ...after, seenRows: before.seenRows + counts.inserted + counts.updated + counts.unchanged }
          return writePartitionRows(tx, { runId: run.id, jobId: job.id, at }, [
            {
              parentKey: candidate.parentKey,
              params: candidate.params,
              status: "running",
              pages: 1,
              records: page.items.length,
              attempts: 0,
              error: null,
              checkpoint: after
            }
          ]).then(() => addRunProgress(tx, run.id, { ...counts, pages: 1, requests: 1 }))
        }
        if (page.items.length === 0) {
          yield* inWarehouseTransaction("saving a partition checkpoint", (tx) =>
            save(tx, { inserted: 0, updated: 0, unchanged: 0 })
          )
        } else {
          yield* withWarehouseUninterruptible(`loading a page into ${job.targetTable}`, (warehouse) =>
            warehouse.loadStaging(jobRun.def, page.items, {
              instanceId: jobRun.instanceId,
              jobId: job.id,
              runId: run.id,
              parentKey: candidate.parentKey,
              trackSeen: true,
              batchSize: page.items.length,
              inTransaction: (tx, batch) => save(tx, batch)
            })
          )
        }
        checkpoint = after
        records += page.items.length
        jobRun.tally.pages += 1
        jobRun.tally.rows += page.items.length
        jobRun.tally.requests += 1
        yield* jobRun.tally.report()
      })

    const fetchRest = (start: LargeCheckpoint["next"]) =>
      Effect.gen(function* () {
        if (start === null) return
        const stream = yield* pagesOf(job, { params: candidate.params, pageSize: jobRun.pageSize, start, count: true })
        yield* Stream.runForEach(stream, commitPage)
      })

    const finish = Effect.gen(function* () {
      const at = new Date(yield* Clock.currentTimeMillis)
      return yield* inWarehouseTransaction("completing a large partition", async (tx) => {
        try {
          const outcome = await markIfProven(tx, jobRun.def, {
            ...scope,
            expectedSeen: checkpoint.seenRows,
            wholeTable: false,
            counts: checkpoint.counts,
            pages: checkpoint.pages
          })
          await writePartitionRows(tx, { runId: run.id, jobId: job.id, at }, [
            {
              parentKey: candidate.parentKey,
              params: candidate.params,
              status: "done",
              pages: 0,
              records: 0,
              attempts: 1,
              error: null
            }
          ])
          await writeParentState(tx, { jobId: job.id, instanceId: jobRun.instanceId, runId: run.id, at }, [
            { parentKey: candidate.parentKey, parentHash: candidate.parentHash }
          ])
          if (outcome.warning !== undefined) await addRunWarning(tx, run.id, outcome.warning)
          const deleted = outcome.deleted
          await addRunProgress(tx, run.id, { deleted, partitionsDone: 1 })
          return true
        } catch (error) {
          if (error instanceof SeenKeysLostError) return false
          throw error
        }
      })
    })

    if (source !== undefined) {
      yield* commitPage(source.first)
      for (;;) {
        const next = yield* source.rest
        if (next._tag === "None") break
        yield* commitPage(next.value)
      }
    } else {
      yield* fetchRest(checkpoint.next)
    }
    if (!(yield* finish)) {
      // The seen keys were lost while the partition loaded: load it once more from the start.
      yield* withWarehouse("clearing a partition's seen keys", (db) => clearSeenKeys(db, scope))
      checkpoint = fresh
      yield* fetchRest(fresh.next)
      if (!(yield* finish)) {
        return {
          _tag: "Failed",
          candidate,
          error: "SeenKeysLost: the partition's seen keys were lost twice; it is fetched again on the next run",
          requests: 0
        } as const
      }
    }
    return { _tag: "Committed", candidate, records } as const
  })
