/**
 * One process at a time on an embedded (PGlite) warehouse directory. PGlite is PostgreSQL
 * compiled to WASM running inside this process: a second process opening the same directory
 * would run a second, unaware server on the same files and corrupt them. A lock file beside the
 * directory (`<dataDir>.lock`, holding the owner's pid) says who has it:
 *
 * - created atomically (written to a temporary file, then hard-linked into place: `link` fails if
 *   the lock exists, and the lock is never seen empty);
 * - if it exists and its pid is alive (`process.kill(pid, 0)`), opening is refused with
 *   `WarehouseInUseError`; if that pid is dead (a crash, `kill -9`), the stale lock is removed
 *   and taken;
 * - released by `close()`, and on process exit if `close()` never ran.
 */
import { linkSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { WarehouseConnectionError, WarehouseInUseError } from "../core/errors.js"

/** The lock file of a PGlite directory (an absolute path). */
export const lockFileOf = (dataDir: string): string => `${dataDir}.lock`

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as { code?: unknown }).code === "EPERM"
  }
}

const ownerOf = (lock: string): number | undefined => {
  try {
    const pid = Number.parseInt(readFileSync(lock, "utf8"), 10)
    return Number.isInteger(pid) && pid > 0 ? pid : undefined
  } catch {
    return undefined
  }
}

export interface DataDirLock {
  /** Removes the lock (only if it is still ours). Idempotent. */
  readonly release: () => void
}

/**
 * Takes the lock of `dataDir` (absolute) for this process, or throws `WarehouseInUseError`
 * naming the pid that holds it. `shown` is the directory as the caller named it, for messages.
 */
export const lockDataDir = (dataDir: string, shown: string): DataDirLock => {
  const lock = lockFileOf(dataDir)
  const temporary = `${lock}.${process.pid}.tmp`
  writeFileSync(temporary, `${process.pid}\n`)
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        linkSync(temporary, lock)
        break
      } catch (error) {
        if ((error as { code?: unknown }).code !== "EEXIST" || attempt >= 2) {
          throw new WarehouseConnectionError({
            target: `pglite:${shown}`,
            reason: `cannot create the lock file ${lock}: ${error instanceof Error ? error.message : String(error)}`
          })
        }
        const owner = ownerOf(lock)
        if (owner !== undefined && isAlive(owner)) throw new WarehouseInUseError({ dataDir: shown, pid: owner })
        // Stale: its process is gone (or it is unreadable garbage). Remove it and try again.
        rmSync(lock, { force: true })
      }
    }
  } finally {
    rmSync(temporary, { force: true })
  }
  let held = true
  const release = () => {
    if (!held) return
    held = false
    process.removeListener("exit", release)
    if (ownerOf(lock) === process.pid) rmSync(lock, { force: true })
  }
  process.on("exit", release)
  return { release }
}
