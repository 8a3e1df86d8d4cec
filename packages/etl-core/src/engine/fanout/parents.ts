/**
 * Where a fan-out job's partitions come from: the current rows (not deleted) of the parent's
 * staging table for this CC instance, each giving its placeholders' values through the
 * bindings' key paths into the record as CC sent it (`data`), never the staging table's own
 * serial `id`. That serial only orders the scan, so the keys can be read in pages by keyset.
 *
 * A partition's `parent_key` is its placeholder values joined by `/` in placeholder order: the
 * parent's CC id for the usual single placeholder, `<studyId>/<subjectId>` for job 160. The SQL
 * over the parents and their bookkeeping is the warehouse's (`control/fanout-parents.ts`).
 */
import {
  type CandidateFilter,
  type FanoutParents,
  type PartitionCandidate,
  partitionCandidateOf,
  partitionCandidatesSql,
  parentCountsSql as warehouseParentCountsSql
} from "@trialsync/warehouse"
import { keyPathSegments } from "../../catalog/key-path.js"
import type { CatalogJob } from "../../catalog/types.js"
import { JobDefinitionError } from "../errors.js"

export interface ParentSource extends FanoutParents {
  /** Placeholder names, in the order of the endpoint's bindings (and of `keyPaths`). */
  readonly names: ReadonlyArray<string>
}

/** A partition to fetch: one parent's placeholder values. */
export interface Candidate {
  /** The parent row's serial id: the scan's keyset cursor only. */
  readonly cursor: number
  readonly parentKey: string
  readonly params: Readonly<Record<string, string>>
  /** The parent row's content hash when the partition was read. */
  readonly parentHash: string
  /** An earlier attempt in this run, if any: `failed` or a large partition still `running`. */
  readonly prior?: { readonly status: string; readonly checkpoint: unknown }
}

/** The parent source of a fan-out job; fails when its placeholders read from several tables. */
export const parentSourceOf = (job: CatalogJob): ParentSource | JobDefinitionError => {
  const tables = [...new Set(job.parameters.map((binding) => binding.parentTable))]
  if (tables.length !== 1) {
    return new JobDefinitionError({
      jobId: job.id,
      message: `Job ${job.id} (${job.name}) binds its placeholders to ${tables.length} parent tables (${tables.join(", ")}); the engine fans out over one parent table per job: bind every placeholder to fields of one parent record.`
    })
  }
  return {
    parentTable: tables[0] as string,
    names: job.parameters.map((binding) => binding.name),
    keyPaths: job.parameters.map((binding) => keyPathSegments(binding.keyPath))
  }
}

export type { CandidateFilter }

/** The warehouse's keyset-paged candidates query (`partitionCandidatesSql`): $1 instance, $2 job, $3 run, $4 cursor, $5 limit. */
export const candidatesSql = (source: ParentSource, filter: CandidateFilter): string =>
  partitionCandidatesSql(source, filter)

/** The warehouse's parent counts query (`parentCountsSql`): $1 instance, $2 job -> { current, changed }. */
export const parentCountsSql = (source: ParentSource): string => warehouseParentCountsSql(source)

/** A warehouse candidate with its values named by the job's placeholders. */
export const namedCandidate = (source: ParentSource, candidate: PartitionCandidate): Candidate => {
  const params: Record<string, string> = {}
  source.names.forEach((name, index) => {
    params[name] = candidate.values[index] as string
  })
  return {
    cursor: candidate.cursor,
    parentKey: candidate.parentKey,
    params,
    parentHash: candidate.parentHash,
    ...(candidate.prior === undefined ? {} : { prior: candidate.prior })
  }
}

/** Maps a row of {@link candidatesSql}. */
export const toCandidate = (source: ParentSource, row: Record<string, unknown>): Candidate =>
  namedCandidate(source, partitionCandidateOf(source, row))
