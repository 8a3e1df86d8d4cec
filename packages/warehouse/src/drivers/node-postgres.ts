/**
 * The node-postgres adapter: a `pg.Pool`, COPY through pg-copy-streams.
 *
 * Every client has an 'error' listener from the moment it connects (a server that closes a
 * connection emits 'error' on its client; unhandled, that kills the process), and a checked-out
 * client has one more while it is in use, so the operation in flight fails with
 * `WarehouseConnectionLostError` and the broken client is destroyed, never reused. Locks
 * (`tryLock`) hold a connection of their own, outside the pool (`pg-locks.ts`).
 */
import { drizzle } from "drizzle-orm/node-postgres"
import pg from "pg"
import { from as copyFrom } from "pg-copy-streams"
import { type Driver, type DriverSession, refuseNestedTransaction } from "../core/driver.js"
import { WarehouseConnectionError } from "../core/errors.js"
import { passwordOf, redactConnectionString, scrubSecret } from "../core/redact.js"
import type { WarehouseDatabase } from "../core/types.js"
import { warehouseSchema } from "../schema/index.js"
import { mapPgError, type PgErrorContext } from "./pg-errors.js"
import { isLockedQuery, PgLocks } from "./pg-locks.js"
import { pgSettings } from "./pg-settings.js"

export interface NodePostgresOptions {
  readonly url: string
  /** Maximum pool connections (default 10). */
  readonly poolSize?: number
  /** Connect timeout in ms (0: none); default the URL's `connect_timeout` (seconds), else 10 s. */
  readonly connectTimeoutMs?: number
  /** `statement_timeout` in ms (0: none); default the URL's `statement_timeout`, else 10 min. */
  readonly statementTimeoutMs?: number
}

const copyInto = (client: pg.PoolClient, table: string, columns: string, payload: Uint8Array): Promise<void> =>
  new Promise((resolve, reject) => {
    const stream = client.query(copyFrom(`COPY ${table} (${columns}) FROM STDIN (FORMAT binary)`))
    stream.on("error", reject)
    stream.on("finish", () => resolve())
    stream.end(payload)
  })

const ignore = () => {}

/**
 * Opens a node-postgres pool. The first connection is made eagerly, so a wrong URL, or a server
 * that never answers (connect timeout), fails here with a `WarehouseConnectionError` naming the
 * redacted target.
 */
