/**
 * For data engineers: "every subject of study 42 into my table", as a job of one's own run by the
 * engine: paging, retries, rate limits, checkpoints, change detection and the run log for free.
 *
 *   pnpm -C examples custom-extract [studyId]
 *
 * Uses CC_API_BASE_URL / CC_API_KEY when set, else starts a sandbox (whose study ids start at
 * 1001); DATABASE_URL when set, else the embedded PGlite warehouse under .trialsync/.
 */
import { defineJobs, JobCatalog, runJob } from "@trialsync/etl-core"
import { defineStagingTable, openWarehouse, warehouseOptionsFromEnv } from "@trialsync/warehouse"
import { connectToCc } from "./support/cc-connection.js"

const cc = await connectToCc()
try {
  // --- the user code: about twenty lines -------------------------------------------------------
  const studyId = Number(process.argv[2] ?? cc.exampleStudyId)

  // A table of my own, with the staging contract (raw jsonb, key, content hash, lineage, soft delete).
  // One table per study: each run is a complete snapshot of the study's subjects, so a subject that
  // leaves the study is marked deleted in it.
  const mySubjects = defineStagingTable({ name: `study_${studyId}_subjects`, key: "id", description: "My subjects" })

  // One job: an endpoint into that table. Ids above the catalog's (1-176) are free for your own.
  const jobs = defineJobs([
    {
      id: 9001,
      name: `Subjects of study ${studyId}`,
      endpoint: `/api/v1/studies/${studyId}/subjects/odata`,
      target: mySubjects.name,
      category: "study",
      list: "page",
      orderBy: "id",
      active: true
    }
  ])
  const report = await runJob(9001, {
    catalog: JobCatalog.fromJobs(jobs, { stagingTables: [mySubjects] }),
    config: { cc: { baseUrl: cc.baseUrl, apiKey: cc.apiKey, apiKeyHeader: cc.apiKeyHeader } },
    trigger: "custom-extract"
  })
  const [job] = report.jobs
  console.log(
    `Study ${studyId}: ${job?.status}, ${job?.inserted} inserted, ${job?.updated} updated, ${job?.unchanged} unchanged (run ${job?.runId}, ${job?.requests} requests)`
  )
  // ---------------------------------------------------------------------------------------------

  const warehouse = await openWarehouse(warehouseOptionsFromEnv())
  try {
    const [row] = await warehouse.query<{ subjects: number; statuses: number }>(
      `SELECT count(*)::int AS subjects, count(DISTINCT data->>'status')::int AS statuses FROM ${mySubjects.name} WHERE NOT is_deleted`
    )
    console.log(
      `${mySubjects.name} holds ${row?.subjects} subjects in ${row?.statuses} statuses (${warehouse.describe()})`
    )
  } finally {
    await warehouse.close()
  }
  if (report.status !== "success") process.exitCode = 1
} finally {
  await cc.close()
}
