import type { SandboxStats } from "../types.js"

/** Requests answered, by status (or "reset") and by the spec's path template. Admin paths are not counted. */
export class RequestStats {
  private requests = 0
  private byStatus: Record<string, number> = {}
  private byPath: Record<string, number> = {}

  record(template: string, status: number | "reset"): void {
    this.requests++
    const key = String(status)
    this.byStatus[key] = (this.byStatus[key] ?? 0) + 1
    this.byPath[template] = (this.byPath[template] ?? 0) + 1
  }

  snapshot(): SandboxStats {
    return { requests: this.requests, byStatus: { ...this.byStatus }, byPath: { ...this.byPath } }
  }

  reset(): void {
    this.requests = 0
    this.byStatus = {}
    this.byPath = {}
  }
}
