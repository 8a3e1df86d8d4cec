import { describe, expect, it } from "@effect/vitest"
import { Console, Effect } from "effect"
import type { CliOutputShape } from "../../src/output/cli-output.js"
import { colourAllowed, makePlainConsole, stripAnsi } from "../../src/output/plain-console.js"
import { Redactor } from "../../src/output/redactor.js"

const capture = (isTTY: boolean) => {
  const out: Array<string> = []
  const err: Array<string> = []
  const output: CliOutputShape = {
    isTTY,
    columns: () => 80,
    rows: () => 24,
    writeRaw: (text) => out.push(text),
    out: (...lines) => out.push(...lines),
    err: (...lines) => err.push(...lines),
    redactor: new Redactor()
  }
  return { output, out, err }
}

const styled = "\u001b[0;1mUSAGE\u001b[0m and \u001b]8;;https://x.test\u0007a link\u001b]8;;\u0007"

describe("plain console", () => {
  it("strips CSI and OSC sequences", () => {
    expect(stripAnsi(styled)).toBe("USAGE and a link")
  })

  it.effect("keeps colour on a terminal, drops it elsewhere and under NO_COLOR", () =>
    Effect.gen(function* () {
      const tty = capture(true)
      yield* Console.log(styled).pipe(Effect.withConsole(makePlainConsole(tty.output, {})))
      expect(tty.out).toEqual([styled])

      const pipe = capture(false)
      yield* Console.log(styled).pipe(Effect.withConsole(makePlainConsole(pipe.output, {})))
      yield* Console.error(styled).pipe(Effect.withConsole(makePlainConsole(pipe.output, {})))
      expect(pipe.out).toEqual(["USAGE and a link"])
      expect(pipe.err).toEqual(["USAGE and a link"])

      expect(colourAllowed(capture(true).output, { NO_COLOR: "1" })).toBe(false)
    })
  )
})
