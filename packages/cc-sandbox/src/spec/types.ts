/**
 * Compact view of the vendor spec (Swagger 2.0) that the sandbox needs at run time. The generated
 * module `src/generated/spec.ts` holds these values; `scripts/generate-spec.ts` writes it from
 * `spec/cc_openapi.json`, and a test proves the two agree.
 */

/**
 * A property type, encoded as a short string so the generated module stays small:
 * `integer:int32`, `integer:int64`, `number:double`, `boolean`, `string`, `string:date-time`,
 * `string:uuid`, `enum:A|B|C`, `ref:SchemaName`, `array:<type>`, `object`.
 */
export type TypeCode = string

/** One schema definition: its properties in the spec's order, and which of them are required. */
export interface SchemaDef {
  readonly props: ReadonlyArray<readonly [name: string, type: TypeCode]>
  readonly required: ReadonlyArray<string>
}

/**
 * The 200 answer of a GET operation:
 * `page:Item` (a `{Items, NextPageLink, Count}` page object), `array:Item`, `array:string`,
 * `object:Schema`, or `none` when the spec declares no body.
 */
export type ResponseCode = string

/** One GET operation of the spec. */
export interface GetOperation {
  readonly path: string
  readonly response: ResponseCode
  /** Query parameters the spec declares (OData options are not declared: ASP.NET leaks them as a header). */
  readonly query: ReadonlyArray<string>
  /** True when the spec documents a 501 answer ("only available in CCE instances"). */
  readonly cceOnly: boolean
}
