import { Data } from "effect"

/**
 * A transformation could not finish: nothing it wrote to Silver or Gold was kept (one
 * transaction), and its `dw_transformation_runs` row says `failed` with this message.
 * (A failing data-quality check is not an error: the report's status says `failed`.)
 */
export class TransformError extends Data.TaggedError("TransformError")<{
  readonly message: string
  /** `dw_transformation_runs.id`, when the run was recorded. */
  readonly transformationRunId?: number
  /** The table being written when it failed. */
  readonly step?: string
  readonly cause?: unknown
}> {}

const messageOf = (cause: unknown): string => (cause instanceof Error ? cause.message : String(cause))

/** Wraps a failure of `step` (or of the run's bookkeeping) with a message that says where. */
export const transformFailure = (
  cause: unknown,
  context: { readonly step?: string; readonly transformationRunId?: number }
): TransformError =>
  cause instanceof TransformError
    ? cause
    : new TransformError({
        message:
          context.step === undefined
            ? `Transform failed: ${messageOf(cause)}`
            : `Transform failed while writing ${context.step}: ${messageOf(cause)}`,
        ...(context.step === undefined ? {} : { step: context.step }),
        ...(context.transformationRunId === undefined ? {} : { transformationRunId: context.transformationRunId }),
        cause
      })
