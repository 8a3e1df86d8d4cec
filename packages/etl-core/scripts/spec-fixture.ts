/**
 * Regenerates `test/fixtures/spec-get-operations.json` from a copy of the vendor spec.
 *
 * The catalog tests check every endpoint against the spec without reading anything outside this
 * package at test time, so they read this extract: every GET operation in the shape
 * `@trialsync/cc-client` exports as `specOperations`, plus the fields of the schemas a catalog
 * key path can walk through (to prove a key path points at a CC id).
 *
 * Usage: `pnpm tsx packages/etl-core/scripts/spec-fixture.ts <path/to/cc_openapi.json>`
 */
import { readFileSync, writeFileSync } from "node:fs"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"

interface SchemaRef {
  readonly $ref?: string
  readonly type?: string
  readonly items?: SchemaRef
}
interface Operation {
  readonly operationId: string
  readonly deprecated?: boolean
  readonly responses: Record<string, { readonly description?: string; readonly schema?: SchemaRef }>
}
interface Spec {
  readonly paths: Record<string, Record<string, Operation>>
  readonly definitions: Record<string, { readonly properties?: Record<string, SchemaRef> }>
}

const specPath = process.argv[2]
if (!specPath) {
  console.error("usage: spec-fixture.ts <path/to/cc_openapi.json>")
  process.exit(2)
}
const spec = JSON.parse(readFileSync(specPath, "utf8")) as Spec
const refName = (schema: SchemaRef | undefined): string | undefined => schema?.$ref?.split("/").pop()

const describeResponse = (schema: SchemaRef | undefined) => {
  const name = refName(schema)
  if (name?.startsWith("PageResultOf")) {
    const items = spec.definitions[name]?.properties?.Items
    return { responseKind: "page" as const, itemSchema: refName(items?.items) }
  }
  if (name) return { responseKind: "object" as const, itemSchema: name }
  if (schema?.type === "array") return { responseKind: "array" as const, itemSchema: refName(schema.items) }
  return { responseKind: "none" as const, itemSchema: undefined }
}

const operations = Object.entries(spec.paths).flatMap(([path, methods]) => {
  const get = methods.get
  if (!get) return []
  const { responseKind, itemSchema } = describeResponse(get.responses["200"]?.schema)
  const notImplemented = get.responses["501"]?.description
  return [
    {
      method: "GET",
      path,
      operationId: get.operationId,
      responseKind,
      odata: path.endsWith("/odata"),
      ...(itemSchema ? { itemSchema } : {}),
      ...(get.deprecated ? { deprecated: true } : {}),
      ...(notImplemented ? { notImplemented } : {})
    }
  ]
})

// Item schemas and the schemas their fields point at: enough to walk `study.id`.
const wanted = new Set<string>()
for (const op of operations) {
  if (!op.itemSchema) continue
  wanted.add(op.itemSchema)
  for (const field of Object.values(spec.definitions[op.itemSchema]?.properties ?? {})) {
    const nested = refName(field) ?? refName(field.items)
    if (nested) wanted.add(nested)
  }
}
const schemas = Object.fromEntries(
  [...wanted]
    .sort()
    .map((name) => [
      name,
      Object.fromEntries(
        Object.entries(spec.definitions[name]?.properties ?? {}).map(([field, schema]) => [
          field,
          refName(schema) ?? (refName(schema.items) ? `${refName(schema.items)}[]` : (schema.type ?? "unknown"))
        ])
      )
    ])
)

const out = join(dirname(fileURLToPath(import.meta.url)), "../test/fixtures/spec-get-operations.json")
writeFileSync(out, `${JSON.stringify({ operations, schemas }, null, 1)}\n`)
console.log(`wrote ${operations.length} GET operations and ${Object.keys(schemas).length} schemas to ${out}`)
