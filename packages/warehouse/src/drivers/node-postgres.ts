/**
 * The node-postgres adapter: a `pg.Pool`, COPY through pg-copy-streams.
 */
import { drizzle } from "drizzle-orm/node-postgres"
import pg from "pg"
import { from as copyFrom } from "pg-copy-streams"
import { type Driver, type DriverSession, refuseNestedTransaction } from "../core/driver.js"
import { WarehouseConnectionError } from "../core/errors.js"
import { passwordOf, redactConnectionString, scrubSecret } from "../core/redact.js"
import type { WarehouseDatabase } from "../core/types.js"
import { warehouseSchema } from "../schema/index.js"

export interface NodePostgresOptions {
  readonly url: string
  /** Maximum pool connections (default 10). */
  readonly poolSize?: number
}

const copyInto = (client: pg.PoolClient, table: string, columns: string, payload: Uint8Array): Promise<void> =>
  new Promise((resolve, reject) => {
    const stream = client.query(copyFrom(`COPY ${table} (${columns}) FROM STDIN (FORMAT binary)`))
    stream.on("error", reject)
    stream.on("finish", () => resolve())
    stream.end(payload)
  })

/** Rethrows a driver error with any trace of the password removed from its message. */
const withoutSecret = (secret: string | undefined) => (error: unknown) => {
  if (secret !== undefined && error instanceof Error && error.message.includes(secret)) {
    error.message = scrubSecret(error.message, secret)
  }
  throw error
}

/**
 * Opens a node-postgres pool. The first connection is made eagerly, so a wrong URL fails here
 * with a `WarehouseConnectionError` naming the redacted target.
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
  const secret = passwordOf(options.url)
  const pool = new pg.Pool({ connectionString: options.url, max: options.poolSize ?? 10 })
  // An idle client that loses its server emits on the pool; unhandled, that would crash the
  // process. The next query reports the problem instead.
  pool.on("error", () => {})
  try {
    const client = await pool.connect()
    client.release()
  } catch (cause) {
    await pool.end().catch(() => {})
    const reason = cause instanceof Error ? scrubSecret(cause.message, secret) : "unknown error"
    throw new WarehouseConnectionError({ target, reason })
  }
  const scrub = withoutSecret(secret)
  const db = drizzle(pool, { schema: warehouseSchema }) as unknown as WarehouseDatabase

  const sessionOf = (client: pg.PoolClient): DriverSession => {
    let txDb: WarehouseDatabase | undefined
    return {
      connection: client,
      get db() {
        txDb ??= refuseNestedTransaction(drizzle(client, { schema: warehouseSchema }) as unknown as WarehouseDatabase)
        return txDb
      },
      query: <R>(text: string, params?: ReadonlyArray<unknown>) =>
        client.query(text, params as unknown[]).then((result) => result.rows as R[], scrub),
      exec: (text) => client.query(text).then(() => undefined, scrub),
      copyFrom: (table, columns, payload) => copyInto(client, table, columns, payload).catch(scrub)
    }
  }

  return {
    name: "node-postgres",
    db,
    query: <R>(text: string, params?: ReadonlyArray<unknown>) =>
      pool.query(text, params as unknown[]).then((result) => result.rows as R[], scrub),
    exec: (text) => pool.query(text).then(() => undefined, scrub),
    transaction: async (run, settings) => {
      const client = await pool.connect().catch(scrub)
      let broken = false
      try {
        // One round trip for BEGIN and the settings (simple query protocol allows several).
        await client.query(settings === undefined ? "BEGIN" : `BEGIN; ${settings}`)
        const result = await run(sessionOf(client))
        await client.query("COMMIT")
        return result
      } catch (error) {
        await client.query("ROLLBACK").catch(() => {
          broken = true
        })
        throw error
      } finally {
        // A connection whose ROLLBACK failed is in an unknown state: destroy it, do not reuse it.
        client.release(broken)
      }
    },
    describe: () => target,
    close: () => pool.end()
  }
}
