/**
 * Turning node-postgres failures into the warehouse's typed errors: a connection the server
 * closed, a statement timeout, a connect timeout. Every message is scrubbed of the password.
 */
import {
  RecordLoadError,
  WarehouseConnectionError,
  WarehouseConnectionLostError,
  WarehouseStatementTimeoutError
} from "../core/errors.js"
import { scrubSecret } from "../core/redact.js"

export interface PgErrorContext {
  /** The redacted URL (`postgres://user:***@host:port/db`). */
  readonly target: string
  /** `host:port/database`. */
  readonly server: string
  readonly statementTimeoutMs: number
  readonly connectTimeoutMs: number
  readonly secret: string | undefined
}

const codeOf = (error: unknown): unknown =>
  typeof error === "object" && error !== null ? (error as { code?: unknown }).code : undefined

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error))

/** Server-side reasons for closing a connection (class 57: operator intervention). */
const closedByServer: Record<string, string> = {
  "57P01": "terminated",
  "57P02": "crash shutdown",
  "57P03": "the server is starting up or shutting down",
  "57P05": "idle session timeout"
}

const lostMessages = [
  "Connection terminated unexpectedly",
  "Client has encountered a connection error and is not queryable"
]

/** Why a connection was lost, or undefined when `error` is not about a lost connection. */
export const lostReason = (error: unknown): string | undefined => {
  const code = codeOf(error)
  if (typeof code === "string" && code in closedByServer) return closedByServer[code]
  if (code === "ECONNRESET" || code === "EPIPE") return "the connection was reset"
  const message = messageOf(error)
  return lostMessages.some((text) => message.startsWith(text)) ? "the connection ended unexpectedly" : undefined
}

const isConnectTimeout = (error: unknown): boolean =>
  /^(timeout expired|timeout exceeded when trying to connect|Connection terminated due to connection timeout)/.test(
    messageOf(error)
  )

/** An error whose messages never contain the secret (the original is kept only when clean). */
const scrubbed = (error: unknown, secret: string | undefined): unknown => {
  if (secret !== undefined && error instanceof Error && error.message.includes(secret)) {
    error.message = scrubSecret(error.message, secret)
  }
  return error
}

/**
 * Maps a driver failure to a typed error; `lost`, when set, is the 'error' event the connection
 * emitted while in use (the root cause of whatever the call itself reported).
 */
export const mapPgError = (context: PgErrorContext, error: unknown, lost?: unknown): unknown => {
  if (
    error instanceof WarehouseConnectionLostError ||
    error instanceof WarehouseStatementTimeoutError ||
    error instanceof WarehouseConnectionError ||
    error instanceof RecordLoadError
  ) {
    return error
  }
  if (isConnectTimeout(error)) return connectTimeout(context, error)
  const reason = lostReason(lost) ?? lostReason(error)
  if (reason !== undefined) {
    return new WarehouseConnectionLostError({
      target: context.server,
      reason,
      cause: scrubbed(lost ?? error, context.secret)
    })
  }
  if (codeOf(error) === "57014" && messageOf(error).includes("statement timeout")) {
    return new WarehouseStatementTimeoutError({
      target: context.server,
      timeoutMs: context.statementTimeoutMs,
      cause: scrubbed(error, context.secret)
    })
  }
  return scrubbed(error, context.secret)
}

/** The connect timeout expired: names host:port and database, and how to raise the limit. */
export const connectTimeout = (context: PgErrorContext, cause: unknown): WarehouseConnectionError =>
  new WarehouseConnectionError({
    target: context.target,
    reason:
      `no answer from ${context.server} within ${context.connectTimeoutMs} ms (connect timeout). ` +
      "Check that DATABASE_URL points at a PostgreSQL server; raise DATABASE_CONNECT_TIMEOUT_MS " +
      "(or connect_timeout, in seconds, in the URL) if it is only slow.",
    cause: scrubbed(cause, context.secret)
  })
