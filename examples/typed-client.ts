/**
 * For the TrialSync web app: typed calls into Clinical Conductor, no HTTP code.
 *
 *   pnpm -C examples typed-client [studyId]
 *
 * Uses CC_API_BASE_URL / CC_API_KEY (/ CC_API_KEY_HEADER) when set, else starts a sandbox.
 */
import { createCcClient, isCcError, odata, type SubjectViewModel } from "@trialsync/cc-client"
import { connectToCc } from "./support/cc-connection.js"

const cc = await connectToCc()
try {
  // One client for the app's whole life: every call shares its rate limiter, retries and timeouts.
  const client = createCcClient({ baseUrl: cc.baseUrl, apiKey: cc.apiKey, apiKeyHeader: cc.apiKeyHeader })

  // A typed GET: `details` is InstanceDetails, straight from the vendor spec.
  const details = await client.get("/api/v1/instance/details")
  console.log(`Connected to a ${details.instanceType} instance, web version ${details.webVersion}`)

  // Path parameters are typed too.
  const studyId = Number(process.argv[2] ?? cc.exampleStudyId)
  const study = await client.get("/api/v1/studies/{id}", { params: { id: studyId } })
  console.log(`Study ${study.id}: ${study.name} (${study.status})`)

  // A paged list with a typed, escaped OData filter: records() follows the pages for you.
  const subject = odata.for<SubjectViewModel>()
  const byStatus = new Map<string, number>()
  for await (const row of client.records("/api/v1/studies/{studyId}/subjects/odata", {
    params: { studyId },
    query: { $filter: subject.ne("status", "ScreenFailed"), $orderby: "id asc" }
  })) {
    byStatus.set(row.status ?? "unknown", (byStatus.get(row.status ?? "unknown") ?? 0) + 1)
  }
  const total = [...byStatus.values()].reduce((sum, count) => sum + count, 0)
  console.log(
    `${total} subjects not screen-failed: ${[...byStatus].map(([status, count]) => `${status} ${count}`).join(", ")}`
  )

  // Errors are typed and tagged; their messages say what to check.
  try {
    await client.get("/api/v1/studies/{id}", { params: { id: 987_654_321 } })
  } catch (error) {
    if (isCcError(error) && error._tag === "NotFound")
      console.log(`A missing study is a typed NotFound: ${error.message}`)
    else throw error
  }
  console.log(`Requests made: ${client.metrics().requests}`)
} finally {
  await cc.close()
}
