import { hash, Rng, tagOf } from "../data/random.js"
import type { View } from "../data/store.js"
import { pickRoot } from "../render/models/helpers.js"
import { subjectFacts } from "../render/models/subject-facts.js"
import * as W from "../render/words.js"
import { type Binding, type CustomRoute, HttpError, type RouteContext } from "./route-types.js"

const at = (param: string, entity: string): Binding => ({ param, entity })

const boundIndex = (ctx: RouteContext, param: string): number => ctx.bound[param]!.index

/** A view over chosen record indexes (ascending), for cross relations the tree does not hold. */
const arrayView = (tree: View, keep: (index: number) => boolean): View => {
  const indexes: Array<number> = []
  for (let position = 0; position < tree.count; position++) {
    const index = tree.indexAt(position)
    if (keep(index)) indexes.push(index)
  }
  return { state: tree.state, count: indexes.length, indexAt: (position) => indexes[position]! }
}

/** Views for list routes whose records relate to a bound record outside the tree. */
export const crossViews = {
  /** A room group offers the rooms of its site. */
  roomsOfGroup: (ctx: RouteContext): View => {
    const group = boundIndex(ctx, "id")
    return ctx.store.descendantsView("room", "site", ctx.store.state("roomGroup").parentOf(group))
  },
  /** Subjects of a study assigned to one arm. */
  subjectsOfArm: (ctx: RouteContext, tree: View): View => {
    const armId = ctx.store.state("arm").idOf(boundIndex(ctx, "armId"))
    const only = new Set(["arm"])
    return arrayView(tree, (subject) => {
      const arm = ctx.renderer.render("subject", subject, "SubjectViewModel", only).arm as { Id?: number } | null
      return arm?.Id === armId
    })
  },
  /** Visit-element relationships (of the element's study) that name one element. */
  visitsOfElement: (ctx: RouteContext): View => {
    const element = boundIndex(ctx, "elementId")
    const elementId = ctx.store.state("element").idOf(element)
    const study = ctx.store.state("element").parentOf(element)
    const only = new Set(["element"])
    return arrayView(ctx.store.descendantsView("visitElement", "study", study), (relation) => {
      const named = ctx.renderer.render("visitElement", relation, undefined, only).element as { id?: number } | null
      return named?.id === elementId
    })
  }
}

const custom = (
  path: ReadonlyArray<Binding>,
  answer: CustomRoute["answer"],
  query?: ReadonlyArray<Binding>
): CustomRoute => (query === undefined ? { kind: "custom", path, answer } : { kind: "custom", path, query, answer })

const instanceUid = (seed: number, salt: string): string => new Rng(seed, tagOf(salt)).uuid()

const subjectStatusSummary = (ctx: RouteContext): unknown => {
  const subject = boundIndex(ctx, "id")
  const view = ctx.store.descendantsView("subjectStatus", "subject", subject)
  const timeline: Array<Record<string, unknown>> = []
  for (let position = 0; position < view.count; position++) {
    const status = ctx.renderer.render("subjectStatus", view.indexAt(position))
    timeline.push({ status: status.status, statusDate: status.eventDate, comment: status.comment })
  }
  const current = subjectFacts(ctx.store, ctx.renderer, subject).statuses.at(-1) ?? null
  return {
    currentStatus: current,
    timeline,
    droppedReason: current === "Dropped" ? { reason: "Withdrew consent", comment: null } : null
  }
}

const visitElementOf = (ctx: RouteContext): unknown => {
  const visit = boundIndex(ctx, "visitId")
  const elementId = ctx.store.state("element").idOf(boundIndex(ctx, "elementId"))
  const relations = ctx.store.descendantsView("visitElement", "visit", visit)
  for (let position = 0; position < relations.count; position++) {
    const record = ctx.renderer.render("visitElement", relations.indexAt(position))
    if ((record.element as { id?: number } | null)?.id === elementId) return record
  }
  throw new HttpError(404, "NotFound", `Visit ${ctx.params.visitId} has no element ${ctx.params.elementId}`)
}

const DOCUMENT_STATUSES = ["Pending", "Submitted", "Approved", "Expired", "Rejected", "Archived"]

