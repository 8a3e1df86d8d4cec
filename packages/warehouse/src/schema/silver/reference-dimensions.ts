/**
 * Silver Type-1 dimensions (sites, sponsors, staff, monitors: overwritten in place, one row per
 * business key, a source deletion sets `is_deleted`) and the Type-0 date dimension.
 *
 * Contact details (street addresses, phone numbers, e-mail addresses) stay in Bronze: Silver
 * keeps what analysis groups by.
 */
import { boolean, date, integer, pgTable, smallint, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core"
import { id, instance, surrogateKey, type1Columns } from "./columns.js"

export const dimSites = pgTable(
  "dim_sites",
  {
    siteKey: surrogateKey("site_key"),
    sourceInstanceId: instance(),
    siteId: id("site_id").notNull(),
    siteUid: text("site_uid"),
    name: text("name"),
    isActive: boolean("is_active"),
    city: text("city"),
    stateProvince: text("state_province"),
    country: text("country"),
    timeZone: text("time_zone"),
    organization: text("organization"),
    createdOn: timestamp("created_on", { withTimezone: true }),
    ...type1Columns()
  },
  (t) => [uniqueIndex("dim_sites_bk_uq").on(t.sourceInstanceId, t.siteId)]
)

export const dimSponsors = pgTable(
  "dim_sponsors",
  {
    sponsorKey: surrogateKey("sponsor_key"),
    sourceInstanceId: instance(),
    sponsorId: id("sponsor_id").notNull(),
    name: text("name"),
    divisionCount: integer("division_count"),
    ...type1Columns()
  },
  (t) => [uniqueIndex("dim_sponsors_bk_uq").on(t.sourceInstanceId, t.sponsorId)]
)

export const dimStaff = pgTable(
  "dim_staff",
  {
    staffKey: surrogateKey("staff_key"),
    sourceInstanceId: instance(),
    staffId: id("staff_id").notNull(),
    staffUid: text("staff_uid"),
    displayName: text("display_name"),
    firstName: text("first_name"),
    lastName: text("last_name"),
    profession: text("profession"),
    isActive: boolean("is_active"),
    isExternal: boolean("is_external"),
    ...type1Columns()
  },
  (t) => [uniqueIndex("dim_staff_bk_uq").on(t.sourceInstanceId, t.staffId)]
)

export const dimMonitors = pgTable(
  "dim_monitors",
  {
    monitorKey: surrogateKey("monitor_key"),
    sourceInstanceId: instance(),
    monitorId: id("monitor_id").notNull(),
    firstName: text("first_name"),
    lastName: text("last_name"),
    displayName: text("display_name"),
    ...type1Columns()
  },
  (t) => [uniqueIndex("dim_monitors_bk_uq").on(t.sourceInstanceId, t.monitorId)]
)

/**
 * One row per calendar day, 2000-01-01 to 2035-12-31 (filled by the migration, never changed).
 * Facts reference it by `date_key` = YYYYMMDD of the UTC date.
 */
export const dimDate = pgTable(
  "dim_date",
  {
    dateKey: integer("date_key").primaryKey(),
    fullDate: date("full_date", { mode: "string" }).notNull(),
    year: smallint("year").notNull(),
    quarter: smallint("quarter").notNull(),
    month: smallint("month").notNull(),
    monthName: text("month_name").notNull(),
    yearMonth: text("year_month").notNull(),
    dayOfMonth: smallint("day_of_month").notNull(),
    /** ISO: Monday = 1 ... Sunday = 7. */
    dayOfWeek: smallint("day_of_week").notNull(),
    dayName: text("day_name").notNull(),
    dayOfYear: smallint("day_of_year").notNull(),
    isoWeek: smallint("iso_week").notNull(),
    isWeekend: boolean("is_weekend").notNull()
  },
  (t) => [uniqueIndex("dim_date_full_date_uq").on(t.fullDate)]
)
