import type { Rng } from "../../data/random.js"
import type { EntityModel } from "../model.js"
import { address, companyName, email, iso, pastMs, phone } from "../values.js"
import * as W from "../words.js"
import { childPreviews, idName, idUidName, parentPreview, pickRoot, positionInParent, revised } from "./helpers.js"

const cycle = <T>(items: ReadonlyArray<T>, index: number): T => items[index % items.length] as T

const person = (ctx: { rng: Rng }) => ({ firstName: ctx.rng.pick(W.firstNames), lastName: ctx.rng.pick(W.lastNames) })

export const referenceModels: ReadonlyArray<EntityModel> = [
  {
    entity: "site",
    core: idUidName(
      ({ rng, index }) =>
        `${cycle(W.cities, index)[0]} ${rng.pick(["Clinical Research", "Research Center", "Medical Research", "Trials Unit"])}${index >= W.cities.length ? ` ${Math.floor(index / W.cities.length) + 1}` : ""}`
    ),
    schemas: {
      SiteModel: {
        active: ({ rng }) => rng.chance(0.92),
        address1: ({ rng }) => address(rng).line1,
        city: ({ index }) => cycle(W.cities, index)[0],
        state: ({ index }) => cycle(W.cities, index)[1],
        zip: ({ index, rng }) => `${cycle(W.cities, index)[2]}${rng.digits(2)}`,
        country: () => "United States",
        organization: ({ refs, store }) => refs.core("organization", pickRoot(store, "organization", 1)).name,
        observesDST: () => true,
        createdOn: ({ rng }) => iso(pastMs(rng, 10))
      }
    }
  },
  {
    entity: "sponsor",
    core: idName(({ rng }) => companyName(rng)),
    schemas: {
      SponsorViewModel: {
        sponsorDivisions: childPreviews("SponsorDivisionPreviewModel", "sponsorDivision"),
        url: ({ core }) => `https://www.${String(core.name).split(" ")[0]!.toLowerCase()}.example.com`
      }
    }
  },
  {
    entity: "sponsorDivision",
    core: idName((ctx) => cycle(W.divisionNames, positionInParent(ctx) + ctx.rng.int(0, 9))),
    schemas: {
      SponsorDivisionViewModel: {
        sponsor: parentPreview("SponsorPreviewModel"),
        teams: childPreviews("SponsorTeamPreviewModel", "sponsorTeam")
      }
    }
  },
  {
    entity: "sponsorTeam",
    core: idName((ctx) => cycle(W.teamNames, positionInParent(ctx) + ctx.rng.int(0, 7))),
    schemas: {
      SponsorTeamViewModel: {
        sponsor: (ctx) =>
          ctx.refs.preview("SponsorPreviewModel", "sponsor", ctx.store.ancestorOf(ctx.state, ctx.index, "sponsor")),
        sponsorDivision: parentPreview("SponsorDivisionPreviewModel")
      }
    }
  },
  {
    entity: "organization",
    core: ({ id, index }) => ({ id, name: index === 0 ? "TrialSync Research Network" : `Affiliate Network ${index}` }),
    schemas: { OrganizationPreviewModel: {} }
  },
  {
    entity: "staff",
    core: (ctx) => {
      const { firstName, lastName } = person(ctx)
      const login = `${firstName.charAt(0)}${lastName}${ctx.index}`.toLowerCase()
      return {
        id: ctx.id,
        uid: ctx.rng.uuid(),
        login,
        username: login,
        firstName,
        lastName,
        middlename: null,
        displayName: `${firstName} ${lastName}`,
        fullname: `${firstName} ${lastName}`,
        email: `${login}@example-site.org`
      }
    },
    schemas: {
      StaffViewModel: {
        staffRoles: ({ rng, refs, store }) => {
          const count = rng.int(1, 2)
          const out: Array<Record<string, unknown>> = []
          for (let n = 0; n < count; n++) {
            const site = refs.core("site", rng.int(0, store.state("site").baseCount - 1))
            const role = rng.int(0, W.roleNames.length - 1)
            out.push({
              siteId: site.id,
              siteUid: site.uid,
              siteName: site.name,
              roleId: role + 1,
              roleName: W.roleNames[role],
              principalInvestigator: role === 0,
              subInvestigator: role === 1
            })
          }
          return out
        },
        // Updates (the schema has no change date) change status and profession; the names, login
        // and uid stay, since previews elsewhere quote them. `profession` records the revision.
        isStatusActive: revised((rng) => rng.chance(0.9)),
        profession: revised((rng) => rng.pick(W.professions)),
        isStaffExternal: ({ rng }) => rng.chance(0.05)
      }
    },
    marker: "profession"
  },
  {
    entity: "provider",
    core: (ctx) => {
      const { firstName, lastName } = person(ctx)
      return {
        id: ctx.id,
        providerName: `Dr. ${firstName} ${lastName}`,
        title: "MD",
        firstName,
        middleName: null,
        lastName
      }
    },
    // Updates change the contact details (previews quote only the names); `address2` records the revision.
    schemas: {
      ProviderModel: { primaryPhone: revised(phone), primaryEmail: revised((rng) => email(rng)) }
    },
    marker: "address2"
  },
  {
    entity: "monitor",
    core: (ctx) => {
      const { firstName, lastName } = person(ctx)
      return { id: ctx.id, firstName, lastName, displayName: `${firstName} ${lastName}` }
    },
    schemas: { MonitorPreviewModel: {} }
  },
  {
    entity: "schedule",
    core: idName(({ index }) => (index === 0 ? "Standard Clinic Hours" : `Clinic Schedule ${index + 1}`)),
    schemas: { ScheduleViewModel: { active: ({ index }) => index < 8 } }
  },
  {
    entity: "room",
    core: (ctx) => ({
      id: ctx.id,
      name: `${ctx.rng.pick(["Exam", "Infusion", "Procedure", "Consult"])} Room ${positionInParent(ctx) + 1}`,
      active: ctx.rng.chance(0.95)
    }),
    schemas: {
      RoomViewModel: {
        site: parentPreview("SitePreviewModel"),
        status: ({ core }) => (core.active ? "Active" : "Inactive")
      }
    }
  },
  {
    entity: "roomGroup",
    core: idName(
      (ctx) => `${ctx.rng.pick(["Infusion", "Exam", "Imaging", "Phlebotomy"])} Suite ${positionInParent(ctx) + 1}`
    ),
    schemas: {
      RoomGroupViewModel: {
        site: parentPreview("SitePreviewModel"),
        rooms: (ctx) => {
          const site = ctx.state.parentOf(ctx.index)
          const view = ctx.store.descendantsView("room", "site", site)
          const out: Array<Record<string, unknown>> = []
          for (let k = 0; k < view.count; k++) out.push(ctx.refs.preview("RoomPreviewModel", "room", view.indexAt(k)))
          return out
        },
        roomCount: (ctx) => ctx.store.descendantsView("room", "site", ctx.state.parentOf(ctx.index)).count
      }
    }
  },
  {
    entity: "sysAllergy",
    core: idName(
      ({ index }) =>
        `${cycle(W.allergens, index)}${index >= W.allergens.length ? ` (${Math.floor(index / W.allergens.length) + 1})` : ""}`
    ),
    schemas: { SysAllergyViewModel: {} }
  },
  {
    entity: "sysCondition",
    core: ({ id, index }) => {
      const [name, icd10, icd9] = cycle(W.conditions, index)
      const suffix = index >= W.conditions.length ? ` (${Math.floor(index / W.conditions.length) + 1})` : ""
      return { id, name: `${name}${suffix}`, icd10code: icd10, icd9code: icd9 }
    },
    schemas: { SysConditionsViewModel: { genderCode: () => null } }
  },
  {
    entity: "sysMedication",
    core: idName(
      ({ index, rng }) => `${cycle(W.medications, index)} ${rng.pick([5, 10, 20, 25, 50, 100, 250, 500])} mg`
    ),
    schemas: { SysMedicationViewModel: {} }
  },
  {
    entity: "sysProcedure",
    core: ({ id, index }) => {
      const [name, cpt] = cycle(W.procedures, index)
      return {
        id,
        name: index >= W.procedures.length ? `${name} (${Math.floor(index / W.procedures.length) + 1})` : name,
        cptcode: cpt
      }
    },
    schemas: { SysProcedureModel: {} }
  },
  {
    entity: "sysImmunization",
    core: idName(
      ({ index }) =>
        `${cycle(["Influenza", "Tetanus", "Hepatitis B", "MMR", "Pneumococcal", "Shingles", "COVID-19", "HPV"], index)}${index >= 8 ? ` ${Math.floor(index / 8) + 1}` : ""}`
    ),
    schemas: { SysImmunizationModel: {} }
  },
  {
    entity: "sysDevice",
    core: idName(
      ({ index }) =>
        `${cycle(["Pacemaker", "Insulin Pump", "CPAP Machine", "Hearing Aid", "Knee Implant", "Stent", "Glucose Monitor", "IUD"], index)} ${Math.floor(index / 8) + 1}`
    ),
    schemas: { SysDeviceModel: {} }
  },
  {
    entity: "sysSocialHistory",
    core: idName(
      ({ index }) =>
        `${cycle(["Tobacco Use", "Alcohol Use", "Exercise", "Diet", "Occupation", "Drug Use", "Sleep", "Caffeine"], index)}${index >= 8 ? ` ${Math.floor(index / 8) + 1}` : ""}`
    ),
    schemas: { SysSocialHistoryViewModel: {} }
  },
  {
    entity: "documentType",
    core: ({ id, index }) => ({
      id,
      name: cycle(W.documentTypes, index),
      category: index < 6 ? "Study" : index < 12 ? "Regulatory" : "Site"
    }),
    schemas: { DocumentTypePreviewModel: {} }
  },
  {
    entity: "actionCategory",
    core: ({ id, index }) => ({
      id,
      name: cycle(
        [
          "Regulatory",
          "Contracts",
          "Budget",
          "Start-up",
          "Training",
          "Supplies",
          "Monitoring",
          "Finance",
          "Close-out",
          "Other"
        ],
        index
      ),
      type: index < 5 ? "Study" : "Site"
    }),
    schemas: { ActionCategoryPreviewModel: {} }
  },
  {
    entity: "studyCategory",
    core: idName(({ index }) => cycle(W.divisionNames, index) + (index >= W.divisionNames.length ? " II" : "")),
    schemas: { StudyCategoryViewModel: {} }
  },
  {
    entity: "studySubcategory",
    core: idName(({ index }) =>
      cycle(
        [
          "Interventional",
          "Observational",
          "Device",
          "Biologic",
          "Vaccine",
          "Registry",
          "Extension",
          "Investigator Initiated"
        ],
        index
      )
    ),
    schemas: { StudySubcategoryViewModel: {} }
  },
  {
    entity: "studyStatus",
    core: idName(({ index }) => cycle(W.studyStatuses, index)),
    schemas: {
      StudyStatusTypeViewModel: {
        isActive: ({ index }) => index < 13,
        isEnrollmentPermitted: ({ index }) => index === 5 || index === 6,
        studyPhase: ({ index }) => (index < 5 ? "PreStudy" : index < 10 ? "InStudy" : "PostStudy"),
        backColor: ({ index }) => cycle(W.colors, index)
      }
    }
  },
  {
    entity: "studyGroup",
    core: idName(({ index }) =>
      cycle(["Oncology Group", "Cardiometabolic", "CNS", "Immunology", "Vaccines", "General Medicine"], index)
    ),
    schemas: { StudyGroupPreviewModel: {} }
  },
  {
    entity: "patientCustomField",
    core: idName(({ index }) =>
      cycle(
        [
          "Preferred Contact Time",
          "Referral Source",
          "Transportation Needed",
          "Primary Language",
          "Employer",
          "Emergency Contact",
          "Newsletter Opt-in",
          "BMI",
          "Last Screening Date"
        ],
        index
      )
    ),
    schemas: {
      CustomFieldDefinition: {
        dataType: ({ index }) =>
          cycle(["Text", "Lookup", "Boolean", "Text", "Text", "Text", "Boolean", "Numeric", "Date"], index)
      }
    }
  },
  {
    entity: "studyCustomField",
    core: idName(({ index }) => cycle(["Therapeutic Area", "CRO", "Budget Owner", "Priority", "Internal Code"], index)),
    schemas: {
      CustomFieldDefinition: { dataType: ({ index }) => cycle(["Lookup", "Text", "Text", "Lookup", "Text"], index) }
    }
  }
]
