import { describe, expect, it } from "vitest"
import {
  getStagingTable,
  isStagingTableName,
  stagingTableList,
  stagingTables,
  UnknownStagingTableError
} from "../../src/index.js"

/** The id-less record schemas of the spec and the key each table must use (README "Key strategies"). */
const idLess = {
  dim_subject_statuses_staging: { key: { fields: ["subject.id", "status", "eventDate"] }, parentScoped: false },
  dim_study_personnel_staging: { key: { fields: ["Role.Id"] }, parentScoped: true },
  dim_study_warnings_staging: {
    key: { fields: ["type", "visit.id?", "element.id?", "description"] },
    parentScoped: true
  },
  dim_study_integration_info_staging: { key: { constant: "integration-info" }, parentScoped: true },
  dim_system_lookup_lists_staging: { key: "value", parentScoped: false },
  dim_instance_details_staging: { key: { constant: "instance-details" }, parentScoped: false },
  dim_instance_topology_staging: { key: { constant: "instance-topology" }, parentScoped: false },
  dim_visit_element_relationships_staging: { key: { fields: ["element.id", "element.sequence?"] }, parentScoped: true }
}

describe("staging registry", () => {
  it("holds the 88 distinct catalog targets, each named *_staging", () => {
    expect(stagingTableList).toHaveLength(88)
    expect(new Set(stagingTableList.map((def) => def.name)).size).toBe(88)
    expect(Object.keys(stagingTables)).toHaveLength(88)
    for (const def of stagingTableList) expect(def.name).toMatch(/^(dim|fact)_[a-z_]+_staging$/)
    expect(stagingTables.dim_studies_staging.description).toContain("jobs 2, 164")
    expect(stagingTables.dim_patient_visits_staging.description).toContain("jobs 9, 160")
  })

  it("keys id-less tables by their documented strategy; every other table by id", () => {
    for (const def of stagingTableList) {
      const expected = idLess[def.name as keyof typeof idLess] ?? {
        key: "id",
        parentScoped: def.name === "dim_study_roles_staging"
      }
      expect({ key: def.key, parentScoped: def.parentScoped }, def.name).toEqual(expected)
      if (def.parentScoped) expect(def.perParent, def.name).toBe(true)
    }
  })

  it("indexes updated_at only on the large tables Silver reads incrementally", () => {
    expect(
      stagingTableList
        .filter((def) => def.indexUpdatedAt)
        .map((def) => def.name)
        .sort()
    ).toEqual([
      "dim_appointments_staging",
      "dim_patient_visits_staging",
      "dim_patients_staging",
      "dim_subject_statuses_staging",
      "dim_subjects_staging",
      "dim_visit_elements_staging"
    ])
  })

  it("getStagingTable refuses unknown names with a typed error", () => {
    expect(getStagingTable("dim_sites_staging")).toBe(stagingTables.dim_sites_staging)
    expect(isStagingTableName("dim_sites_staging")).toBe(true)
    expect(isStagingTableName("toString")).toBe(false)
    expect(() => getStagingTable("dim_nope_staging")).toThrow(UnknownStagingTableError)
    try {
      getStagingTable("constructor")
    } catch (error) {
      expect(error).toMatchObject({ _tag: "UnknownStagingTableError", table: "constructor" })
    }
  })
})
