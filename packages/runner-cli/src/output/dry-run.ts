/**
 * `run --dry-run`: the plan, and what the first page of each job looks like.
 */
import type { DryRunReport } from "../engine.js"
import { formatTable } from "./table.js"

export const formatDryRun = (report: DryRunReport): Array<string> => [
  `Plan: ${report.plan.order.length} jobs in ${report.plan.stages.length} stages (nothing is written).`,
  ...report.plan.stages.map((stage, index) => `  stage ${index}: ${stage.map((job) => job.jobId).join(" ")}`),
  ...report.plan.notes.map((note) => `  note: ${note}`),
  "",
  ...formatTable(report.jobs, [
    { header: "job", value: (job) => job.jobId, alignRight: true },
    { header: "name", value: (job) => job.name, maxWidth: 32 },
    { header: "endpoint", value: (job) => job.endpoint, maxWidth: 60 },
    { header: "partitions", value: (job) => job.partitions, alignRight: true },
    {
      header: "first page",
      value: (job) =>
        job.firstPage.status === "ok" ? `${job.firstPage.rows} rows` : `${job.firstPage.tag}: ${job.firstPage.message}`
    }
  ])
]
