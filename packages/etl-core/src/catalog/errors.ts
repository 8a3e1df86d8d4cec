/**
 * Errors for looking jobs up in a catalog. Both list the valid choices, so an operator who typed
 * `--job-id 999` or `--category visits` sees what to type instead.
 */
import { Data } from "effect"

/**
 * Compresses ids into ranges for messages: `[1, 2, 3, 7]` -> `"1-3, 7"`.
 *
 * @example
 * ```ts
 * formatIdRanges([1, 2, 3, 35, 120, 121]) // "1-3, 35, 120-121"
 * ```
 */
export const formatIdRanges = (ids: ReadonlyArray<number>): string => {
  const sorted = [...new Set(ids)].sort((left, right) => left - right)
  const ranges: Array<string> = []
  let start = sorted[0]
  let previous = start
  for (const id of [...sorted.slice(1), Number.NaN]) {
    if (start === undefined || previous === undefined) break
    if (id === previous + 1) {
      previous = id
      continue
    }
    ranges.push(start === previous ? `${start}` : `${start}-${previous}`)
    start = id
    previous = id
  }
  return ranges.join(", ")
}

/** One or more job ids are not in the catalog. */
export class UnknownJobError extends Data.TaggedError("UnknownJobError")<{
  readonly jobIds: ReadonlyArray<number>
  readonly validIds: ReadonlyArray<number>
}> {
  override get message(): string {
    const valid = `the catalog has ids ${formatIdRanges(this.validIds)} (see \`trialsync jobs list\`).`
    if (this.jobIds.length === 0) return `No job id given: ${valid}`
    const plural = this.jobIds.length > 1 ? "s" : ""
    return `Unknown job id${plural} ${this.jobIds.join(", ")}: ${valid}`
  }
}

/** A category no job of the catalog has. */
export class UnknownCategoryError extends Data.TaggedError("UnknownCategoryError")<{
  readonly category: string
  readonly validCategories: ReadonlyArray<string>
}> {
  override get message(): string {
    return `Unknown category "${this.category}": choose one of ${this.validCategories.join(", ")}.`
  }
}
