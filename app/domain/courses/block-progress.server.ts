import { prisma } from "~/utils/db.server.ts";
import { lessonComplete } from "./progress.ts";

/**
 * Record a learner's result on one block of a lesson and complete the lesson once every answerable
 * block is done: one transaction, safe to repeat. Used by the lesson's own exercises (answered on
 * the lesson page) and by module quizzes (graded on their assessment pages).
 */
export async function saveBlockResult(
  userId: string,
  lesson: { id: string; answerable: string[] },
  blockId: string,
  fields: { blockType: string; answer: string; correct: boolean | null; score: number | null; complete: boolean },
  options: { attempts?: number } = {}
) {
  const now = new Date();
  const data = {
    blockType: fields.blockType,
    answer: fields.answer,
    correct: fields.correct,
    score: fields.score,
    completedAt: fields.complete ? now : null,
  };
  await prisma.$transaction(async (tx) => {
    await tx.interactionResponse.upsert({
      where: { userId_lessonId_blockId: { userId, lessonId: lesson.id, blockId } },
      create: { userId, lessonId: lesson.id, blockId, ...data, attempts: options.attempts ?? 1 },
      update: { ...data, attempts: options.attempts ?? { increment: 1 } },
      select: { blockId: true },
    });
    const done = await tx.interactionResponse.findMany({
      where: { userId, lessonId: lesson.id, completedAt: { not: null } },
      select: { blockId: true },
    });
    if (lessonComplete(lesson.answerable, new Set(done.map((d) => d.blockId)))) {
      // The lesson may be answered without a recorded view (a form posted from another tab).
      await tx.lessonProgress.upsert({
        where: { userId_lessonId: { userId, lessonId: lesson.id } },
        create: { userId, lessonId: lesson.id, firstViewedAt: now, lastViewedAt: now, completedAt: now },
        update: {},
        select: { userId: true },
      });
      await tx.lessonProgress.updateMany({
        where: { userId, lessonId: lesson.id, completedAt: null },
        data: { completedAt: now },
      });
    }
  });
}
