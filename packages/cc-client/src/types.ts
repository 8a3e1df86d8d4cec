/**
 * Types that key the client's methods by the spec's path templates: `client.get(path)` knows the
 * path parameters, query options and response type of each of the 164 GETs, and
 * `client.paginate(path)` knows the record type of each list.
 */
import type { GetOperations } from "./generated/operations.gen.js"
import type { ODataFilter } from "./odata.js"
import type { PageCursor } from "./pager.js"
import type { QueryValue } from "./url.js"

/** Every GET path template of the spec, e.g. `/api/v1/studies/{studyId}/subjects/odata`. */
export type GetPath = keyof GetOperations

type Operation<P extends GetPath> = GetOperations[P]

/** The 200 response type of a GET path. */
export type ResponseOf<P extends GetPath> = Operation<P>["responses"] extends { 200: infer R }
  ? R
  : Operation<P>["responses"][keyof Operation<P>["responses"]]

/** The path parameters of a GET path (`never` when it has none). */
export type PathParams<P extends GetPath> = NonNullable<Operation<P>["data"]["path"]>

type WidenFilter<Q> = Q extends { $filter?: string } ? Omit<Q, "$filter"> & { $filter?: string | ODataFilter } : Q

/** The query parameters of a GET path (`$filter` also takes a built `odata` expression). */
export type QueryOf<P extends GetPath> = WidenFilter<NonNullable<Operation<P>["data"]["query"]>>

/** The record type of a list response: the element of a bare array, or of a page object's `Items`. */
export type ItemOfResponse<R> =
  R extends ReadonlyArray<infer T>
    ? T
    : R extends object
      ? "Items" extends keyof R
        ? NonNullable<R["Items" & keyof R]> extends ReadonlyArray<infer T>
          ? T
          : never
        : never
      : never

/** GET paths that answer with a list (bare array or page object): the ones `paginate` accepts typed. */
export type ListPath = {
  [P in GetPath]: [ItemOfResponse<ResponseOf<P>>] extends [never] ? never : P
}[GetPath]

/** The record type of a list path. */
export type ItemOf<P extends ListPath> = ItemOfResponse<ResponseOf<P>>

type ParamsField<P extends GetPath> = [PathParams<P>] extends [never]
  ? { readonly params?: undefined }
  : { readonly params: PathParams<P> }

/** Options of a typed `get`: `params` is required exactly when the path has placeholders. */
export type GetOptions<P extends GetPath> = ParamsField<P> & {
  readonly query?: QueryOf<P>
  readonly signal?: AbortSignal
}

/** `get`'s rest arguments: the options may be left out only for paths without placeholders. */
export type GetArgs<P extends GetPath> = [PathParams<P>] extends [never]
  ? [options?: GetOptions<P>]
  : [options: GetOptions<P>]

/** Options of an untyped `get` (a path held as data). */
export interface UntypedGetOptions {
  readonly params?: Readonly<Record<string, string | number>>
  readonly query?: Readonly<Record<string, QueryValue>>
  readonly signal?: AbortSignal
}

/** Options of `paginate` and `records`. */
export interface PaginateOptions<P = string> {
  /** Path placeholders. */
  readonly params?: P extends GetPath
    ? [PathParams<P>] extends [never]
      ? undefined
      : PathParams<P>
    : Readonly<Record<string, string | number>>
  /** `$filter` (string or built), `$orderby`, `$count`, `$select`, `$expand`, and other query parameters. */
  readonly query?: P extends GetPath ? QueryOf<P> : Readonly<Record<string, QueryValue>>
  /** `$top`: default 1000, at most 1000 (more is an `InvalidQuery` before any request). */
  readonly pageSize?: number
  /** Resume: continue from a cursor an earlier page reported as `next`. */
  readonly start?: PageCursor
  readonly signal?: AbortSignal
}
