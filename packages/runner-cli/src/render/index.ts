/**
 * Picking and building the progress renderer for a command.
 */
import { makeJsonRenderer } from "./json.js"
import { makePlainRenderer } from "./plain.js"
import type { ProgressRenderer, RendererKind, RendererOptions } from "./renderer.js"
import { makeTtyRenderer } from "./tty.js"

export type { LogLevel, ProgressEvent } from "./events.js"
export { jsonLine } from "./json.js"
export type { ProgressRenderer, RendererKind, RendererOptions } from "./renderer.js"
export { rendererKind } from "./renderer.js"
export { makeJsonRenderer, makePlainRenderer, makeTtyRenderer }

/** Builds the renderer of a kind. */
export const makeRenderer = (kind: RendererKind, options: RendererOptions): ProgressRenderer =>
  kind === "json" ? makeJsonRenderer(options) : kind === "tty" ? makeTtyRenderer(options) : makePlainRenderer(options)
