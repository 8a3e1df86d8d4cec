/**
 * `@trialsync/runner-cli`: the `trialsync` command. Its capabilities live in the library
 * packages; this package parses flags, wires layers and prints. Exported for embedding the CLI
 * in another Node program and for its tests.
 */
export { ExitCode } from "./cli/exit-codes.js"
export { runCli } from "./cli/main.js"
export { usageText } from "./cli/usage.js"