/** Answers that are not a plain list or record of one entity. */
export const customRoutes = {
  instanceDetails: {
    kind: "custom",
    path: [],
    anonymous: true,
    answer: (ctx: RouteContext) => ({
      instanceUID: instanceUid(ctx.store.seed, "instance"),
      instanceType: ctx.instanceType,
      customerUID: instanceUid(ctx.store.seed, "customer"),
      webVersion: "2025.4.1.1102",
      dbVersion: { name: "CC_2025_4", versionID: instanceUid(ctx.store.seed, "db"), created: "2025-10-14T06:00:00Z" },
      pubSub: { enabled: false, environment: "sandbox", pubSubId: null }
    })
  } satisfies CustomRoute,
  instanceTopology: custom([], (ctx) => {
    const sites = ctx.store.globalView("site")
    const siteRefs: Array<{ siteID: unknown; siteUID: unknown }> = []
    for (let position = 0; position < sites.count; position++) {
      const core = ctx.renderer.core("site", sites.indexAt(position))
      siteRefs.push({ siteID: core.id, siteUID: core.uid })
    }
    const instance = instanceUid(ctx.store.seed, "instance")
    return {
      cce:
        ctx.instanceType === "CCE"
          ? { applicationUrl: "https://cce.example.com", instanceUID: instance, remoteLinks: [], sites: siteRefs }
          : null,
      ccs: [],
      pubSubId: null
    }
  }),
  stipendAsList: custom([at("patientVisitId", "patientVisit"), at("paymentId", "stipend")], (ctx) => [
    ctx.renderer.render("stipend", boundIndex(ctx, "paymentId"))
  ]),
  defaultSchedule: custom([], (ctx) => ctx.renderer.render("schedule", 0)),
  staffSchedule: custom([at("id", "staff")], (ctx) => ({
    schedule: ctx.renderer.preview(
      "SchedulePreviewModel",
      "schedule",
      pickRoot(ctx.store, "schedule", boundIndex(ctx, "id"))
    )
  })),
  integrationInfo: custom([at("id", "study")], (ctx) => {
    const systems = ["OmniComm", "OpenClinica", "CCeSource", "Crio", "AdvarraESource"]
    return { integrationSystem: systems[hash(ctx.store.seed, boundIndex(ctx, "id"), 0x696e74) % systems.length] }
  }),
  documentHistory: custom([at("studyId", "study"), at("id", "document")], (ctx) => {
    const rng = new Rng(ctx.store.seed, tagOf("documentHistory"), boundIndex(ctx, "id"))
    const out: Array<Record<string, unknown>> = []
    const steps = rng.int(1, 3)
    for (let step = 0; step < steps; step++) {
      const status = ctx.renderer.generic("StudyDocumentStatusViewModel", rng)
      status.status = DOCUMENT_STATUSES[step]
      out.push(status)
    }
    return out
  }),
  subjectStatus: custom([at("id", "subject")], subjectStatusSummary, [at("studyId", "study")]),
  subjectStatusInStudy: custom([at("studyId", "study"), at("id", "subject")], subjectStatusSummary),
  lookupListNames: custom([], () => [...W.lookupListNames]),
  lookupListItems: custom([], (ctx) => {
    const wanted = ctx.params.listName?.toLowerCase()
    const position = W.lookupListNames.findIndex((name) => name.toLowerCase() === wanted)
    if (position < 0) {
      throw new HttpError(
        404,
        "NotFound",
        `Lookup list "${ctx.params.listName}" does not exist; GET /api/v1/system/lookup-lists names them`
      )
    }
    const rng = new Rng(ctx.store.seed, tagOf("lookupList"), position)
    const count = rng.int(3, 8)
    return Array.from({ length: count }, (_, item) => ({
      id: position * 100 + item + 1,
      name: `${W.lookupListNames[position]} ${item + 1}`,
      description: rng.chance(0.5) ? null : rng.pick(W.sentences)
    }))
  }),
  documentStatuses: custom([], (ctx) => {
    if (!/^\d+$/.test(ctx.params.documentId ?? "")) {
      throw new HttpError(400, "BadRequest", `documentId "${ctx.params.documentId}" is not a valid integer id`)
    }
    return DOCUMENT_STATUSES.map((name, position) => ({
      Id: position + 1,
      Name: name,
      ForeColor: "#FFFFFF",
      BackColor: W.colors[position % W.colors.length]
    }))
  }),
  studyCustomFieldValues: custom([at("id", "studyCustomField")], (ctx) => {
    const field = ctx.renderer.render("studyCustomField", boundIndex(ctx, "id"))
    if (field.dataType !== "Lookup") return []
    return ["Low", "Medium", "High"].map((name, position) => ({ id: position + 1, name, description: null }))
  }),
  visitElement: custom([at("visitId", "visit"), at("elementId", "element")], visitElementOf, [at("studyId", "study")]),
  visitElementInStudy: custom(
    [at("studyId", "study"), at("visitId", "visit"), at("elementId", "element")],
    visitElementOf
  )
}
