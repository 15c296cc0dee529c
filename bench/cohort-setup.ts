// Prepares the cohort-dashboard benchmark (bench/cohort.mjs): a cohort of `count` members on the Introductory
// programme, each with lesson progress (0 to all lessons) and graded quiz and final attempts spread over eight
// weeks, as rows of the real tables; the lead trainer with a session. Writes the cohort id and cookie as JSON.
//
//   DATA_DIR=bench/.tmp-cohort npx tsx bench/cohort-setup.ts <count> <out.json>
import crypto from "node:crypto";
import fs from "node:fs";
import { courseAssessments } from "~/domain/assessments/attempts.server.ts";
import { courseStructure } from "~/domain/courses/structure.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { sessionCookie } from "~/utils/session.server.ts";

const count = Number(process.argv[2] ?? 500);
const out = process.argv[3] ?? "bench/.tmp-cohort/setup.json";
const courseId = "ip-crime-introductory";
const lessons = (await courseStructure(courseId))!.lessons.filter((l) => !l.retired);
const assessments = await courseAssessments(courseId);
const start = new Date(Date.UTC(2026, 8, 1));
const trainer = await prisma.user.create({
  data: {
    email: `bench-trainer-${crypto.randomBytes(3).toString("hex")}@example.test`,
    passwordHash: "x",
    fullName: "Bench Trainer",
    agency: "Bench",
    country: "KE",
    roles: { create: [{ role: "trainer" }] },
  },
  select: { id: true },
});
const cohort = await prisma.cohort.create({
  data: {
    name: `Bench cohort of ${count}`,
    country: "KE",
    language: "en",
    courses: JSON.stringify([courseId]),
    startsOn: start,
    endsOn: new Date(start.getTime() + 90 * 86_400_000),
    capacity: count,
    ownerId: trainer.id,
    deadlines: {
      create: [...new Set(lessons.map((l) => l.moduleSlug))].map((slug, i) => ({
        courseId,
        moduleSlug: slug,
        dueOn: new Date(start.getTime() + (i + 1) * 7 * 86_400_000),
      })),
    },
  },
  select: { id: true },
});
const at = (days: number) => new Date(start.getTime() + days * 86_400_000);
for (let i = 0; i < count; i++) {
  const id = crypto.randomUUID();
  await prisma.user.create({
    data: {
      id,
      email: `bench-member-${cohort.id}-${i}@example.test`,
      passwordHash: "x",
      fullName: `Member ${String(i).padStart(3, "0")}`,
      agency: "Bench",
      country: "KE",
    },
    select: { id: true },
  });
  await prisma.cohortMember.create({ data: { cohortId: cohort.id, userId: id, via: "import" } });
  const done = Math.floor((lessons.length * ((i * 37) % 101)) / 100);
  await prisma.lessonProgress.createMany({
    data: lessons
      .slice(0, done)
      .map((l, k) => ({
        userId: id,
        lessonId: l.id,
        firstViewedAt: at(k * 2),
        lastViewedAt: at(k * 2 + 1),
        completedAt: at(k * 2 + 1),
        secondsOnTask: 600,
      })),
  });
  const attempts = assessments.slice(0, Math.floor((assessments.length * done) / Math.max(1, lessons.length)));
  await prisma.attempt.createMany({
    data: attempts.flatMap((a, k) =>
      [1, 2].slice(0, 1 + (i % 2)).map((n) => ({
        assessmentId: a.id,
        userId: id,
        number: n,
        language: "en",
        settings: JSON.stringify(a.settings),
        startedAt: at(k * 7 + n),
        closedAt: at(k * 7 + n),
        closedBy: "learner",
        score: n === 1 && i % 2 ? 0.4 : 0.9,
        passed: !(n === 1 && i % 2),
        gradedAt: at(k * 7 + n),
      }))
    ),
  });
}
const token = crypto.randomBytes(32).toString("base64url");
await prisma.session.create({
  data: {
    id: crypto.createHash("sha256").update(token).digest("hex"),
    userId: trainer.id,
    expiresAt: new Date(Date.now() + 86_400_000),
  },
});
const cookie = (await sessionCookie.serialize(token)).split(";")[0]!;
fs.writeFileSync(out, JSON.stringify({ cohortId: cohort.id, cookie }));
await prisma.$disconnect();
