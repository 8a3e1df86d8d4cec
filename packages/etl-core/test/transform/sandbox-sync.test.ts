/**
 * Silver from a sandbox over real HTTP, through a scripted sequence of source changes: a first
 * sync, then `sandbox.mutate` (updates, inserts, deletions) and a second sync, then a deleted
 * subject coming back. Checks exact Type-2 histories against the Bronze rows before and after,
 * that the incremental transformation equals a full one (on the same warehouse, and against a
 * fresh warehouse on the other driver loaded with the final data), and that no personal data
 * reaches Silver or Gold.
 */
import { type Sandbox, startSandbox } from "@trialsync/cc-sandbox"
import type { Warehouse } from "@trialsync/warehouse"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { transform } from "../../src/index.js"
import { statusGroupOf } from "../../src/transform/silver/subject-status.js"
import { loadBronze, registerInstance } from "./support/bronze.js"
import { type DriverName, driverNames, rows, rowsWritten, useWarehouse } from "./support/harness.js"
import { findPersonalData } from "./support/privacy.js"

const now = new Date("2025-12-02T12:00:00Z")
const beginning = "1900-01-01T00:00:00.000Z"
const end = "9999-12-31T00:00:00.000Z"

/** The source fields behind each Type-2 dimension's tracked attributes, written out independently. */
const trackedSources = {
  dim_studies: {
    staging: "dim_studies_staging",
    key: "study_id",
    paths: ["uid", "name", "title", "identifier", "protocolNumber", "nctNumber", "phase", "status", "category"]
      .concat(["subcategory", "studyGroup", "sponsor.id", "sponsor.name", "managingSite.id", "organization.name"])
      .concat(["launchYear", "createdOn"])
  },
  dim_patients: {
    staging: "dim_patients_staging",
    key: "patient_id",
    paths: [
      "uid",
      "primarySite.id",
      "status",
      "genderCode",
      "race",
      "ethnicity",
      "maritalStatus",
      "nativeLanguage"
    ].concat(["state", "country", "dateOfBirth:year", "dateOfDeath:present"])
  },
  dim_subjects: {
    staging: "dim_subjects_staging",
    key: "subject_id",
    paths: ["uid", "study.id", "site.id", "patient.id", "status", "arm.Id", "arm.Name", "protocolVersion.id"]
      .concat(["protocolVersion.name", "genderCode", "race", "ethnicity", "enrollmentDate", "screeningNumber"])
      .concat(["randomizationNumber", "treatmentStatus", "treatmentStart"])
  }
} as const

type Dimension = keyof typeof trackedSources

const read = (record: unknown, path: string): unknown => {
  const [dotted, mode] = path.split(":")
  let value: unknown = record
  for (const segment of dotted!.split(".")) {
    if (value === null || typeof value !== "object") return null
    const object = value as Record<string, unknown>
    const flipped =
      (segment[0] === segment[0]!.toUpperCase() ? segment[0]!.toLowerCase() : segment[0]!.toUpperCase()) +
      segment.slice(1)
    value = object[segment] ?? object[flipped] ?? null
  }
  if (mode === "year") return typeof value === "string" ? value.slice(0, 4) : null
  if (mode === "present") return value !== null
  return value
}

const tracked = (dimension: Dimension, record: unknown) =>
  JSON.stringify(trackedSources[dimension].paths.map((path) => read(record, path)))

interface StagingRow {
  readonly record_key: string
  readonly parent_key: string
  readonly data: unknown
  readonly updated_at: string
  readonly is_deleted: boolean
}

const stagingRows = async (warehouse: Warehouse, table: string, instance: number) =>
  new Map(
    (
      await warehouse.query<{
        record_key: string
        parent_key: string
        data: unknown
        updated_at: Date
        is_deleted: boolean
      }>(`SELECT record_key, parent_key, data, updated_at, is_deleted FROM ${table} WHERE source_instance_id = $1`, [
        instance
      ])
    ).map((row): [string, StagingRow] => [
      row.record_key,
      { ...row, updated_at: new Date(row.updated_at).toISOString() }
    ])
  )

/** The exact history a key must have, from its staging row before and after the second sync. */
const expectedHistory = (dimension: Dimension, before: StagingRow | undefined, after: StagingRow) => {
  const first = { effective_start_date: beginning, effective_end_date: end, is_current: true, is_deleted: false }
  if (before === undefined || before.is_deleted) return after.is_deleted ? [] : [first]
  if (after.is_deleted) return [{ ...first, effective_end_date: after.updated_at, is_current: false, is_deleted: true }]
  if (after.updated_at === before.updated_at || tracked(dimension, before.data) === tracked(dimension, after.data))
    return [first]
  return [
    { ...first, effective_end_date: after.updated_at, is_current: false },
    { ...first, effective_start_date: after.updated_at }
  ]
}

const other = (driver: DriverName): DriverName => (driver === "postgresql" ? "pglite" : "postgresql")

