/**
 * Progress renderers: one interface, three faces (live terminal, plain lines, JSON lines). A
 * command feeds them the engine's progress events and calls `tick` on a timer; they decide
 * what to print and when.
 */
import type { LogLevel, ProgressEvent } from "./events.js"

export interface ProgressRenderer {
  /** Takes one engine event. */
  readonly event: (event: ProgressEvent) => void
  /** Called on a timer (`tickIntervalMs`): periodic lines, live redraws. */
  readonly tick: () => void
  /** Prints what is pending and leaves the terminal clean; the renderer is not used afterwards. */
  readonly close: () => void
  /** How often the command should call `tick`. */
  readonly tickIntervalMs: number
}

export interface RendererOptions {
  /** Writes text exactly as given (the renderer adds newlines). */
  readonly write: (text: string) => void
  /** Milliseconds since the epoch (injected so tests can replay recorded sequences). */
  readonly now: () => number
  /** Log events below this level are dropped. */
  readonly logLevel: LogLevel
  /** Plain/JSON: how often a progress line per running job is printed (default 5 s). */
  readonly progressIntervalMs?: number
  /** TTY: terminal width and height. */
  readonly columns?: () => number
  readonly rows?: () => number
}

export type RendererKind = "tty" | "plain" | "json"

/** Which renderer fits: JSON when asked for, live redraws on a terminal, plain lines otherwise. */
export const rendererKind = (options: {
  readonly isTTY: boolean
  readonly logFormat: "pretty" | "json"
}): RendererKind => (options.logFormat === "json" ? "json" : options.isTTY ? "tty" : "plain")
