/**
 * Runs an example as a user would: a separate Node process with workspace packages resolved to
 * their sources, in a working directory of the test's choosing.
 */
import { spawn } from "node:child_process"
import { createRequire } from "node:module"
import { dirname, join } from "node:path"
import { fileURLToPath, pathToFileURL } from "node:url"

export const examplesDir = join(dirname(fileURLToPath(import.meta.url)), "..", "..")

const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href

export interface ScriptResult {
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
}

/** The environment without anything that points at a real CC or database. */
export const cleanEnv = (extra: Record<string, string> = {}): NodeJS.ProcessEnv => {
  const env: NodeJS.ProcessEnv = {}
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(CC_|ETL_|LOG_|DATABASE_URL|TRIALSYNC_)/.test(key)) continue
    env[key] = value
  }
  return { ...env, ...extra }
}

export interface ExampleOptions {
  readonly cwd: string
  readonly env: NodeJS.ProcessEnv
  readonly timeoutMs?: number
}

/** Starts an example: `node` with the source condition and tsx for a .ts file, `bash` for a .sh. */
export const spawnExample = (file: string, args: ReadonlyArray<string>, options: ExampleOptions) => {
  const path = join(examplesDir, file)
  const [command, argv] = file.endsWith(".sh")
    ? ["bash", [path, ...args]]
    : ["node", ["--conditions=source", "--import", tsxLoader, path, ...args]]
  const child = spawn(command, argv, { cwd: options.cwd, env: options.env, stdio: ["ignore", "pipe", "pipe"] })
  let stdout = ""
  let stderr = ""
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()))
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()))
  const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 240_000)
  const done = new Promise<ScriptResult>((resolve, reject) => {
    child.on("error", reject)
    child.on("close", (code) => {
      clearTimeout(timer)
      resolve({ code, stdout, stderr })
    })
  })
  return { child, done, stdout: () => stdout }
}

/** Runs an example to completion. */
export const runExample = (file: string, args: ReadonlyArray<string>, options: ExampleOptions): Promise<ScriptResult> =>
  spawnExample(file, args, options).done
