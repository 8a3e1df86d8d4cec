import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type Sandbox, startSandbox } from "../../src/index.js"
import { allPages, get } from "../support.js"

let sandbox: Sandbox

beforeAll(async () => {
  sandbox = await startSandbox({ scale: 0.01, seed: 11 })
})
afterAll(() => sandbox.stop())

const ids = (records: ReadonlyArray<Record<string, unknown>>): Array<number> =>
  records.map((record) => record.id as number)

describe("OData paging", () => {
  it("returns 50 rows without $top, and NextPageLink with the next $skip", async () => {
    const answer = await get(sandbox, "/api/v1/patient-visits/odata")
    expect(answer.status).toBe(200)
    expect(answer.json.Items).toHaveLength(50)
    expect(answer.json.Count).toBeNull()
    expect(answer.json.NextPageLink).toBe(`${sandbox.url}/api/v1/patient-visits/odata?$skip=50`)
  })

  it("answers $top above 1000 with 400 and a message naming the limit", async () => {
    const answer = await get(sandbox, "/api/v1/patient-visits/odata?$top=1001")
    expect(answer.status).toBe(400)
    expect(answer.json.message).toMatch(/1000/)
    expect((await get(sandbox, "/api/v1/patient-visits/odata?$top=1000")).json.Items).toHaveLength(1000)
  })

  it("rejects malformed options with 400", async () => {
    for (const query of ["$top=-1", "$top=ten", "$skip=-5", "$count=maybe", "$frobnicate=1", "$orderby=id sideways"]) {
      const answer = await get(sandbox, `/api/v1/subjects/odata?${query}`)
      expect(answer.status, query).toBe(400)
      expect(typeof answer.json.message).toBe("string")
    }
  })

  it("$skip and $top cut consecutive windows of the id order", async () => {
    const whole = (await get(sandbox, "/api/v1/subjects/odata?$top=30")).json.Items
    const window = (await get(sandbox, "/api/v1/subjects/odata?$top=10&$skip=10")).json.Items
    expect(ids(window)).toEqual(ids(whole).slice(10, 20))
    const sorted = [...ids(whole)].sort((a, b) => a - b)
    expect(ids(whole)).toEqual(sorted)
  })

  it("$count=true fills Count with the total, and following NextPageLink yields every record once", async () => {
    const first = await get(sandbox, "/api/v1/appointments/odata?$top=1000&$count=true")
    const total = first.json.Count as number
    expect(total).toBe(sandbox.counts()["/api/v1/appointments/odata"])
    const { records, pages } = await allPages(sandbox, "/api/v1/appointments/odata?$top=1000&$count=true")
    expect(records).toHaveLength(total)
    expect(new Set(ids(records)).size).toBe(total)
    expect(pages).toBe(Math.ceil(total / 1000))
  })

  it("a $skip past the end gives an empty page without a next link", async () => {
    const answer = await get(sandbox, "/api/v1/subjects/odata?$skip=100000&$count=true")
    expect(answer.json.Items).toEqual([])
    expect(answer.json.NextPageLink).toBeNull()
    expect(answer.json.Count).toBe(sandbox.counts()["/api/v1/subjects/odata"])
  })
})

describe("OData $orderby", () => {
  it("orders by id descending", async () => {
    const answer = await get(sandbox, "/api/v1/subjects/odata?$orderby=id desc&$top=20")
    const got = ids(answer.json.Items)
    expect(got).toEqual([...got].sort((a, b) => b - a))
    const count = sandbox.counts()["/api/v1/subjects/odata"]!
    const last = (await get(sandbox, `/api/v1/subjects/odata?$skip=${count - 1}`)).json.Items[0].id
    expect(got[0]).toBe(last)
  })

  it("orders by a date field, then pages through the same order", async () => {
    const first = (await get(sandbox, "/api/v1/studies/odata?$orderby=lastUpdatedOn desc&$top=5")).json
    const second = (await get(sandbox, "/api/v1/studies/odata?$orderby=lastUpdatedOn desc&$top=5&$skip=5")).json
    const dates = [...first, ...second].map((study: { lastUpdatedOn: string }) => study.lastUpdatedOn)
    expect(dates).toEqual([...dates].sort().reverse())
    expect(new Set(ids([...first, ...second])).size).toBe(10)
  })

  it("matches property names without regard to case, and orders nested paths", async () => {
    const upper = ids((await get(sandbox, "/api/v1/subjects/odata?$orderby=ID desc&$top=5")).json.Items)
    const lower = ids((await get(sandbox, "/api/v1/subjects/odata?$orderby=id desc&$top=5")).json.Items)
    expect(upper).toEqual(lower)
    const statuses = (await get(sandbox, "/api/v1/subject-statuses/odata?$orderby=subject/Id desc,eventDate&$top=50"))
      .json.Items
    const subjects = statuses.map((status: { subject: { Id: number } }) => status.subject.Id)
    expect(subjects).toEqual([...subjects].sort((a, b) => b - a))
  })

  it("rejects unknown properties with 400 naming the property", async () => {
    const answer = await get(sandbox, "/api/v1/studies/odata?$orderby=modifiedDate")
    expect(answer.status).toBe(400)
    expect(answer.json.message).toMatch(/modifiedDate/)
  })
})

