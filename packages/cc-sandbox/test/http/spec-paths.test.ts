import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { getOperations } from "../../src/generated/spec.js"
import { routeTable } from "../../src/http/route-table.js"
import type { Binding } from "../../src/http/route-types.js"
import { type Sandbox, startSandbox } from "../../src/index.js"
import { get, schemaProblems } from "../support.js"

/** A record found over HTTP, with the ids of its ancestors (entity key -> id). */
type Sample = Record<string, number | string>

let sandbox: Sandbox
const samples: Record<string, Sample> = {}

const items = (body: unknown): Array<Record<string, unknown>> =>
  Array.isArray(body) ? body : ((body as { Items: Array<Record<string, unknown>> }).Items ?? [])

const list = async (path: string): Promise<Array<Record<string, unknown>>> => {
  const answer = await get(sandbox, path)
  if (answer.status !== 200) throw new Error(`GET ${path} answered ${answer.status}: ${answer.text}`)
  return items(answer.json)
}

const idOf = (record: Record<string, unknown> | undefined): number => (record?.id ?? record?.Id) as number

const firstWith = async <T>(candidates: ReadonlyArray<T>, found: (candidate: T) => Promise<boolean>): Promise<T> => {
  for (const candidate of candidates) if (await found(candidate)) return candidate
  throw new Error("no candidate found")
}

/** Walks the API like a client would, to find one real record of every entity that has a path. */
const discover = async (): Promise<void> => {
  const studies = await list("/api/v1/studies/odata?$top=1000")
  const children = ["documents/odata", "milestones/odata", "notes/odata", "actions/odata", "subjects/odata", "roles"]
  const study = idOf(
    await firstWith(studies, async (candidate) => {
      for (const child of children)
        if ((await list(`/api/v1/studies/${idOf(candidate)}/${child}`)).length === 0) return false
      return true
    })
  )
  samples.study = { study }
  for (const [entity, child] of [
    ["document", "documents/odata"],
    ["milestone", "milestones/odata"],
    ["note", "notes/odata"],
    ["action", "actions/odata"],
    ["studyRole", "roles"],
    ["protocolVersion", "protocol-versions"],
    ["arm", "arms"],
    ["visit", "visits/odata"]
  ] as const) {
    samples[entity] = { study, [entity]: idOf((await list(`/api/v1/studies/${study}/${child}`))[0]) }
  }
  const relation = (await list(`/api/v1/visits/${samples.visit!.visit}/elements/odata`))[0]!
  samples.element = { study, element: idOf(relation.element as Record<string, unknown>) }
  const subjects = await list(`/api/v1/studies/${study}/subjects/odata?$top=1000`)
  let visit: Record<string, unknown> | undefined
  const subject = await firstWith(subjects, async (candidate) => {
    const visits = await list(`/api/v1/subjects/${idOf(candidate)}/patient-visits`)
    visit = await firstWith(
      visits,
      async (pv) => (await list(`/api/v1/patient-visits/${idOf(pv)}/elements`)).length > 0
    ).catch(() => undefined)
    return visit !== undefined
  })
  samples.subject = { study, subject: idOf(subject) }
  samples.patientVisit = { study, subject: idOf(subject), patientVisit: idOf(visit) }
  const visits = await list("/api/v1/patient-visits/odata?$top=1000")
  const paid = await firstWith(
    visits,
    async (pv) => (await list(`/api/v1/patient-visits/${idOf(pv)}/stipends`)).length > 0
  )
  const stipend = (await list(`/api/v1/patient-visits/${idOf(paid)}/stipends`))[0]!
  samples.stipend = { patientVisit: idOf(paid), stipend: idOf(stipend) }
  const patients = await list("/api/v1/patients/odata?$top=1000")
  samples.patient = { patient: idOf(patients[0]) }
  for (const [entity, kind] of [
    ["campaignTouch", "campaign"],
    ["referralTouch", "referral"]
  ] as const) {
    const owner = await firstWith(
      patients,
      async (p) => (await list(`/api/v1/patients/${idOf(p)}/touches/${kind}`)).length > 0
    )
    samples[entity] = {
      patient: idOf(owner),
      [entity]: idOf((await list(`/api/v1/patients/${idOf(owner)}/touches/${kind}`))[0])
    }
  }
  const sites = await list("/api/v1/sites")
  samples.site = { site: idOf(sites[0]) }
  const roomSite = await firstWith(sites, async (site) => (await list(`/api/v1/sites/${idOf(site)}/rooms`)).length > 0)
  samples.room = { site: idOf(roomSite), room: idOf((await list(`/api/v1/sites/${idOf(roomSite)}/rooms`))[0]) }
  const group = (await list("/api/v1/room-groups"))[0]!
  samples.roomGroup = { site: idOf(group.site as Record<string, unknown>), roomGroup: idOf(group) }
  const team = (await list("/api/v1/sponsor-teams"))[0]!
  samples.sponsorTeam = {
    sponsor: idOf(team.sponsor as Record<string, unknown>),
    sponsorDivision: idOf(team.sponsorDivision as Record<string, unknown>),
    sponsorTeam: idOf(team)
  }
  samples.sponsorDivision = samples.sponsorTeam
  samples.sponsor = samples.sponsorTeam
  for (const [entity, path] of [
    ["staff", "/api/v1/staff"],
    ["studyCategory", "/api/v1/system/study-categories"],
    ["studySubcategory", "/api/v1/system/study-subcategories"],
    ["studyCustomField", "/api/v1/system/study-customfields"]
  ] as const) {
    samples[entity] = { [entity]: idOf((await list(path))[0]) }
  }
}

