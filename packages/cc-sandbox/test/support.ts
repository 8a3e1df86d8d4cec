import { readFileSync } from "node:fs"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
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
  readonly items?: SpecSchema
  readonly properties?: Record<string, SpecSchema>
}

/** The vendor spec as copied into the package (read directly: independent of the generated module). */
export const spec = JSON.parse(
  readFileSync(join(dirname(fileURLToPath(import.meta.url)), "..", "spec", "cc_openapi.json"), "utf8")
) as {
  paths: Record<string, Record<string, { responses: Record<string, { schema?: SpecSchema }> }>>
  definitions: Record<string, SpecSchema>
}

const refName = (ref: string): string => ref.slice(ref.lastIndexOf("/") + 1)

/**
 * Problems with a value against a spec schema: objects must have exactly the schema's property names
 * (nested objects too), arrays are checked item by item. Returns human-readable problems (empty = ok).
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
    if (property.$ref !== undefined) problems.push(...schemaProblems(child, refName(property.$ref), `${where}.${name}`))
    else if (property.type === "array" && property.items?.$ref !== undefined && Array.isArray(child)) {
      child.forEach((item, at) => {
        problems.push(...schemaProblems(item, refName(property.items!.$ref!), `${where}.${name}[${at}]`))
      })
    }
  }
  return problems
}
