import { mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, describe, expect, it } from "@effect/vitest"
import { Effect, Either, Layer, Redacted } from "effect"
import {
  ConfigError,
  type EngineConfig,
  EngineConfigTag,
  engineConfigVariables,
  isCcConfigured,
  loadEngineConfig
} from "../../src/config/index.js"

const cc = { CC_API_BASE_URL: "https://cc.example.org/CCSWEB/", CC_API_KEY: "k3y-Secret-123" }

/** The error of a load that must fail. */
const failure = (env: Record<string, string | undefined>, options?: Parameters<typeof loadEngineConfig>[1]) => {
  const result = Effect.runSync(Effect.either(loadEngineConfig(env, options)))
  if (Either.isRight(result)) throw new Error("expected the configuration to be refused")
  return result.left
}

const success = (env: Record<string, string | undefined>, options?: Parameters<typeof loadEngineConfig>[1]) =>
  Effect.runSync(loadEngineConfig(env, options))

describe("loadEngineConfig defaults", () => {
  it("fills every default from an environment with only the CC connection", () => {
    const config = success(cc)
    expect({ ...config, cc: undefined }).toEqual({
      cc: undefined,
      databaseUrl: undefined,
      dataDir: ".trialsync",
      pageSize: 1000,
      concurrency: 8,
      requestsPerSecond: 10,
      maxRequestsPerSecond: 0,
      maxRetries: 5,
      timeoutSeconds: 30,
      fullSweepIntervalHours: 168,
      incrementalOverlapSeconds: 300,
      logLevel: "info",
      logFormat: "pretty"
    } satisfies Record<keyof EngineConfig, unknown>)
    expect(config.cc.baseUrl).toBe("https://cc.example.org/CCSWEB")
    expect(config.cc.apiKeyHeader).toBe("CCAPIKey")
    expect(Redacted.value(config.cc.apiKey)).toBe("k3y-Secret-123")
  })

  it("reads every variable it documents", () => {
    const config = success({
      ...cc,
      CC_API_KEY_HEADER: "X-ApiKey",
      DATABASE_URL: "postgres://app:pw@db:5432/dw",
      TRIALSYNC_DATA_DIR: "/var/lib/trialsync",
      ETL_PAGE_SIZE: "250",
      ETL_CONCURRENCY: "4",
      ETL_RATE_LIMIT_RPS: "2.5",
      ETL_RATE_LIMIT_RPS_MAX: "40",
      ETL_MAX_RETRIES: "0",
      ETL_TIMEOUT_SECONDS: "90",
      ETL_FULL_SWEEP_HOURS: "24",
      ETL_INCREMENTAL_OVERLAP_SECONDS: "0",
      LOG_LEVEL: "DEBUG",
      LOG_FORMAT: "json"
    })
    expect(config.cc.apiKeyHeader).toBe("X-ApiKey")
    expect(config.databaseUrl && Redacted.value(config.databaseUrl)).toBe("postgres://app:pw@db:5432/dw")
    expect(config).toMatchObject({
      dataDir: "/var/lib/trialsync",
      pageSize: 250,
      concurrency: 4,
      requestsPerSecond: 2.5,
      maxRequestsPerSecond: 40,
      maxRetries: 0,
      timeoutSeconds: 90,
      fullSweepIntervalHours: 24,
      incrementalOverlapSeconds: 0,
      logLevel: "debug",
      logFormat: "json"
    })
    expect(engineConfigVariables.map((variable) => variable.name)).toEqual([
      "CC_API_BASE_URL",
      "CC_API_KEY",
      "CC_API_KEY_HEADER",
      "DATABASE_URL",
      "TRIALSYNC_DATA_DIR",
      "ETL_PAGE_SIZE",
      "ETL_CONCURRENCY",
      "ETL_RATE_LIMIT_RPS",
      "ETL_RATE_LIMIT_RPS_MAX",
      "ETL_MAX_RETRIES",
      "ETL_TIMEOUT_SECONDS",
      "ETL_FULL_SWEEP_HOURS",
      "ETL_INCREMENTAL_OVERLAP_SECONDS",
      "LOG_LEVEL",
      "LOG_FORMAT"
    ])
  })

  it("treats an empty variable as unset", () => {
    expect(success({ ...cc, ETL_PAGE_SIZE: "" })).toMatchObject({ pageSize: 1000, databaseUrl: undefined })
  })

  it("refuses an empty DATABASE_URL instead of silently using the embedded warehouse", () => {
    for (const empty of ["", "  "]) {
      const error = failure({ ...cc, DATABASE_URL: empty })
      expect(error.variable).toBe("DATABASE_URL")
      expect(error.message).toContain(
        "DATABASE_URL is set but empty: unset it to use the embedded warehouse, or set it to a postgres:// URL."
      )
    }
  })
})

