/**
 * The committer of a fan-out job: one fiber that takes finished partitions off a queue and
 * commits them in batches, while the fetching fibers keep the HTTP limiter busy. Each batch is
 * one transaction (records with their parent keys, deletions under those parents, partition
 * rows, parents' fetch state and the run's counters), so a crash loses at most the partitions of
 * the batch in flight, which a resume fetches again.
 */
import type { StagingTableDef } from "@trialsync/warehouse"
import { Chunk, Clock, Effect, Queue } from "effect"
import { addRunProgress } from "../../services/run-rows.js"
import { inWarehouseTransaction, type WarehouseService } from "../../services/warehouse.js"
import type { WarehouseError } from "../errors.js"
import type { JobRun } from "../job-run.js"
import type { ProgressReporter } from "../progress.js"
import {
  type PartitionRecord,
  writeParentState,
  writePartitionRecords,
  writePartitionRows
} from "../sink/partition-batch.js"
import type { PartitionResult } from "./fetch.js"

/** Offered after the last partition of a pass. */
export const endOfPass = Symbol("endOfPass")
export type CommitItem = PartitionResult | typeof endOfPass

/** Partitions per transaction at most, and records per transaction at most. */
export const maxBatchPartitions = 1024
const maxBatchRecords = 5000
/** A small batch waits this long for company, so slow sources do not cost a commit per partition. */
const lingerMs = 100

const realSleep = (ms: number) => Effect.promise(() => new Promise<void>((resolve) => setTimeout(resolve, ms)))

const recordsOf = (result: PartitionResult): number => (result._tag === "Fetched" ? result.records.length : 0)

/** Splits a batch into transactions of at most `maxBatchRecords` records (at least one partition each). */
const split = (results: ReadonlyArray<PartitionResult>): ReadonlyArray<ReadonlyArray<PartitionResult>> => {
  const parts: Array<Array<PartitionResult>> = []
  let current: Array<PartitionResult> = []
  let records = 0
  for (const result of results) {
    if (current.length > 0 && records + recordsOf(result) > maxBatchRecords) {
      parts.push(current)
      current = []
      records = 0
    }
    current.push(result)
    records += recordsOf(result)
  }
  if (current.length > 0) parts.push(current)
  return parts
}

const partitionRow = (result: PartitionResult): PartitionRecord | undefined => {
  const { candidate } = result
  const base = { parentKey: candidate.parentKey, params: candidate.params }
  switch (result._tag) {
    case "Fetched":
      return { ...base, status: "done", pages: result.pages, records: result.records.length, attempts: 1, error: null }
    case "Skipped":
      return { ...base, status: "skipped", pages: 0, records: 0, attempts: 1, error: result.error }
    case "Failed":
      return { ...base, status: "failed", pages: 0, records: 0, attempts: 1, error: result.error }
    case "Committed":
      return undefined
  }
}

/** Commits one transaction's worth of results. */
const commitResults = (
  jobRun: JobRun,
  def: StagingTableDef,
  results: ReadonlyArray<PartitionResult>
): Effect.Effect<void, WarehouseError, WarehouseService | ProgressReporter> =>
  Effect.gen(function* () {
    const { job, run } = jobRun
    const at = new Date(yield* Clock.currentTimeMillis)
    const fetched = results.filter((result) => result._tag === "Fetched")
    const count = (tag: PartitionResult["_tag"]) => results.filter((result) => result._tag === tag).length
    const requests = results.reduce((sum, result) => sum + ("requests" in result ? result.requests : 0), 0)
    const pages = fetched.reduce((sum, result) => sum + result.pages, 0)
    const rows = results.map(partitionRow).filter((row): row is PartitionRecord => row !== undefined)
    yield* inWarehouseTransaction(`committing ${results.length} partitions into ${job.targetTable}`, async (tx) => {
      const written = await writePartitionRecords(
        tx,
        def,
        { instanceId: jobRun.instanceId, jobId: job.id, runId: run.id },
        fetched.map((result) => ({ parentKey: result.candidate.parentKey, records: result.records }))
      )
      await writePartitionRows(tx, { runId: run.id, jobId: job.id, at }, rows)
      await writeParentState(
        tx,
        { jobId: job.id, instanceId: jobRun.instanceId, runId: run.id, at },
        fetched.map((result) => ({ parentKey: result.candidate.parentKey, parentHash: result.candidate.parentHash }))
      )
      await addRunProgress(tx, run.id, {
        inserted: written.inserted,
        updated: written.updated,
        unchanged: written.unchanged,
        deleted: written.deleted,
        pages,
        requests,
        partitionsDone: fetched.length,
        partitionsSkipped: count("Skipped"),
        partitionsFailed: count("Failed")
      })
    })
    const tally = jobRun.tally
    tally.partitionsDone += fetched.length + count("Skipped") + count("Committed")
    tally.pages += pages
    tally.requests += requests
    tally.rows += fetched.reduce((sum, result) => sum + result.records.length, 0)
    yield* tally.report()
  })

/**
 * Takes results off `queue` until {@link endOfPass}, committing them in batches. A small batch
 * lingers briefly so a slow source still gets few, larger transactions.
 */
export const commitLoop = (
  jobRun: JobRun,
  def: StagingTableDef,
  queue: Queue.Dequeue<CommitItem>
): Effect.Effect<void, WarehouseError, WarehouseService | ProgressReporter> =>
  Effect.gen(function* () {
    let lastCommit = 0
    for (;;) {
      const items = Chunk.toArray(yield* Queue.takeBetween(queue, 1, maxBatchPartitions))
      let ended = items.includes(endOfPass)
      const now = Date.now()
      if (!ended && items.length < maxBatchPartitions / 4 && now - lastCommit < lingerMs) {
        yield* realSleep(lingerMs - (now - lastCommit))
        const more = Chunk.toArray(yield* Queue.takeUpTo(queue, maxBatchPartitions - items.length))
        items.push(...more)
        ended = more.includes(endOfPass)
      }
      lastCommit = Date.now()
      const results = items.filter((item): item is PartitionResult => item !== endOfPass)
      for (const part of split(results)) yield* commitResults(jobRun, def, part)
      if (ended) return
    }
  })
