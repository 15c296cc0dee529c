import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { addMember, createCohort, createInvite, joinByInvite } from "~/domain/cohorts/cohorts.server.ts";
import { importCourses } from "~/domain/courses/import.server.ts";
import { enrol, getCourseOverview } from "~/domain/courses/learning.server.ts";
import { loadCourses } from "~/domain/courses/load.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { ensureUser } from "../factories/users.ts";

// The small fixture course, made a trainers' course: only holders of a current "IP Crime Investigator —
// Certified" certificate may enrol. It gets one assignment, due 30 days after enrolment.
const RULE = "ip-crime-investigator-certified";
const DAY = 86_400_000;

beforeAll(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "courses-"));
  fs.cpSync(path.resolve("tests/fixtures/courses-valid"), dir, { recursive: true });
  const manifest = path.join(dir, "mini-course/course.yaml");
  fs.writeFileSync(
    manifest,
    fs
      .readFileSync(manifest, "utf8")
      .replace("level: introductory", "level: trainer")
      .replace("prerequisites: []", `prerequisites: []\nrequiresCertificate: ${RULE}`)
  );
  fs.writeFileSync(
    path.join(dir, "mini-course/assignments.yaml"),
    `assignments:
  - id: plan
    module: basics
    dueDays: 30
    title:
      en: Draft a plan
      fr: Rédiger un plan
    instructions:
      en: Plan a session.
    rubric:
      criteria:
        - id: objectives
          title:
            en: Objectives
          levels:
            - id: vague
              points: 0
              title:
                en: Vague
            - id: observable
              points: 3
              title:
                en: Observable
`
  );
  const loaded = loadCourses(dir);
  expect(loaded.issues).toEqual([]);
  await importCourses(loaded.courses);
});

let serial = 0;
async function certificate(userId: string, fields: { status?: string; expiresAt?: Date | null; revokedAt?: Date }) {
  const status = fields.status ?? "issued";
  await prisma.certificate.create({
    data: {
      number: `TEST-REQ-${Date.now()}-${serial++}`,
      userId,
      ruleId: RULE,
      status,
      activeKey: status === "issued" ? `${userId}:${RULE}` : null,
      holderName: "Test Holder",
      language: "en",
      record: "{}",
      signature: "test.signature",
      keyId: "test",
      issuedAt: new Date(Date.now() - 400 * DAY),
      expiresAt: fields.expiresAt ?? null,
      issueMode: "manual",
      revokedAt: fields.revokedAt ?? null,
    },
    select: { id: true },
  });
}

