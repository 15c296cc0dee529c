import { describe, expect, it } from "vitest";
import { riskFlags, type MemberFacts } from "./at-risk.ts";

const day = (iso: string) => new Date(`${iso}T09:00:00Z`);
const cohort = {
  startsOn: day("2026-10-01"),
  deadlines: [
    { courseId: "intro", moduleSlug: "ip-crimes", dueOn: day("2026-10-15") },
    { courseId: "intro", moduleSlug: "investigations", dueOn: day("2026-11-30") },
  ],
};
const member = (over: Partial<MemberFacts> = {}): MemberFacts => ({
  lastActivityAt: day("2026-11-20"),
  modulesDone: new Set(["intro/ip-crimes"]),
  failuresNotRecovered: [],
  ...over,
});

describe("learners at risk", () => {
  it("flags nobody who is on time, active and passing", () => {
    expect(riskFlags(member(), cohort, day("2026-11-22"))).toEqual([]);
  });

  it("flags a member behind a passed deadline, not one whose deadline is still ahead", () => {
    expect(riskFlags(member({ modulesDone: new Set() }), cohort, day("2026-11-22"))).toEqual(["behind"]);
    expect(riskFlags(member({ modulesDone: new Set() }), cohort, day("2026-10-14"))).toEqual([]);
  });

  it("flags 14 days without activity, counting from the start for someone who never began", () => {
    expect(riskFlags(member({ lastActivityAt: day("2026-11-08") }), cohort, day("2026-11-22"))).toEqual(["inactive"]);
    expect(riskFlags(member({ lastActivityAt: day("2026-11-09") }), cohort, day("2026-11-22"))).toEqual([]);
    expect(
      riskFlags(member({ lastActivityAt: null, modulesDone: new Set(["intro/ip-crimes"]) }), cohort, day("2026-10-15"))
    ).toEqual(["inactive"]);
    expect(
      riskFlags(member({ lastActivityAt: null }), { ...cohort, startsOn: day("2026-12-01") }, day("2026-11-22"))
    ).toEqual([]);
  });

  it("flags repeated failures at an assessment not passed since", () => {
    expect(riskFlags(member({ failuresNotRecovered: [1] }), cohort, day("2026-11-22"))).toEqual([]);
    expect(riskFlags(member({ failuresNotRecovered: [0, 2] }), cohort, day("2026-11-22"))).toEqual(["failing"]);
  });
});
