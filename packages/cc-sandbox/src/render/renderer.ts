import type { EntityState } from "../data/entity-state.js"
import { hash, Rng, tagOf, unit } from "../data/random.js"
import type { Store } from "../data/store.js"
import { type Gen, GenericValues, schemaDef } from "./generic.js"
import type { Core, EntityModel, Field, RecordContext, References } from "./model.js"

/** Nested schemas that always name a real record of an entity (wherever the spec nests them). */
const previewEntities: Readonly<Record<string, string>> = {
  StudyPreviewModel: "study",
  InvoiceStudyViewModel: "study",
  SitePreviewModel: "site",
  StaffPreviewModel: "staff",
  Staff: "staff",
  StaffResource: "staff",
  PatientPreviewModel: "patient",
  PatientDemographicsViewModel: "patient",
  VisitPreviewModel: "visit",
  ElementPreviewModel: "element",
  StudyArmPreviewModel: "arm",
  ProtocolVersionPreviewModel: "protocolVersion",
  SponsorPreviewModel: "sponsor",
  SponsorDivisionPreviewModel: "sponsorDivision",
  SponsorTeamPreviewModel: "sponsorTeam",
  MonitorPreviewModel: "monitor",
  SchedulePreviewModel: "schedule",
  RoomPreviewModel: "room",
  DocumentTypePreviewModel: "documentType",
  ActionCategoryPreviewModel: "actionCategory",
  OrganizationPreviewModel: "organization",
  StudyGroupPreviewModel: "studyGroup",
  ProviderViewModel: "provider",
  SysProviderModel: "provider",
  DeviceViewModel: "sysDevice",
  PatientAllergyViewModel: "sysAllergy",
  ConditionPreviewViewModel: "sysCondition",
  MedicationViewModel: "sysMedication",
  ImmunizationTypeViewModel: "sysImmunization",
  PatientSocialHistoryViewModel: "sysSocialHistory"
}

const VOLATILE_BY_DEFAULT = /^(comment|note|narrative|description|treatmentcomment|tag1)$/i
const CORE_SALT = 0x636f7265
const MAX_CACHED_CORES = 200_000

interface Plan {
  readonly fields: ReadonlyArray<readonly [name: string, field: Field, fieldTag: number]>
  /** The property that records the revision after an update. */
  readonly marker: string | undefined
}

/**
 * Builds records: for each (entity, schema) a compiled plan of property generators (hand-written
 * fields first, then the record's core, then generic values from the spec), run against a random
 * stream seeded by (seed, entity, index[, update epoch]).
 */
export class Renderer implements References {
  private readonly values: GenericValues
  private readonly plans = new Map<string, Plan>()
  private readonly previewPlans = new Map<
    string,
    { readonly tag: number; readonly fields: ReadonlyArray<readonly [string, Gen | string]> }
  >()
  private readonly cores = new Map<string, Map<number, Core>>()
  private cachedCores = 0

  constructor(
    private readonly store: Store,
    private readonly models: ReadonlyMap<string, EntityModel>
  ) {
    this.values = new GenericValues((schema) => {
      const entity = previewEntities[schema]
      if (entity === undefined) return undefined
      const count = store.state(entity).baseCount
      return (rng) => this.preview(schema, entity, Math.floor(rng.next() * count))
    })
  }

  model(entity: string): EntityModel {
    const model = this.models.get(entity)
    if (model === undefined) throw new Error(`No record model for sandbox entity "${entity}"`)
    return model
  }

  /** The schema an entity's lists are served as. */
  listSchema(entity: string): string {
    return Object.keys(this.model(entity).schemas)[0]!
  }

  core(entity: string, index: number): Core {
    let byIndex = this.cores.get(entity)
    if (byIndex === undefined) {
      byIndex = new Map()
      this.cores.set(entity, byIndex)
    }
    const cached = byIndex.get(index)
    if (cached !== undefined) return cached
    const state = this.store.state(entity)
    const raw = this.model(entity).core({
      store: this.store,
      state,
      index,
      id: state.idOf(index),
      rng: new Rng(this.store.seed, state.layout.tag, index, CORE_SALT),
      refs: this
    })
    // Lower-cased keys: one core fills `Id` and `id`, `FirstName` and `firstName` alike.
    const core: Record<string, unknown> = {}
    for (const key in raw) core[key.toLowerCase()] = raw[key]
    if (++this.cachedCores > MAX_CACHED_CORES) {
      for (const map of this.cores.values()) map.clear()
      this.cachedCores = 1
    }
    byIndex.set(index, core)
    return core
  }

  preview(schema: string, entity: string, index: number): Record<string, unknown> {
    const key = `${schema}|${entity}`
    let plan = this.previewPlans.get(key)
    if (plan === undefined) {
      const sample = this.core(entity, 0)
      const def = schemaDef(schema)
      plan = {
        tag: tagOf(schema),
        fields: def.props.map(([name, type]) => {
          const lower = name.toLowerCase()
          return [
            name,
            lower in sample ? lower : this.values.value(name, type, def.required.includes(name), 3)
          ] as const
        })
      }
      this.previewPlans.set(key, plan)
    }
    const core = this.core(entity, index)
    const rng = new Rng(this.store.seed, this.store.state(entity).layout.tag, index, plan.tag)
    const out: Record<string, unknown> = {}
    for (const [name, source] of plan.fields) out[name] = typeof source === "string" ? core[source] : source(rng)
    return out
  }

