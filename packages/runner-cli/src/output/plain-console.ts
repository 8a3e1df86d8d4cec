/**
 * The Effect `Console` the CLI runs under. @effect/cli prints help and parse errors through it with
 * ANSI styling; those codes belong on a terminal only, so they are stripped when stdout is not one
 * (a pipe, a file, a scheduler's log) or when `NO_COLOR` is set. Everything also passes the
 * redactor, like the rest of the CLI's output.
 */
import { Console, Effect } from "effect"
import type { CliOutputShape } from "./cli-output.js"

// CSI sequences (colours, bold, cursor moves) and OSC sequences (hyperlinks, titles).
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching escape sequences is the point
const ansiSequence = /\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)/g

/** `text` without its terminal escape sequences. */
export const stripAnsi = (text: string): string => text.replace(ansiSequence, "")

/** Whether the CLI may write colour codes to `output`: a terminal, and `NO_COLOR` unset. */
export const colourAllowed = (output: CliOutputShape, env: NodeJS.ProcessEnv = process.env): boolean =>
  output.isTTY && (env.NO_COLOR === undefined || env.NO_COLOR === "")

const format = (args: ReadonlyArray<unknown>): string =>
  args.map((arg) => (typeof arg === "string" ? arg : String(arg))).join(" ")

/**
 * A `Console` writing to the CLI's output: `log`/`info` to stdout, `error`/`warn` to stderr, colour
 * codes kept only when `colourAllowed`.
 *
 * @example
 * ```ts
 * program.pipe(Effect.withConsole(makePlainConsole(output)))
 * ```
 */
export const makePlainConsole = (output: CliOutputShape, env: NodeJS.ProcessEnv = process.env): Console.Console => {
  const clean = colourAllowed(output, env) ? (text: string) => text : stripAnsi
  const toOut = (...args: ReadonlyArray<unknown>) => output.out(clean(format(args)))
  const toErr = (...args: ReadonlyArray<unknown>) => output.err(clean(format(args)))
  const base = Effect.runSync(Console.consoleWith(Effect.succeed))
  const effectOf =
    (write: (...args: ReadonlyArray<unknown>) => void) =>
    (...args: ReadonlyArray<unknown>) =>
      Effect.sync(() => write(...args))
  return {
    ...base,
    log: effectOf(toOut),
    info: effectOf(toOut),
    debug: effectOf(toOut),
    error: effectOf(toErr),
    warn: effectOf(toErr),
    unsafe: { ...base.unsafe, log: toOut, info: toOut, debug: toOut, error: toErr, warn: toErr }
  }
}
