import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { cohortDashboard } from "~/domain/cohorts/dashboard.server.ts";
import { importCourses } from "~/domain/courses/import.server.ts";
import { loadCourses } from "~/domain/courses/load.server.ts";
import { enrolWithProgress } from "../factories/learning.ts";
import { sitAssessment } from "../factories/assessments.ts";
import {
  cohortAccess,
  cohortsFor,
  createCohort,
  createInvite,
  importClassList,
  joinByInvite,
  previewClassList,
} from "~/domain/cohorts/cohorts.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { outboxDir } from "~/utils/email.server.ts";
import { ensureUser, uniqueEmail } from "../factories/users.ts";

beforeAll(async () => {
  const coursesDir = fs.mkdtempSync(path.join(os.tmpdir(), "courses-"));
  fs.cpSync(path.resolve("tests/fixtures/courses-assessed"), coursesDir, { recursive: true });
  await importCourses(loadCourses(coursesDir).courses);
});

const actor = async (roles: ("learner" | "trainer" | "admin")[]) => {
  const user = await ensureUser(prisma, { roles });
  return { id: user.id, roles, isActive: true };
};

async function cohortOf(ownerId: string, capacity = 40) {
  return createCohort(ownerId, {
    name: "Kenya customs, November 2026",
    country: "KE",
    language: "en",
    courses: [],
    startsOn: new Date("2026-11-01T00:00:00Z"),
    endsOn: new Date("2026-12-15T00:00:00Z"),
    capacity,
  });
}

describe("importing a class list", () => {
  it("shows the 3 bad rows of 30 and writes nothing; without them it enrols the 27 and invites the new ones", async () => {
    const trainer = await actor(["trainer"]);
    const cohort = await cohortOf(trainer.id);
    const existing = await ensureUser(prisma, { email: uniqueEmail("existing") });
    const run = Math.random().toString(36).slice(2, 8);
    const good = Array.from(
      { length: 26 },
      (_, i) => `Officer ${i},o${i}-${run}@kra.example,Kenya Revenue Authority,KE,en`
    );
    good.push(`Already Here,${existing.email},Kenya Revenue Authority,KE,en`);
    const bad = [
      "No Address,,Kenya Revenue Authority,KE,en",
      `Twice,o1-${run}@kra.example,Kenya Revenue Authority,KE,en`,
      "Lost,lost@kra.example,Kenya Revenue Authority,ZZ,en",
    ];
    const header = "name,email,agency,country,language";
    const withBad = [header, ...good.slice(0, 10), ...bad, ...good.slice(10)].join("\n");
    const before = await prisma.user.count();
    const refused = await importClassList(trainer.id, cohort.id, withBad);
    expect(refused.ok).toBe(false);
    if (refused.ok || !refused.list.ok) throw new Error("expected a preview");
    expect(refused.list.counts).toEqual({ create: 26, enrolExisting: 1, skip: 0, problems: 3 });
    expect(refused.list.rows.filter((r) => Object.keys(r.problems).length).map((r) => r.line)).toEqual([12, 13, 14]);
    expect(await prisma.user.count()).toBe(before);
    expect(await prisma.cohortMember.count({ where: { cohortId: cohort.id } })).toBe(0);

    const mailBefore = fs.existsSync(outboxDir()) ? fs.readdirSync(outboxDir()).length : 0;
    const imported = await importClassList(trainer.id, cohort.id, [header, ...good].join("\n"));
    expect(imported).toEqual({ ok: true, created: 26, enrolled: 1, skipped: 0 });
    expect(await prisma.user.count()).toBe(before + 26);
    expect(await prisma.cohortMember.count({ where: { cohortId: cohort.id } })).toBe(27);
    const mails = fs.readdirSync(outboxDir()).length - mailBefore;
    expect(mails).toBe(26); // invitations to choose a password, not to the person who already had an account

    // Importing the same list again changes nothing.
    const again = await previewClassList(cohort.id, [header, ...good].join("\n"));
    expect(again.ok && again.counts).toEqual({ create: 0, enrolExisting: 0, skip: 27, problems: 0 });
  });
});

