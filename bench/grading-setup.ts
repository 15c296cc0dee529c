// Prepares the grading benchmark (bench/grading.mjs): learners, each with an open 40-question attempt at the
// Introductory final, every answer saved, a session and a CSRF pair. Writes the submissions to make as JSON.
//
//   DATA_DIR=bench/.tmp npx tsx bench/grading-setup.ts <count> <out.json>
import crypto from "node:crypto";
import fs from "node:fs";
import { findAssessment, startAttempt } from "~/domain/assessments/attempts.server.ts";
import { decodeAnswer, type Layout } from "~/domain/assessments/layout.ts";
import type { Question } from "~/domain/assessments/schema.ts";
import { hashPassword } from "~/domain/accounts/password.server.ts";
import { csrfToken } from "~/utils/csrf.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { sessionCookie } from "~/utils/session.server.ts";
import { rightForm } from "../tests/factories/right-answers.ts";

const count = Number(process.argv[2] ?? 1000);
const out = process.argv[3] ?? "bench/.tmp/submissions.json";
const course = "ip-crime-introductory";
const assessment = (await findAssessment(course, "final"))!;
const questions = assessment.settings.draw.reduce((n, d) => n + d.count, 0);
if (questions !== 40) throw new Error(`the benchmark's final should draw 40 questions, not ${questions}`);

const passwordHash = await hashPassword("a bench password that nobody uses");
const run = crypto.randomBytes(4).toString("hex");
const submissions: { path: string; cookie: string; csrf: string }[] = [];
const definitions = new Map<string, Question>();
for (let i = 0; i < count; i++) {
  const user = await prisma.user.create({
    data: {
      email: `bench-${run}-${i}@example.test`,
      passwordHash,
      fullName: `Bench Officer ${i}`,
      agency: "Bench",
      country: "FR",
      roles: { create: { role: "learner" } },
      enrolments: { create: { courseId: course } },
    },
    select: { id: true },
  });
  const started = await startAttempt(user.id, assessment, "en");
  if (!started.ok) throw new Error(started.reason);
  const asked = await prisma.attemptQuestion.findMany({
    where: { attemptId: started.attemptId },
    select: { position: true, questionId: true, layout: true },
  });
  for (const q of asked) {
    if (!definitions.has(q.questionId)) {
      const content = await prisma.questionContent.findUniqueOrThrow({
        where: { questionId_language: { questionId: q.questionId, language: "en" } },
        select: { definition: true },
      });
      definitions.set(q.questionId, JSON.parse(content.definition) as Question);
    }
    const question = definitions.get(q.questionId)!;
    const layout = JSON.parse(q.layout) as Layout;
    // Three answers in four right, the rest left as the learner's wrong first choice would be: blank.
    const form = new URLSearchParams(q.position % 4 === 3 ? [] : rightForm(question, layout));
    const decoded = decodeAnswer(question, layout, form);
    if (!decoded.ok) throw new Error(`could not answer ${q.questionId}`);
    await prisma.attemptQuestion.update({
      where: { attemptId_position: { attemptId: started.attemptId, position: q.position } },
      data: { response: JSON.stringify(decoded.response), savedAt: new Date() },
    });
  }
  const token = crypto.randomBytes(32).toString("base64url");
  await prisma.session.create({
    data: {
      id: crypto.createHash("sha256").update(token).digest("hex"),
      userId: user.id,
      expiresAt: new Date(Date.now() + 86_400_000),
    },
  });
  const csrfCookie = crypto.randomBytes(24).toString("base64url");
  const session = (await sessionCookie.serialize(token)).split(";")[0]!;
  submissions.push({
    path: `/courses/${course}/assessments/final/attempts/${started.attemptId}?index`,
    cookie: `csrf=${csrfCookie}; ${session}`,
    csrf: csrfToken({ csrfCookie }),
  });
}
fs.writeFileSync(out, JSON.stringify(submissions));
console.log(`${count} attempts of ${questions} questions ready in ${out}`);
await prisma.$disconnect();
