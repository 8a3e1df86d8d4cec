/**
 * The checked-in patch applied to the vendor's Swagger 2.0 spec before code generation
 * (`pnpm generate` runs it; the drift test runs it too).
 *
 * Why a patch at all: the spec is produced by ASP.NET Web API and leaks its internals.
 * - OData query options are not declared. Each `/odata` GET has a typeless header parameter
 *   `queryOptions` instead, which no client can fill meaningfully. We drop it everywhere and
 *   declare `$filter`, `$top`, `$skip`, `$orderby`, `$count`, `$select` and `$expand` as typed
 *   query parameters on every `/odata` GET, so generated calls accept them.
 * - The security scheme says `"in": "Header"` (invalid casing), so generators drop or choke on it.
 *   More importantly the header name must be configurable (`CCAPIKey` by default, `X-ApiKey` on
 *   older installs), so auth is set by the client's transport from its config, never by the
 *   generated code. We remove the scheme and the per-operation `security` blocks.
 *
 * The patch is pure: it returns a patched deep copy and never touches the input.
 */

/** A Swagger 2.0 document, loosely typed: the patch only touches paths, parameters and security. */
export interface SwaggerDocument {
  swagger: string
  info: { version: string; title: string; [key: string]: unknown }
  paths: Record<string, Record<string, SwaggerOperation>>
  securityDefinitions?: Record<string, unknown>
  security?: unknown
  [key: string]: unknown
}

export interface SwaggerOperation {
  operationId?: string
  parameters?: SwaggerParameter[]
  responses: Record<string, { description?: string; schema?: Record<string, unknown> }>
  security?: unknown
  [key: string]: unknown
}

export interface SwaggerParameter {
  name: string
  in: string
  type?: string
  format?: string
  required?: boolean
  description?: string
  [key: string]: unknown
}

/** The largest page the server serves (docs/design.md §3). */
export const MAX_PAGE_SIZE = 1000

/** The OData system query options declared on every `/odata` GET, in this order. */
export const ODATA_QUERY_PARAMETERS: ReadonlyArray<SwaggerParameter> = [
  {
    name: "$filter",
    in: "query",
    type: "string",
    required: false,
    description: "OData filter expression, e.g. `lastUpdatedOn gt 2025-01-02T03:04:05Z`."
  },
  {
    name: "$top",
    in: "query",
    type: "integer",
    format: "int32",
    minimum: 1,
    maximum: MAX_PAGE_SIZE,
    required: false,
    description: `Page size. The server returns 50 rows when absent and at most ${MAX_PAGE_SIZE}.`
  },
  {
    name: "$skip",
    in: "query",
    type: "integer",
    format: "int32",
    minimum: 0,
    required: false,
    description: "Number of rows to skip."
  },
  {
    name: "$orderby",
    in: "query",
    type: "string",
    required: false,
    description: "OData order, e.g. `id asc`."
  },
  {
    name: "$count",
    in: "query",
    type: "boolean",
    required: false,
    description: "Ask the server to report the total count."
  },
  { name: "$select", in: "query", type: "string", required: false, description: "OData field selection." },
  { name: "$expand", in: "query", type: "string", required: false, description: "OData navigation expansion." }
]

/** The ASP.NET leak replaced by typed OData parameters. */
const LEAKED_HEADER_PARAMETER = "queryOptions"

/** True for the list endpoints that speak OData (all of them are GETs ending in `/odata`). */
export const isODataPath = (path: string): boolean => path.endsWith("/odata")

/**
 * Patch the vendor spec for generation.
 *
 * @example
 * ```ts
 * import { readFileSync } from "node:fs"
 * import { patchSpec } from "./patch.js"
 * const patched = patchSpec(JSON.parse(readFileSync("spec/cc_openapi.json", "utf8")))
 * patched.paths["/api/v1/appointments/odata"]?.get?.parameters?.map((p) => p.name) // ["$filter", "$top", ...]
 * ```
 */
export const patchSpec = (original: SwaggerDocument): SwaggerDocument => {
  const spec = structuredClone(original)
  delete spec.securityDefinitions
  delete spec.security
  for (const [path, item] of Object.entries(spec.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      delete operation.security
      const kept = (operation.parameters ?? []).filter(
        (parameter) => !(parameter.in.toLowerCase() === "header" && parameter.name === LEAKED_HEADER_PARAMETER)
      )
      if (method === "get" && isODataPath(path)) {
        const declared = new Set(kept.map((parameter) => parameter.name))
        for (const parameter of ODATA_QUERY_PARAMETERS) {
          if (!declared.has(parameter.name)) kept.push({ ...parameter })
        }
      }
      operation.parameters = kept
    }
  }
  return spec
}
