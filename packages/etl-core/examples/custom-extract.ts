/**
 * A data engineer's custom extract: every subject of one study into a table of their own, with
 * the engine's paging, retries, checkpoints, change detection and run log. Run it against a
 * sandbox (started here) into an embedded PGlite warehouse under a temporary directory:
 *
 *   node --conditions=source --import tsx packages/etl-core/examples/custom-extract.ts
 *
 * or against a real CC and PostgreSQL by setting CC_API_BASE_URL, CC_API_KEY and DATABASE_URL.
 */
import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { pathToFileURL } from "node:url"
import { defineStagingTable } from "@trialsync/warehouse"
import { defineJobs, type FacadeConfig, JobCatalog, type RunReport, runJob } from "../src/index.js"

// -- the extract: ~20 lines ------------------------------------------------------------------
/** Loads every subject of `studyId` into `my_study_subjects_staging` (created if missing). */
export const extractStudySubjects = async (studyId: number, config: FacadeConfig): Promise<RunReport> => {
  const table = defineStagingTable({
    name: "my_study_subjects_staging",
    description: `Subjects of study ${studyId}`,
    key: "id"
  })
  const jobs = defineJobs([
    {
      id: 9001, // above the catalog's ids
      name: `Subjects of study ${studyId}`,
      endpoint: `/api/v1/studies/${studyId}/subjects/odata`,
      target: table.name,
      category: "study",
      list: "page",
      orderBy: "id",
      active: true
    }
  ])
  const catalog = JobCatalog.fromJobs(jobs, { stagingTables: [table] })
  return runJob(9001, { catalog, config, trigger: "custom-extract" })
}
// ---------------------------------------------------------------------------------------------

const main = async () => {
  const { startSandbox } = await import("@trialsync/cc-sandbox")
  const sandbox = process.env.CC_API_BASE_URL === undefined ? await startSandbox({ scale: 0.001 }) : undefined
  try {
    const config: FacadeConfig = {
      ...(sandbox === undefined ? {} : { cc: { baseUrl: sandbox.url, apiKey: sandbox.apiKey } }),
      ...(process.env.DATABASE_URL === undefined ? { dataDir: mkdtempSync(join(tmpdir(), "custom-extract-")) } : {})
    }
    const first = await extractStudySubjects(1001, config)
    const again = await extractStudySubjects(1001, config)
    const [run, rerun] = [first.jobs[0], again.jobs[0]]
    console.log(`first run: ${run?.status}, ${run?.inserted} subjects inserted, ${run?.requests} requests`)
    console.log(`second run: ${rerun?.status}, ${rerun?.unchanged} unchanged, ${rerun?.updated} rewritten`)
  } finally {
    await sandbox?.stop()
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await main()
