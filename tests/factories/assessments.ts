import { closeAndGrade, findAssessment, saveAnswer, startAttempt } from "~/domain/assessments/attempts.server.ts";
import type { Layout } from "~/domain/assessments/layout.ts";
import type { Question } from "~/domain/assessments/schema.ts";
import { rightForm } from "./right-answers.ts";

export { rightForm };
import type { PrismaClient } from "~/generated/prisma/client.ts";

/**
 * Sit an assessment through the domain functions the pages use, answering `rightShare` of the
 * questions right (the first ones) and leaving the rest empty, then submit. Returns the attempt id.
 */
export async function sitAssessment(
  prisma: PrismaClient,
  userId: string,
  courseId: string,
  slug: string,
  rightShare: number,
  now = new Date()
): Promise<string> {
  const assessment = await findAssessment(courseId, slug);
  if (!assessment) throw new Error(`no assessment ${courseId}/${slug}`);
  const started = await startAttempt(userId, assessment, "en", now);
  if (!started.ok) throw new Error(`cannot start ${courseId}/${slug}: ${started.reason}`);
  const asked = await prisma.attemptQuestion.findMany({
    where: { attemptId: started.attemptId },
    orderBy: { position: "asc" },
    select: { position: true, layout: true, question: { select: { contents: { where: { language: "en" } } } } },
  });
  const right = Math.round(asked.length * rightShare);
  for (const q of asked.slice(0, right)) {
    const question = JSON.parse(q.question.contents[0]!.definition) as Question;
    const form = new URLSearchParams(rightForm(question, JSON.parse(q.layout) as Layout));
    const saved = await saveAnswer(userId, started.attemptId, q.position, form, { now });
    if (!saved.ok) throw new Error(`could not answer question ${q.position}: ${saved.reason}`);
  }
  await closeAndGrade(started.attemptId, "learner", now);
  return started.attemptId;
}
