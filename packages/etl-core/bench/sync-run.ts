/**
 * One engine run for the sync benchmark, in a process of its own (so its peak RSS and CPU are
 * the engine's alone). Reads its task from the environment and prints one JSON line:
 * `{ wallMs, cpuMs, maxRssMb, jobsAtPeak, status, rows, inserted, updated, unchanged, deleted, requests, jobs }`.
 *
 *   SANDBOX_URL, SANDBOX_KEY, DATABASE_URL | PGLITE_DIR, CONCURRENCY
 *   SELECTION  "all" or comma-separated job ids      FULL_REFRESH  "1" for a full sweep
 */
import { runAll } from "../src/facade.js"

const env = process.env
const selection =
  env.SELECTION === undefined || env.SELECTION === "all"
    ? ({ all: true } as const)
    : { jobIds: env.SELECTION.split(",").map(Number) }

// Which jobs were running when the process's memory peaked (sampled every 250 ms).
const running = new Set<number>()
let peakRss = 0
let peakJobs: ReadonlyArray<number> = []
const sampler = setInterval(() => {
  const rss = process.memoryUsage().rss
  if (rss > peakRss) {
    peakRss = rss
    peakJobs = [...running].sort((left, right) => left - right)
  }
}, 250)

const cpuBefore = process.cpuUsage()
const started = performance.now()
const report = await runAll({
  onProgress: (event) => {
    if (event._tag === "JobStarted") running.add(event.jobId)
    if (event._tag === "JobFinished") running.delete(event.jobId)
  },
  env: {},
  selection,
  fullRefresh: env.FULL_REFRESH === "1",
  trigger: "bench",
  // The benchmark migrates the warehouse before any run (a bundle cannot find the warehouse's migrations).
  migrate: false,
  config: {
    cc: { baseUrl: env.SANDBOX_URL as string, apiKey: env.SANDBOX_KEY as string },
    ...(env.DATABASE_URL === undefined ? { dataDir: env.PGLITE_DIR as string } : { databaseUrl: env.DATABASE_URL }),
    requestsPerSecond: 0,
    concurrency: Number(env.CONCURRENCY ?? 8),
    timeoutSeconds: 60
  }
})
const wallMs = performance.now() - started
clearInterval(sampler)
const cpu = process.cpuUsage(cpuBefore)
const sum = (pick: (job: (typeof report.jobs)[number]) => number) =>
  report.jobs.reduce((total, job) => total + pick(job), 0)
process.stdout.write(
  `${JSON.stringify({
    wallMs: Math.round(wallMs),
    cpuMs: Math.round((cpu.user + cpu.system) / 1000),
    maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    jobsAtPeak: peakJobs,
    status: report.status,
    rows: sum((job) => job.inserted + job.updated + job.unchanged),
    inserted: sum((job) => job.inserted),
    updated: sum((job) => job.updated),
    unchanged: sum((job) => job.unchanged),
    deleted: sum((job) => job.deleted),
    requests: report.requests,
    failed: report.jobs.filter((job) => job.status !== "success").map((job) => `${job.jobId}:${job.status}`),
    jobs: report.jobs.map((job) => ({ id: job.jobId, durationMs: job.durationMs, requests: job.requests }))
  })}\n`
)
