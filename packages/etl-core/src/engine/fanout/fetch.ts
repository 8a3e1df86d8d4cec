/**
 * Fetching one partition (one parent's children). The usual answer is one page, often empty: it
 * is keyed and hashed here and handed to the batch committer. A partition whose first page is
 * full and points at a next one is large: it is loaded here, page by page, each page with its
 * checkpoint, like a plain job scoped to its parent (see large-partition.ts).
 */
import { type CcError, CcService, type Page } from "@trialsync/cc-client"
import type { StagingTableDef } from "@trialsync/warehouse"
import { Chunk, Effect, Option, Stream } from "effect"
import type { WarehouseService } from "../../services/warehouse.js"
import type { WarehouseError } from "../errors.js"
import type { JobRun } from "../job-run.js"
import { pagesOf } from "../plain-job.js"
import type { ProgressReporter } from "../progress.js"
import { type EncodedRecord, encodeRecords } from "../sink/partition-batch.js"
import { loadLargePartition } from "./large-partition.js"
import type { Candidate } from "./parents.js"

/** What became of one partition. */
export type PartitionResult =
  | {
      readonly _tag: "Fetched"
      readonly candidate: Candidate
      readonly records: ReadonlyArray<EncodedRecord>
      readonly pages: number
      readonly requests: number
    }
  /** A large partition, already committed page by page (and marked done). */
  | { readonly _tag: "Committed"; readonly candidate: Candidate; readonly records: number }
  /** 404 on this parent: it no longer exists in the source. */
  | {
      readonly _tag: "Skipped"
      readonly candidate: Candidate
      readonly error: string
      readonly requests: number
      readonly cause: CcError
    }
  | { readonly _tag: "Failed"; readonly candidate: Candidate; readonly error: string; readonly requests: number }

/** Client errors that condemn the endpoint (or the credentials), not one parent: they fail the job. */
const fatalTags: ReadonlySet<string> = new Set([
  "Unauthorized",
  "Forbidden",
  "NotImplemented",
  "InvalidQuery",
  "Aborted"
])

export const isFatalForJob = (error: CcError): boolean => fatalTags.has(error._tag)

const classify = (candidate: Candidate, error: CcError): Effect.Effect<PartitionResult, CcError> => {
  if (isFatalForJob(error)) return Effect.fail(error)
  const text = `${error._tag}: ${error.message}`
  return Effect.succeed(
    error._tag === "NotFound"
      ? { _tag: "Skipped", candidate, error: text, requests: 1, cause: error }
      : { _tag: "Failed", candidate, error: text, requests: 1 }
  )
}

/** Any list body (bare array, page object in any casing, OData `value`) as its records. */
const listItems = (body: unknown): ReadonlyArray<unknown> | undefined => {
  if (Array.isArray(body)) return body
  if (body === null || typeof body !== "object") return undefined
  const record = body as Record<string, unknown>
  const items = record.Items ?? record.items ?? record.value
  return Array.isArray(items) ? items : undefined
}

const fetched = (
  def: StagingTableDef,
  candidate: Candidate,
  items: ReadonlyArray<unknown>,
  pages: number,
  requests: number
): PartitionResult => {
  const records = encodeRecords(def, items)
  return "invalid" in records
    ? { _tag: "Failed", candidate, error: `BadResponse: ${records.invalid}`, requests }
    : { _tag: "Fetched", candidate, records, pages, requests }
}

/** One request for bare-array and single-object endpoints: no pager needed. */
const fetchWhole = (jobRun: JobRun, def: StagingTableDef, candidate: Candidate) =>
  Effect.flatMap(CcService, (cc) =>
    cc.get(jobRun.job.endpoint, { params: candidate.params }).pipe(
      Effect.flatMap((body) => {
        if (jobRun.job.listKind === "object") return Effect.succeed(fetched(def, candidate, [body], 1, 1))
        const items = listItems(body)
        return Effect.succeed(
          items === undefined
            ? ({
                _tag: "Failed",
                candidate,
                error: `BadResponse: GET ${jobRun.job.endpoint} answered ${typeof body}, not a list`,
                requests: 1
              } as const)
            : fetched(def, candidate, items, 1, 1)
        )
      }),
      Effect.catchAll((error) => classify(candidate, error))
    )
  )

const pullPage = (pull: Effect.Effect<Chunk.Chunk<Page<unknown>>, Option.Option<CcError>>) =>
  pull.pipe(
    Effect.map((chunk) => Chunk.head(chunk)),
    Effect.catchAll((error) => (Option.isNone(error) ? Effect.succeed(Option.none()) : Effect.fail(error.value)))
  )

/** Paged endpoints: the first page decides whether the partition is small or large. */
const fetchPaged = (jobRun: JobRun, def: StagingTableDef, candidate: Candidate) =>
  Effect.scoped(
    Effect.gen(function* () {
      const prior = candidate.prior
      if (prior?.status === "running" && prior.checkpoint !== null) {
        // A large partition an earlier attempt left half-loaded: continue it.
        return yield* loadLargePartition(jobRun, candidate, undefined)
      }
      const stream = yield* pagesOf(jobRun.job, { params: candidate.params, pageSize: jobRun.pageSize, count: true })
      const pull = yield* Stream.toPull(stream)
      const first = yield* pullPage(pull)
      if (Option.isNone(first)) return fetched(def, candidate, [], 1, 1)
      const page = first.value
      if (page.next === undefined) return fetched(def, candidate, page.items, 1, 1)
      return yield* loadLargePartition(jobRun, candidate, { first: page, rest: pullPage(pull) })
    })
  ).pipe(
    Effect.catchAll(
      (error): Effect.Effect<PartitionResult, CcError | WarehouseError> =>
        error._tag === "WarehouseError" ? Effect.fail(error) : classify(candidate, error)
    )
  )

/**
 * Fetches one partition. Per-parent outcomes (404 skipped, a transient error after the client's
 * retries, a record without a key) are results; errors that condemn the endpoint or the
 * credentials (401, 403, 501) fail, which fails the job.
 */
export const fetchPartition = (
  jobRun: JobRun,
  def: StagingTableDef,
  candidate: Candidate
): Effect.Effect<PartitionResult, CcError | WarehouseError, CcService | WarehouseService | ProgressReporter> =>
  jobRun.job.listKind === "array" || jobRun.job.listKind === "object"
    ? fetchWhole(jobRun, def, candidate)
    : fetchPaged(jobRun, def, candidate)