describe.each(driverNames)("a sandbox synced, mutated and synced again (%s)", (driver) => {
  const main = useWarehouse(driver, "transform_sandbox")
  const fresh = useWarehouse(other(driver), "transform_sandbox_full")
  let sandbox: Sandbox
  let warehouse: Warehouse
  let instance: number
  const before = new Map<Dimension, Map<string, StagingRow>>()

  beforeAll(async () => {
    sandbox = await startSandbox({ scale: 0.0002, seed: 1 })
    warehouse = main.warehouse()
    instance = await registerInstance(warehouse, "sandbox")
    await loadBronze(warehouse, sandbox, { instanceId: instance })
    const first = await transform(warehouse, { now })
    expect(first.mode).toBe("full")
    expect(first.status).toBe("success")
    for (const dimension of Object.keys(trackedSources) as Array<Dimension>) {
      before.set(dimension, await stagingRows(warehouse, trackedSources[dimension].staging, instance))
    }
    const summary = sandbox.mutate({ fraction: 0.3 })
    // The scripted sequence needs each kind of change; this seed and fraction provide them.
    expect(summary.byEntity.subject).toMatchObject({ deleted: 1, inserted: 1 })
    expect(summary.byEntity.patient?.updated).toBeGreaterThan(0)
    await loadBronze(warehouse, sandbox, { instanceId: instance })
  })
  afterAll(() => sandbox?.stop())

  it("each dimension key has exactly the history its staging rows call for", async () => {
    const report = await transform(warehouse, { now })
    expect(report.mode).toBe("incremental")
    expect(report.status).toBe("success")
    const kinds = { changed: 0, unchanged: 0, deleted: 0, inserted: 0 }
    for (const dimension of Object.keys(trackedSources) as Array<Dimension>) {
      const { staging, key } = trackedSources[dimension]
      const after = await stagingRows(warehouse, staging, instance)
      const versions = await rows(
        warehouse,
        `SELECT ${key}::text AS key, effective_start_date, effective_end_date, is_current, is_deleted FROM ${dimension}
          WHERE source_instance_id = $1 ORDER BY ${key}, effective_start_date`,
        [instance]
      )
      for (const [recordKey, row] of after) {
        const expected = expectedHistory(dimension, before.get(dimension)!.get(recordKey), row)
        const actual = versions
          .filter((version) => String(version.key) === recordKey)
          .map(({ key: _key, ...rest }) => rest)
        expect(actual, `${dimension} ${recordKey}`).toEqual(expected)
        kinds[
          expected.length === 2
            ? "changed"
            : expected[0]?.is_deleted
              ? "deleted"
              : before.get(dimension)!.has(recordKey)
                ? "unchanged"
                : "inserted"
        ]++
      }
    }
    // The sequence really covered every case.
    expect(kinds.changed).toBeGreaterThan(0)
    expect(kinds.deleted).toBeGreaterThan(0)
    expect(kinds.inserted).toBeGreaterThan(0)
    expect(kinds.unchanged).toBeGreaterThan(0)
    // Subjects changed only in untracked fields (their narrative) got no new version.
    const subjects = await stagingRows(warehouse, "dim_subjects_staging", instance)
    const touchedOnly = [...subjects.values()].filter(
      (row) =>
        !row.is_deleted &&
        before.get("dim_subjects")!.get(row.record_key)?.updated_at !== row.updated_at &&
        before.get("dim_subjects")!.has(row.record_key) &&
        tracked("dim_subjects", before.get("dim_subjects")!.get(row.record_key)!.data) ===
          tracked("dim_subjects", row.data)
    )
    expect(touchedOnly.length).toBeGreaterThan(0)
  })

  it("the incremental transformation left Silver as a full rebuild makes it", async () => {
    expect(rowsWritten(await transform(warehouse, { mode: "full", now }))).toBe(0)
    const rebuilt = fresh.warehouse()
    const rebuiltInstance = await registerInstance(rebuilt, "sandbox")
    await loadBronze(rebuilt, sandbox, { instanceId: rebuiltInstance })
    const report = await transform(rebuilt, { now })
    expect(report.mode).toBe("full")
    for (const table of await silverTables(warehouse)) {
      const left = await comparable(warehouse, table, instance)
      const right = await comparable(rebuilt, table, rebuiltInstance)
      expect(left.length, table).toBeGreaterThan(0)
      expect(left, table).toEqual(right)
    }
  })

  it("Gold counts enrolled subjects by their statuses: completed, dropped and active among them", async () => {
    const current = await rows(
      warehouse,
      "SELECT status FROM dim_subjects WHERE source_instance_id = $1 AND is_current AND study_id IS NOT NULL",
      [instance]
    )
    const groups = current.map((row) => statusGroupOf(String(row.status)))
    const expected = {
      enrolled: groups.filter((group) => group === "enrolled" || group === "completed" || group === "dropped").length,
      completed: groups.filter((group) => group === "completed").length,
      dropped: groups.filter((group) => group === "dropped").length,
      failures: groups.filter((group) => group === "screenFailure").length
    }
    const [gold] = await rows(
      warehouse,
      `SELECT sum(subjects_total)::int AS total, sum(subjects_enrolled)::int AS enrolled, sum(completed)::int AS completed,
              sum(dropped)::int AS dropped, sum(active)::int AS active, sum(screen_failures)::int AS failures
         FROM v_study_enrollment_summary WHERE source_instance_id = $1`,
      [instance]
    )
    expect(gold).toMatchObject(expected)
    expect(expected.completed).toBeGreaterThan(0)
    expect(expected.dropped).toBeGreaterThan(0)
    expect(expected.failures).toBeGreaterThan(0)
    expect(Number(gold?.enrolled)).toBeLessThan(Number(gold?.total))
    expect(Number(gold?.active)).toBe(expected.enrolled - expected.completed - expected.dropped)
  })

  it("no SSN, phone number, e-mail or street address reaches Silver or Gold", async () => {
    const found = await findPersonalData(warehouse, instance)
    expect(found.values.length).toBeGreaterThan(100)
    expect(found.columnsScanned).toBeGreaterThan(50)
    expect(found.violations).toEqual([])
    // The scan would have seen one: plant a patient's SSN and a phone number in Silver for a moment.
    const ssn = found.values.find((value) => /^(\d{3}|X{3})-/.test(value))!
    await warehouse.query(
      "UPDATE dim_staff SET display_name = $2, profession = '(555) 010-2000' WHERE staff_key = (SELECT min(staff_key) FROM dim_staff WHERE source_instance_id = $1)",
      [instance, ssn]
    )
    const planted = await findPersonalData(warehouse, instance)
    await transform(warehouse, { mode: "full", now })
    expect(planted.violations.map(({ relation, column }) => `${relation}.${column}`)).toEqual([
      "dim_staff.display_name",
      "dim_staff.profession"
    ])
    // A full transformation compares what rows hold, so it repaired the edited row.
    expect((await findPersonalData(warehouse, instance)).violations).toEqual([])
  })

  it("a deleted subject that comes back opens a new version", async () => {
    const subjects = await stagingRows(warehouse, "dim_subjects_staging", instance)
    const gone = [...subjects.values()].find((row) => row.is_deleted)!
    const [run] = await warehouse.query<{ id: number }>(
      "INSERT INTO dw_etl_runs (job_id, source_instance_id) VALUES (10, $1) RETURNING id",
      [instance]
    )
    const old = before.get("dim_subjects")!.get(gone.record_key)!
    await warehouse.loadStaging("dim_subjects_staging", [old.data], {
      instanceId: instance,
      jobId: 10,
      runId: run!.id,
      parentKey: old.parent_key
    })
    const revived = (await stagingRows(warehouse, "dim_subjects_staging", instance)).get(gone.record_key)!
    expect(revived.is_deleted).toBe(false)
    await transform(warehouse, { now })
    expect(
      await rows(
        warehouse,
        `SELECT effective_start_date, effective_end_date, is_current, is_deleted FROM dim_subjects
          WHERE source_instance_id = $1 AND subject_id = $2 ORDER BY effective_start_date`,
        [instance, Number(gone.record_key)]
      )
    ).toEqual([
      { effective_start_date: beginning, effective_end_date: gone.updated_at, is_current: false, is_deleted: true },
      { effective_start_date: revived.updated_at, effective_end_date: end, is_current: true, is_deleted: false }
    ])
  })
})

