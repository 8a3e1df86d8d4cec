/**
 * Validation of the two URLs: the CC base URL (shown in messages: it is not a secret, except for
 * credentials someone put in it) and `DATABASE_URL` (a secret: never shown, not even in part).
 */
import type { EnvReader } from "./rules.js"

const MISSING_BASE_URL =
  "CC_API_BASE_URL is not set: set it to your Clinical Conductor URL, e.g. https://host/CCSWEB, " +
  "or run `pnpm trialsync demo` to try the sandbox."

/** The URL with any user and password replaced, for messages. */
const withoutCredentials = (url: URL): string => {
  const copy = new URL(url.href)
  if (copy.username !== "") copy.username = "***"
  if (copy.password !== "") copy.password = "***"
  return copy.href
}

/**
 * `CC_API_BASE_URL`, normalised without a trailing slash; `""` when unset and not required.
 */
export const readBaseUrl = (reader: EnvReader, required: boolean): string => {
  const name = "CC_API_BASE_URL"
  const text = reader.text(name)
  if (text === undefined) {
    if (required) reader.problem(name, MISSING_BASE_URL)
    return ""
  }
  let url: URL
  try {
    url = new URL(text)
  } catch {
    reader.problem(
      name,
      `${name} is not a URL (got ${JSON.stringify(text.slice(0, 80))}): set it to your Clinical Conductor URL with its scheme, e.g. https://host/CCSWEB.`
    )
    return ""
  }
  const problems: Array<string> = []
  if (url.protocol !== "https:" && url.protocol !== "http:")
    problems.push(`its scheme must be https or http, not ${url.protocol.replace(/:$/, "")}`)
  if (url.username !== "" || url.password !== "")
    problems.push("it must not carry a user or password: put the key in CC_API_KEY")
  if (url.search !== "" || url.hash !== "") problems.push("it must not have a query string or fragment")
  if (/\/api(\/v\d+)?\/?$/i.test(url.pathname))
    problems.push(
      "it must end at the site root (e.g. https://host/CCSWEB), not at /api or /api/v1: the client adds the API paths"
    )
  if (problems.length > 0) {
    reader.problem(name, `${name} ${withoutCredentials(url)} is not usable: ${problems.join("; ")}.`)
    return ""
  }
  return url.href.replace(/\/+$/, "")
}

/** `CC_API_KEY`: required with the CC group; checked for characters a header cannot carry. */
export const readApiKey = (reader: EnvReader, required: boolean): string => {
  const name = "CC_API_KEY"
  const text = reader.text(name)
  if (text === undefined) {
    if (required)
      reader.problem(
        name,
        `${name} is not set: set it to the API key of your CC API user (it is sent in the CC_API_KEY_HEADER header and never printed), or run \`pnpm trialsync demo\` to try the sandbox.`
      )
    return ""
  }
  // Header values cannot hold control characters; a pasted key with a line break is a common slip.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what we look for
  if (/[\u0000-\u001f\u007f]/.test(text) || /\s/.test(text)) {
    reader.problem(
      name,
      `${name} contains whitespace or control characters (value not shown): set it to the key exactly as CC issued it, on one line.`
    )
    return ""
  }
  return text
}

/** `DATABASE_URL`: a postgres:// URL, or unset for PGlite. Its text never appears in a message. */
export const readDatabaseUrl = (reader: EnvReader, required: boolean): string | undefined => {
  const name = "DATABASE_URL"
  const text = reader.text(name)
  // An empty DATABASE_URL is a mistake (a template left unfilled), not a request for PGlite:
  // silently using the embedded warehouse would load the data somewhere nobody looks.
  if (text === undefined && reader.isSet(name)) {
    reader.problem(
      name,
      `${name} is set but empty: unset it to use the embedded warehouse, or set it to a postgres:// URL.`
    )
    return undefined
  }
  if (text === undefined) {
    if (required)
      reader.problem(
        name,
        `${name} is not set: set it to a PostgreSQL URL, e.g. postgres://user:password@host:5432/warehouse (this command does not use the embedded PGlite warehouse).`
      )
    return undefined
  }
  let url: URL | undefined
  try {
    url = new URL(text)
  } catch {
    url = undefined
  }
  if (url === undefined || (url.protocol !== "postgres:" && url.protocol !== "postgresql:")) {
    reader.problem(
      name,
      `${name} is not a PostgreSQL URL (value not shown): set it to postgres://user:password@host:5432/database, or remove it to use the embedded PGlite warehouse.`
    )
    return undefined
  }
  return text
}
