/**
 * Warehouse locks on PostgreSQL: a session advisory lock (`pg_try_advisory_lock(int4, int4)`)
 * taken on a connection of its own, a `pg.Client` outside the pool, kept open until the lock is
 * released. The server ends the lock with the session, so a process that dies (SIGKILL, OOM, a
 * lost host) loses its locks as soon as PostgreSQL sees its connection close.
 *
 * `isLocked` asks from the pool: `pg_try_advisory_xact_lock` in a transaction that is rolled
 * back at once, so a free lock is taken for an instant and given back; a held one (by any
 * session, this process's lock connections included) is reported held.
 */
import pg from "pg"
import type { DriverLock } from "../core/locks.js"
import type { LockKey } from "../core/types.js"

export interface PgLockOptions {
  readonly clientConfig: pg.ClientConfig
  /** Maps a connect or query failure to the warehouse's typed errors (throws). */
  readonly fail: (error: unknown, lost?: unknown) => never
}

const ignore = () => {}

export class PgLocks {
  readonly #options: PgLockOptions
  readonly #held = new Set<() => Promise<void>>()

  constructor(options: PgLockOptions) {
    this.#options = options
  }

  async tryLock(key: LockKey): Promise<DriverLock | undefined> {
    const client = new pg.Client(this.#options.clientConfig)
    let lost: unknown
    let released = false
    // A dropped lock connection must not crash the process: the lock is simply gone.
    client.on("error", (error) => {
      if (!released) lost ??= error
    })
    client.on("end", () => {
      if (!released) lost ??= new Error("the lock connection ended")
    })
    try {
      await client.connect()
      const { rows } = await client.query<{ locked: boolean }>(
        "SELECT pg_try_advisory_lock($1::int4, $2::int4) AS locked",
        [key.space, key.id]
      )
      if (rows[0]?.locked !== true) {
        released = true
        await client.end().catch(ignore)
        return undefined
      }
    } catch (error) {
      released = true
      await client.end().catch(ignore)
      return this.#options.fail(error, lost)
    }
    const release = async () => {
      if (released) return
      released = true
      this.#held.delete(release)
      if (lost !== undefined) return
      // Unlock first: the server may still be ending the backend after the socket closed.
      await client.query("SELECT pg_advisory_unlock($1::int4, $2::int4)", [key.space, key.id]).catch(ignore)
      await client.end().catch(ignore)
    }
    this.#held.add(release)
    return { release, lost: () => lost !== undefined }
  }

  /** Releases every lock still held (the warehouse closes). */
  async releaseAll(): Promise<void> {
    await Promise.all([...this.#held].map((release) => release()))
  }
}

/** `pg_try_advisory_xact_lock`, rolled back: `true` when someone holds the lock. */
export const isLockedQuery = "SELECT NOT pg_try_advisory_xact_lock($1::int4, $2::int4) AS locked"
