/**
 * Who in a cohort needs the trainer's attention, and why. Pure: the dashboard gathers each member's facts.
 *   behind    a module whose deadline has passed is not finished
 *   inactive  no activity for `inactiveDays` (or never, once the cohort has started that long ago)
 *   failing   `failedAttempts` or more failed attempts at an assessment not passed since
 */
export const AT_RISK = { inactiveDays: 14, failedAttempts: 2 } as const;

export type RiskFlag = "behind" | "inactive" | "failing";

export interface MemberFacts {
  lastActivityAt: Date | null;
  /** "<courseId>/<moduleSlug>" of every module the member has finished. */
  modulesDone: ReadonlySet<string>;
  /** Failed attempts per assessment the member has not passed (yet). */
  failuresNotRecovered: readonly number[];
}

export interface CohortFacts {
  startsOn: Date;
  deadlines: readonly { courseId: string; moduleSlug: string; dueOn: Date }[];
}

export function riskFlags(
  member: MemberFacts,
  cohort: CohortFacts,
  now: Date,
  rules: { inactiveDays: number; failedAttempts: number } = AT_RISK
): RiskFlag[] {
  const flags: RiskFlag[] = [];
  if (cohort.deadlines.some((d) => d.dueOn < now && !member.modulesDone.has(`${d.courseId}/${d.moduleSlug}`)))
    flags.push("behind");
  const quietSince = member.lastActivityAt ?? cohort.startsOn;
  if (now.getTime() - quietSince.getTime() >= rules.inactiveDays * 86_400_000 && cohort.startsOn <= now)
    flags.push("inactive");
  if (member.failuresNotRecovered.some((n) => n >= rules.failedAttempts)) flags.push("failing");
  return flags;
}
