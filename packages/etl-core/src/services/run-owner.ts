/**
 * Which process executes a run, and whether it is still alive.
 *
 * Every run row records its owner in `run_context.owner`: the process id, the host name and a
 * token drawn once per process. A run left `running` by a process that died (SIGKILL, power
 * loss, OOM) has no one to end it; the next command that touches the run log (`run`, `resume`,
 * `status`, `history`) finds such runs and ends them `failed` with `ProcessDied: process died
 * ...`, keeping the checkpoint so `resume` continues them. A run is taken for dead when its
 * (instance, job) run lock is free (docs/design.md §11: a live run holds it from before its row
 * is written until after it is finished, on any host; this process's own runs hold theirs on
 * dedicated connections, so `isLocked` from the pool sees them held), or when its owner ran on
 * this host and either no process has its pid any more (`process.kill(pid, 0)` fails with ESRCH)
 * or the pid is this very process under another token (the pid was reused by us). Rows without
 * an owner (not written by this engine) are never touched.
 */
import { randomUUID } from "node:crypto"
import { hostname } from "node:os"
import { failRunningRun, type LockKey, runningRunsWithOwner, type Warehouse } from "@trialsync/warehouse"
import type { RunContext } from "../engine/types.js"

export interface RunOwner {
  readonly pid: number
  readonly host: string
  readonly token: string
}

const token = randomUUID()

/** The run lock of a job's runs on a CC instance (`dw_api_credentials.id`, `dw_etl_jobs.id`). */
export const runLockKey = (instanceId: number, jobId: number): LockKey => ({ space: instanceId, id: jobId })

/** This process, as run rows record it. */
export const currentOwner = (): RunOwner => ({ pid: process.pid, host: hostname(), token })

const isOwner = (value: unknown): value is RunOwner =>
  typeof value === "object" &&
  value !== null &&
  typeof (value as RunOwner).pid === "number" &&
  typeof (value as RunOwner).host === "string" &&
  typeof (value as RunOwner).token === "string"

/** `true` when the process that owns a run has certainly died. */
export const ownerIsDead = (owner: unknown, self: RunOwner = currentOwner()): boolean => {
  if (!isOwner(owner) || owner.host !== self.host) return false
  if (owner.pid === self.pid) return owner.token !== self.token
  try {
    process.kill(owner.pid, 0)
    return false
  } catch (error) {
    // EPERM: a process of another user has the pid; it is alive.
    return (error as NodeJS.ErrnoException).code === "ESRCH"
  }
}

export interface DeadRun {
  readonly runId: number
  readonly jobId: number
  readonly message: string
}

/**
 * Ends the `running` runs whose process died (`failed`, error `ProcessDied: process died ...`,
 * checkpoint kept) and points their jobs' `last_run_*` at that; returns them.
 */
export const failDeadRuns = async (
  db: Pick<Warehouse, "query" | "isLocked">,
  now: Date
): Promise<ReadonlyArray<DeadRun>> => {
  const dead: Array<DeadRun> = []
  // The rows first, then their locks: a run that ends in between has finished its row before
  // releasing its lock, and failRunningRun only ends a row still `running`.
  for (const row of await runningRunsWithOwner<RunContext>(db)) {
    const owner = row.context?.owner
    if (!isOwner(owner)) continue
    const lockFree = row.sourceInstanceId !== null && !(await db.isLocked(runLockKey(row.sourceInstanceId, row.jobId)))
    if (!lockFree && !ownerIsDead(owner)) continue
    const message = `ProcessDied: process died (pid ${(owner as RunOwner).pid} on ${(owner as RunOwner).host}) while the run was running; resume it to continue from its checkpoint`
    if (await failRunningRun(db, { runId: row.id, jobId: row.jobId, message, at: now })) {
      dead.push({ runId: row.id, jobId: row.jobId, message })
    }
  }
  return dead
}
