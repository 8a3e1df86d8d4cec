/**
 * Where the examples find Clinical Conductor: CC_API_BASE_URL and CC_API_KEY (and
 * CC_API_KEY_HEADER) when set, otherwise a sandbox started just for the example (it prints
 * which one it uses, so a run against a real CC is never mistaken for a demo).
 */
import { startSandbox } from "@trialsync/cc-sandbox"

export interface CcConnection {
  readonly baseUrl: string
  readonly apiKey: string
  readonly apiKeyHeader: string
  /** A study to use when none is given: 42 on a real CC, the sandbox's first study (1001) otherwise. */
  readonly exampleStudyId: number
  /** "sandbox" when the example started its own. */
  readonly source: "environment" | "sandbox"
  /** Stops the sandbox, if one was started. */
  readonly close: () => Promise<void>
}

export const connectToCc = async (options: { readonly scale?: number } = {}): Promise<CcConnection> => {
  const baseUrl = process.env.CC_API_BASE_URL?.trim()
  const apiKey = process.env.CC_API_KEY?.trim()
  if (baseUrl && apiKey) {
    return {
      baseUrl,
      apiKey,
      apiKeyHeader: process.env.CC_API_KEY_HEADER?.trim() || "CCAPIKey",
      exampleStudyId: 42,
      source: "environment",
      close: async () => {}
    }
  }
  const sandbox = await startSandbox({ scale: options.scale ?? 0.002 })
  console.log(`(CC_API_BASE_URL is not set: using a sandbox at ${sandbox.url})`)
  return {
    baseUrl: sandbox.url,
    apiKey: sandbox.apiKey,
    apiKeyHeader: sandbox.apiKeyHeader,
    exampleStudyId: 1001,
    source: "sandbox",
    close: () => sandbox.stop()
  }
}