describe("requirements", () => {
  it("requires the CC connection by default and says how to try the sandbox", () => {
    const error = failure({})
    expect(error).toBeInstanceOf(ConfigError)
    expect(error.variable).toBe("CC_API_BASE_URL")
    expect(error.message).toContain(
      "CC_API_BASE_URL is not set: set it to your Clinical Conductor URL, e.g. https://host/CCSWEB, or run `pnpm trialsync demo` to try the sandbox."
    )
    expect(error.problems?.map((problem) => problem.variable)).toEqual(["CC_API_BASE_URL", "CC_API_KEY"])
  })

  it("names the key when only the URL is set", () => {
    const error = failure({ CC_API_BASE_URL: cc.CC_API_BASE_URL })
    expect(error.variable).toBe("CC_API_KEY")
    expect(error.message).toMatch(/^CC_API_KEY is not set: set it to the API key/)
  })

  it("lets warehouse-only callers run without CC", () => {
    const config = success({}, { require: [] })
    expect(isCcConfigured(config)).toBe(false)
    expect(config.cc.baseUrl).toBe("")
    expect(isCcConfigured(success(cc))).toBe(true)
  })

  it("requires DATABASE_URL only when asked to", () => {
    expect(success(cc).databaseUrl).toBeUndefined()
    const error = failure(cc, { require: ["cc", "database"] })
    expect(error.variable).toBe("DATABASE_URL")
    expect(error.message).toMatch(/^DATABASE_URL is not set: set it to a PostgreSQL URL/)
  })
})

describe("validation rules", () => {
  const cases: ReadonlyArray<readonly [string, string, RegExp]> = [
    [
      "ETL_PAGE_SIZE",
      "0",
      /^ETL_PAGE_SIZE must be a whole number from 1 to 1000 \(got "0"\): set it to .*ETL_PAGE_SIZE=1000.*default \(1000\)/
    ],
    ["ETL_PAGE_SIZE", "1001", /from 1 to 1000 \(got "1001"\)/],
    ["ETL_PAGE_SIZE", "abc", /whole number .*\(got "abc"\)/],
    ["ETL_PAGE_SIZE", "12.5", /whole number .*\(got "12.5"\)/],
    ["ETL_CONCURRENCY", "0", /^ETL_CONCURRENCY must be a whole number from 1 to 64/],
    ["ETL_CONCURRENCY", "-3", /\(got "-3"\)/],
    [
      "ETL_RATE_LIMIT_RPS",
      "fast",
      /^ETL_RATE_LIMIT_RPS must be a number from 0 to 10000 \(got "fast"\).*0 = unlimited/
    ],
    ["ETL_MAX_RETRIES", "21", /^ETL_MAX_RETRIES must be a whole number from 0 to 20/],
    ["ETL_TIMEOUT_SECONDS", "0", /^ETL_TIMEOUT_SECONDS must be a number from 1 to 3600/],
    ["ETL_FULL_SWEEP_HOURS", "1e3", /^ETL_FULL_SWEEP_HOURS must be a number from 0 to 8760 \(got "1e3"\)/],
    ["ETL_INCREMENTAL_OVERLAP_SECONDS", "5m", /^ETL_INCREMENTAL_OVERLAP_SECONDS must be a whole number/],
    ["LOG_LEVEL", "verbose", /^LOG_LEVEL must be one of debug, info, warn, error \(got "verbose"\)/],
    ["LOG_FORMAT", "xml", /^LOG_FORMAT must be one of pretty, json \(got "xml"\): .*LOG_FORMAT=json/],
    ["CC_API_KEY_HEADER", "CC API Key", /^CC_API_KEY_HEADER must be an HTTP header name.*\(got "CC API Key"\)/],
    ["CC_API_KEY_HEADER", "CCAPIKey:", /must be an HTTP header name/],
    ["CC_API_BASE_URL", "cc.example.org/CCSWEB", /^CC_API_BASE_URL is not a URL .*with its scheme/],
    ["CC_API_BASE_URL", "ftp://cc.example.org", /scheme must be https or http, not ftp/],
    ["CC_API_BASE_URL", "https://cc.example.org/CCSWEB/api/v1", /must end at the site root/],
    ["CC_API_BASE_URL", "https://cc.example.org/?tenant=1", /must not have a query string/]
  ]

  for (const [variable, value, expected] of cases) {
    it(`refuses ${variable}=${value}`, () => {
      const error = failure({ ...cc, [variable]: value })
      expect(error.variable).toBe(variable)
      expect(error.message).toMatch(expected)
    })
  }

  it("accepts the edges of each range", () => {
    expect(success({ ...cc, ETL_PAGE_SIZE: "1", ETL_CONCURRENCY: "64", ETL_RATE_LIMIT_RPS: "0" })).toMatchObject({
      pageSize: 1,
      concurrency: 64,
      requestsPerSecond: 0
    })
    expect(success({ ...cc, ETL_PAGE_SIZE: " 1000 ", ETL_MAX_RETRIES: "20" })).toMatchObject({
      pageSize: 1000,
      maxRetries: 20
    })
  })

  it("reports every problem at once, one line each", () => {
    const error = failure({ ...cc, ETL_PAGE_SIZE: "0", LOG_FORMAT: "xml", ETL_CONCURRENCY: "many" })
    expect(error.problems?.map((problem) => problem.variable)).toEqual([
      "ETL_PAGE_SIZE",
      "ETL_CONCURRENCY",
      "LOG_FORMAT"
    ])
    expect(error.message.split("\n")).toHaveLength(3)
  })
})

