/**
 * What a subject's statuses mean for enrollment. CC's `SubjectStatusModel.status` values (spec:
 * Prescreened, Screened, RunIn, RunInFailed, ScreenFailed, NonQualified, Randomized, FollowUp,
 * Completed, Dropped) plus the spellings other CC editions and exports use, matched on letters
 * only, case-insensitively ("Screen Failed", "screen_failed" and "ScreenFailed" are one status).
 *
 * | group            | statuses                                                             | means                                       |
 * | ---------------- | -------------------------------------------------------------------- | ------------------------------------------- |
 * | in screening     | Prescreened, Screened, RunIn                                         | not (yet) enrolled                          |
 * | screen failure   | ScreenFailed, NonQualified, RunInFailed                              | never enrolled                              |
 * | enrolled         | Randomized, FollowUp, Enrolled, Active, OnTreatment                  | enrolled (ever), active unless it ended     |
 * | completed        | Completed                                                            | enrolled, finished the study                |
 * | dropped          | Dropped, Withdrawn, EarlyTerminated, Discontinued, LostToFollowUp    | enrolled, left early                        |
 *
 * A subject is enrolled when any of its status events (or its current status) is in the last
 * three groups, or it has a randomization number. Screen failures are subjects with a failure
 * status that never got enrolled.
 */

const letters = (status: string): string => status.toLowerCase().replace(/[^a-z]/g, "")

const group = (statuses: ReadonlyArray<string>): ReadonlyArray<string> => statuses.map(letters)

export const subjectStatusGroups = {
  screening: group(["Prescreened", "Screened", "RunIn"]),
  screenFailure: group(["ScreenFailed", "NonQualified", "RunInFailed"]),
  enrolled: group(["Randomized", "FollowUp", "Enrolled", "Active", "OnTreatment"]),
  completed: group(["Completed"]),
  dropped: group(["Dropped", "Withdrawn", "EarlyTerminated", "Discontinued", "LostToFollowUp"])
} as const

export type SubjectStatusGroup = keyof typeof subjectStatusGroups

/** SQL: the status expression reduced to lowercase letters. */
export const normalizedStatus = (expression: string): string =>
  `regexp_replace(lower(${expression}), '[^a-z]', '', 'g')`

const list = (values: ReadonlyArray<string>): string => `(${values.map((value) => `'${value}'`).join(", ")})`

/** SQL: whether the status expression is in one of the groups. */
export const statusIn = (expression: string, ...groups: ReadonlyArray<SubjectStatusGroup>): string =>
  `${normalizedStatus(expression)} IN ${list(groups.flatMap((name) => subjectStatusGroups[name]))}`

/** The group a status belongs to (undefined for a status outside the mapping). */
export const statusGroupOf = (status: string): SubjectStatusGroup | undefined =>
  (Object.keys(subjectStatusGroups) as Array<SubjectStatusGroup>).find((name) =>
    subjectStatusGroups[name].includes(letters(status))
  )