const silverTables = async (warehouse: Warehouse) =>
  (
    await warehouse.query<{ relname: string }>(
      `SELECT relname FROM pg_class WHERE relkind = 'r' AND relnamespace = current_schema()::regnamespace
         AND (relname LIKE 'dim\\_%' OR relname LIKE 'fact\\_%') AND relname NOT LIKE '%\\_staging' AND relname <> 'dim_date'
       ORDER BY relname`
    )
  ).map((row) => row.relname)

/**
 * A table's rows as business data: the current versions of dimensions, every fact; without
 * surrogate keys, instance and lineage (they differ between two warehouses by construction).
 */
const comparable = async (warehouse: Warehouse, table: string, instance: number) => {
  const columns = (
    await warehouse.query<{ attname: string }>(
      "SELECT attname FROM pg_attribute WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum",
      [table]
    )
  )
    .map((row) => row.attname)
    .filter(
      (column) =>
        !column.endsWith("_key") &&
        ![
          "id",
          "source_instance_id",
          "etl_load_date",
          "transformation_run_id",
          "effective_start_date",
          "effective_end_date"
        ].includes(column) &&
        !(table.startsWith("fact_") && column === "row_hash")
    )
  const live = columns.includes("is_current")
    ? "AND is_current"
    : columns.includes("is_deleted")
      ? "AND NOT is_deleted"
      : ""
  // As text: the two drivers parse dates and numbers differently; their text form is the same.
  const texts = columns.map((column) => `${column}::text AS ${column}`).join(", ")
  return warehouse.query(
    `SELECT ${texts} FROM ${table} WHERE source_instance_id = $1 ${live} ORDER BY ${columns.map((column) => `${column}::text`).join(", ")}`,
    [instance]
  )
}