describe("a course that requires a certificate", () => {
  it("is locked to visitors and to people without the certificate, with the reason", async () => {
    const visitor = await getCourseOverview("mini-course", null, "fr");
    expect(visitor?.level).toBe("trainer");
    expect(visitor?.certificateLock).toEqual({
      rule: RULE,
      title: { text: expect.stringContaining("Enquêteur certifié") as string, language: "fr" },
    });
    const user = await ensureUser(prisma);
    expect(await enrol(user.id, "mini-course")).toEqual({
      ok: false,
      reason: "certificate_required",
      certificate: RULE,
    });
    expect(await prisma.enrolment.count({ where: { userId: user.id } })).toBe(0);
  });

  it("stays locked with an expired or a revoked certificate", async () => {
    const expired = await ensureUser(prisma);
    await certificate(expired.id, { expiresAt: new Date(Date.now() - DAY) });
    expect(await enrol(expired.id, "mini-course")).toMatchObject({ ok: false, reason: "certificate_required" });
    const revoked = await ensureUser(prisma);
    await certificate(revoked.id, { status: "revoked", revokedAt: new Date() });
    expect(await enrol(revoked.id, "mini-course")).toMatchObject({ ok: false, reason: "certificate_required" });
    expect((await getCourseOverview("mini-course", revoked.id, "en"))?.certificateLock?.rule).toBe(RULE);
  });

  it("opens to a holder of a current certificate, and lists the module's assignments with status and due date", async () => {
    const holder = await ensureUser(prisma);
    await certificate(holder.id, { expiresAt: new Date(Date.now() + 365 * DAY) });
    expect((await getCourseOverview("mini-course", holder.id, "en"))?.certificateLock).toBeNull();
    expect(await enrol(holder.id, "mini-course")).toMatchObject({ ok: true });
    const { enrolledAt } = await prisma.enrolment.findUniqueOrThrow({
      where: { userId_courseId: { userId: holder.id, courseId: "mini-course" } },
      select: { enrolledAt: true },
    });

    const overview = (await getCourseOverview("mini-course", holder.id, "fr"))!;
    expect(overview.enrolled).toBe(true);
    const [assignment] = overview.modules.find((m) => m.slug === "basics")!.assignments;
    expect(assignment).toEqual({
      slug: "plan",
      title: { text: "Rédiger un plan", language: "fr" },
      maxPoints: 3,
      status: null,
      dueAt: new Date(enrolledAt.getTime() + 30 * DAY),
    });

    // Their submission's status shows once there is one.
    const { id: assignmentId } = await prisma.assignment.findUniqueOrThrow({
      where: { courseId_slug: { courseId: "mini-course", slug: "plan" } },
      select: { id: true },
    });
    const dueAt = new Date(enrolledAt.getTime() + 30 * DAY);
    await prisma.submission.create({
      data: { assignmentId, userId: holder.id, status: "revision-requested", dueAt },
      select: { id: true },
    });
    const after = (await getCourseOverview("mini-course", holder.id, "en"))!;
    expect(after.modules[0]!.assignments[0]).toMatchObject({ status: "revision-requested", dueAt });

    // Someone else sees no status and no due date of theirs.
    const visitor = (await getCourseOverview("mini-course", null, "en"))!;
    expect(visitor.modules[0]!.assignments[0]).toMatchObject({ status: null, dueAt: null });
  });
});

describe("a cohort that covers a course requiring a certificate", () => {
  it("enrols its certified members in the course, and only them, whichever way they join", async () => {
    const trainer = await ensureUser(prisma, { roles: ["learner", "trainer"] });
    const cohort = await createCohort(trainer.id, {
      name: "Trainers, December 2026",
      country: "KE",
      language: "en",
      courses: ["mini-course"],
      startsOn: new Date("2026-12-01T00:00:00Z"),
      endsOn: new Date("2027-01-31T00:00:00Z"),
      capacity: 10,
    });
    const { code } = await createInvite(trainer.id, cohort.id, { days: 7, maxUses: 10 });
    const enrolled = (userId: string) =>
      prisma.enrolment.count({ where: { userId, courseId: "mini-course" } }).then((n) => n === 1);

    // By invitation: both become members; only the certificate holder is enrolled in the course.
    const uncertified = await ensureUser(prisma);
    const holder = await ensureUser(prisma);
    await certificate(holder.id, { expiresAt: new Date(Date.now() + 365 * DAY) });
    expect(await joinByInvite(uncertified.id, code)).toMatchObject({ ok: true });
    expect(await joinByInvite(holder.id, code)).toMatchObject({ ok: true });
    expect(await enrolled(uncertified.id)).toBe(false);
    expect(await enrolled(holder.id)).toBe(true);
    // The course page tells the member who was not enrolled why.
    expect((await getCourseOverview("mini-course", uncertified.id, "en"))?.certificateLock?.rule).toBe(RULE);

    // Added by the trainer: the same rule.
    const added = await ensureUser(prisma);
    expect(await addMember(trainer.id, cohort.id, added.email)).toEqual({ ok: true, already: false });
    expect(await enrolled(added.id)).toBe(false);
    const members = await prisma.cohortMember.count({ where: { cohortId: cohort.id } });
    expect(members).toBe(3);
  });
});
