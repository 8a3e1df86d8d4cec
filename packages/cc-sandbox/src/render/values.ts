import type { Rng } from "../data/random.js"
import { GENERATED_AT } from "../data/store.js"
import * as W from "./words.js"

const DAY = 86_400_000
const YEAR = 365 * DAY

/** ISO 8601 in UTC, whole seconds: `2025-01-02T03:04:05Z`. */
export const iso = (ms: number): string => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(".000Z", "Z")

export const days = (n: number): number => n * DAY
export const years = (n: number): number => n * YEAR

/** A moment within `maxYears` before the generated snapshot. */
export const pastMs = (rng: Rng, maxYears = 3): number => GENERATED_AT - Math.floor(rng.next() * maxYears * YEAR)

export const firstName = (rng: Rng): string => rng.pick(W.firstNames)
export const lastName = (rng: Rng): string => rng.pick(W.lastNames)

export const phone = (rng: Rng): string => `(${rng.int(201, 989)}) 555-${rng.digits(4)}`

export const email = (rng: Rng, first = firstName(rng), last = lastName(rng)): string =>
  `${first}.${last}${rng.int(1, 99)}@example.com`.toLowerCase().replace(/[^a-z0-9.@]/g, "")

export const sentence = (rng: Rng): string => rng.pick(W.sentences)

export const capitalized = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1)

export const companyName = (rng: Rng): string => `${rng.pick(W.companyStems)} ${rng.pick(W.companySuffixes)}`

/** A street address line, city, state and zip that belong together. */
export const address = (rng: Rng): { line1: string; city: string; state: string; zip: string } => {
  const [city, state, zip] = rng.pick(W.cities)
  return { line1: `${rng.int(10, 9899)} ${rng.pick(W.streets)}`, city, state, zip: `${zip}${rng.digits(2)}` }
}

/** A value for a string property without a format, guessed from its name. */
export const stringFor = (name: string, rng: Rng): string | null => {
  const lower = name.toLowerCase()
  if (lower.includes("email")) return email(rng)
  if (lower.includes("phone") || lower.includes("fax") || lower.includes("mobile")) return phone(rng)
  if (lower === "url" || lower.endsWith("url")) return `https://www.example.com/${rng.pick(W.words)}/${rng.int(1, 999)}`
  if (lower === "address1") return address(rng).line1
  if (lower === "address2") return rng.chance(0.25) ? `Suite ${rng.int(100, 990)}` : null
  if (lower === "address3") return null
  if (lower === "city") return address(rng).city
  if (lower === "state") return address(rng).state
  if (lower === "zip" || lower === "zipcode" || lower === "postalcode") return address(rng).zip
  if (lower === "country") return "United States"
  if (lower === "firstname") return firstName(rng)
  if (lower === "lastname") return lastName(rng)
  if (lower === "middlename") return rng.chance(0.4) ? rng.pick(W.firstNames).charAt(0) : null
  if (lower.endsWith("name") && (lower.includes("full") || lower.includes("display"))) {
    return `${firstName(rng)} ${lastName(rng)}`
  }
  if (lower === "login" || lower === "username")
    return `${firstName(rng).charAt(0)}${lastName(rng)}${rng.int(1, 99)}`.toLowerCase()
  if (lower === "gendercode") return rng.pick(["M", "F"])
  if (lower === "race") return rng.pick(W.races)
  if (lower === "ethnicity") return rng.pick(W.ethnicities)
  if (lower.includes("color")) return rng.pick(W.colors)
  if (lower.includes("timezone")) return rng.pick(W.timeZones)
  if (lower.includes("currency")) return "USD"
  if (lower.includes("uid")) return rng.uuid()
  if (lower.endsWith("time")) return `${String(rng.int(7, 17)).padStart(2, "0")}:${rng.pick(["00", "15", "30", "45"])}`
  if (/comment|description|note|narrative|reason|instruction|response|tooltip|query|question/.test(lower)) {
    return rng.chance(0.35) ? null : sentence(rng)
  }
  if (lower.startsWith("tag")) return rng.chance(0.6) ? null : capitalized(rng.pick(W.words))
  if (lower.includes("importid") || lower.includes("importsource") || lower.includes("importtype")) return null
  if (lower.endsWith("code")) return `${String.fromCharCode(65 + rng.int(0, 25))}${rng.digits(3)}`
  if (lower.endsWith("number")) return `${rng.pick(["A", "B", "C", "S", "R"])}${rng.digits(5)}`
  if (lower.includes("version")) return `${rng.int(1, 4)}.${rng.int(0, 9)}`
  if (lower === "name" || lower.endsWith("name")) return `${capitalized(rng.pick(W.words))} ${rng.int(1, 99)}`
  if (lower === "status") return rng.pick(["Active", "Inactive", "Pending"])
  return capitalized(rng.pick(W.words))
}

/** Optional date properties that are often empty (an end, a closing, a death). */
const OFTEN_EMPTY_DATE = /^(end|closed|dateofdeath|completed|resolved|markedas|expiration|approved|checkout|completion)/

export const dateFor = (name: string, rng: Rng): string | null => {
  const lower = name.toLowerCase()
  if (lower === "dateofdeath") return null
  if (OFTEN_EMPTY_DATE.test(lower) && rng.chance(0.5)) return null
  if (lower === "dateofbirth") return iso(GENERATED_AT - years(18 + rng.next() * 62))
  return iso(pastMs(rng))
}

export const integerFor = (name: string, rng: Rng): number => {
  const lower = name.toLowerCase()
  if (lower.includes("year")) return rng.int(2012, 2025)
  if (lower.includes("count") || lower.includes("quantity")) return rng.int(0, 40)
  if (lower.includes("sequence") || lower.includes("sortorder") || lower.includes("priority")) return rng.int(1, 12)
  if (lower.includes("minute") || lower.includes("duration") || lower.includes("time"))
    return rng.pick([15, 30, 45, 60, 90])
  if (lower.endsWith("id") || lower.endsWith("key")) return rng.int(1, 400)
  return rng.int(0, 100)
}

export const numberFor = (name: string, rng: Rng): number => {
  const lower = name.toLowerCase()
  if (lower.includes("probability")) return Math.round(rng.next() * 100) / 100
  if (lower === "value") return Math.round((50 + rng.next() * 150) * 10) / 10
  if (lower.includes("stipend")) return rng.pick([0, 25, 50, 75, 100, 150])
  return rng.money(10, 5000)
}

export const booleanFor = (name: string, rng: Rng): boolean => {
  const lower = name.toLowerCase()
  if (lower === "active" || lower === "isactive" || lower === "isstatusactive") return rng.chance(0.9)
  if (lower.includes("deleted") || lower.includes("outofservice") || lower.includes("private")) return rng.chance(0.03)
  return rng.chance(0.5)
}
