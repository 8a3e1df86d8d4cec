/**
 * Live progress on a terminal: finished jobs scroll up as permanent lines, and below them a block
 * with one line per running job is redrawn in place, at most ten times a second.
 */
import { formatCount, formatDuration, formatRate, ratePerSecond } from "../output/format.js"
import { type JobLine, ProgressBoard } from "./board.js"
import { describeFinish, describeLog, describePlan, describeProgress, jobLabel } from "./describe.js"
import { levelEnabled, type ProgressEvent } from "./events.js"
import type { ProgressRenderer, RendererOptions } from "./renderer.js"

const ESC = "\u001b["
const colour = { red: `${ESC}31m`, green: `${ESC}32m`, yellow: `${ESC}33m`, dim: `${ESC}2m`, reset: `${ESC}0m` }

const statusColour = (line: JobLine): string =>
  line.status === "success" ? colour.green : line.status === "failed" ? colour.red : colour.yellow

/** Cuts a line to the terminal width so it never wraps (wrapping would break the redraw). */
const fit = (text: string, width: number): string =>
  text.length > width ? `${text.slice(0, Math.max(0, width - 1))}…` : text

const spinner = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"]

/** Redraws at most this often (10 per second). */
export const TTY_REDRAW_INTERVAL_MS = 100

export const makeTtyRenderer = (options: RendererOptions): ProgressRenderer => {
  const board = new ProgressBoard()
  const startedAt = options.now()
  const columns = options.columns ?? (() => 80)
  const rows = options.rows ?? (() => 24)
  const permanent: Array<string> = []
  let liveLines = 0
  let dirty = false
  let lastDrawAt = Number.NEGATIVE_INFINITY
  let frame = 0

  const liveBlock = (): Array<string> => {
    const running = board.running()
    if (running.length === 0 && board.plannedJobs === 0) return []
    const elapsed = options.now() - startedAt
    const finished = board.finished()
    const header =
      `${spinner[frame % spinner.length]} ${finished.length}/${board.plannedJobs || board.jobs.size} jobs done, ${running.length} running, ` +
      `${formatCount(board.totalRows())} rows (${formatRate(ratePerSecond(board.totalRows(), elapsed), "rows")}), ${formatDuration(elapsed)}` +
      (board.unsuccessful().length > 0 ? `, ${board.unsuccessful().length} not successful` : "")
    const room = Math.max(1, rows() - 2)
    const shown = running.slice(0, room - 1)
    const lines = [header, ...shown.map((line) => `  ${jobLabel(line)}: ${describeProgress(line)}`)]
    if (running.length > shown.length) lines.push(`  … and ${running.length - shown.length} more`)
    return lines
  }

  const draw = () => {
    const width = Math.max(20, columns() - 1)
    let text = liveLines > 0 ? `${ESC}${liveLines}F${ESC}J` : ""
    for (const line of permanent.splice(0)) text += `${line}\n`
    const block = liveBlock().map((line) => fit(line, width))
    for (const line of block) text += `${colour.dim}${line}${colour.reset}\n`
    liveLines = block.length
    options.write(text)
    lastDrawAt = options.now()
    dirty = false
    frame += 1
  }

  const maybeDraw = () => {
    if (dirty && options.now() - lastDrawAt >= TTY_REDRAW_INTERVAL_MS) draw()
  }

  return {
    tickIntervalMs: TTY_REDRAW_INTERVAL_MS,
    event: (event: ProgressEvent) => {
      const job = board.apply(event, options.now())
      switch (event._tag) {
        case "PlanReady":
          permanent.push(describePlan(event))
          break
        case "JobFinished":
          if (job !== undefined) permanent.push(`${statusColour(job)}${describeFinish(job, event)}${colour.reset}`)
          break
        case "Log":
          if (levelEnabled(event.level, options.logLevel)) permanent.push(describeLog(event))
          break
        default:
          break
      }
      dirty = true
      maybeDraw()
    },
    tick: () => {
      // The clock in the header moves even when no event comes.
      dirty = true
      maybeDraw()
    },
    close: () => {
      const block = liveLines
      let text = block > 0 ? `${ESC}${block}F${ESC}J` : ""
      for (const line of permanent.splice(0)) text += `${line}\n`
      liveLines = 0
      if (text !== "") options.write(text)
    }
  }
}
