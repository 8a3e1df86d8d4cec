/**
 * Issue 13 item 4: a server that echoes the key back encoded (percent-encoding in either hex
 * case, form encoding, base64, JSON escapes) must not get it into an error or a log line.
 */
import { describe, expect, it } from "vitest"
import { makeScrub, REDACTED } from "../../src/logger.js"
import { collect, HOSTILE_KEY, hostileClient, json, useHostileServer } from "../support/hostile-server.js"
import { recordingLogger, rejection } from "../support/sandbox.js"

const server = useHostileServer()
const LIST = "/api/v1/subjects/odata"

const upper = encodeURIComponent(HOSTILE_KEY)
const lower = upper.replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase())
const form = new URLSearchParams({ k: HOSTILE_KEY }).toString().slice(2)
const base64 = Buffer.from(HOSTILE_KEY).toString("base64")
const jsonEscaped = JSON.stringify(HOSTILE_KEY).slice(1, -1).replaceAll("/", "\\/")

/** Every spelling of the key a test looks for, plus its distinctive middle. */
const FORMS = [HOSTILE_KEY, upper, lower, form, base64, jsonEscaped, "key+with", "key%2Bwith", "key%2bwith"]

const leaked = (text: string): string[] =>
  FORMS.filter((spelling) => text.toLowerCase().includes(spelling.toLowerCase()))

describe("makeScrub", () => {
  it("masks the key in every encoding it may come back in", () => {
    const scrub = makeScrub(HOSTILE_KEY)
    for (const spelling of [
      HOSTILE_KEY,
      upper,
      lower,
      form,
      encodeURI(HOSTILE_KEY),
      encodeURIComponent(upper), // double-encoded
      base64,
      base64.replace(/=+$/, ""),
      Buffer.from(HOSTILE_KEY).toString("base64url"),
      jsonEscaped,
      HOSTILE_KEY.toUpperCase()
    ]) {
      expect(scrub(`before ${spelling} after`)).toBe(`before ${REDACTED} after`)
    }
  })

  it("leaves other text alone, and short keys unscrubbed", () => {
    expect(makeScrub(HOSTILE_KEY)("sbx/key alone is not the key")).toBe("sbx/key alone is not the key")
    expect(makeScrub("ab/")("ab/ ab%2F")).toBe("ab/ ab%2F")
  })
})

describe("a server that echoes the key", () => {
  it("keeps it out of an error built from the server's error body", async () => {
    server.current.handle((_request, response) =>
      json(response, { Message: `unknown key ${lower} (also ${form}, ${base64}, ${HOSTILE_KEY})` }, 400)
    )
    const { client } = hostileClient(server.current)
    const error = await rejection(client.get("/api/v1/instance/details"))
    expect(error).toMatchObject({ _tag: "BadRequest", status: 400 })
    const everything = `${(error as Error).message} ${JSON.stringify(error)} ${String(error)}`
    expect(everything).toContain(`unknown key ${REDACTED}`)
    expect(leaked(everything)).toEqual([])
  })

  it("keeps it out of a not-JSON body quoted in BadResponse", async () => {
    server.current.handle((_request, response) => {
      response.writeHead(200, { "content-type": "text/html" })
      response.end(`<a href="?api_key=${lower}">`)
    })
    const { client } = hostileClient(server.current)
    const error = await rejection(client.get("/api/v1/instance/details"))
    expect(error).toMatchObject({ _tag: "BadResponse" })
    expect(leaked(`${(error as Error).message} ${JSON.stringify(error)}`)).toEqual([])
  })

  it("keeps it out of next links in errors and in every log line", async () => {
    server.current.handle((request, response) => {
      const url = new URL(request.url ?? "/", server.current.url)
      // Page 1 links to page 2 with the key in the query (lower-case hex); page 2 links to itself,
      // the key in upper-case hex this time.
      const skip = Number(url.searchParams.get("$skip") ?? 0)
      const next =
        skip === 0 ? `/CCSWEB${LIST}?api_key=${lower}&$top=2&$skip=2` : `/CCSWEB${LIST}?$skip=2&$top=2&api_key=${upper}`
      json(response, { Items: [{ Id: skip + 1 }, { Id: skip + 2 }], NextPageLink: next })
    })
    const { lines, logger } = recordingLogger()
    const { client } = hostileClient(server.current, { logger, logLevel: "debug" })
    const error = await rejection(collect(client.records(LIST, { pageSize: 2 })))
    expect(error).toMatchObject({ _tag: "PagingStalled", repeated: "link" })
    expect((error as Error).message).toContain(`api_key=${REDACTED}`)
    expect(leaked(`${(error as Error).message} ${JSON.stringify(error)}`)).toEqual([])
    expect(lines.some((line) => line.message.includes(`api_key=${REDACTED}`))).toBe(true)
    expect(leaked(JSON.stringify(lines))).toEqual([])
  })
})
