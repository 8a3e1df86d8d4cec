/**
 * Where the CLI writes: stdout for results and progress, stderr for errors, both redacted.
 */
import { Context, Effect, Layer } from "effect"
import { Redactor } from "./redactor.js"

export interface CliOutputShape {
  /** stdout is a terminal: live progress and colours are allowed. */
  readonly isTTY: boolean
  /** Terminal width (80 when unknown). */
  readonly columns: () => number
  /** Terminal height (24 when unknown). */
  readonly rows: () => number
  /** Writes raw text to stdout (redacted); the caller supplies newlines. */
  readonly writeRaw: (text: string) => void
  /** Writes lines to stdout (redacted). */
  readonly out: (...lines: ReadonlyArray<string>) => void
  /** Writes lines to stderr (redacted). */
  readonly err: (...lines: ReadonlyArray<string>) => void
  readonly redactor: Redactor
}

/** Builds an output over two streams (the process's, or a test's). */
export const makeCliOutput = (
  stdout: NodeJS.WriteStream = process.stdout,
  stderr: NodeJS.WriteStream = process.stderr
): CliOutputShape => {
  const redactor = new Redactor()
  const write = (stream: NodeJS.WriteStream, text: string) => {
    stream.write(redactor.redact(text))
  }
  return {
    isTTY: stdout.isTTY === true,
    columns: () => stdout.columns ?? 80,
    rows: () => stdout.rows ?? 24,
    writeRaw: (text) => write(stdout, text),
    out: (...lines) => write(stdout, lines.map((line) => `${line}\n`).join("")),
    err: (...lines) => write(stderr, lines.map((line) => `${line}\n`).join("")),
    redactor
  }
}

/** The CLI's output as a service. */
export class CliOutput extends Context.Tag("@trialsync/runner-cli/CliOutput")<CliOutput, CliOutputShape>() {
  static readonly layer = (output: CliOutputShape): Layer.Layer<CliOutput> => Layer.succeed(CliOutput, output)
}

/** Prints lines to stdout. */
export const printLines = (...lines: ReadonlyArray<string>): Effect.Effect<void, never, CliOutput> =>
  Effect.flatMap(CliOutput, (output) => Effect.sync(() => output.out(...lines)))

/** Prints lines to stderr. */
export const printErrorLines = (...lines: ReadonlyArray<string>): Effect.Effect<void, never, CliOutput> =>
  Effect.flatMap(CliOutput, (output) => Effect.sync(() => output.err(...lines)))
