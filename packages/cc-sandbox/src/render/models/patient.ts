import { hash } from "../../data/random.js"
import { GENERATED_AT } from "../../data/store.js"
import type { EntityModel } from "../model.js"
import { address, iso, phone, years } from "../values.js"
import * as W from "../words.js"
import { pickRoot } from "./helpers.js"

const idOnly: EntityModel["core"] = ({ id }) => ({ id })

/** Patient-scoped lists (allergies, devices...): their nested previews name real reference records. */
const patientList = (
  entity: string,
  schema: string,
  extra: Record<string, EntityModel["schemas"][string]> = {}
): EntityModel => ({
  entity,
  core: idOnly,
  schemas: { [schema]: {}, ...extra }
})

export const patientModels: ReadonlyArray<EntityModel> = [
  {
    entity: "patient",
    core: ({ id, rng }) => {
      const firstName = rng.pick(W.firstNames)
      const lastName = rng.pick(W.lastNames)
      const genderCode = rng.pick(["F", "M"])
      return {
        id,
        uid: rng.uuid(),
        name: `${lastName}, ${firstName}`,
        displayName: `${firstName} ${lastName}`,
        firstName,
        middleName: rng.chance(0.4) ? rng.pick(W.firstNames).charAt(0) : null,
        lastName,
        title: genderCode === "F" ? rng.pick(["Ms.", "Mrs.", "Dr."]) : rng.pick(["Mr.", "Dr."]),
        genderCode,
        race: rng.pick(W.races),
        ethnicity: rng.pick(W.ethnicities),
        dateOfBirth: iso(GENERATED_AT - years(18 + rng.next() * 67))
      }
    },
    marker: "statusReason",
    volatile: ["status", "statusReason", "recruitmentTextOptIn"],
    schemas: {
      PatientViewModel: {
        primarySite: (ctx) =>
          ctx.refs.preview("SitePreviewModel", "site", pickRoot(ctx.store, "site", ctx.index, 0x70726d)),
        status: (ctx) =>
          ctx.epoch > 0
            ? ctx.changed.pick(["Active", "Inactive", "OnHold"])
            : ctx.rng.chance(0.85)
              ? "Active"
              : "Inactive",
        statusReason: () => null,
        phone1: ({ rng }) => ({ rawNumber: null, number: phone(rng), outOfService: false }),
        phone2: ({ rng }) => (rng.chance(0.3) ? { rawNumber: null, number: phone(rng), outOfService: false } : null),
        phone3: () => null,
        phone4: () => null,
        primaryEmail: ({ core, rng }) => ({
          email: `${String(core.firstname)}.${String(core.lastname)}${rng.int(1, 999)}@example.com`.toLowerCase(),
          doNotEmail: rng.chance(0.1)
        }),
        secondaryEmail: () => null,
        country: () => "United States",
        address1: ({ rng }) => address(rng).line1,
        city: ({ rng }) => address(rng).city,
        state: ({ rng }) => address(rng).state,
        zip: ({ rng }) => address(rng).zip,
        phoneTypeToText: ({ rng }) => rng.pick(["None", "Phone1"]),
        fax: () => null,
        dateOfDeath: () => null,
        nativeLanguage: ({ rng }) => (rng.chance(0.8) ? "English" : rng.pick(W.languages)),
        maritalStatus: ({ rng }) => rng.pick(W.maritalStatuses),
        ssn: ({ rng }) => `XXX-XX-${rng.digits(4)}`,
        mrn: ({ rng }) => `MRN${rng.digits(8)}`,
        importId: () => null,
        importSourceId: () => null,
        importPatientId: () => null,
        caregiverId: () => null,
        caregiver: () => false,
        guardian: () => null
      }
    }
  },
  patientList("patientDevice", "PatientMedicalDeviceViewModel"),
  patientList("patientAllergy", "PatientAllergiesViewModel"),
  patientList("patientProvider", "PatientProviderViewModel"),
  patientList("patientCondition", "PatientConditionViewModel", {
    PatientConditionModel: { ageAtOnset: ({ rng }) => rng.int(5, 80) }
  }),
  {
    entity: "patientProcedure",
    core: idOnly,
    schemas: {
      PatientProcedureViewModel: {
        name: ({ index }) => W.procedures[hash(index, 0x70726f) % W.procedures.length]![0],
        cptCode: ({ index }) => W.procedures[hash(index, 0x70726f) % W.procedures.length]![1]
      }
    }
  },
  patientList("patientMedication", "PatientMedicationViewModel"),
  patientList("patientImmunization", "PatientImmunizationViewModel"),
  patientList("patientFamilyHistory", "PatientFamilyHistoryViewModel"),
  patientList("patientSocialHistory", "PatientLifeStylesHistoryViewModel"),
  patientList("campaignTouch", "CampaignTouchViewModel"),
  patientList("referralTouch", "ReferralTouchViewModel")
]
