import { enrol, answerBlock, openLesson } from "~/domain/courses/learning.server.ts";
import { sitAssessment } from "./assessments.ts";
import { blocksOf } from "~/domain/courses/parse.ts";
import type { Block } from "~/domain/courses/schema.ts";
import { courseStructure, parseCached } from "~/domain/courses/structure.server.ts";
import type { PrismaClient } from "~/generated/prisma/client.ts";

/** Form fields that answer a block correctly (scenarios: a shortest path to a good ending). */
export function rightAnswer(block: Block): URLSearchParams[] {
  switch (block.type) {
    case "knowledge-check":
      return [new URLSearchParams(block.data.options.flatMap((o, i) => (o.correct ? [["option", String(i)]] : [])))];
    case "categorise":
      return [new URLSearchParams(block.data.items.map((item, i) => [`item-${i}`, item.category]))];
    case "quiz": // sat on its assessment pages: see enrolWithProgress
      return [];
    case "scenario": {
      const steps = new Map(block.data.steps.map((s) => [s.id, s]));
      const queue: { id: string; path: number[] }[] = [{ id: block.data.start, path: [] }];
      const seen = new Set<string>();
      let best: number[] | null = null;
      while (queue.length) {
        const { id, path } = queue.shift()!;
        if (seen.has(id)) continue;
        seen.add(id);
        const step = steps.get(id)!;
        if (step.ending === "good") {
          best = path;
          break;
        }
        best ??= step.ending ? path : null;
        step.choices?.forEach((c, i) => queue.push({ id: c.next, path: [...path, i] }));
      }
      return (best ?? []).map((choice) => new URLSearchParams({ choice: String(choice) }));
    }
    case "reveal":
      return [];
  }
}

/**
 * Enrol someone and complete the first `lessons` lessons of a course by answering every block
 * right, through the same domain functions the pages use. Safe to run again: a lesson already
 * completed is left as it is.
 */
export async function enrolWithProgress(prisma: PrismaClient, userId: string, courseId: string, lessons: number) {
  const enrolled = await enrol(userId, courseId);
  if (!enrolled.ok) throw new Error(`cannot enrol ${userId} in ${courseId}: ${enrolled.reason}`);
  const structure = (await courseStructure(courseId))!;
  for (const lesson of structure.lessons.filter((l) => !l.retired).slice(0, lessons)) {
    const done = await prisma.lessonProgress.findUnique({
      where: { userId_lessonId: { userId, lessonId: lesson.id } },
      select: { completedAt: true },
    });
    if (done?.completedAt) continue;
    await openLesson(userId, courseId, lesson.moduleSlug, lesson.slug, "en");
    const english = await prisma.lessonContent.findUniqueOrThrow({
      where: { lessonId_language: { lessonId: lesson.id, language: "en" } },
      select: { source: true, hash: true },
    });
    for (const { block } of blocksOf(parseCached(lesson.slug, english.source, english.hash))) {
      if (block.type === "scenario")
        await answerBlock(
          userId,
          courseId,
          lesson.moduleSlug,
          lesson.slug,
          block.data.id,
          new URLSearchParams({ restart: "1" })
        );
      if (block.type === "quiz") await sitAssessment(prisma, userId, courseId, block.data.id, 1);
      for (const form of rightAnswer(block))
        await answerBlock(userId, courseId, lesson.moduleSlug, lesson.slug, block.data.id, form);
    }
  }
}
