/**
 * Connection settings of the node-postgres driver: the connect and statement timeouts, from the
 * options, else the URL (`connect_timeout` in seconds, as libpq reads it; `statement_timeout` in
 * milliseconds), else the defaults. The two parameters are taken out of the URL handed to `pg`,
 * which would otherwise let the URL override the options.
 */
import { InvalidWarehouseOptionError } from "../core/errors.js"

/** How long opening a connection (TCP, TLS, startup) may take by default: 10 s. */
export const defaultConnectTimeoutMs = 10_000
/** How long one statement may run by default: 10 min (a 5000-row batch takes well under a second). */
export const defaultStatementTimeoutMs = 600_000

export interface PgSettings {
  /** The URL without `connect_timeout` / `statement_timeout`. */
  readonly url: string
  /** 0: no timeout. */
  readonly connectTimeoutMs: number
  /** 0: no timeout. */
  readonly statementTimeoutMs: number
  /** `host:port/database`, for messages (never a user or password). */
  readonly server: string
}

const whole = (option: string, text: string, scale: number): number => {
  if (!/^\d{1,10}$/.test(text.trim())) {
    throw new InvalidWarehouseOptionError({
      option,
      reason: `expected a whole number of ${scale === 1000 ? "seconds" : "milliseconds"} (0: no timeout)`
    })
  }
  return Number(text.trim()) * scale
}

/** Checks an explicit timeout option (a whole number of milliseconds, 0 for none). */
export const checkTimeoutMs = (option: string, value: number | undefined): number | undefined => {
  if (value === undefined) return undefined
  if (!Number.isInteger(value) || value < 0 || value > 2_147_483_647) {
    throw new InvalidWarehouseOptionError({ option, reason: `expected whole milliseconds >= 0, got ${String(value)}` })
  }
  return value
}

/** Resolves the timeouts of `url` and the options (options win over URL parameters). */
export const pgSettings = (
  url: string,
  options: { readonly connectTimeoutMs?: number; readonly statementTimeoutMs?: number }
): PgSettings => {
  const parsed = new URL(url)
  const fromUrl = (name: string, scale: number): number | undefined => {
    const text = parsed.searchParams.get(name)
    parsed.searchParams.delete(name)
    return text === null ? undefined : whole(`${name} (in the database URL)`, text, scale)
  }
  const urlConnect = fromUrl("connect_timeout", 1000)
  const urlStatement = fromUrl("statement_timeout", 1)
  const port = parsed.port === "" ? "5432" : parsed.port
  return {
    url: parsed.toString(),
    connectTimeoutMs:
      checkTimeoutMs("connectTimeoutMs", options.connectTimeoutMs) ?? urlConnect ?? defaultConnectTimeoutMs,
    statementTimeoutMs:
      checkTimeoutMs("statementTimeoutMs", options.statementTimeoutMs) ?? urlStatement ?? defaultStatementTimeoutMs,
    server: `${parsed.hostname}:${port}${parsed.pathname}`
  }
}
