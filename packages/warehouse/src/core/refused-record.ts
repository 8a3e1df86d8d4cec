/**
 * Naming the record behind a failed COPY. PostgreSQL reports where a COPY failed in the error's
 * context (`where`): `COPY <table>, line <n>[, column <name>]`, n counting the payload's rows
 * from 1. The loader knows which batch rows each payload holds, so it can name the record's key,
 * its position in the input, and the column.
 */
import { RecordLoadError } from "./errors.js"
import type { StagingBatch } from "./staging-batch.js"
import { decodeStoredText } from "./stored-text.js"

const copyContext = /COPY [^,]+, line (\d+)(?:, column ([^:\s]+))?/

/** The 1-based payload line and the column of a COPY error, if PostgreSQL named them. */
export const copyErrorLocation = (error: unknown): { readonly line: number; readonly column?: string } | undefined => {
  const where = typeof error === "object" && error !== null ? (error as { where?: unknown }).where : undefined
  const match = typeof where === "string" ? copyContext.exec(where) : null
  if (match === null) return undefined
  return match[2] === undefined ? { line: Number(match[1]) } : { line: Number(match[1]), column: match[2] }
}

/**
 * `error` as a `RecordLoadError` naming the refused row of `rows` (the payload's batch rows, in
 * order), or `error` itself when it is not about one row. A unique violation stays as it is: the
 * loader retries it.
 */
export const refusedRecord = (
  error: unknown,
  batch: StagingBatch,
  rows: readonly number[],
  where: { readonly jobId: number; readonly table: string }
): unknown => {
  if ((error as { code?: unknown } | null)?.code === "23505") return error
  const location = copyErrorLocation(error)
  const row = location === undefined ? undefined : rows[location.line - 1]
  if (location === undefined || row === undefined) return error
  const record = batch.recordOf(row)
  return new RecordLoadError({
    jobId: where.jobId,
    table: where.table,
    recordKey: decodeStoredText(record.key),
    position: record.position,
    column: location.column,
    reason: error instanceof Error ? error.message : String(error),
    cause: error
  })
}
