import { describe, expect, it } from "vitest"
import { quickStart } from "../examples/quick-start.js"
import { clientFor, useSandbox } from "./support/sandbox.js"

const sandbox = useSandbox()

describe("examples/quick-start.ts", () => {
  it("runs against the sandbox as the README shows", async () => {
    const { client } = clientFor(sandbox.current)
    const summary = await quickStart(client)
    expect(summary.instanceType).toBe("CC")
    expect(summary.studies).toBe(sandbox.current.counts()["/api/v1/studies/odata"])
    expect(summary.firstStudy).toEqual(expect.any(String))
    expect(summary.missingStudy).toBe("NotFound after 1 attempt(s)")
  })
})