  /** Whether `entity` has a model for `schema` (otherwise it can only be served as a preview). */
  serves(entity: string, schema: string): boolean {
    return schema in this.model(entity).schemas
  }

  /**
   * The full record of `entity` in `schema` (default: its list schema). With `only`, just those
   * top-level properties are generated: enough to evaluate a `$filter` or `$orderby` cheaply.
   */
  render(entity: string, index: number, schema?: string, only?: ReadonlySet<string>): Record<string, unknown> {
    const model = this.model(entity)
    const schemaName = schema ?? this.listSchema(entity)
    const plan = this.plan(model, schemaName)
    const state = this.store.state(entity)
    const epoch = state.updatedEpoch(index)
    const tag = state.layout.tag
    const renderer = this
    const rng = new Rng(0, 0)
    const changed = new Rng(0, 0)
    let core: Core | undefined
    const ctx: RecordContext = {
      store: this.store,
      state,
      index,
      id: state.idOf(index),
      rng,
      changed,
      epoch,
      // Built on first use: a scan that reads one field should not pay for the core.
      get core() {
        core ??= renderer.core(entity, index)
        return core
      },
      refs: this
    }
    // Each field draws from its own stream, so a field's value never depends on the fields before it.
    const recordSeed = hash(this.store.seed, tag, index)
    const changedSeed = hash(this.store.seed, tag, index, 0x10000 + epoch)
    const out: Record<string, unknown> = {}
    for (const [name, field, fieldTag] of plan.fields) {
      if (only !== undefined && !only.has(name)) continue
      rng.reset(recordSeed ^ fieldTag)
      changed.reset(changedSeed ^ fieldTag)
      out[name] = field(ctx)
    }
    const marker = plan.marker
    if (epoch > 0 && marker !== undefined && (only === undefined || only.has(marker))) {
      out[marker] = `${typeof out[marker] === "string" ? `${out[marker]} ` : ""}(rev ${epoch})`
    }
    return out
  }

  generic(schema: string, rng: Rng): Record<string, unknown> {
    return this.values.object(schema, 1)(rng) as Record<string, unknown>
  }

  changedAt(state: EntityState, index: number): number | undefined {
    const epoch = state.updatedEpoch(index)
    return epoch > 0 ? this.momentIn(epoch, state, index, 1) : this.createdAt(state, index)
  }

  createdAt(state: EntityState, index: number): number | undefined {
    const epoch = state.createdEpoch(index)
    return epoch > 0 ? this.momentIn(epoch, state, index, 2) : undefined
  }

  /** A moment in the epoch's window `(from, to]`, spread by record. */
  private momentIn(epoch: number, state: EntityState, index: number, salt: number): number {
    const { from, to } = this.store.epochs[epoch]!
    if (to <= from) return to
    return from + 1 + Math.floor(unit(this.store.seed, state.layout.tag, index, epoch * 4 + salt) * (to - from))
  }

  private plan(model: EntityModel, schema: string): Plan {
    const key = `${model.entity}|${schema}`
    const cached = this.plans.get(key)
    if (cached !== undefined) return cached
    const fields = model.schemas[schema]
    if (fields === undefined) throw new Error(`Entity "${model.entity}" is not served as schema "${schema}"`)
    const def = schemaDef(schema)
    const volatile = new Set(
      (model.volatile ?? def.props.map(([name]) => name).filter((name) => VOLATILE_BY_DEFAULT.test(name))).map((name) =>
        name.toLowerCase()
      )
    )
    const sample = this.core(model.entity, 0)
    const planFields = def.props.map(([name, type]): readonly [string, Field, number] => {
      const fieldTag = tagOf(name)
      const own = fields[name]
      if (own !== undefined) return [name, own, fieldTag]
      const lower = name.toLowerCase()
      if (lower in sample) return [name, (ctx) => ctx.core[lower], fieldTag]
      const gen = this.values.value(name, type, def.required.includes(name), 1)
      return volatile.has(lower) ? [name, (ctx) => gen(ctx.changed), fieldTag] : [name, (ctx) => gen(ctx.rng), fieldTag]
    })
    for (const name of Object.keys(fields)) {
      if (!def.props.some(([prop]) => prop === name)) {
        throw new Error(`Model "${model.entity}" sets "${name}", which schema "${schema}" does not have`)
      }
    }
    const marker = model.marker ?? def.props.find(([name]) => VOLATILE_BY_DEFAULT.test(name))?.[0]
    const plan: Plan = {
      fields: planFields,
      marker: marker !== undefined && def.props.some(([name]) => name === marker) ? marker : undefined
    }
    this.plans.set(key, plan)
    return plan
  }
}
