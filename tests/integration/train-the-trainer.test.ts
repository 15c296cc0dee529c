import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { importCourses } from "~/domain/courses/import.server.ts";
import { enrol, getCourseOverview, hasPassed } from "~/domain/courses/learning.server.ts";
import { loadCourses } from "~/domain/courses/load.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { sitAssessment } from "../factories/assessments.ts";
import { enrolWithProgress } from "../factories/learning.ts";
import { ensureUser } from "../factories/users.ts";

// The shipped courses: the trainers' course imports, opens only to certified investigators, and can be passed
// through the same factories the demo seed uses.
beforeAll(async () => {
  const loaded = loadCourses(path.resolve("courses"));
  expect(loaded.issues).toEqual([]);
  const report = await importCourses(loaded.courses);
  expect(report.refused).toEqual([]);
});

async function certify(userId: string) {
  await prisma.certificate.create({
    data: {
      number: `TEST-TTT-${userId}`,
      userId,
      ruleId: "ip-crime-investigator-certified",
      status: "issued",
      activeKey: `${userId}:ip-crime-investigator-certified`,
      holderName: "Test Holder",
      language: "en",
      record: "{}",
      signature: "test.signature",
      keyId: "test",
      issuedAt: new Date(),
      issueMode: "manual",
    },
    select: { id: true },
  });
}

describe("train-the-trainer", () => {
  it("imports its assignments and those of the intermediate course", async () => {
    const rows = await prisma.assignment.findMany({
      where: { retiredAt: null },
      orderBy: [{ courseId: "asc" }, { position: "asc" }],
      select: { courseId: true, slug: true, moduleSlug: true, maxPoints: true },
    });
    expect(rows).toEqual([
      {
        courseId: "ip-crime-intermediate",
        slug: "case-analysis-of-a-seizure",
        moduleSlug: "prosecution-file",
        maxPoints: 16,
      },
      { courseId: "train-the-trainer", slug: "draft-a-session-plan", moduleSlug: "national-session", maxPoints: 16 },
      {
        courseId: "train-the-trainer",
        slug: "assess-a-case-analysis",
        moduleSlug: "assessing-mentoring",
        maxPoints: 12,
      },
    ]);
  });

  it("refuses an uncertified officer, and is passed by a certified one who completes it", async () => {
    const officer = await ensureUser(prisma);
    expect(await enrol(officer.id, "train-the-trainer")).toMatchObject({ ok: false, reason: "certificate_required" });
    await certify(officer.id);
    const lessons = await prisma.lesson.count({ where: { courseId: "train-the-trainer", retiredAt: null } });
    await enrolWithProgress(prisma, officer.id, "train-the-trainer", lessons);
    expect(await hasPassed(officer.id, "train-the-trainer")).toBe(false); // module quizzes passed, final not yet
    await sitAssessment(prisma, officer.id, "train-the-trainer", "final", 0.9);
    expect(await hasPassed(officer.id, "train-the-trainer")).toBe(true);
    const overview = (await getCourseOverview("train-the-trainer", officer.id, "en"))!;
    expect(overview).toMatchObject({ passed: true, percent: 100, certificateLock: null });
    expect(overview.modules.flatMap((m) => m.assignments.map((a) => a.slug))).toEqual([
      "draft-a-session-plan",
      "assess-a-case-analysis",
    ]);
  });
});
