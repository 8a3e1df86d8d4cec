import { describe, expect, it } from "vitest"
import {
  addInstance,
  chooseInstance,
  clearLearnedRate,
  findInstance,
  InstanceConfigError,
  listInstances,
  readLearnedRate,
  recordLearnedRate,
  removeInstance,
  resolveApiKey,
  UnknownInstanceError
} from "../../src/index.js"
import type { Harness } from "./harness.js"

const rollback = new Error("rollback")

export const instancesSuite = (h: Harness) =>
  describe("CC instances (dw_api_credentials)", () => {
    it("adds, lists, finds and never overwrites an instance", async () => {
      const warehouse = h.warehouse()
      const added = await addInstance(warehouse, {
        name: `${h.driver}-east`,
        baseUrl: "https://east.cc.test",
        apiKeyRef: "env:CC_API_KEY_EAST",
        rateLimitRps: 4
      })
      expect(added).toMatchObject({ apiKeyHeader: "CCAPIKey", rateLimitRps: 4, isActive: true })
      expect((await listInstances(warehouse)).map((instance) => instance.name)).toContain(`${h.driver}-east`)
      const again = addInstance(warehouse, {
        name: `${h.driver}-east`,
        baseUrl: "https://other.cc.test",
        apiKeyRef: "env:CC_API_KEY_EAST"
      })
      await expect(again).rejects.toThrow(/an instance of that name exists/)
      expect((await findInstance(warehouse, `${h.driver}-east`))?.baseUrl).toBe("https://east.cc.test")
    })

    it("refuses a literal key, credentials in the URL and a bad rate, naming the field", async () => {
      const warehouse = h.warehouse()
      const base = { name: `${h.driver}-bad`, baseUrl: "https://cc.test", apiKeyRef: "env:CC_API_KEY" }
      await expect(addInstance(warehouse, { ...base, apiKeyRef: "sk-live-123" })).rejects.toThrow(
        /bad key reference: it must name an environment variable/
      )
      await expect(addInstance(warehouse, { ...base, baseUrl: "https://u:pw@cc.test" })).rejects.toThrow(
        /bad base URL: it holds credentials/
      )
      await expect(addInstance(warehouse, { ...base, rateLimitRps: 0 })).rejects.toBeInstanceOf(InstanceConfigError)
      expect(await findInstance(warehouse, base.name)).toBeUndefined()
    })

    it("chooses the named instance, the only active one, or fails listing them", async () => {
      const warehouse = h.warehouse()
      await addInstance(warehouse, { name: `${h.driver}-west`, baseUrl: "https://west.cc.test", apiKeyRef: "env:W" })
      expect((await chooseInstance(warehouse, `${h.driver}-west`)).baseUrl).toBe("https://west.cc.test")
      await expect(chooseInstance(warehouse, "nowhere")).rejects.toThrow(/No active CC instance named "nowhere"/)
      const several = await chooseInstance(warehouse, undefined).catch((error: unknown) => error)
      expect(several).toBeInstanceOf(UnknownInstanceError)
      expect(String(several)).toContain(`${h.driver}-west`)
      await expect(
        warehouse.transaction(async (tx) => {
          await tx.query("UPDATE dw_api_credentials SET is_active = (instance_name = $1)", [`${h.driver}-west`])
          expect((await chooseInstance(tx, undefined)).name).toBe(`${h.driver}-west`)
          throw rollback
        })
      ).rejects.toBe(rollback)
    })

    it("removes an unused instance, and only deactivates one that runs refer to", async () => {
      const warehouse = h.warehouse()
      await addInstance(warehouse, { name: `${h.driver}-gone`, baseUrl: "https://gone.cc.test", apiKeyRef: "env:G" })
      expect(await removeInstance(warehouse, `${h.driver}-gone`)).toBe("deleted")
      const used = await addInstance(warehouse, {
        name: `${h.driver}-used`,
        baseUrl: "https://used.cc.test",
        apiKeyRef: "env:U"
      })
      await warehouse.query(
        `INSERT INTO dw_etl_jobs (id, name, source_endpoint, target_table) VALUES (9001, 'x', '/api/v1/sites', 'dim_sites_staging')
         ON CONFLICT (id) DO NOTHING`
      )
      await warehouse.query("INSERT INTO dw_etl_runs (job_id, source_instance_id) VALUES (9001, $1)", [used.id])
      expect(await removeInstance(warehouse, `${h.driver}-used`)).toBe("deactivated")
      expect((await findInstance(warehouse, `${h.driver}-used`))?.isActive).toBe(false)
      await expect(removeInstance(warehouse, "never-there")).rejects.toBeInstanceOf(UnknownInstanceError)
    })

    it("resolves a key reference from the environment, naming a missing variable but no value", async () => {
      const instance = await addInstance(h.warehouse(), {
        name: `${h.driver}-keyed`,
        baseUrl: "https://keyed.cc.test",
        apiKeyRef: "env:CC_KEY_KEYED"
      })
      expect(resolveApiKey(instance, { CC_KEY_KEYED: " k-1 " })).toBe("k-1")
      expect(() => resolveApiKey(instance, {})).toThrow(/env:CC_KEY_KEYED names CC_KEY_KEYED, which is not set/)
    })

    it("records, reads and clears the rate an instance's runs learned", async () => {
      const warehouse = h.warehouse()
      const instance = await addInstance(warehouse, {
        name: `${h.driver}-learned`,
        baseUrl: "https://learned.cc.test",
        apiKeyRef: "env:CC_KEY_LEARNED",
        rateLimitRps: 60
      })
      expect(instance.learnedRateRps).toBeUndefined()
      expect(await readLearnedRate(warehouse, instance.id)).toBeUndefined()
      const before = Date.now()
      expect(await recordLearnedRate(warehouse, instance.id, 42.5)).toBe(true)
      const learned = await readLearnedRate(warehouse, instance.id)
      expect(learned?.requestsPerSecond).toBe(42.5)
      expect(learned?.recordedAt).toBeInstanceOf(Date)
      expect(learned?.rateLimitRps).toBe(60)
      expect(learned!.recordedAt.getTime()).toBeGreaterThan(before - 60_000)
      expect((await findInstance(warehouse, `${h.driver}-learned`))?.learnedRateRps).toBe(42.5)
      // An unlimited or nonsense rate is never stored; a row that is not there is not created.
      expect(await recordLearnedRate(warehouse, instance.id, Infinity)).toBe(false)
      expect(await recordLearnedRate(warehouse, instance.id, 0)).toBe(false)
      expect(await recordLearnedRate(warehouse, 987_654, 10)).toBe(false)
      expect((await readLearnedRate(warehouse, instance.id))?.requestsPerSecond).toBe(42.5)
      await clearLearnedRate(warehouse, instance.id)
      expect(await readLearnedRate(warehouse, instance.id)).toBeUndefined()
    })
  })
