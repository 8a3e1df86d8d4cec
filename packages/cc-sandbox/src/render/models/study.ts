import { hash } from "../../data/random.js"
import { GENERATED_AT } from "../../data/store.js"
import type { EntityModel, RecordContext } from "../model.js"
import { iso, years } from "../values.js"
import * as W from "../words.js"
import {
  idUidName,
  parentChildPreviews,
  parentPreview,
  pickChild,
  pickRoot,
  positionInParent,
  sameStudyPreview
} from "./helpers.js"

const cycle = <T>(items: ReadonlyArray<T>, index: number): T => items[index % items.length] as T

/** When a generated study was created: up to 8 years before the snapshot. */
const studyCreatedMs = (ctx: RecordContext): number =>
  ctx.refs.createdAt(ctx.state, ctx.index) ??
  GENERATED_AT - Math.floor(years(0.1 + 7.9 * (hash(ctx.store.seed, ctx.state.layout.tag, ctx.index, 71) / 4294967296)))

/** The sponsor team a study belongs to; its division and sponsor follow from the tree. */
const studyTeam = (ctx: RecordContext): number => pickRoot(ctx.store, "sponsorTeam", ctx.index, 0x7465616d)

const configName = (ctx: RecordContext, entity: string, salt: number): string =>
  String(ctx.refs.core(entity, pickRoot(ctx.store, entity, ctx.index, salt)).name)

