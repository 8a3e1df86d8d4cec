/**
 * Throwaway PostgreSQL databases for tests: each test file gets its own database on the local
 * server (docs/design.md §9), so files run in parallel and leave nothing behind.
 *
 * @example
 * ```ts
 * const db = await createTestDatabase()
 * try { await useIt(db.url) } finally { await db.drop() }
 * ```
 */
import { randomBytes } from "node:crypto"
import pg from "pg"

/** The server tests use; `TEST_DATABASE_ADMIN_URL` overrides it. */
export const testAdminUrl = (): string =>
  process.env.TEST_DATABASE_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/postgres"

export interface TestDatabase {
  /** Connection string of the new, empty database. */
  readonly url: string
  readonly name: string
  /** Drops the database, closing whatever connections are still open to it. */
  readonly drop: () => Promise<void>
}

const withAdmin = async <A>(run: (client: pg.Client) => Promise<A>): Promise<A> => {
  const client = new pg.Client({ connectionString: testAdminUrl() })
  try {
    await client.connect()
  } catch (cause) {
    throw new Error(
      `Cannot reach the test PostgreSQL at ${new URL(testAdminUrl()).host}: start it with ` +
        "`pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start` " +
        "or set TEST_DATABASE_ADMIN_URL.",
      { cause }
    )
  }
  try {
    return await run(client)
  } finally {
    await client.end()
  }
}

/** Creates an empty database named `ts_<prefix>_<random>` and returns how to reach and drop it. */
export const createTestDatabase = async (prefix = "test"): Promise<TestDatabase> => {
  const safePrefix = prefix
    .toLowerCase()
    .replace(/[^a-z0-9_]/g, "_")
    .slice(0, 30)
  const name = `ts_${safePrefix}_${randomBytes(5).toString("hex")}`
  await withAdmin((client) => client.query(`CREATE DATABASE "${name}"`))
  const url = new URL(testAdminUrl())
  url.pathname = `/${name}`
  return {
    url: url.toString(),
    name,
    drop: () =>
      withAdmin((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined)
  }
}
