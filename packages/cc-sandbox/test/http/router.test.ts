import { describe, expect, it } from "vitest"
import { PathRouter } from "../../src/http/router.js"

describe("PathRouter", () => {
  const router = new PathRouter<string>()
  router.add("/api/v1/patients/{id}", "patient")
  router.add("/api/v1/patients/odata", "patients")
  router.add("/api/v1/patients/{patientId}/touches/campaign/{touchId}", "touch")
  router.add("/api/v1/studies/{studyUid}/subject-statuses/odata", "statuses")
  router.add("/api/v1/studies/{studyId}/subjects/{id}", "subject")

  it("prefers literal segments over placeholders", () => {
    expect(router.match("/api/v1/patients/odata")?.value).toBe("patients")
    expect(router.match("/api/v1/patients/17")).toEqual({
      template: "/api/v1/patients/{id}",
      params: { id: "17" },
      value: "patient"
    })
  })

  it("names each template's placeholders its own way at shared positions", () => {
    expect(router.match("/api/v1/patients/5/touches/campaign/9")?.params).toEqual({ patientId: "5", touchId: "9" })
    expect(router.match("/api/v1/studies/abc/subject-statuses/odata")?.params).toEqual({ studyUid: "abc" })
    expect(router.match("/api/v1/studies/1/subjects/2")?.params).toEqual({ studyId: "1", id: "2" })
  })

  it("ignores the case of literal segments and a trailing slash, and rejects unknown paths", () => {
    expect(router.match("/API/V1/Patients/OData/")?.value).toBe("patients")
    expect(router.match("/api/v1/patients/5/touches")).toBeUndefined()
    expect(router.match("/api/v2/patients/5")).toBeUndefined()
  })
})
