/**
 * The last line of defence for secrets: every line the CLI writes passes through a redactor that
 * masks the configured API key and database password, whatever code produced the line.
 * (Each library already keeps secrets out of its own messages; this catches what slips through.)
 */
import { makeScrub, type Scrub } from "@trialsync/cc-client"

/** Masks registered secret values in text, in every encoding a server or URL may give them. */
export class Redactor {
  private secrets: Array<string> = []
  private scrubs: Array<Scrub> = []

  /** Registers a value to mask; values shorter than 4 characters would mask ordinary text and are ignored. */
  add(secret: string | undefined): void {
    if (secret === undefined || secret.length < 4 || this.secrets.includes(secret)) return
    // Longest first, so a URL containing a password is masked whole before the password alone.
    this.secrets = [...this.secrets, secret].sort((left, right) => right.length - left.length)
    this.scrubs = this.secrets.map((value) => makeScrub(value, "***"))
  }

  /** Registers a database URL and the password inside it (raw and percent-decoded). */
  addDatabaseUrl(url: string | undefined): void {
    if (url === undefined) return
    this.add(url)
    try {
      const parsed = new URL(url)
      this.add(parsed.password)
      this.add(decodeURIComponent(parsed.password))
    } catch {
      // Not a URL: the whole text is already registered.
    }
  }

  redact(text: string): string {
    let result = text
    for (const scrub of this.scrubs) result = scrub(result)
    return result
  }
}
