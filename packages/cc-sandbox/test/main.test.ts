import { type ChildProcess, spawn } from "node:child_process"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { describe, expect, it } from "vitest"

const main = join(dirname(fileURLToPath(import.meta.url)), "..", "src", "main.ts")

const run = (args: ReadonlyArray<string>): ChildProcess =>
  spawn(process.execPath, ["--conditions=source", "--import", "tsx", main, ...args], {
    stdio: ["ignore", "pipe", "pipe"]
  })

const exitOf = (child: ChildProcess): Promise<number | null> =>
  new Promise((resolve) => child.once("exit", (code) => resolve(code)))

describe("main.ts", () => {
  it("prints the URL and key it serves, answers requests, and stops on SIGTERM", async () => {
    const child = run(["--port", "0", "--scale", "0.001", "--seed", "9", "--api-key-header", "X-ApiKey"])
    const exited = exitOf(child)
    let output = ""
    await new Promise<void>((resolve, reject) => {
      child.stdout!.on("data", (chunk: Buffer) => {
        output += chunk.toString()
        if (output.includes("API key:")) resolve()
      })
      child.once("exit", () => reject(new Error(`exited early: ${output}`)))
    })
    await new Promise((resolve) => setTimeout(resolve, 50))
    const url = /listening on (http:\/\/\S+)/.exec(output)![1]!
    const key = /API key:\s+(\S+)/.exec(output)![1]!
    expect(output).toContain("API key header: X-ApiKey")
    const answer = await fetch(`${url}/api/v1/studies`, { headers: { "X-ApiKey": key } })
    expect(answer.status).toBe(200)
    expect(((await answer.json()) as Array<unknown>).length).toBeGreaterThanOrEqual(3)
    child.kill("SIGTERM")
    expect(await exited).toBe(0)
  })

  it("exits with 2 and a message naming the option on bad input", async () => {
    const child = run(["--scale", "lots"])
    let errors = ""
    child.stderr!.on("data", (chunk: Buffer) => {
      errors += chunk.toString()
    })
    expect(await exitOf(child)).toBe(2)
    expect(errors).toContain("--scale")
  })
})
