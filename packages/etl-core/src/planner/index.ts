export { DependencyCycleError, JobNotRunnableError } from "./errors.js"
export { type PlanError, plan, planOrThrow } from "./plan.js"
export type {
  ExcludedJob,
  ExternalDependency,
  ExternalParent,
  Plan,
  PlanInput,
  PlannedJob,
  PlannerJob,
  Selection
} from "./types.js"
