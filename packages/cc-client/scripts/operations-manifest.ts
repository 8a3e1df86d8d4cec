/**
 * Renders `src/generated/operations.gen.ts`: `specOperations` (metadata for every operation of the
 * spec, which the engine validates its catalog against) and `GetOperations` (a type map from each
 * GET path template to its generated request and response types, behind `client.get(path)`).
 */
import { isODataPath, type SwaggerDocument, type SwaggerOperation } from "../spec/patch.js"
import type { SdkMethod } from "./sdk-methods.js"

type ResponseKind = "page" | "array" | "object" | "none"

interface OperationMeta {
  method: string
  path: string
  operationId: string
  sdkMethod: string
  responseKind: ResponseKind
  odata: boolean
  schema?: string
  itemSchema?: string
  pathParams: ReadonlyArray<string>
  auth: boolean
}

type Schema = Record<string, unknown>

const refName = (schema: Schema | undefined): string | undefined =>
  typeof schema?.$ref === "string" ? schema.$ref.replace("#/definitions/", "") : undefined

const successSchema = (operation: SwaggerOperation): Schema | undefined => {
  const status = Object.keys(operation.responses)
    .filter((code) => code.startsWith("2"))
    .sort()[0]
  return status === undefined ? undefined : operation.responses[status]?.schema
}

/** Page objects are the spec's `PageResultOf...` definitions: `{ Items, NextPageLink, Count }`. */
const pageItemSchema = (spec: SwaggerDocument, name: string): string | undefined => {
  const definitions = spec.definitions as Record<string, Schema> | undefined
  const properties = definitions?.[name]?.properties as Record<string, Schema> | undefined
  const items = properties?.Items
  if (items?.type !== "array") return undefined
  return refName(items.items as Schema) ?? String((items.items as Schema | undefined)?.type ?? "unknown")
}

const describeResponse = (
  spec: SwaggerDocument,
  operation: SwaggerOperation
): Pick<OperationMeta, "responseKind" | "schema" | "itemSchema"> => {
  const schema = successSchema(operation)
  if (schema === undefined) return { responseKind: "none" }
  if (schema.type === "array") {
    const items = schema.items as Schema | undefined
    return { responseKind: "array", itemSchema: refName(items) ?? String(items?.type ?? "unknown") }
  }
  const name = refName(schema)
  const pageItems = name === undefined ? undefined : pageItemSchema(spec, name)
  if (name !== undefined && pageItems !== undefined && name.startsWith("PageResultOf")) {
    return { responseKind: "page", schema: name, itemSchema: pageItems }
  }
  return name === undefined ? { responseKind: "object" } : { responseKind: "object", schema: name }
}

const placeholders = (path: string): ReadonlyArray<string> =>
  Array.from(path.matchAll(/\{([^}]+)\}/g), (match) => match[1] as string)

const needsAuth = (original: SwaggerDocument, path: string, method: string): boolean => {
  const security = original.paths[path]?.[method]?.security ?? original.security
  return Array.isArray(security) && security.length > 0
}

const quote = (value: string): string => JSON.stringify(value)

const renderMeta = (meta: OperationMeta): string => {
  const fields = [
    `method: ${quote(meta.method)}`,
    `path: ${quote(meta.path)}`,
    `operationId: ${quote(meta.operationId)}`,
    `sdkMethod: ${quote(meta.sdkMethod)}`,
    `responseKind: ${quote(meta.responseKind)}`,
    `odata: ${meta.odata}`,
    ...(meta.schema === undefined ? [] : [`schema: ${quote(meta.schema)}`]),
    ...(meta.itemSchema === undefined ? [] : [`itemSchema: ${quote(meta.itemSchema)}`]),
    `pathParams: [${meta.pathParams.map(quote).join(", ")}]`,
    `auth: ${meta.auth}`
  ]
  return `  { ${fields.join(", ")} }`
}

const PREAMBLE = `
/** What a response holds: a page object \`{ Items, NextPageLink, Count }\`, a bare array, one object, or nothing. */
export type ResponseKind = "page" | "array" | "object" | "none"

/** One operation of the vendor spec, as the generator saw it (after spec/patch.ts). */
export interface SpecOperation {
  readonly method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE"
  /** The path template, e.g. \`/api/v1/studies/{studyId}/subjects/odata\`. */
  readonly path: string
  readonly operationId: string
  /** The method of \`CcSdk\` (\`client.sdk\`) that calls it. */
  readonly sdkMethod: string
  readonly responseKind: ResponseKind
  /** True for \`/odata\` GETs, which accept \`$filter\`, \`$top\`, \`$skip\`, \`$orderby\`, \`$count\`, \`$select\`, \`$expand\`. */
  readonly odata: boolean
  /** The response's schema name (page objects and single objects). */
  readonly schema?: string
  /** The schema of one record of a list (page items or array elements). */
  readonly itemSchema?: string
  /** The placeholders of the path template, in order. */
  readonly pathParams: ReadonlyArray<string>
  /** False only where the spec declares no API key (\`/api/v1/instance/details\`). */
  readonly auth: boolean
}
`

/**
 * The module text and the number of operations it describes.
 *
 * @example
 * ```ts
 * const { source } = renderOperationsModule({ spec, original, methods, header, specSha256 })
 * ```
 */
export const renderOperationsModule = (input: {
  readonly spec: SwaggerDocument
  readonly original: SwaggerDocument
  readonly methods: ReadonlyArray<SdkMethod>
  readonly header: ReadonlyArray<string>
  readonly specSha256: string
}): { source: string; operations: number } => {
  const byKey = new Map(input.methods.map((method) => [`${method.httpMethod} ${method.url}`, method]))
  const metas: OperationMeta[] = []
  const getTypes: Array<{ path: string; sdk: SdkMethod }> = []
  for (const [path, item] of Object.entries(input.spec.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      const httpMethod = method.toUpperCase()
      const sdk = byKey.get(`${httpMethod} ${path}`)
      if (sdk === undefined) throw new Error(`generate: no CcSdk method for ${httpMethod} ${path}`)
      metas.push({
        method: httpMethod,
        path,
        operationId: operation.operationId ?? sdk.name,
        sdkMethod: sdk.name,
        ...describeResponse(input.spec, operation),
        odata: method === "get" && isODataPath(path),
        pathParams: placeholders(path),
        auth: needsAuth(input.original, path, method)
      })
      if (httpMethod === "GET") getTypes.push({ path, sdk })
    }
  }
  const imports = getTypes.flatMap(({ sdk }) => [sdk.dataType, sdk.responsesType]).sort()
  const info = input.original.info
  const source = [
    ...input.header,
    "",
    `import type { ${imports.join(", ")} } from './types.gen.js';`,
    PREAMBLE,
    "/** The spec this code was generated from. */",
    `export const specInfo = { title: ${quote(info.title)}, version: ${quote(info.version)}, sha256: ${quote(input.specSha256)} } as const;`,
    "",
    `/** Every operation of the spec (${metas.length}), in spec order. */`,
    "export const specOperations: ReadonlyArray<SpecOperation> = [",
    metas.map(renderMeta).join(",\n"),
    "];",
    "",
    `/** Each GET path template (${getTypes.length}) with its generated request and responses types. */`,
    "export interface GetOperations {",
    ...getTypes.map(
      ({ path, sdk }) =>
        `  ${quote(path)}: { data: ${sdk.dataType}; responses: ${sdk.responsesType}; sdkMethod: ${quote(sdk.name)} };`
    ),
    "}",
    ""
  ].join("\n")
  return { source, operations: metas.length }
}
