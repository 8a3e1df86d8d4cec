import { afterAll, describe, expect, it } from "@effect/vitest"
import { runCli, tempWorkdir } from "../support/cli.js"

describe.concurrent("usage errors exit 2 with usage", () => {
  const workdir = tempWorkdir()
  afterAll(() => workdir.remove())
  const cli = (...args: Array<string>) => runCli(args, { cwd: workdir.path })

  it("no command: the usage on stderr", async () => {
    const result = await cli()
    expect(result.code).toBe(2)
    expect(result.stdout).toBe("")
    expect(result.stderr).toMatch(/^Usage: pnpm trialsync <command> \[flags\]/)
    expect(result.stderr).toContain("run (--job-id N | --all | --category C)")
  })

  it("--help: the usage on stdout, exit 0", async () => {
    const result = await cli("--help")
    expect(result.code).toBe(0)
    expect(result.stdout).toContain("Exit codes: 0 success, 1 a job or check failed, 2 usage or configuration error")
  })

  it("a command's --help writes no colour codes when stdout is not a terminal", async () => {
    for (const command of ["run", "jobs", "transform", "sandbox"]) {
      const result = await cli(command, "--help")
      expect(result.code).toBe(0)
      expect(result.stdout).toContain("USAGE")
      expect(result.stdout).not.toContain("\u001b")
      expect(result.stderr).not.toContain("\u001b")
    }
  })

  it("an unknown command names the commands", async () => {
    const result = await cli("syncify")
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(/Invalid subcommand for trialsync - use one of 'migrate', 'jobs'/)
    expect(result.stderr).toContain("Usage: pnpm trialsync <command> [flags]")
  })

  it("an unknown flag names the flag and shows the command's usage", async () => {
    const result = await cli("migrate", "--force")
    expect(result.code).toBe(2)
    expect(result.stderr).toContain("Received unknown argument: '--force'")
    expect(result.stderr).toContain("Usage: pnpm trialsync migrate")
  })

  it("a bad flag value names the flag and its range", async () => {
    const result = await cli("sandbox", "--port", "99999")
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('--port must be a whole number from 0 to 65535 (got "99999").')
    expect(result.stderr).toMatch(/Usage: pnpm trialsync sandbox \[--port P\]/)
  })

  it("a group without its subcommand says which ones exist", async () => {
    const result = await cli("jobs")
    expect(result.code).toBe(2)
    expect(result.stderr).toContain("error: jobs needs a subcommand: list or validate.")
  })
})
