import { readFileSync } from "node:fs"
import { specFile } from "../scripts/generate-spec.js"
import type { Sandbox } from "../src/index.js"

export interface Answer {
  readonly status: number
  readonly headers: Headers
  readonly text: string
  // biome-ignore lint/suspicious/noExplicitAny: test answers are inspected loosely
  readonly json: any
}

/** GET over real HTTP with the sandbox's key (or the given headers). */
export const get = async (sandbox: Sandbox, path: string, headers?: Record<string, string>): Promise<Answer> => {
  const response = await fetch(`${sandbox.url}${path}`, {
    headers: headers ?? { [sandbox.apiKeyHeader]: sandbox.apiKey }
  })
  const text = await response.text()
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    json = undefined
  }
  return { status: response.status, headers: response.headers, text, json }
}

/** POST JSON to an admin path with the sandbox's key. */
export const post = async (sandbox: Sandbox, path: string, body: unknown): Promise<Answer> => {
  const response = await fetch(`${sandbox.url}${path}`, {
    method: "POST",
    headers: { [sandbox.apiKeyHeader]: sandbox.apiKey, "content-type": "application/json" },
    body: JSON.stringify(body)
  })
  const text = await response.text()
  return { status: response.status, headers: response.headers, text, json: text === "" ? undefined : JSON.parse(text) }
}

/** Every record of a paged `/odata` list, following NextPageLink. */
export const allPages = async (
  sandbox: Sandbox,
  path: string
): Promise<{ records: Array<Record<string, unknown>>; pages: number }> => {
  const records: Array<Record<string, unknown>> = []
  let pages = 0
  let next: string | null = `${sandbox.url}${path}`
  while (next !== null) {
    const answer = await get(sandbox, next.slice(sandbox.url.length))
    if (answer.status !== 200) throw new Error(`GET ${next} answered ${answer.status}: ${answer.text}`)
    records.push(...answer.json.Items)
    next = answer.json.NextPageLink
    pages++
  }
  return { records, pages }
}

interface SpecSchema {
  readonly $ref?: string
  readonly type?: string
  readonly format?: string
  readonly enum?: ReadonlyArray<string>
  readonly items?: SpecSchema
  readonly properties?: Record<string, SpecSchema>
}

/** The vendor spec, committed once beside the client (read directly: independent of the generated module). */
export const spec = JSON.parse(readFileSync(specFile, "utf8")) as {
  paths: Record<string, Record<string, { responses: Record<string, { schema?: SpecSchema }> }>>
  definitions: Record<string, SpecSchema>
}

const refName = (ref: string): string => ref.slice(ref.lastIndexOf("/") + 1)

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/

/** Problems with a primitive value against its property schema (type, format, enum). */
const primitiveProblems = (value: unknown, property: SpecSchema, where: string): Array<string> => {
  if (value === null) return []
  const bad = (what: string): Array<string> => [`${where}: ${JSON.stringify(value)} is not ${what}`]
  if (property.enum !== undefined)
    return property.enum.includes(value as string) ? [] : bad(`one of ${property.enum.join("|")}`)
  switch (property.type) {
    case "integer":
      return Number.isInteger(value) ? [] : bad("an integer")
    case "number":
      return typeof value === "number" && Number.isFinite(value) ? [] : bad("a number")
    case "boolean":
      return typeof value === "boolean" ? [] : bad("a boolean")
    case "string":
      if (typeof value !== "string") return bad("a string")
      if (property.format === "date-time" && !(DATE_TIME.test(value) && !Number.isNaN(Date.parse(value))))
        return bad("a date-time")
      if (property.format === "uuid" && !UUID.test(value)) return bad("a uuid")
      return []
    default:
      return []
  }
}

/**
 * Problems with a value against a spec schema: objects must have exactly the schema's property names
 * (nested objects too), and values the declared type, format (date-time, uuid) and enum; arrays are
 * checked item by item. Returns human-readable problems (empty = ok).
 */
export const schemaProblems = (value: unknown, schemaName: string, where = schemaName): Array<string> => {
  const schema = spec.definitions[schemaName]
  if (schema === undefined) return [`${where}: unknown schema ${schemaName}`]
  if (value === null) return []
  if (typeof value !== "object" || Array.isArray(value))
    return [`${where}: expected an object, got ${JSON.stringify(value)}`]
  const expected = Object.keys(schema.properties ?? {}).sort()
  const actual = Object.keys(value).sort()
  const problems: Array<string> = []
  if (JSON.stringify(expected) !== JSON.stringify(actual)) {
    problems.push(
      `${where}: properties ${JSON.stringify(actual)} differ from ${schemaName} ${JSON.stringify(expected)}`
    )
  }
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    const child = (value as Record<string, unknown>)[name]
    const at = `${where}.${name}`
    if (property.$ref !== undefined) problems.push(...schemaProblems(child, refName(property.$ref), at))
    else if (property.type === "array") {
      if (child === null) continue
      if (!Array.isArray(child)) {
        problems.push(`${at}: expected an array, got ${JSON.stringify(child)}`)
        continue
      }
      child.forEach((item, position) => {
        const items = property.items ?? {}
        if (items.$ref !== undefined) problems.push(...schemaProblems(item, refName(items.$ref), `${at}[${position}]`))
        else problems.push(...primitiveProblems(item, items, `${at}[${position}]`))
      })
    } else problems.push(...primitiveProblems(child, property, at))
  }
  return problems
}
