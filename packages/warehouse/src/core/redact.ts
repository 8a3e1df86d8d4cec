/**
 * Connection strings without their secrets: only scheme, user, host, port and database survive,
 * and the password (and the whole query string, which may carry `password=` or `sslpassword=`)
 * is never repeated.
 */

/** `postgres://app:***@db:5432/dw`; a string that does not parse is not echoed at all. */
export const redactConnectionString = (url: string): string => {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return "<unparseable connection string>"
  }
  const user = parsed.username === "" ? "" : `${parsed.username}${parsed.password === "" ? "" : ":***"}@`
  return `${parsed.protocol}//${user}${parsed.host}${parsed.pathname}`
}

/** Removes every occurrence of `secret` from `text` (for driver messages that might echo it). */
export const scrubSecret = (text: string, secret: string | undefined): string =>
  secret === undefined || secret === "" ? text : text.split(secret).join("***")

/** The password of a connection string, if any (to scrub it from messages). */
export const passwordOf = (url: string): string | undefined => {
  try {
    const password = new URL(url).password
    return password === "" ? undefined : decodeURIComponent(password)
  } catch {
    return undefined
  }
}
