/**
 * The engine's progress events, and log-level filtering for the renderers.
 */
export type { ProgressEvent } from "@trialsync/etl-core"

export type LogLevel = "debug" | "info" | "warn" | "error"

const levelRank: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 }

/** Whether a line of `level` passes a minimum level. */
export const levelEnabled = (level: LogLevel, minimum: LogLevel): boolean => levelRank[level] >= levelRank[minimum]
