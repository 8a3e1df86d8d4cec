/**
 * Completeness of a list that reports no count (the bare-array `/studies|patients|sites|staff/odata`):
 * after its snapshot, the list is read once more, keys only, and must name exactly the keys the
 * snapshot saw. A row deleted while the snapshot paged shifts the pages and hides a live row from
 * the snapshot; the second read then serves that row (or misses the deleted one), and the sets
 * differ. Equal sets mean the source held still across both reads.
 */
import type { CcError, CcService } from "@trialsync/cc-client"
import { countSeenKeysAmong } from "@trialsync/warehouse"
import { Effect, Stream } from "effect"
import { type WarehouseService, withWarehouse } from "../../services/warehouse.js"
import type { WarehouseError } from "../errors.js"
import type { JobRun } from "../job-run.js"
import { pagesOf } from "../plain-job.js"
import { encodeRecords } from "./partition-batch.js"
import type { SeenScope } from "./seen-keys.js"

export interface Reread {
  /** The second read named exactly the snapshot's keys. */
  readonly same: boolean
  readonly keys: number
  readonly requests: number
}

/** Reads the job's list again (keys only) and compares it with the scope's seen keys (`seen` rows). */
export const rereadMatches = (
  jobRun: JobRun,
  scope: SeenScope,
  seen: number,
  filter: string | undefined
): Effect.Effect<Reread, CcError | WarehouseError, CcService | WarehouseService> =>
  Effect.gen(function* () {
    const keys = new Set<string>()
    let unknown = 0
    let requests = 0
    const pages = yield* pagesOf(jobRun.job, {
      pageSize: jobRun.pageSize,
      ...(filter === undefined ? {} : { filter })
    })
    yield* Stream.runForEach(pages, (page) =>
      Effect.gen(function* () {
        requests += 1
        const encoded = encodeRecords(jobRun.def, page.items)
        if ("invalid" in encoded) {
          unknown += page.items.length
          return
        }
        const fresh = [...new Set(encoded.map((record) => record.key))].filter((key) => !keys.has(key))
        for (const key of fresh) keys.add(key)
        if (fresh.length === 0) return
        const known = yield* withWarehouse("comparing a second read with the snapshot's keys", (db) =>
          countSeenKeysAmong(db, scope, fresh)
        )
        unknown += fresh.length - known
      })
    )
    return { same: unknown === 0 && keys.size === seen, keys: keys.size, requests }
  })
