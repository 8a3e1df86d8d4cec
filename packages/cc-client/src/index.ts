/**
 * @trialsync/cc-client: a typed Clinical Conductor client, generated from the vendor's Swagger
 * spec, with a hand-written transport (retries, rate limits, timeouts, typed errors), an OData
 * builder, pagination over every list shape, and an Effect face for the ETL engine.
 */
export { type CcClient, createCcClient } from "./client.js"
export { CcService, type CcServiceShape, makeCcService } from "./effect.js"
export {
  Aborted,
  BadRequest,
  BadResponse,
  BodyTimeout,
  type CcError,
  type CcErrorFields,
  Forbidden,
  InvalidOptions,
  InvalidQuery,
  isCcError,
  isPermanent,
  Network,
  NotFound,
  NotImplemented,
  PagingStalled,
  RateLimited,
  ResponseTooLarge,
  ServerError,
  Timeout,
  Unauthorized
} from "./errors.js"
export type { GetOperations, ResponseKind, SpecOperation } from "./generated/operations.gen.js"
export { specInfo, specOperations } from "./generated/operations.gen.js"
export { CcSdk } from "./generated/sdk.gen.js"
export type * from "./generated/types.gen.js"
export { parseJsonText } from "./json-text.js"
export type { ListShape } from "./list-shape.js"
export {
  type CcLogFields,
  type CcLogger,
  type CcLogLevel,
  createJsonLineLogger,
  makeScrub,
  type Scrub
} from "./logger.js"
export type { CcMetrics } from "./metrics.js"
export {
  isODataFilter,
  MAX_PAGE_SIZE,
  type ODataField,
  type ODataFilter,
  type ODataFilterBuilder,
  type ODataLiteral,
  type ODataQuery,
  type ODataStringField,
  type ODataValueFor,
  odata
} from "./odata.js"
export { type CcClientOptions, DEFAULT_MAX_RESPONSE_BYTES } from "./options.js"
export type { Page, PageCursor } from "./pager.js"
export { parseRetryAfter } from "./retry-policy.js"
export type {
  GetArgs,
  GetOptions,
  GetPath,
  ItemOf,
  ItemOfResponse,
  ListPath,
  PaginateOptions,
  PathParams,
  QueryOf,
  ResponseOf,
  UntypedGetOptions
} from "./types.js"
export type { QueryValue } from "./url.js"
