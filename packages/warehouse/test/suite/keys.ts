import { describe, expect, it } from "vitest"
import { MissingRecordKeyError } from "../../src/index.js"
import { type Harness, rowsByKey, simpleRecords } from "./harness.js"

export const keySuite = (h: Harness) =>
  describe("record keys", () => {
    it("subject statuses: subject id, status and event date (Id casing accepted)", async () => {
      const warehouse = h.warehouse()
      const instanceId = h.freshInstanceId()
      const status = (subject: object, value: string, eventDate: string, current = false) => ({
        status: value,
        isCurrentStatus: current,
        eventDate,
        subject
      })
      const result = await warehouse.loadStaging(
        "dim_subject_statuses_staging",
        [
          status({ Id: 7, Name: "007" }, "Screened", "2025-01-02T00:00:00"),
          status({ Id: 7, Name: "007" }, "Randomized", "2025-01-09T00:00:00", true),
          status({ id: 8 }, "Screened", "2025-01-02T00:00:00")
        ],
        { instanceId, jobId: 127, runId: 1 }
      )
      expect(result.inserted).toBe(3)
      const rows = await rowsByKey(warehouse, "dim_subject_statuses_staging", instanceId)
      expect([...rows.keys()].sort()).toEqual([
        "7|Randomized|2025-01-09T00:00:00",
        "7|Screened|2025-01-02T00:00:00",
        "8|Screened|2025-01-02T00:00:00"
      ])
      expect(rows.get("8|Screened|2025-01-02T00:00:00")!.source_id).toBeNull()
      // Only the "current" flag changes: same key, one update.
      const again = await warehouse.loadStaging(
        "dim_subject_statuses_staging",
        [status({ Id: 7, Name: "007" }, "Randomized", "2025-01-09T00:00:00", false)],
        { instanceId, jobId: 127, runId: 2 }
      )
      expect(again).toMatchObject({ inserted: 0, updated: 1 })
    })

    it("study personnel and warnings are keyed under their study (parent-scoped)", async () => {
      const warehouse = h.warehouse()
      const instanceId = h.freshInstanceId()
      const personnel = [{ Role: { Id: 3, RoleName: "CRC" }, Staff: [{ Id: 1 }] }]
      for (const study of ["10", "11"]) {
        await warehouse.loadStaging("dim_study_personnel_staging", personnel, {
          instanceId,
          jobId: 144,
          runId: 1,
          parentKey: study
        })
      }
      const rows = await rowsByKey(warehouse, "dim_study_personnel_staging", instanceId)
      expect([...rows.keys()].sort()).toEqual(["10/3", "11/3"])

      const warnings = [
        { type: "Visit", description: "No visit window", visit: { id: 5 } },
        { type: "Element", description: "Missing cost", element: { id: 9 } },
        { type: "Element", description: "Missing cost|budget", element: { id: 9 } }
      ]
      const result = await warehouse.loadStaging("dim_study_warnings_staging", warnings, {
        instanceId,
        jobId: 145,
        runId: 1,
        parentKey: "10"
      })
      expect(result.inserted).toBe(3)
      expect([...(await rowsByKey(warehouse, "dim_study_warnings_staging", instanceId)).keys()].sort()).toEqual([
        "10/Element||9|Missing cost",
        "10/Element||9|Missing cost\\|budget",
        "10/Visit|5||No visit window"
      ])
    })

    it("single-object endpoints use a constant key; lookup lists store bare JSON strings", async () => {
      const warehouse = h.warehouse()
      const instanceId = h.freshInstanceId()
      await warehouse.loadStaging("dim_study_integration_info_staging", [{ integrationSystem: "Crio" }], {
        instanceId,
        jobId: 146,
        runId: 1,
        parentKey: "10"
      })
      const updated = await warehouse.loadStaging(
        "dim_study_integration_info_staging",
        [{ integrationSystem: "OmniComm" }],
        {
          instanceId,
          jobId: 146,
          runId: 2,
          parentKey: "10"
        }
      )
      expect(updated).toMatchObject({ inserted: 0, updated: 1 })
      await warehouse.loadStaging("dim_instance_details_staging", [{ instanceUID: "abc", instanceType: "CC" }], {
        instanceId,
        jobId: 158,
        runId: 1
      })
      expect([...(await rowsByKey(warehouse, "dim_instance_details_staging", instanceId)).keys()]).toEqual([
        "instance-details"
      ])

      const lists = await warehouse.loadStaging("dim_system_lookup_lists_staging", ["Ethnicity", "Race", "Tab\there"], {
        instanceId,
        jobId: 133,
        runId: 1
      })
      expect(lists.inserted).toBe(3)
      const stored = await warehouse.query<{ record_key: string; kind: string; text: string }>(
        `SELECT record_key, jsonb_typeof(data) AS kind, data #>> '{}' AS text
           FROM dim_system_lookup_lists_staging WHERE source_instance_id = $1 ORDER BY record_key`,
        [instanceId]
      )
      expect(stored).toEqual([
        { record_key: "Ethnicity", kind: "string", text: "Ethnicity" },
        { record_key: "Race", kind: "string", text: "Race" },
        { record_key: "Tab\there", kind: "string", text: "Tab\there" }
      ])
    })

    it("visit elements per visit: element id plus sequence when present", async () => {
      const warehouse = h.warehouse()
      const instanceId = h.freshInstanceId()
      const result = await warehouse.loadStaging(
        "dim_visit_element_relationships_staging",
        [
          { visit: { id: 1 }, element: { id: 9, sequence: 1 } },
          { visit: { id: 1 }, element: { id: 9, sequence: 2 } },
          { visit: { id: 1 }, element: { id: 10 } }
        ],
        { instanceId, jobId: 175, runId: 1, parentKey: "1" }
      )
      expect(result.inserted).toBe(3)
      expect(
        [...(await rowsByKey(warehouse, "dim_visit_element_relationships_staging", instanceId)).keys()].sort()
      ).toEqual(["1/10|", "1/9|1", "1/9|2"])
    })

    it("a keyless record fails its batch, names job, table and position, and keeps earlier batches", async () => {
      const warehouse = h.warehouse()
      const instanceId = h.freshInstanceId()
      const records = [...simpleRecords(4), { name: "no id" }, ...simpleRecords(2, 5)]
      const error = await warehouse
        .loadStaging("dim_sites_staging", records, { instanceId, jobId: 1, runId: 1, batchSize: 3 })
        .then(
          () => undefined,
          (cause: unknown) => cause
        )
      expect(error).toBeInstanceOf(MissingRecordKeyError)
      expect(error).toMatchObject({ _tag: "MissingRecordKeyError", jobId: 1, table: "dim_sites_staging", position: 4 })
      expect((error as Error).message).toContain("position 4")
      // Batch 1 (records 0-2) committed; batch 2 (3, then the keyless 4) never reached the database.
      expect([...(await rowsByKey(warehouse, "dim_sites_staging", instanceId)).keys()].sort()).toEqual(["1", "2", "3"])
      const missing = await warehouse
        .loadStaging("dim_subject_statuses_staging", [{ status: "Screened", eventDate: "2025-01-01" }], {
          instanceId,
          jobId: 127,
          runId: 1
        })
        .catch((cause: Error) => cause.message)
      expect(missing).toContain("key field `subject.id` is absent")
    })
  })
