/**
 * Quick start, as a web app would use the client. Run it against a sandbox:
 *
 *   node --conditions=source --import tsx packages/cc-client/examples/quick-start.ts
 *
 * or against a real CC by setting CC_API_BASE_URL, CC_API_KEY (and CC_API_KEY_HEADER if not CCAPIKey).
 */
import { pathToFileURL } from "node:url"
import { type CcClient, createCcClient, isCcError, odata, type SubjectViewModel } from "../src/index.js"

export interface QuickStartSummary {
  readonly instanceType: string | undefined
  readonly studies: number
  readonly firstStudy: string | undefined
  readonly subjectsOfFirstStudy: number
  readonly missingStudy: string
}

/** What a page of the web app might do with one long-lived client. */
export const quickStart = async (client: CcClient): Promise<QuickStartSummary> => {
  // One typed GET: the response type comes from the spec (InstanceDetails).
  const details = await client.get("/api/v1/instance/details")

  // A typed list, paged for you (1000 rows per request, next links or $skip, every shape).
  let studies = 0
  let firstStudy: { id?: number; name?: string } | undefined
  for await (const study of client.records("/api/v1/studies/odata", { query: { $orderby: "id asc" } })) {
    studies++
    firstStudy ??= study
  }

  // Path parameters are typed; $filter takes a built, escaped expression.
  const f = odata.for<SubjectViewModel>()
  let subjectsOfFirstStudy = 0
  if (firstStudy?.id !== undefined) {
    for await (const _subject of client.records("/api/v1/studies/{studyId}/subjects/odata", {
      params: { studyId: firstStudy.id },
      query: { $filter: f.gt("id", 0) }
    })) {
      subjectsOfFirstStudy++
    }
  }

  // Errors are typed and tagged; their messages say what to check.
  let missingStudy = "found"
  try {
    await client.get("/api/v1/studies/{id}", { params: { id: 987_654_321 } })
  } catch (error) {
    if (isCcError(error) && error._tag === "NotFound") missingStudy = `NotFound after ${error.attempts} attempt(s)`
    else throw error
  }

  return {
    instanceType: details.instanceType,
    studies,
    firstStudy: firstStudy?.name,
    subjectsOfFirstStudy,
    missingStudy
  }
}

const runDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href
if (runDirectly) {
  const fromEnv = process.env.CC_API_BASE_URL !== undefined && process.env.CC_API_KEY !== undefined
  const { startSandbox } = await import("@trialsync/cc-sandbox")
  const sandbox = fromEnv ? undefined : await startSandbox({ scale: 0.002 })
  const client = createCcClient({
    baseUrl: sandbox?.url ?? process.env.CC_API_BASE_URL!,
    apiKey: sandbox?.apiKey ?? process.env.CC_API_KEY!,
    apiKeyHeader: sandbox?.apiKeyHeader ?? process.env.CC_API_KEY_HEADER ?? "CCAPIKey"
  })
  try {
    console.log(await quickStart(client))
    console.log(client.metrics())
  } finally {
    await sandbox?.stop()
  }
}
