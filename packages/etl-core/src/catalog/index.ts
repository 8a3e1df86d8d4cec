export { defineJobs, fromPatient, fromPatientVisit, fromStudy, fromSubject, fromVisit, type JobRow } from "./define.js"
export { type CatalogRow, countByStatus, type DescribeCatalogOptions, describeCatalog } from "./describe.js"
export { endpointPlaceholders, endpointShape, fillEndpoint } from "./endpoint.js"
export { formatIdRanges, UnknownCategoryError, UnknownJobError } from "./errors.js"
export { type CatalogTargetTable, catalogJobs } from "./jobs.js"
export { keyPathSegments, keyPathToSql, readKeyPath } from "./key-path.js"
export { type OperatorJobRow, readOperatorJobs, validateOperatorJobs } from "./operator-jobs.js"
export { CatalogSeedError, type SeedResult, type SqlExecutor, seedCatalog, seedCatalogEffect } from "./seed.js"
export { JobCatalog, type JobCatalogService } from "./service.js"
export { readJobSwitches } from "./switches.js"
export * from "./types.js"
export {
  type CatalogValidation,
  type JobProblem,
  type JobProblemKind,
  type JobValidation,
  type SpecOperationLike,
  validateCatalog
} from "./validate.js"
