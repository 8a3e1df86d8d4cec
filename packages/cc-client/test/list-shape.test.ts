import { describe, expect, it } from "vitest"
import { readListBody } from "../src/list-shape.js"

describe("readListBody", () => {
  it("reads a bare array", () => {
    expect(readListBody([1, 2])).toEqual({ shape: "array", items: [1, 2] })
  })

  it("reads the spec's PascalCase page object", () => {
    expect(readListBody({ Items: [{ Id: 1 }], NextPageLink: "http://h/x?$skip=1", Count: 9 })).toEqual({
      shape: "pascal",
      items: [{ Id: 1 }],
      nextLink: "http://h/x?$skip=1",
      count: 9
    })
    expect(readListBody({ Items: [], NextPageLink: null, Count: null })).toEqual({ shape: "pascal", items: [] })
  })

  it("reads the camelCase page object", () => {
    expect(readListBody({ items: [{ id: 1 }], nextPageLink: "n", count: 1 })).toEqual({
      shape: "camel",
      items: [{ id: 1 }],
      nextLink: "n",
      count: 1
    })
  })

  it("reads OData's value/@odata.nextLink/@odata.count", () => {
    expect(readListBody({ value: [{ id: 1 }], "@odata.nextLink": "n", "@odata.count": 3 })).toEqual({
      shape: "odata",
      items: [{ id: 1 }],
      nextLink: "n",
      count: 3
    })
  })

  it("describes what came instead of a list", () => {
    expect(readListBody({ id: 1, name: "x" })).toBe("an object with keys id, name")
    expect(readListBody(null)).toBe("a JSON null")
    expect(readListBody("text")).toBe("a JSON string")
    expect(readListBody({})).toBe("an empty object")
  })
})
