/**
 * Exit codes (documented in the README). Kept free of imports so the executable can print its
 * usage without loading the CLI.
 *
 * 0 everything succeeded; 1 a job did not succeed (failed, partial or cancelled) or the command
 * failed at run time; 2 usage or configuration error; 130/143 stopped by SIGINT/SIGTERM (128 +
 * the signal number, as shells report it).
 */
export const ExitCode = { success: 0, failure: 1, usage: 2, sigint: 130, sigterm: 143 } as const

export type StopSignal = "SIGINT" | "SIGTERM"

export const exitCodeForSignal = (signal: StopSignal): number =>
  signal === "SIGINT" ? ExitCode.sigint : ExitCode.sigterm
