import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type Sandbox, startSandbox } from "../../src/index.js"
import { allPages, get } from "../support.js"

let sandbox: Sandbox

beforeAll(async () => {
  sandbox = await startSandbox({ scale: 0.002, seed: 21 })
})
afterAll(() => sandbox.stop())

const byId = (records: ReadonlyArray<Record<string, unknown>>): Map<number, Record<string, unknown>> =>
  new Map(records.map((record) => [(record.id ?? record.Id) as number, record]))

interface VisitPreview {
  id: number
  visitId: number
  visitName: string
  study: { id: number }
  appointments: Array<{ id: number; status: string; scheduledStart: string }>
}

describe("relations", () => {
  it("the global subject list is the union of every study's subjects", async () => {
    const global = (await allPages(sandbox, "/api/v1/subjects/odata?$top=1000")).records
    const studies = (await get(sandbox, "/api/v1/studies")).json as Array<{ id: number }>
    const union: Array<Record<string, unknown>> = []
    for (const study of studies) {
      const subjects = (await allPages(sandbox, `/api/v1/studies/${study.id}/subjects/odata?$top=1000`)).records
      for (const subject of subjects) expect((subject.study as { id: number }).id).toBe(study.id)
      union.push(...subjects)
    }
    expect(union.length).toBe(global.length)
    expect(byId(union)).toEqual(byId(global))
  })

  it("the global patient-visit list is the union of every subject's patient visits", async () => {
    const global = (await allPages(sandbox, "/api/v1/patient-visits/odata?$top=1000")).records
    const subjects = (await allPages(sandbox, "/api/v1/subjects/odata?$top=1000")).records
    const union: Array<Record<string, unknown>> = []
    for (const subject of subjects) {
      const study = (subject.study as { id: number }).id
      const visits = (await get(sandbox, `/api/v1/studies/${study}/subjects/${subject.id}/patient-visits`)).json
      for (const visit of visits) expect(visit.subject.Id).toBe(subject.id)
      union.push(...visits)
    }
    expect(union.length).toBe(global.length)
    expect(byId(union)).toEqual(byId(global))
    expect(global.length).toBe(sandbox.counts()["/api/v1/patient-visits/odata"])
  })

  it("subjects name a study, site and patient that exist, with matching previews", async () => {
    const studies = byId((await get(sandbox, "/api/v1/studies")).json)
    const sites = byId((await get(sandbox, "/api/v1/sites")).json)
    const subjects = (await allPages(sandbox, "/api/v1/subjects/odata?$top=1000")).records.slice(0, 40)
    for (const subject of subjects) {
      const study = subject.study as { id: number; name: string; uid: string }
      expect(studies.get(study.id)?.name).toBe(study.name)
      expect(studies.get(study.id)?.uid).toBe(study.uid)
      const site = subject.site as { id: number; name: string }
      expect(sites.get(site.id)?.name).toBe(site.name)
      const preview = subject.patient as { id: number; lastName: string; dateOfBirth: string }
      const patient = (await get(sandbox, `/api/v1/patients/${preview.id}`)).json
      expect(patient.lastName).toBe(preview.lastName)
      expect(patient.dateOfBirth).toBe(preview.dateOfBirth)
      expect(subject.genderCode).toBe(patient.genderCode)
    }
  })

  it("a subject's status is its last status record, and status records point back to it", async () => {
    const subject = (await get(sandbox, "/api/v1/subjects/odata?$top=1&$skip=3")).json.Items[0]
    const study = (await get(sandbox, `/api/v1/studies/${subject.study.id}`)).json
    const statuses = (
      await allPages(sandbox, `/api/v1/studies/${study.uid}/subject-statuses/odata?$top=1000`)
    ).records.filter((status) => (status.subject as { Id: number }).Id === subject.id)
    expect(statuses.length).toBeGreaterThan(0)
    expect(statuses.at(-1)!.status).toBe(subject.status)
    expect(statuses.at(-1)!.isCurrentStatus).toBe(true)
    const summary = (await get(sandbox, `/api/v1/subjects/${subject.id}/status`)).json
    expect(summary.currentStatus).toBe(subject.status)
    expect(summary.timeline).toHaveLength(statuses.length)
  })

  it("patient visits quote their visit definition, study and appointments consistently", async () => {
    const visits = (await get(sandbox, "/api/v1/patient-visits/odata?$top=300")).json.Items as Array<VisitPreview>
    const withAppointments = visits.filter((visit) => visit.appointments.length > 0).slice(0, 10)
    expect(withAppointments.length).toBeGreaterThan(0)
    const appointments = byId((await allPages(sandbox, "/api/v1/appointments/odata?$top=1000")).records)
    for (const visit of withAppointments) {
      const definition = (await get(sandbox, `/api/v1/studies/${visit.study.id}/visits/${visit.visitId}`)).json
      expect(definition.name).toBe(visit.visitName)
      for (const preview of visit.appointments) {
        const appointment = appointments.get(preview.id)!
        expect(appointment.status).toBe(preview.status)
        expect(appointment.plannedStart).toBe(preview.scheduledStart)
        expect((appointment.visit as { id: number }).id).toBe(visit.visitId)
        expect((appointment.study as { id: number }).id).toBe(visit.study.id)
      }
      const detail = (await get(sandbox, `/api/v1/patient-visits/${visit.id}`)).json
      expect(detail.PatientVisitId).toBe(visit.id)
      expect(detail.Appointments.map((a: { AppointmentId: number }) => a.AppointmentId)).toEqual(
        visit.appointments.map((a: { id: number }) => a.id)
      )
    }
  })

  it("patient-visit elements name elements of the visit's study", async () => {
    const visit = (await get(sandbox, "/api/v1/patient-visits/odata?$top=1")).json.Items[0]
    const elements = (await get(sandbox, `/api/v1/patient-visits/${visit.id}/elements`)).json
    const studyElements = byId(
      (await allPages(sandbox, `/api/v1/studies/${visit.study.id}/elements/odata?$top=1000`)).records
    )
    for (const element of elements) expect(studyElements.get(element.elementId)?.name).toBe(element.name)
  })

  it("gives at least a few records of every list at a very small scale", async () => {
    const tiny = await startSandbox({ scale: 0.001, seed: 1 })
    try {
      const counts = tiny.counts()
      for (const [path, count] of Object.entries(counts)) expect(count, path).toBeGreaterThanOrEqual(2)
      expect(counts["/api/v1/studies"]).toBeGreaterThanOrEqual(3)
    } finally {
      await tiny.stop()
    }
  })
})