export const openNodePostgres = async (options: NodePostgresOptions): Promise<Driver> => {
  const target = redactConnectionString(options.url)
  try {
    const protocol = new URL(options.url).protocol
    if (protocol !== "postgres:" && protocol !== "postgresql:") throw new Error(`unsupported scheme ${protocol}`)
  } catch {
    throw new WarehouseConnectionError({
      target,
      reason: "the database URL must look like postgres://user:password@host:5432/database."
    })
  }
  const settings = pgSettings(options.url, options)
  const secret = passwordOf(options.url)
  const context: PgErrorContext = { ...settings, target, secret }
  const fail = (error: unknown, lost?: unknown): never => {
    throw mapPgError(context, error, lost)
  }
  const poolSize = options.poolSize ?? 10
  const connectTimeoutMs = settings.connectTimeoutMs
  const clientConfig: pg.ClientConfig = {
    connectionString: settings.url,
    connectionTimeoutMillis: connectTimeoutMs,
    ...(settings.statementTimeoutMs > 0 ? { statement_timeout: settings.statementTimeoutMs } : {}),
    keepAlive: true
  }
  const locks = new PgLocks({ clientConfig, fail })
  const pool = new pg.Pool({
    connectionString: settings.url,
    max: poolSize,
    // The connect timeout bounds opening a connection (TCP, TLS, startup) only, not the wait for
    // a free pool slot behind long statements (the pool's own connectionTimeoutMillis would).
    Client: class extends pg.Client {
      constructor(config?: pg.ClientConfig) {
        super({ ...config, connectionTimeoutMillis: connectTimeoutMs })
      }
    },
    // Sent in the startup packet: applies to every statement of every connection.
    ...(settings.statementTimeoutMs > 0 ? { statement_timeout: settings.statementTimeoutMs } : {}),
    keepAlive: true
  })
  // An idle client that loses its server emits on the pool (which drops it); the next query opens
  // a new connection. Every client also keeps a listener of its own for errors emitted after it
  // left the pool's hands (a second 'error' for the same closed socket).
  pool.on("error", ignore)
  pool.on("connect", (client) => client.on("error", ignore))
  try {
    const client = await pool.connect()
    client.release()
  } catch (cause) {
    await pool.end().catch(ignore)
    const mapped = mapPgError(context, cause)
    if (mapped instanceof WarehouseConnectionError) throw mapped
    const reason = cause instanceof Error ? scrubSecret(cause.message, secret) : "unknown error"
    throw new WarehouseConnectionError({ target, reason: `${reason} (${settings.server})`, cause: mapped })
  }
  const db = drizzle(pool, { schema: warehouseSchema }) as unknown as WarehouseDatabase

  /** A checked-out client whose 'error' events are recorded while `run` uses it. */
  const withClient = async <A>(
    run: (client: pg.PoolClient, lost: () => unknown, markBroken: () => void) => Promise<A>
  ): Promise<A> => {
    let client: pg.PoolClient
    let lost: unknown
    const onError = (error: unknown) => {
      lost ??= error
    }
    for (let attempt = 0; ; attempt++) {
      client = await pool.connect().catch((error: unknown) => fail(error))
      lost = undefined
      client.on("error", onError)
      // Let the socket events already received run first: an idle client whose server closed it
      // (a restart, pg_terminate_backend) reports it here, before anything was sent on it, so
      // taking another connection is safe. Costs one event-loop turn per checkout.
      await new Promise<void>((resolve) => setImmediate(resolve))
      if (lost === undefined || attempt >= poolSize) break
      client.removeListener("error", onError)
      client.release(true)
    }
    let broken = false
    try {
      return await run(
        client,
        () => lost,
        () => {
          broken = true
        }
      )
    } catch (error) {
      return fail(error, lost)
    } finally {
      client.removeListener("error", onError)
      // A dead client, or one in an unknown state (its ROLLBACK failed): destroy it, never reuse it.
      client.release(broken || lost !== undefined)
    }
  }

  const sessionOf = (client: pg.PoolClient, lost: () => unknown): DriverSession => {
    let txDb: WarehouseDatabase | undefined
    const failHere = (error: unknown): never => fail(error, lost())
    return {
      connection: client,
      get db() {
        txDb ??= refuseNestedTransaction(drizzle(client, { schema: warehouseSchema }) as unknown as WarehouseDatabase)
        return txDb
      },
      query: <R>(text: string, params?: ReadonlyArray<unknown>) =>
        client.query(text, params as unknown[]).then((result) => result.rows as R[], failHere),
      exec: (text) => client.query(text).then(() => undefined, failHere),
      copyFrom: (table, columns, payload) => copyInto(client, table, columns, payload).catch(failHere)
    }
  }

  return {
    name: "node-postgres",
    db,
    query: <R>(text: string, params?: ReadonlyArray<unknown>) =>
      withClient(async (client) => (await client.query(text, params as unknown[])).rows as R[]),
    exec: (text) =>
      withClient(async (client) => {
        await client.query(text)
      }),
    transaction: (run, txSettings) =>
      withClient(async (client, lost, markBroken) => {
        try {
          // One round trip for BEGIN and the settings (simple query protocol allows several).
          await client.query(txSettings === undefined ? "BEGIN" : `BEGIN; ${txSettings}`)
          const result = await run(sessionOf(client, lost))
          await client.query("COMMIT")
          return result
        } catch (error) {
          // On a lost connection the server has already rolled back; the ROLLBACK just fails.
          if (lost() === undefined) await client.query("ROLLBACK").catch(markBroken)
          throw error
        }
      }),
    tryLock: (key) => locks.tryLock(key),
    isLocked: (key) =>
      withClient(async (client, lost, markBroken) => {
        try {
          await client.query("BEGIN")
          const { rows } = await client.query<{ locked: boolean }>(isLockedQuery, [key.space, key.id])
          await client.query("ROLLBACK")
          return rows[0]?.locked === true
        } catch (error) {
          if (lost() === undefined) await client.query("ROLLBACK").catch(markBroken)
          throw error
        }
      }),
    describe: () => target,
    close: async () => {
      await locks.releaseAll()
      await pool.end()
    }
  }
}