export const studyModels: ReadonlyArray<EntityModel> = [
  {
    entity: "study",
    core: idUidName(
      ({ rng, index }) =>
        `${rng.pick(W.companyStems).slice(0, 3).toUpperCase()}-${100 + ((index * 37) % 900)}${index >= 900 ? String.fromCharCode(65 + Math.floor(index / 900)) : ""}`
    ),
    marker: "comment",
    schemas: {
      StudyViewModel: {
        sponsor: (ctx) =>
          ctx.refs.preview(
            "SponsorPreviewModel",
            "sponsor",
            ctx.store.ancestorOf(ctx.store.state("sponsorTeam"), studyTeam(ctx), "sponsor")
          ),
        sponsorDivision: (ctx) =>
          ctx.refs.preview(
            "SponsorDivisionPreviewModel",
            "sponsorDivision",
            ctx.store.state("sponsorTeam").parentOf(studyTeam(ctx))
          ),
        sponsorTeam: (ctx) => ctx.refs.preview("SponsorTeamPreviewModel", "sponsorTeam", studyTeam(ctx)),
        createdOn: (ctx) => iso(studyCreatedMs(ctx)),
        lastUpdatedOn: (ctx) => {
          const created = studyCreatedMs(ctx)
          const changed = ctx.refs.changedAt(ctx.state, ctx.index)
          return iso(changed ?? created + Math.floor(ctx.rng.next() * (GENERATED_AT - created)))
        },
        studyTypes: ({ rng }) => [rng.chance(0.85) ? "Interventional" : "Observational"],
        studyGroups: (ctx) => [configName(ctx, "studyGroup", 1)],
        studyGroup: (ctx) => configName(ctx, "studyGroup", 1),
        studyStatusBgColor: ({ rng }) => rng.pick(W.colors),
        studyCurrency: () => "USD",
        status: (ctx) => {
          const generated = configName(ctx, "studyStatus", 2)
          return ctx.epoch > 0
            ? String(
                ctx.refs.core("studyStatus", Math.floor(ctx.changed.next() * ctx.store.state("studyStatus").baseCount))
                  .name
              )
            : generated
        },
        category: (ctx) => configName(ctx, "studyCategory", 3),
        subcategory: (ctx) => configName(ctx, "studySubcategory", 4),
        identifier: ({ id }) => `CC-${id}`,
        title: ({ rng }) => `A ${rng.pick(W.phases)} Study of ${rng.pick(W.drugStems)} in ${rng.pick(W.indications)}`,
        protocolNumber: ({ core, rng }) => `${String(core.name)}-${rng.int(1, 4)}0${rng.int(1, 9)}`,
        phase: ({ rng }) => rng.pick(W.phases),
        nctNumber: ({ rng }) => (rng.chance(0.8) ? `NCT0${rng.digits(7)}` : null),
        launchYear: (ctx) => new Date(studyCreatedMs(ctx)).getUTCFullYear()
      }
    }
  },
  {
    entity: "visit",
    core: idUidName((ctx) => cycle(W.visitNames, positionInParent(ctx))),
    schemas: {
      VisitViewModel: {
        study: parentPreview("StudyPreviewModel"),
        protocolVersion: sameStudyPreview("ProtocolVersionPreviewModel", "protocolVersion", 1),
        arms: parentChildPreviews("StudyArmPreviewModel", "arm"),
        type: (ctx) => (positionInParent(ctx) === 0 ? "Screening" : ctx.rng.chance(0.1) ? "Unscheduled" : "Scheduled"),
        isActive: ({ rng }) => rng.chance(0.95)
      }
    }
  },
  {
    entity: "element",
    core: idUidName((ctx) => {
      const position = positionInParent(ctx)
      const round = Math.floor(position / W.elementNames.length)
      return `${cycle(W.elementNames, position)}${round > 0 ? ` ${round + 1}` : ""}`
    }),
    schemas: {
      ElementViewModel: {
        study: parentPreview("StudyPreviewModel"),
        roomAssignment: ({ rng }) =>
          rng.chance(0.7)
            ? { name: "Any Room", type: "AnyRoom", id: null }
            : { name: "No Room", type: "NoRoom", id: null },
        type: ({ rng }) => rng.pick(["Procedure", "Lab", "Assessment", "Questionnaire", "Drug"]),
        initialCategory: ({ rng }) => rng.pick(["Research", "StandardCare", "Variable"]),
        initialInvoiceability: ({ rng }) => rng.pick(["Always", "Never", "Variable"]),
        cpt: ({ rng }) => (rng.chance(0.5) ? rng.pick(W.procedures)[1] : null),
        standardTimeMinutes: ({ rng }) => rng.pick([5, 10, 15, 30, 45, 60])
      }
    }
  },
  {
    entity: "arm",
    core: idUidName((ctx) =>
      cycle(["Arm A", "Arm B", "Placebo", "Arm C", "Open Label", "Extension"], positionInParent(ctx))
    ),
    schemas: {
      StudyArmPreviewModel: {},
      StudyArmViewModel: {
        study: parentPreview("StudyPreviewModel"),
        protocolVersion: sameStudyPreview("ProtocolVersionPreviewModel", "protocolVersion", 2),
        visits: parentChildPreviews("VisitPreviewModel", "visit"),
        status: ({ rng }) => rng.pick(["Open", "Open", "Closed", "Inactive"]),
        patientGoal: ({ rng }) => rng.int(10, 200),
        patientLimit: ({ rng }) => rng.int(200, 400)
      }
    }
  },
  {
    entity: "protocolVersion",
    core: idUidName((ctx) => `Version ${positionInParent(ctx) + 1}.0`),
    schemas: {
      ProtocolVersionViewModel: {
        study: parentPreview("StudyPreviewModel"),
        status: (ctx) => (positionInParent(ctx) === 0 ? "Active" : ctx.rng.pick(["Active", "Superseded", "Draft"])),
        protocolNumber: (ctx) =>
          `${String(ctx.refs.core("study", ctx.state.parentOf(ctx.index)).name)}-P${positionInParent(ctx) + 1}`
      }
    }
  },
  {
    entity: "document",
    core: ({ id, rng }) => ({ id, uid: rng.uuid() }),
    schemas: { StudyDocumentViewModel: { version: ({ rng }) => `${rng.int(1, 5)}.${rng.int(0, 3)}` } }
  },
  {
    entity: "milestone",
    core: ({ id }) => ({ id }),
    schemas: {
      StudyMilestoneViewModel: {
        name: (ctx) => cycle(W.milestoneNames, positionInParent(ctx)),
        status: (ctx) =>
          ctx.epoch > 0
            ? ctx.changed.pick(["Completed", "In Progress"])
            : ctx.rng.pick(["Completed", "Pending", "In Progress"]),
        importance: ({ rng }) => rng.pick(["High", "Medium", "Low"])
      }
    }
  },
  {
    entity: "note",
    core: ({ id }) => ({ id }),
    marker: "note",
    schemas: { StudyNoteViewModel: {} }
  },
  {
    entity: "action",
    core: ({ id }) => ({ id }),
    schemas: {
      ActionViewModel: {
        name: ({ rng }) => rng.pick(W.actionNames),
        status: (ctx) =>
          ctx.epoch > 0 ? ctx.changed.pick(["Completed", "Open"]) : ctx.rng.pick(["Open", "Completed", "Cancelled"]),
        type: ({ rng }) => rng.pick(["Study", "Site"])
      }
    }
  },
  {
    entity: "studyRole",
    core: ({ id }) => ({ id }),
    schemas: { StudyRoleViewModel: { name: (ctx) => cycle(W.roleNames, positionInParent(ctx)) } }
  },
  {
    entity: "personnel",
    core: () => ({}),
    volatile: ["Staff"],
    schemas: {
      RoleStaff: {
        Role: (ctx) => {
          const role = positionInParent(ctx) % W.roleNames.length
          return { Id: role + 1, RoleName: W.roleNames[role], Coordinator: role === 2 }
        }
      }
    }
  },
  {
    entity: "warning",
    core: () => ({}),
    schemas: {
      StudyWarningModel: {
        type: ({ index }) => (index % 2 === 0 ? "Visit" : "Element"),
        description: (ctx) =>
          `${ctx.index % 2 === 0 ? "Visit" : "Element"} has no budget defined${ctx.epoch > 0 ? ` (rev ${ctx.epoch})` : ""}`,
        visit: (ctx) => (ctx.index % 2 === 0 ? sameStudyPreview("VisitPreviewModel", "visit", 3)(ctx) : null),
        element: (ctx) => (ctx.index % 2 === 1 ? sameStudyPreview("ElementPreviewModel", "element", 4)(ctx) : null)
      }
    }
  },
  {
    entity: "visitElement",
    core: () => ({}),
    schemas: {
      VisitElementRelationshipViewModel: {
        visit: parentPreview("VisitPreviewModel"),
        element: (ctx) => {
          const study = ctx.store.ancestorOf(ctx.state, ctx.index, "study")
          const position = positionInParent(ctx)
          const visit = ctx.state.parentOf(ctx.index)
          const element = pickChild(ctx.store, "element", study, hash(visit, position))
          if (element < 0) return null
          const preview = ctx.refs.preview("VisitElementPreviewModel", "element", element)
          preview.sequence = position + 1
          preview.isRequired = ctx.epoch > 0 ? ctx.changed.chance(0.5) : ctx.rng.chance(0.8)
          return preview
        }
      }
    }
  }
]
