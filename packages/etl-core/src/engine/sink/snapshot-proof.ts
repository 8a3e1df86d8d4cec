/**
 * When may a snapshot's missing rows be marked deleted? Only when the snapshot is proven complete.
 *
 * A list paged by `$skip` (or by next links that encode one) shifts when the source deletes rows
 * while it is being read: the rows after the deleted one move one position back, and one of them
 * is never served. Marking "not seen" as deleted would then delete live rows. So the engine asks
 * for the list's count (`$count=true`) and marks deletions only when:
 *
 * - every page reported the same count, from the first to the last, and
 * - the distinct keys the snapshot saw are exactly that count;
 * - or, when the source reports no count, the snapshot was one answer (one page: nothing can shift),
 *   or a second read of the list named exactly the keys the snapshot saw (sink/reread.ts).
 *
 * Otherwise nothing is marked, and the run says why (a warning in its report and `run_context`).
 */
import type { Page } from "@trialsync/cc-client"

/** The list counts the pages of a snapshot reported; kept in the snapshot's checkpoint. */
export interface SnapshotCounts {
  /** The first page's count; `null` when the source reported none. */
  readonly first: number | null
  /** The latest page's count. */
  readonly last: number | null
  /** Every page so far reported the same count as the first. */
  readonly stable: boolean
}

/** The counts after one more page (`pagesBefore` pages were committed before it). */
export const countsAfter = (
  before: SnapshotCounts | undefined,
  pagesBefore: number,
  page: Pick<Page<unknown>, "count">
): SnapshotCounts => {
  const count = page.count ?? null
  if (pagesBefore === 0 || before === undefined) return { first: count, last: count, stable: true }
  return { first: before.first, last: count, stable: before.stable && count === before.first }
}

export type SnapshotProof = { readonly proven: true } | { readonly proven: false; readonly reason: string }

/**
 * A snapshot of several pages without a count is proven only by reading the list once more
 * (sink/reread.ts): it must name exactly the keys the snapshot saw.
 */
export const needsReread = (counts: SnapshotCounts | undefined, pages: number): boolean =>
  (counts === undefined || counts.first === null) && pages > 1

/** Whether a snapshot of `pages` pages that saw `distinctKeys` keys is complete. */
export const proveSnapshot = (
  counts: SnapshotCounts | undefined,
  pages: number,
  distinctKeys: number,
  reread?: { readonly same: boolean; readonly keys: number }
): SnapshotProof => {
  if (needsReread(counts, pages)) {
    if (reread === undefined) {
      return {
        proven: false,
        reason: `the source reported no count for this ${pages}-page snapshot, so its completeness cannot be proven`
      }
    }
    if (reread.same) return { proven: true }
    return {
      proven: false,
      reason:
        reread.keys === distinctKeys
          ? `the source changed during the snapshot (a second read served other keys than the snapshot's ${distinctKeys})`
          : `the source changed during the snapshot (a second read found ${reread.keys} keys, the snapshot saw ${distinctKeys})`
    }
  }
  if (counts === undefined || counts.first === null) return { proven: true }
  if (counts.last !== counts.first) {
    return {
      proven: false,
      reason: `the source changed during the snapshot (count ${counts.first} → ${counts.last ?? "none"})`
    }
  }
  if (!counts.stable) {
    return {
      proven: false,
      reason: `the source changed during the snapshot (its count was ${counts.first} at the start and the end, different in between)`
    }
  }
  if (distinctKeys !== counts.first) {
    return {
      proven: false,
      reason: `the snapshot saw ${distinctKeys} distinct keys but the source counts ${counts.first}`
    }
  }
  return { proven: true }
}

/** The warning a run records when it did not mark deletions. */
export const deletionsNotMarked = (reason: string, parentKey?: string): string =>
  parentKey === undefined || parentKey === ""
    ? `deletions not marked: ${reason}`
    : `deletions not marked under parent ${parentKey}: ${reason}`

/** Appends a warning to `run_context.warnings` (at most 20 a run), in the caller's transaction. */
export { addRunWarning } from "@trialsync/warehouse"