describe("secrets", () => {
  it("never shows the API key, even when it is refused", () => {
    const error = failure({ ...cc, CC_API_KEY: "abc def-SECRET" })
    expect(error.variable).toBe("CC_API_KEY")
    expect(error.message).toContain("value not shown")
    expect(error.message).not.toContain("SECRET")
    expect(JSON.stringify(error)).not.toContain("SECRET")
  })

  it("never shows DATABASE_URL, not even its password, when it is refused", () => {
    const error = failure({ ...cc, DATABASE_URL: "mysql://app:hunter2@db/dw" })
    expect(error.variable).toBe("DATABASE_URL")
    expect(error.message).toMatch(/^DATABASE_URL is not a PostgreSQL URL \(value not shown\)/)
    expect(error.message).not.toContain("hunter2")
  })

  it("masks credentials someone put in the CC URL", () => {
    const error = failure({ ...cc, CC_API_BASE_URL: "https://admin:hunter2@cc.example.org/CCSWEB" })
    expect(error.message).toContain("must not carry a user or password")
    expect(error.message).not.toContain("hunter2")
    expect(error.message).toContain("https://***:***@cc.example.org/CCSWEB")
  })

  it("keeps the key and the database URL out of the printed configuration", () => {
    const config = success({ ...cc, DATABASE_URL: "postgres://app:hunter2@db:5432/dw" })
    const printed = `${JSON.stringify(config)} ${String(config.cc.apiKey)} ${String(config.databaseUrl)}`
    expect(printed).not.toContain("k3y-Secret-123")
    expect(printed).not.toContain("hunter2")
    expect(printed).toContain("<redacted>")
  })
})

describe(".env files", () => {
  const dir = mkdtempSync(join(tmpdir(), "trialsync-config-"))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it("reads a .env file under the environment, the environment winning", () => {
    const file = join(dir, "winning.env")
    writeFileSync(
      file,
      [
        "# comment",
        "export CC_API_BASE_URL=http://127.0.0.1:4010",
        'CC_API_KEY="from-file"',
        "ETL_PAGE_SIZE=200",
        "LOG_FORMAT=json"
      ].join("\n")
    )
    const config = success({ ETL_PAGE_SIZE: "300" }, { envFile: file })
    expect(config.cc.baseUrl).toBe("http://127.0.0.1:4010")
    expect(Redacted.value(config.cc.apiKey)).toBe("from-file")
    expect(config.pageSize).toBe(300)
    expect(config.logFormat).toBe("json")
  })

  it("names a bad variable that came from the file", () => {
    const file = join(dir, "bad.env")
    writeFileSync(file, "CC_API_BASE_URL=http://127.0.0.1:4010\nCC_API_KEY=k\nETL_PAGE_SIZE=5000\n")
    expect(failure({}, { envFile: file }).variable).toBe("ETL_PAGE_SIZE")
  })

  it("ignores a missing file but reports one it cannot read", () => {
    expect(success(cc, { envFile: join(dir, "absent.env") }).pageSize).toBe(1000)
    const error = failure(cc, { envFile: dir }) // a directory: EISDIR
    expect(error.variable).toBe(".env")
    expect(error.message).toMatch(/^\.env could not be read .*EISDIR/)
  })

  it("reads .env from the working directory for the process environment, not for an explicit one", () => {
    const project = mkdtempSync(join(dir, "project-"))
    writeFileSync(join(project, ".env"), "CC_API_BASE_URL=http://127.0.0.1:4010\nCC_API_KEY=k\nETL_PAGE_SIZE=77\n")
    const previous = process.cwd()
    process.chdir(project)
    try {
      expect(Effect.runSync(loadEngineConfig()).pageSize).toBe(77)
      expect(failure({}).variable).toBe("CC_API_BASE_URL")
    } finally {
      process.chdir(previous)
    }
  })
})

describe("EngineConfigTag", () => {
  it.effect("provides a loaded configuration as a layer", () =>
    Effect.gen(function* () {
      const config = yield* EngineConfigTag
      expect(config.pageSize).toBe(42)
    }).pipe(Effect.provide(EngineConfigTag.fromEnv({ ...cc, ETL_PAGE_SIZE: "42" })))
  )

  it.effect("fails the layer with the ConfigError", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(
        Effect.provide(EngineConfigTag, Layer.fresh(EngineConfigTag.fromEnv({ ...cc, LOG_FORMAT: "xml" })))
      )
      expect(error._tag).toBe("ConfigError")
      expect(error.variable).toBe("LOG_FORMAT")
    })
  )
})
