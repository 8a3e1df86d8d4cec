/**
 * Number, duration and rate formatting shared by tables and progress renderers, so every line
 * of the CLI writes `12,340 rows` and `1m 05s` the same way.
 */

const integerFormat = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 })

/** `12340` -> `"12,340"`. */
export const formatCount = (value: number): string => integerFormat.format(value)

/** Milliseconds as `850ms`, `4.2s`, `1m 05s`, `2h 03m`. */
export const formatDuration = (ms: number): string => {
  if (!Number.isFinite(ms) || ms < 0) return "?"
  if (ms < 1000) return `${Math.round(ms)}ms`
  const seconds = ms / 1000
  if (seconds < 60) return `${seconds.toFixed(1)}s`
  const wholeSeconds = Math.round(seconds)
  const minutes = Math.floor(wholeSeconds / 60)
  if (minutes < 60) return `${minutes}m ${String(wholeSeconds % 60).padStart(2, "0")}s`
  return `${Math.floor(minutes / 60)}h ${String(minutes % 60).padStart(2, "0")}m`
}

/** Items per second over an elapsed time; 0 before any time has passed. */
export const ratePerSecond = (items: number, elapsedMs: number): number =>
  elapsedMs > 0 ? (items * 1000) / elapsedMs : 0

/** `1234.5` -> `"1,235/s"`, with a unit `"1,235 rows/s"`; small rates keep one decimal. */
export const formatRate = (perSecond: number, unit?: string): string => {
  const value = perSecond >= 100 ? formatCount(perSecond) : perSecond.toFixed(1)
  return unit === undefined ? `${value}/s` : `${value} ${unit}/s`
}

/**
 * Remaining time from the share of work done so far, or `undefined` when it cannot be told
 * (nothing done yet, or the total is unknown).
 */
export const estimateRemainingMs = (done: number, total: number | undefined, elapsedMs: number): number | undefined => {
  if (total === undefined || total <= 0 || done <= 0 || elapsedMs <= 0) return undefined
  if (done >= total) return 0
  return (elapsedMs * (total - done)) / done
}

/** A timestamp as ISO-8601, or `-`. */
export const formatTimestamp = (value: Date | string | null | undefined): string => {
  if (value === null || value === undefined) return "-"
  const date = value instanceof Date ? value : new Date(value)
  return Number.isNaN(date.getTime()) ? String(value) : date.toISOString().replace(/\.\d{3}Z$/, "Z")
}
