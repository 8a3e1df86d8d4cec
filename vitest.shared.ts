import type { UserWorkspaceConfig } from "vitest/config"

/**
 * One place for what every package's test project shares: workspace packages resolve to their
 * `src/` through the `source` export condition, so tests never need a build first.
 */
export const sharedProjectConfig = (name: string): UserWorkspaceConfig => ({
  resolve: { conditions: ["source", "module", "node", "import", "default"] },
  ssr: { resolve: { conditions: ["source", "node", "import", "default"], externalConditions: ["source"] } },
  test: {
    name,
    include: ["test/**/*.test.ts"],
    environment: "node",
    testTimeout: 60_000,
    hookTimeout: 120_000
  }
})
