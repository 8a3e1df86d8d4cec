import { afterAll, describe, expect, it } from "@effect/vitest"
import { cliEnv, runCli, spawnCli, tempWorkdir } from "../support/cli.js"

describe("trialsync sandbox", () => {
  const workdir = tempWorkdir()
  afterAll(() => workdir.remove())

  it("serves a CC API at the URL it prints, with the key it prints, until SIGINT", async () => {
    const sandbox = spawnCli(["sandbox", "--port", "0", "--scale", "0.001", "--seed", "3"], {
      cwd: workdir.path,
      env: cliEnv()
    })
    try {
      const [, url] = await sandbox.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)\n/)
      const [, header] = await sandbox.waitFor(/API key header: (\S+)\n/)
      const [, key] = await sandbox.waitFor(/API key: +(sbx_[0-9a-f]+) +\(the sandbox's own throwaway key/)
      expect(sandbox.stdout()).toContain(`export CC_API_BASE_URL=${url} CC_API_KEY=${key}`)

      const answer = await fetch(`${url}/api/v1/studies/odata?$top=2`, { headers: { [header!]: key! } })
      expect(answer.status).toBe(200)
      const studies = (await answer.json()) as Array<{ id: number }>
      expect(studies.map((study) => study.id)).toEqual([1001, 1002])
      expect((await fetch(`${url}/api/v1/studies/odata`)).status).toBe(401)
    } finally {
      sandbox.child.kill("SIGINT")
    }
    const result = await sandbox.done
    expect(result.code).toBe(0)
    expect(result.stdout).toContain("SIGINT: stopping the sandbox.")
  })

  it("refuses a port in use with exit 2, naming --port", async () => {
    const first = spawnCli(["sandbox", "--port", "0", "--scale", "0.001"], { cwd: workdir.path, env: cliEnv() })
    try {
      const [, port] = await first.waitFor(/listening on http:\/\/127\.0\.0\.1:(\d+)\n/)
      const second = await runCli(["sandbox", "--port", port!, "--scale", "0.001"], {
        cwd: workdir.path,
        env: cliEnv()
      })
      expect(second.code).toBe(2)
      expect(second.stderr).toContain(
        `error: --port ${port} is in use: pass another port, or --port 0 for any free port.`
      )
    } finally {
      first.child.kill("SIGTERM")
    }
    expect((await first.done).code).toBe(0)
  })
})
