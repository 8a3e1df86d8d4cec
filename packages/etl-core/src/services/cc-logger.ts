/**
 * Where the CC client's own log lines go when the engine builds the client: retries (status,
 * wait, attempt) at `warn`, each HTTP attempt at `debug`. `LOG_LEVEL` filters them in the client;
 * `LOG_FORMAT=json` makes them JSON lines, else `warn  message key=value ...`. The client scrubs
 * the key from every line before it gets here.
 */
import { type CcLogFields, type CcLogger, type CcLogLevel, createJsonLineLogger } from "@trialsync/cc-client"
import type { LogFormat } from "../config/types.js"

const formatValue = (value: unknown): string =>
  typeof value === "string" ? (/\s/.test(value) ? JSON.stringify(value) : value) : JSON.stringify(value)

/**
 * A client logger writing one line per event to `write` (default: stderr).
 *
 * @example
 * ```ts
 * createCcClient({ baseUrl, apiKey, logger: makeCcLogger("pretty"), logLevel: "debug" })
 * ```
 */
export const makeCcLogger = (
  format: LogFormat,
  write: (line: string) => void = (line) => void process.stderr.write(line)
): CcLogger => {
  if (format === "json") return createJsonLineLogger(write)
  const at =
    (level: CcLogLevel) =>
    (message: string, fields?: CcLogFields): void => {
      const details = Object.entries(fields ?? {})
        .filter(([, value]) => value !== undefined)
        .map(([key, value]) => `${key}=${formatValue(value)}`)
        .join(" ")
      write(`${level.padEnd(5)} cc-client: ${message}${details === "" ? "" : ` ${details}`}\n`)
    }
  return { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") }
}
