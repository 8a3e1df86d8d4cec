/**
 * Runs the real `trialsync` CLI as a child process, as an operator or a scheduler would: Node with
 * the source condition and tsx, in a working directory of the test's choosing (so `.trialsync/`
 * lands there), with an environment that holds only what the test gives it.
 */
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process"
import { mkdtempSync, rmSync } from "node:fs"
import { createRequire } from "node:module"
import { tmpdir } from "node:os"
import { dirname, join } from "node:path"
import { fileURLToPath, pathToFileURL } from "node:url"

const binPath = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "src", "bin.ts")
const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href

export interface CliResult {
  readonly code: number | null
  readonly signal: NodeJS.Signals | null
  readonly stdout: string
  readonly stderr: string
}

/** The parent's environment minus anything that configures trialsync. */
export const cliEnv = (extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv => {
  const env: NodeJS.ProcessEnv = {}
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(CC_|ETL_|LOG_|DATABASE_URL$|TRIALSYNC_|FORCE_COLOR|NO_COLOR)/.test(key)) continue
    env[key] = value
  }
  for (const [key, value] of Object.entries(extra)) if (value !== undefined) env[key] = value
  return env
}

export interface SpawnOptions {
  readonly cwd: string
  readonly env?: NodeJS.ProcessEnv
  readonly timeoutMs?: number
}

/** Starts the CLI; the caller reads its streams and waits for `done`. */
export const spawnCli = (args: ReadonlyArray<string>, options: SpawnOptions) => {
  const child: ChildProcessWithoutNullStreams = spawn(
    process.execPath,
    ["--conditions=source", "--import", tsxLoader, binPath, ...args],
    { cwd: options.cwd, env: options.env ?? cliEnv() }
  )
  let stdout = ""
  let stderr = ""
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()))
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()))
  const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 120_000)
  const done = new Promise<CliResult>((resolve, reject) => {
    child.on("error", reject)
    child.on("close", (code, signal) => {
      clearTimeout(timer)
      resolve({ code, signal, stdout, stderr })
    })
  })
  return {
    child,
    done,
    stdout: () => stdout,
    stderr: () => stderr,
    /** Resolves when stdout matches `pattern` (rejects if the process ends first). */
    waitFor: (pattern: RegExp, timeoutMs = 60_000) =>
      new Promise<RegExpMatchArray>((resolve, reject) => {
        const check = () => {
          const match = stdout.match(pattern)
          if (match) {
            cleanup()
            resolve(match)
          }
        }
        const onClose = () => {
          cleanup()
          reject(new Error(`trialsync exited before printing ${pattern}:\n${stdout}\n${stderr}`))
        }
        const giveUp = setTimeout(() => {
          cleanup()
          reject(new Error(`timed out waiting for ${pattern}:\n${stdout}\n${stderr}`))
        }, timeoutMs)
        const cleanup = () => {
          clearTimeout(giveUp)
          child.stdout.off("data", check)
          child.off("close", onClose)
        }
        child.stdout.on("data", check)
        child.on("close", onClose)
        check()
      })
  }
}

/** Runs the CLI to completion. */
export const runCli = (args: ReadonlyArray<string>, options: SpawnOptions): Promise<CliResult> =>
  spawnCli(args, options).done

/** A fresh working directory, removed by the returned function. */
export const tempWorkdir = (): { readonly path: string; readonly remove: () => void } => {
  const path = mkdtempSync(join(tmpdir(), "trialsync-cli-"))
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) }
}
