import { prisma } from "~/utils/db.server.ts";
import { blocksOf, parseLesson, type ParsedLesson } from "./parse.ts";

/**
 * The shape of a course that progress is computed from: its current lessons in order, which
 * blocks in each must be answered, and its quizzes. Built from the published English text and
 * cached per import (the course's source hash), so pages do not re-parse every lesson.
 */
export interface CourseStructure {
  courseId: string;
  sourceHash: string;
  lessons: {
    id: string;
    slug: string;
    moduleId: string;
    moduleSlug: string;
    retired: boolean;
    answerable: string[];
    quizzes: { blockId: string; passMark: number }[];
  }[];
}

const structures = new Map<string, CourseStructure>();
const parsed = new Map<string, ParsedLesson>();

/** A lesson's text parsed once per content hash (bounded cache). */
export function parseCached(file: string, source: string, hash: string): ParsedLesson {
  let lesson = parsed.get(hash);
  if (!lesson) {
    lesson = parseLesson(file, source);
    if (parsed.size > 2000) parsed.delete(parsed.keys().next().value!);
    parsed.set(hash, lesson);
  }
  return lesson;
}

export async function courseStructure(courseId: string): Promise<CourseStructure | null> {
  const course = await prisma.course.findUnique({ where: { id: courseId }, select: { sourceHash: true } });
  if (!course) return null;
  const cached = structures.get(courseId);
  if (cached?.sourceHash === course.sourceHash) return cached;
  const lessons = await prisma.lesson.findMany({
    where: { courseId },
    orderBy: { position: "asc" },
    select: {
      id: true,
      slug: true,
      retiredAt: true,
      module: { select: { id: true, slug: true, retiredAt: true } },
      contents: { where: { language: "en" }, select: { source: true, hash: true } },
    },
  });
  const structure: CourseStructure = {
    courseId,
    sourceHash: course.sourceHash,
    lessons: lessons.map((lesson) => {
      const english = lesson.contents[0];
      const blocks = english ? blocksOf(parseCached(`${courseId}/${lesson.slug}`, english.source, english.hash)) : [];
      return {
        id: lesson.id,
        slug: lesson.slug,
        moduleId: lesson.module.id,
        moduleSlug: lesson.module.slug,
        retired: lesson.retiredAt !== null || lesson.module.retiredAt !== null,
        answerable: blocks.filter((b) => b.block.type !== "reveal").map((b) => b.block.data.id),
        quizzes: blocks.flatMap((b) =>
          b.block.type === "quiz" ? [{ blockId: b.block.data.id, passMark: b.block.data.passMark }] : []
        ),
      };
    }),
  };
  structures.set(courseId, structure);
  return structure;
}
