import { mkdtemp, readdir, readFile, rm } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join, relative } from "node:path"
import { afterAll, describe, expect, it } from "vitest"
import { GENERATED_DIR, generateClient } from "../../scripts/generate-client.js"
import { specInfo, specOperations } from "../../src/generated/operations.gen.js"

const listFiles = async (dir: string): Promise<string[]> => {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true })
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort()
}

const scratch = await mkdtemp(join(tmpdir(), "cc-client-generate-"))
afterAll(() => rm(scratch, { recursive: true, force: true }))

describe("generated code", () => {
  it("matches what `pnpm generate` produces from spec/cc_openapi.json (run it if this fails)", async () => {
    const result = await generateClient({ outDir: scratch })
    expect(result.specSha256).toBe(specInfo.sha256)
    const committed = await listFiles(GENERATED_DIR)
    const fresh = await listFiles(scratch)
    expect(committed).toEqual(fresh)
    const drifted: string[] = []
    for (const file of fresh) {
      const [a, b] = await Promise.all([
        readFile(join(GENERATED_DIR, file), "utf8"),
        readFile(join(scratch, file), "utf8")
      ])
      if (a !== b) drifted.push(file)
    }
    expect(drifted, `src/generated drifted from the spec in: ${drifted.join(", ")}; run pnpm generate`).toEqual([])
  })

  it("describes all 310 operations, 164 of them GETs and 48 OData lists", () => {
    expect(specOperations).toHaveLength(310)
    const gets = specOperations.filter((operation) => operation.method === "GET")
    expect(gets).toHaveLength(164)
    expect(gets.filter((operation) => operation.odata)).toHaveLength(48)
    const count = (kind: string) => gets.filter((operation) => operation.responseKind === kind).length
    expect([count("page"), count("array"), count("object"), count("none")]).toEqual([44, 70, 50, 0])
  })

  it("records the four bare-array OData lists and the one operation without a key", () => {
    const arrays = specOperations.filter((operation) => operation.odata && operation.responseKind === "array")
    expect(arrays.map((operation) => operation.path).sort()).toEqual([
      "/api/v1/patients/odata",
      "/api/v1/sites/odata",
      "/api/v1/staff/odata",
      "/api/v1/studies/odata"
    ])
    const open = specOperations.filter((operation) => !operation.auth)
    expect(open.map((operation) => `${operation.method} ${operation.path}`)).toEqual(["GET /api/v1/instance/details"])
    const subjects = specOperations.find((operation) => operation.path === "/api/v1/studies/{studyId}/subjects/odata")
    expect(subjects).toMatchObject({ responseKind: "page", itemSchema: "SubjectViewModel", pathParams: ["studyId"] })
  })
})
