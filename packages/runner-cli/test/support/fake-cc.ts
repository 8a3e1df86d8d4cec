/**
 * A tiny stand-in CC over real HTTP for hostile cases the sandbox cannot express: it answers what
 * every run asks first (instance details, the key check on `/api/v1/sites/odata`) and hands every
 * other request to the test's `route`; a path the route leaves alone gets a 404.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http"
import type { AddressInfo } from "node:net"

/** Writes a JSON answer. */
export const sendJson = (
  response: ServerResponse,
  status: number,
  body: string,
  headers: Record<string, string> = {}
): void => {
  response.writeHead(status, { "content-type": "application/json", ...headers })
  response.end(body)
}

/** Handles a request and returns true, or returns false to let it 404. */
export type FakeCcRoute = (request: IncomingMessage, response: ServerResponse, url: URL) => boolean

export interface FakeCc {
  /** The API root, as `CC_API_BASE_URL` takes it. */
  readonly baseUrl: string
  readonly close: () => void
}

/**
 * Starts the fake CC on a free port. With `apiKey`, requests other than instance details without
 * that key in `CCAPIKey` get a 401.
 *
 * @example
 * ```ts
 * const cc = await startFakeCc((_request, response, url) =>
 *   url.pathname.endsWith("/api/v1/sites") ? (sendJson(response, 200, "[]"), true) : false
 * )
 * ```
 */
export const startFakeCc = async (route: FakeCcRoute, options: { readonly apiKey?: string } = {}): Promise<FakeCc> => {
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://x")
    if (url.pathname.endsWith("/api/v1/instance/details")) return sendJson(response, 200, '{"instanceUID":"x"}')
    if (options.apiKey !== undefined && request.headers.ccapikey !== options.apiKey) {
      return sendJson(response, 401, '{"message":"bad key"}')
    }
    if (url.pathname.endsWith("/api/v1/sites/odata")) return sendJson(response, 200, '{"Items":[],"Count":0}')
    if (!route(request, response, url)) sendJson(response, 404, "{}")
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/CCSWEB`,
    close: () => server.close()
  }
}
