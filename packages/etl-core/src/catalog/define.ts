/**
 * The compact row format of the catalog data and its expansion into {@link CatalogJob}s.
 *
 * Rows keep the data file readable as a table: one object per job, with defaults for what most
 * jobs share (status `valid`, the endpoint unchanged, no dependencies).
 */
import type { CatalogJob, CatalogStatus, Edition, JobCategory, ListKind, ParameterBinding } from "./types.js"

/** One job as written in the data file. */
export interface JobRow {
  readonly id: number
  readonly name: string
  readonly endpoint: string
  readonly target: string
  readonly category: JobCategory
  readonly list: ListKind
  readonly active: boolean
  /** Defaults to `valid`. */
  readonly status?: CatalogStatus
  /** Required unless the status is `valid` and the job is active. */
  readonly reason?: string
  /** The exported endpoint, when `endpoint` differs from it. */
  readonly original?: string
  /** `false` when the export had the job disabled. */
  readonly exported?: boolean
  readonly params?: ReadonlyArray<ParameterBinding>
  readonly dependsOn?: ReadonlyArray<number>
  readonly changeField?: string
  readonly orderBy?: "id" | "Id"
  readonly pageSize?: number
  readonly timeoutSeconds?: number
  readonly schedule?: string
  readonly edition?: Edition
}

const validReason = "The endpoint is in the vendor spec as exported; it runs as configured."

/** Expands one row; throws at module load when a row breaks the rules the tests also check. */
const expand = <Target extends string>(row: JobRow & { readonly target: Target }): CatalogJob<Target> => {
  const status = row.status ?? "valid"
  if (row.reason === undefined && (status !== "valid" || !row.active)) {
    throw new Error(`Catalog job ${row.id} (${row.name}) is ${status}/inactive but has no reason: add one.`)
  }
  return {
    id: row.id,
    name: row.name,
    endpoint: row.endpoint,
    originalEndpoint: row.original ?? row.endpoint,
    targetTable: row.target,
    category: row.category,
    status,
    reason: row.reason ?? validReason,
    activeByDefault: row.active,
    exportedActive: row.exported ?? true,
    parameters: row.params ?? [],
    dependsOn: row.dependsOn ?? [],
    listKind: row.list,
    ...(row.changeField === undefined ? {} : { changeField: row.changeField }),
    ...(row.orderBy === undefined ? {} : { orderBy: row.orderBy }),
    ...(row.pageSize === undefined ? {} : { pageSize: row.pageSize }),
    ...(row.timeoutSeconds === undefined ? {} : { timeoutSeconds: row.timeoutSeconds }),
    ...(row.schedule === undefined ? {} : { schedule: row.schedule }),
    ...(row.edition === undefined ? {} : { requiresEdition: row.edition })
  }
}

/**
 * Turns rows into catalog jobs, keeping each row's target as a literal type so the union of
 * targets can be derived from the data.
 */
export const defineJobs = <const Rows extends ReadonlyArray<JobRow>>(
  rows: Rows
): ReadonlyArray<CatalogJob<Rows[number]["target"]>> => rows.map((row) => expand(row))

/** `{placeholder}` bound to the CC id of a parent record. */
const binding =
  (parentTable: string, parentJobId: number) =>
  (name: string, keyPath = "id"): ParameterBinding => ({ name, parentTable, parentJobId, keyPath })

/** A placeholder filled with a study's CC id (studies come from job 2). */
export const fromStudy = binding("dim_studies_staging", 2)
/** A placeholder filled with a patient's CC id (patients come from job 3). */
export const fromPatient = binding("dim_patients_staging", 3)
/** A placeholder filled from a subject record (subjects come from job 10). */
export const fromSubject = binding("dim_subjects_staging", 10)
/** A placeholder filled with a patient visit's CC id (patient visits come from job 9). */
export const fromPatientVisit = binding("dim_patient_visits_staging", 9)
/** A placeholder filled with a visit definition's CC id (visits come from job 11). */
export const fromVisit = binding("dim_visits_staging", 11)
