/**
 * `trialsync resume --run-id N`: continue the group of an interrupted, failed or partial run.
 */
import { Command } from "@effect/cli"
import { Effect } from "effect"
import { numberFlag } from "../cli/flags.js"
import { runWithProgress } from "../context/engine-run.js"
import { chooseResumeInstance } from "../context/instance-config.js"
import { resumeRun } from "../engine.js"
import { printLines } from "../output/cli-output.js"

export const resumeCommand = Command.make(
  "resume",
  { runId: numberFlag("run-id", { min: 1, max: 2_147_483_647 }) },
  ({ runId }) =>
    Effect.gen(function* () {
      const { config, instanceName } = yield* chooseResumeInstance(runId)
      const options = { trigger: "resume", ...(instanceName === undefined ? {} : { instanceName }) }
      yield* runWithProgress(config, (signal) => resumeRun(runId, { ...options, signal })).pipe(
        Effect.catchTag("NothingToResumeError", (error) => printLines(error.message))
      )
    })
).pipe(Command.withDescription("Continue an interrupted, failed or partial run from its checkpoints."))