describe("who sees a cohort", () => {
  it("lets its trainer and administrators manage it, its members see it, and nobody else", async () => {
    const lead = await actor(["trainer"]);
    const otherTrainer = await actor(["trainer"]);
    const admin = await actor(["admin"]);
    const learner = await actor(["learner"]);
    const stranger = await actor(["learner"]);
    const cohort = await cohortOf(lead.id);
    const { code } = await createInvite(lead.id, cohort.id, { days: 7, maxUses: 10 });
    expect(await joinByInvite(learner.id, code)).toEqual({ ok: true, cohortId: cohort.id, already: false });
    expect(await cohortAccess(lead, cohort.id)).toBe("manage");
    expect(await cohortAccess(admin, cohort.id)).toBe("manage");
    expect(await cohortAccess(learner, cohort.id)).toBe("member");
    expect(await cohortAccess(otherTrainer, cohort.id)).toBeNull();
    expect(await cohortAccess(stranger, cohort.id)).toBeNull();
    expect((await cohortsFor(otherTrainer)).running.map((c) => c.id)).not.toContain(cohort.id);
    expect((await cohortsFor(lead)).running.map((c) => c.id)).toContain(cohort.id);
    expect((await cohortsFor(learner)).member.map((c) => c.id)).toEqual([cohort.id]);
  });
});

describe("invitation links", () => {
  it("expire, run out, respect the cohort's capacity and never add anyone twice", async () => {
    const lead = await actor(["trainer"]);
    const cohort = await cohortOf(lead.id, 2);
    const now = new Date();
    const expired = await createInvite(
      lead.id,
      cohort.id,
      { days: 1, maxUses: 5 },
      new Date(now.getTime() - 2 * 86_400_000)
    );
    const a = await actor(["learner"]);
    expect(await joinByInvite(a.id, expired.code)).toEqual({ ok: false, reason: "expired" });
    expect(await joinByInvite(a.id, "not-a-code")).toEqual({ ok: false, reason: "unknown" });
    const once = await createInvite(lead.id, cohort.id, { days: 7, maxUses: 1 });
    expect((await joinByInvite(a.id, once.code)).ok).toBe(true);
    expect(await joinByInvite(a.id, once.code)).toEqual({ ok: true, cohortId: cohort.id, already: true });
    const b = await actor(["learner"]);
    expect(await joinByInvite(b.id, once.code)).toEqual({ ok: false, reason: "used-up" });
    const open = await createInvite(lead.id, cohort.id, { days: 7, maxUses: 10 });
    const [c, d] = [await actor(["learner"]), await actor(["learner"])];
    const results = await Promise.all([joinByInvite(c.id, open.code), joinByInvite(d.id, open.code)]);
    expect(results.filter((r) => r.ok)).toHaveLength(1); // one place left
    expect(results.find((r) => !r.ok)).toEqual({ ok: false, reason: "full" });
    expect(await prisma.cohortMember.count({ where: { cohortId: cohort.id } })).toBe(2);
  });
});

describe("the cohort dashboard", () => {
  it("shows each member's progress per module, scores and risk, from their own records", async () => {
    const lead = await actor(["trainer"]);
    const cohort = await createCohort(lead.id, {
      name: "Exam cohort",
      country: "FR",
      language: "en",
      courses: ["exam-course"],
      startsOn: new Date(Date.now() - 30 * 86_400_000),
      endsOn: new Date(Date.now() + 30 * 86_400_000),
      capacity: 10,
    });
    const { code } = await createInvite(lead.id, cohort.id, { days: 7, maxUses: 10 });
    const keen = await ensureUser(prisma, { fullName: "Aa Keen" });
    const quiet = await ensureUser(prisma, { fullName: "Zz Quiet" });
    for (const u of [keen, quiet]) expect((await joinByInvite(u.id, code)).ok).toBe(true);
    await enrolWithProgress(prisma, keen.id, "exam-course", 99);
    await sitAssessment(prisma, keen.id, "exam-course", "final", 0.25); // a failed final

    const board = await cohortDashboard(cohort.id, "en");
    expect(board.modules.map((m) => m.key)).toEqual(["exam-course/basics", "exam-course/advanced"]);
    const [first, second] = board.members;
    expect(first).toMatchObject({ fullName: "Aa Keen", percent: 100, finals: { "exam-course": { passed: false } } });
    expect(first!.modules["exam-course/basics"]).toMatchObject({ percent: 100, quizPassed: true });
    expect(first!.flags).toEqual([]);
    expect(second).toMatchObject({ fullName: "Zz Quiet", percent: 0, lastActivityAt: null, flags: ["inactive"] });
    expect(board.atRisk).toBe(1);
    expect(board.timeline.reduce((n, w) => n + w.completions, 0)).toBeGreaterThan(0);
  });
});
