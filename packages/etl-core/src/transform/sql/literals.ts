/**
 * Literals for the few run-level values spliced into transform SQL (watermark, load time, run id,
 * snapshot date). They are produced by the transform itself, never read from input, and each is
 * validated here, so splicing them is safe; it also lets `CREATE TABLE AS` use them and lets the
 * planner see the real watermark (an index scan on `updated_at` for a small increment).
 */

/** `'2025-12-01T00:00:00.000Z'::timestamptz` */
export const timestampLiteral = (value: Date): string => {
  if (Number.isNaN(value.getTime())) throw new Error("Invalid date for a SQL literal")
  return `'${value.toISOString()}'::timestamptz`
}

/** `'2025-12-01'::date` */
export const dateLiteral = (isoDate: string): string => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(isoDate)) throw new Error(`Invalid date ${JSON.stringify(isoDate)} for a SQL literal`)
  return `'${isoDate}'::date`
}

/** A safe integer, as written. */
export const integerLiteral = (value: number): string => {
  if (!Number.isSafeInteger(value)) throw new Error(`Invalid integer ${value} for a SQL literal`)
  return String(value)
}