describe("OData $filter", () => {
  it("filters studies on lastUpdatedOn with an unquoted DateTimeOffset", async () => {
    const all = (await get(sandbox, "/api/v1/studies/odata?$top=1000")).json as Array<{
      id: number
      lastUpdatedOn: string
    }>
    const cut = all.map((study) => study.lastUpdatedOn).sort()[Math.floor(all.length / 2)]!
    const answer = await get(sandbox, `/api/v1/studies/odata?$filter=lastUpdatedOn gt ${cut}`)
    expect(answer.status).toBe(200)
    const expected = all.filter((study) => Date.parse(study.lastUpdatedOn) > Date.parse(cut)).map((study) => study.id)
    expect(ids(answer.json)).toEqual(expected)
    expect(expected.length).toBeGreaterThan(0)
  })

  it("combines comparisons with and / or and parentheses", async () => {
    const all = (await get(sandbox, "/api/v1/studies/odata?$top=1000")).json as Array<{
      id: number
      lastUpdatedOn: string
    }>
    const [a, b] = [all[1]!.id, all[3]!.id]
    const or = await get(sandbox, `/api/v1/studies/odata?$filter=id eq ${a} or id eq ${b}`)
    expect(ids(or.json)).toEqual([a, b])
    const early = "2000-01-01T00:00:00Z"
    const and = await get(
      sandbox,
      `/api/v1/studies/odata?$filter=(id eq ${a} or id eq ${b}) and lastUpdatedOn ge ${early}`
    )
    expect(ids(and.json)).toEqual([a, b])
    const none = await get(sandbox, `/api/v1/studies/odata?$filter=id eq ${a} and lastUpdatedOn lt ${early}`)
    expect(none.json).toEqual([])
  })

  it("filters page-object lists and counts the matches", async () => {
    const answer = await get(sandbox, "/api/v1/subjects/odata?$filter=status eq 'Randomized'&$count=true&$top=1000")
    expect(answer.status).toBe(200)
    expect(answer.json.Items.length).toBe(answer.json.Count)
    for (const subject of answer.json.Items) expect(subject.status).toBe("Randomized")
    const everyone = (await get(sandbox, "/api/v1/subjects/odata?$top=1000")).json.Items
    expect(answer.json.Count).toBe(
      everyone.filter((subject: { status: string }) => subject.status === "Randomized").length
    )
  })

  it("pages through a filtered list with NextPageLink keeping the filter", async () => {
    const path = "/api/v1/patient-visits/odata?$filter=status eq 'Completed'&$top=1000&$count=true"
    const first = await get(sandbox, path)
    expect(first.json.NextPageLink).toContain("$filter=status%20eq%20'Completed'")
    const { records } = await allPages(sandbox, path)
    expect(records).toHaveLength(first.json.Count)
    for (const record of records) expect(record.status).toBe("Completed")
  })

  it("supports quoted strings with escaped quotes, functions and not", async () => {
    const quoted = await get(sandbox, "/api/v1/sites?$filter=name eq 'O''Brien'")
    expect(quoted.status).toBe(200)
    const starts = await get(sandbox, "/api/v1/studies/odata?$filter=startswith(name, 'A') or not (id gt 0)")
    for (const study of starts.json) expect(study.name.startsWith("A")).toBe(true)
  })

  it("answers an unparsable filter with 400 and the position", async () => {
    const answer = await get(sandbox, "/api/v1/studies/odata?$filter=lastUpdatedOn gt")
    expect(answer.status).toBe(400)
    expect(answer.json.message).toMatch(/\$filter/)
    const unknown = await get(sandbox, "/api/v1/studies/odata?$filter=modifiedDate gt 2025-01-01T00:00:00Z")
    expect(unknown.status).toBe(400)
    expect(unknown.json.message).toMatch(/modifiedDate/)
  })
})

describe("list answers", () => {
  it("serves the four bare-array /odata paths as arrays that still honour $top and $skip", async () => {
    for (const path of [
      "/api/v1/studies/odata",
      "/api/v1/patients/odata",
      "/api/v1/sites/odata",
      "/api/v1/staff/odata"
    ]) {
      const page = await get(sandbox, `${path}?$top=2&$skip=1`)
      expect(Array.isArray(page.json), path).toBe(true)
      const all = await get(sandbox, `${path}?$top=3`)
      expect(ids(page.json)).toEqual(ids(all.json).slice(1, 3))
    }
    expect((await get(sandbox, "/api/v1/patients/odata")).json).toHaveLength(50)
  })

  it("serves non-OData lists whole, ignoring $top", async () => {
    const answer = await get(sandbox, "/api/v1/staff?$top=2")
    expect(answer.json).toHaveLength(sandbox.counts()["/api/v1/staff"]!)
  })

  it("$select keeps only the named properties", async () => {
    const answer = await get(sandbox, "/api/v1/subjects/odata?$select=id,status&$top=2")
    expect(Object.keys(answer.json.Items[0]).sort()).toEqual(["id", "status"])
  })
})

describe("list shapes", () => {
  it.each([
    ["camel", ["count", "items", "nextPageLink"]],
    ["odata", ["@odata.count", "@odata.nextLink", "value"]]
  ] as const)("listShape %s switches the page object keys", async (listShape, keys) => {
    const shaped = await startSandbox({ scale: 0.002, seed: 11, listShape })
    try {
      const answer = await get(shaped, "/api/v1/subjects/odata?$top=5&$count=true")
      expect(Object.keys(answer.json).sort()).toEqual(keys)
      const records = answer.json.items ?? answer.json.value
      expect(records).toHaveLength(5)
      const link = answer.json.nextPageLink ?? answer.json["@odata.nextLink"]
      expect(link).toBe(`${shaped.url}/api/v1/subjects/odata?$top=5&$count=true&$skip=5`)
      if (listShape === "odata") {
        const last = await get(shaped, `/api/v1/subjects/odata?$skip=${answer.json["@odata.count"] - 1}`)
        expect(Object.keys(last.json)).toEqual(["value"])
      }
    } finally {
      await shaped.stop()
    }
  })
})