/** Path parameters for a template: ids of real records that belong together. */
const fill = (template: string): string => {
  const route = routeTable[template]!
  const bindings: ReadonlyArray<Binding> =
    route.kind === "list" || route.kind === "one" || route.kind === "custom" ? route.path : []
  const deepest = bindings.length === 0 ? undefined : samples[bindings[bindings.length - 1]!.entity]
  return template.replace(/\{(\w+)\}/g, (_, param: string) => {
    const binding = bindings.find((candidate) => candidate.param === param)
    if (binding === undefined) return param === "listName" ? "Race" : "1"
    const id = deepest?.[binding.entity] ?? samples[binding.entity]?.[binding.entity] ?? samples.study?.[binding.entity]
    if (id === undefined) throw new Error(`no sample for ${binding.entity} in ${template}`)
    if (binding.by === "uid") return String(samples.study!.uid)
    return String(id)
  })
}

beforeAll(async () => {
  sandbox = await startSandbox({ scale: 0.01, seed: 42 })
  await discover()
  const study = (await get(sandbox, `/api/v1/studies/${samples.study!.study}`)).json
  samples.study!.uid = study.uid
})

afterAll(() => sandbox.stop())

describe("every GET path of the spec", () => {
  it.each(getOperations.map((operation) => [operation.path, operation.response] as const))(
    "GET %s answers as the spec declares (%s)",
    async (template, response) => {
      const route = routeTable[template]!
      const answer = await get(sandbox, fill(template))
      if (route.kind === "cce-only") {
        expect(answer.status).toBe(501)
        expect(answer.json.message).toMatch(/CCE/)
        return
      }
      if (route.kind === "no-data") {
        expect(answer.status).toBe(404)
        return
      }
      expect(answer.status, answer.text).toBe(200)
      const [kind, schema] = response.split(":") as [string, string]
      const problems: Array<string> = []
      if (kind === "page") {
        expect(Object.keys(answer.json).sort()).toEqual(["Count", "Items", "NextPageLink"])
        expect(answer.json.Items.length).toBeGreaterThan(0)
        for (const record of answer.json.Items.slice(0, 20)) problems.push(...schemaProblems(record, schema))
      } else if (kind === "array") {
        expect(Array.isArray(answer.json)).toBe(true)
        if (schema === "string") for (const item of answer.json) expect(typeof item).toBe("string")
        else for (const record of answer.json.slice(0, 20)) problems.push(...schemaProblems(record, schema))
      } else {
        expect(answer.json).not.toBeNull()
        problems.push(...schemaProblems(answer.json, schema))
      }
      expect(problems).toEqual([])
    }
  )
})
