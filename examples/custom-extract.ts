/**
 * For data engineers: "every subject of study 42 into my table", with the library packages
 * (no job catalog, no CLI).
 *
 *   pnpm -C examples custom-extract [studyId]
 *
 * Uses CC_API_BASE_URL / CC_API_KEY when set, else starts a sandbox (whose study ids start at
 * 1001); DATABASE_URL when set, else the embedded PGlite warehouse under .trialsync/.
 */
import { createCcClient } from "@trialsync/cc-client"
import { defineStagingTable, openWarehouse, warehouseOptionsFromEnv } from "@trialsync/warehouse"
import { connectToCc } from "./support/cc-connection.js"

const cc = await connectToCc()
const warehouse = await openWarehouse(warehouseOptionsFromEnv())
try {
  // --- the user code: about twenty lines -------------------------------------------------------
  const client = createCcClient({ baseUrl: cc.baseUrl, apiKey: cc.apiKey, apiKeyHeader: cc.apiKeyHeader })
  const studyId = Number(process.argv[2] ?? cc.exampleStudyId)

  // A table of my own, with the staging contract (raw jsonb, key, content hash, lineage, soft delete).
  const mySubjects = defineStagingTable({
    name: "my_study_subjects",
    key: "id",
    description: "Every subject of one study, for my analysis"
  })
  await warehouse.migrate()
  await warehouse.ensureStagingTable(mySubjects)

  // Stream the pages straight into the loader: memory stays at about one page.
  const subjects = client.records("/api/v1/studies/{studyId}/subjects/odata", { params: { studyId } })
  const result = await warehouse.loadStaging(mySubjects, subjects, { instanceId: 1, jobId: 9001, runId: 1 })
  console.log(
    `Study ${studyId}: ${result.total} subjects read, ${result.inserted} inserted, ${result.updated} updated, ${result.unchanged} unchanged`
  )
  // ---------------------------------------------------------------------------------------------

  const [row] = await warehouse.query<{ subjects: number; statuses: number }>(
    "SELECT count(*)::int AS subjects, count(DISTINCT data->>'status')::int AS statuses FROM my_study_subjects WHERE data->'study'->>'id' = $1",
    [String(studyId)]
  )
  console.log(
    `my_study_subjects holds ${row?.subjects} subjects of study ${studyId} in ${row?.statuses} statuses (${warehouse.describe()})`
  )
} finally {
  await warehouse.close()
  await cc.close()
}
