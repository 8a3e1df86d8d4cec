/**
 * The last line of defence against a command that silently stops: when every socket, timer and
 * child has gone away while the command's promise is still pending, Node would exit 0 as if all
 * went well (issue 13: a body read that never settled did exactly that). The guard turns that into
 * a failure that says what happened.
 */
import { ExitCode } from "./exit-codes.js"

/** What the guard prints when the event loop drains under an unfinished command. */
export const unfinishedMessage = (command: string | undefined): string =>
  `trialsync: the command${command === undefined ? "" : ` '${command}'`} stopped before it finished: ` +
  "nothing was left to wait on (an abandoned network read or database call). Nothing more was " +
  "written; a run it started may still show 'running' until the next command marks it failed. " +
  "Run `trialsync status`, then `trialsync resume`, and report this as a bug."

/**
 * Runs `command` and resolves to its exit code; if the process runs out of work while the command
 * is still pending, prints `unfinishedMessage` and exits with `ExitCode.failure`.
 *
 * @example
 * ```ts
 * guardUnfinished(() => runCli(args), args[0]).then((code) => process.exit(code))
 * ```
 */
export const guardUnfinished = async (command: () => Promise<number>, name: string | undefined): Promise<number> => {
  // `beforeExit` fires only when the loop is empty, never on process.exit(): exactly the case of a
  // promise that nothing can settle any more.
  const onDrained = () => {
    process.stderr.write(`${unfinishedMessage(name)}\n`)
    process.exit(ExitCode.failure)
  }
  process.on("beforeExit", onDrained)
  try {
    return await command()
  } finally {
    process.off("beforeExit", onDrained)
  }
}
