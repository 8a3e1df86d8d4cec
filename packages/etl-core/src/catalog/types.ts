/**
 * The vocabulary of the job catalog: what a job is, how it stands against the vendor spec, and
 * where a fan-out job takes its parent keys from.
 */

/**
 * How a job stands against the vendor spec (the `catalog_status` column of `dw_etl_jobs`).
 *
 * - `valid`: the exported endpoint is in the spec as it was configured.
 * - `fixed`: the exported endpoint was wrong; `endpoint` holds the corrected one.
 * - `disabled`: the job must not run (no such endpoint exists, or it duplicates another job).
 * - `not-in-spec`: the previous system ran it, but the spec has no list endpoint for it.
 */
export const catalogStatuses = ["valid", "fixed", "disabled", "not-in-spec"] as const
export type CatalogStatus = (typeof catalogStatuses)[number]

/**
 * Groups for `trialsync run --category C`.
 *
 * - `core`: top-level master data (sites, studies, patients, staff, sponsors, rooms, ...).
 * - `study`: what hangs off a study (subjects, visit definitions, arms, documents, personnel, ...).
 * - `patient`: a patient's medical history and touches (one call per patient).
 * - `visit`: patient visits and their elements and stipends (the largest tables).
 * - `reference`: system lookup lists.
 * - `finance`: invoices, payments, remittances (mostly CCE-only or not in the spec).
 * - `admin`: users, roles, departments, audits (none of them exist in the spec).
 * - `instance`: the identity and topology of the CC instance.
 */
export const jobCategories = ["core", "study", "patient", "visit", "reference", "finance", "admin", "instance"] as const
export type JobCategory = (typeof jobCategories)[number]

/**
 * The response shape the spec declares for a job's endpoint.
 *
 * - `page`: an OData page object `{ Items, NextPageLink, Count }`.
 * - `odata-array`: a bare array from an `/odata` path (`$top`/`$skip`/`$filter` still apply).
 * - `array`: a bare array from a plain path (the whole list in one response).
 * - `object`: a single object.
 * - `unknown`: the spec has no such path, so nothing is declared.
 */
export const listKinds = ["page", "odata-array", "array", "object", "unknown"] as const
export type ListKind = (typeof listKinds)[number]

/** CC editions an endpoint may be limited to. */
export type Edition = "CCE" | "CCS"

/**
 * Where one `{placeholder}` of a fan-out endpoint gets its value: a field of the parent's record
 * as received from CC (`data` in the parent's staging table).
 */
export interface ParameterBinding {
  /** The placeholder's name, without braces (`studyId` for `{studyId}`). */
  readonly name: string
  /** The staging table holding the parent records. */
  readonly parentTable: string
  /** The job that normally fills `parentTable`, when one job is the preferred producer. */
  readonly parentJobId?: number
  /**
   * Dotted path into the parent record giving the parent's CC id (`id`, `Id`, `study.id`).
   * Never the staging table's own serial `id` column: that was the bug of jobs 11, 13-24, 141,
   * 174 and 175 in the system being replaced.
   */
  readonly keyPath: string
}

/** One job of the catalog. */
export interface CatalogJob<Target extends string = string> {
  /** The id the job had in the system being replaced (operators know them). */
  readonly id: number
  readonly name: string
  /** The endpoint the engine calls, after the fixes. */
  readonly endpoint: string
  /** The endpoint as it was exported, before any fix. */
  readonly originalEndpoint: string
  /** The staging table the job writes. */
  readonly targetTable: Target
  readonly category: JobCategory
  readonly status: CatalogStatus
  /** Why the job has its status and default activity, in a sentence an operator can act on. */
  readonly reason: string
  /** Whether a newly seeded row is active. Operators' later switches win (see `seedCatalog`). */
  readonly activeByDefault: boolean
  /** Whether the job was active in the export of the system being replaced. */
  readonly exportedActive: boolean
  /** One binding per placeholder of `endpoint`; empty for plain jobs. */
  readonly parameters: ReadonlyArray<ParameterBinding>
  /** Jobs that must run first, beyond the producers of the parent tables. */
  readonly dependsOn: ReadonlyArray<number>
  /** Field an incremental `$filter` can use (only `StudyViewModel.lastUpdatedOn` exists). */
  readonly changeField?: string
  readonly listKind: ListKind
  /** `$orderby` field that keeps pages stable (`id` or `Id`, per the item schema's casing; `/odata` only). */
  readonly orderBy?: "id" | "Id"
  /** `$top` override (the engine's default is 1000, the server's maximum). */
  readonly pageSize?: number
  readonly timeoutSeconds?: number
  /** Default schedule (cron expression) for new rows. */
  readonly schedule?: string
  /** The CC edition the endpoint needs; other editions answer 501. */
  readonly requiresEdition?: Edition
}
