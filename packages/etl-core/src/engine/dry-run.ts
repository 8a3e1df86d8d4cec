/**
 * Dry run: the plan, and the first page of each job as the real run would ask for it (the
 * incremental `$filter` included), with nothing written: no run rows, no staging rows, no
 * catalog seeding, no instance registration.
 */
import type { CcService } from "@trialsync/cc-client"
import { countParents, readPartitionCandidates } from "@trialsync/warehouse"
import { Effect, Option, Stream } from "effect"
import { JobCatalog } from "../catalog/service.js"
import type { CatalogJob } from "../catalog/types.js"
import { EngineConfigTag } from "../config/tag.js"
import { plan } from "../planner/plan.js"
import type { Selection } from "../planner/types.js"
import type { RunLog } from "../services/run-log.js"
import { type WarehouseService, withWarehouse } from "../services/warehouse.js"
import type { EngineError, WarehouseError } from "./errors.js"
import { namedCandidate, type ParentSource, parentSourceOf } from "./fanout/parents.js"
import { decideFetch } from "./incremental.js"
import { lookUpSourceInstance } from "./instance.js"
import { type JobSettings, pageSizeOf, readJobSettings } from "./job-settings.js"
import { pagesOf } from "./plain-job.js"
import type { DryRunFirstPage, DryRunParents, DryRunReport, RunOptions } from "./types.js"

type DryJob = DryRunReport["jobs"][number]

const firstPageOf = (
  job: CatalogJob,
  options: { readonly params?: Readonly<Record<string, string>>; readonly pageSize: number; readonly filter?: string }
): Effect.Effect<DryRunFirstPage, never, CcService> =>
  Effect.flatMap(pagesOf(job, options), (pages) => Stream.runHead(pages)).pipe(
    Effect.map(
      (head): DryRunFirstPage =>
        Option.match(head, {
          onNone: () => ({ status: "ok", rows: 0, sample: null }),
          onSome: (page) => ({ status: "ok", rows: page.items.length, sample: page.items[0] ?? null })
        })
    ),
    Effect.catchAll((error) => Effect.succeed({ status: "error", tag: error._tag, message: error.message } as const))
  )

const dryFanout = (
  job: CatalogJob,
  source: ParentSource,
  instanceId: number | undefined,
  pageSize: number,
  options: RunOptions
): Effect.Effect<DryJob, WarehouseError, CcService | WarehouseService | EngineConfigTag | RunLog> =>
  Effect.gen(function* () {
    const config = yield* EngineConfigTag
    const base = { jobId: job.id, name: job.name, endpoint: job.endpoint }
    const unknownParents = {
      table: source.parentTable,
      placeholders: source.names,
      keys: "unknown",
      toFetch: "unknown"
    } as const
    const empty = (mode: DryJob["mode"], parents: DryRunParents) => ({
      ...base,
      partitions: "unknown" as const,
      mode,
      parents,
      firstPage: {
        status: "error" as const,
        tag: "ParentNotLoaded",
        message: `${source.parentTable} holds no parent keys for this CC instance yet, so no partition can be fetched; the real run loads it first when its job is in the plan.`
      }
    })
    if (instanceId === undefined) return empty("sweep", unknownParents)
    const decision = yield* decideFetch(job, instanceId, {
      fullRefresh: options.fullRefresh === true,
      fullSweepIntervalHours: config.fullSweepIntervalHours,
      incrementalOverlapSeconds: config.incrementalOverlapSeconds
    })
    const [counts, first] = yield* withWarehouse(`reading parent keys from ${source.parentTable}`, (db) =>
      db.transaction(async (tx) => {
        const count = await countParents(tx, source, { instanceId, jobId: job.id })
        const filter = { changedOnly: decision.mode === "changed-parents", failedOnly: false }
        const [row] = await readPartitionCandidates(tx, source, filter, {
          instanceId,
          jobId: job.id,
          runId: 0,
          after: 0,
          limit: 1
        })
        return [count, row] as const
      })
    )
    const toFetch = decision.mode === "changed-parents" ? counts.changed : counts.current
    const parents: DryRunParents = {
      table: source.parentTable,
      placeholders: source.names,
      keys: counts.current,
      toFetch
    }
    if (counts.current === 0) return empty(decision.mode, parents)
    if (first === undefined) {
      return {
        ...base,
        partitions: 0,
        mode: decision.mode,
        parents,
        firstPage: { status: "ok", rows: 0, sample: null }
      }
    }
    const candidate = namedCandidate(source, first)
    return {
      ...base,
      partitions: toFetch,
      mode: decision.mode,
      parents,
      firstPage: yield* firstPageOf(job, { params: candidate.params, pageSize })
    }
  })

const dryJob = (
  job: CatalogJob,
  settings: JobSettings,
  instanceId: number | undefined,
  options: RunOptions
): Effect.Effect<DryJob, WarehouseError, CcService | WarehouseService | EngineConfigTag | RunLog> =>
  Effect.gen(function* () {
    const config = yield* EngineConfigTag
    const pageSize = pageSizeOf(job, settings, config.pageSize)
    if (job.parameters.length > 0) {
      const source = parentSourceOf(job)
      if (!("parentTable" in source)) {
        return {
          jobId: job.id,
          name: job.name,
          endpoint: job.endpoint,
          partitions: "unknown" as const,
          mode: "unknown" as const,
          firstPage: { status: "error" as const, tag: source._tag, message: source.message }
        }
      }
      return yield* dryFanout(job, source, instanceId, pageSize, options)
    }
    const decision =
      instanceId === undefined
        ? { mode: "snapshot" as const }
        : yield* decideFetch(job, instanceId, {
            fullRefresh: options.fullRefresh === true,
            fullSweepIntervalHours: config.fullSweepIntervalHours,
            incrementalOverlapSeconds: config.incrementalOverlapSeconds
          })
    const firstPage = yield* firstPageOf(job, {
      pageSize,
      ...(decision.filter === undefined ? {} : { filter: decision.filter })
    })
    return {
      jobId: job.id,
      name: job.name,
      endpoint: job.endpoint,
      partitions: 1,
      mode: decision.mode,
      ...(decision.filter === undefined ? {} : { filter: decision.filter }),
      ...(decision.previousWatermark === undefined ? {} : { watermark: decision.previousWatermark }),
      firstPage
    }
  })

/**
 * The plan and the first page of each planned job; writes nothing.
 *
 * @example
 * ```ts
 * const { plan, jobs } = yield* dryRun({ category: "reference" })
 * for (const job of jobs) console.log(job.jobId, job.partitions, job.firstPage.status)
 * ```
 */
export const dryRun = (
  selection: Selection,
  options: RunOptions = {}
): Effect.Effect<DryRunReport, EngineError, CcService | WarehouseService | EngineConfigTag | RunLog | JobCatalog> =>
  Effect.gen(function* () {
    const catalog = yield* JobCatalog
    const settings = yield* readJobSettings
    const planned = yield* plan({ jobs: catalog.jobs, select: selection, activeOverrides: settings.active })
    const instance = yield* lookUpSourceInstance
    const byId = new Map(catalog.jobs.map((job) => [job.id, job]))
    const jobs = yield* Effect.forEach(
      planned.order,
      (id) => dryJob(byId.get(id) as CatalogJob, settings, instance.id, options),
      { concurrency: 4 }
    )
    return { plan: planned, jobs }
  })
