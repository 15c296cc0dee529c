import { cached, forget } from "~/utils/cache.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { blocksOf, parseLesson, type ParsedLesson } from "./parse.ts";

/**
 * The shape of a course that progress is computed from: its current lessons in order and which
 * blocks in each must be answered (a module quiz's block is done once the quiz has a graded attempt). Built from the published English text and
 * cached per import (the course's source hash), so pages do not re-parse every lesson.
 */
export interface CourseStructure {
  courseId: string;
  sourceHash: string;
  /** JSON of the course's and its modules' titles, by language. */
  titles: string;
  moduleTitles: Map<string, string>;
  lessons: {
    id: string;
    slug: string;
    moduleId: string;
    moduleSlug: string;
    retired: boolean;
    answerable: string[];
  }[];
}

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

/** Published structure and text are cached for a few seconds: they change only on import or publish. */
export const CONTENT_TTL_MS = 10_000;

export function courseStructure(courseId: string): Promise<CourseStructure | null> {
  return cached(`course:${courseId}:structure`, CONTENT_TTL_MS, () => loadStructure(courseId));
}

/** A lesson's published text in one language (null when it has none in that language). */
export function lessonText(courseId: string, lessonId: string, language: string) {
  return cached(`course:${courseId}:text:${lessonId}:${language}`, CONTENT_TTL_MS, () =>
    prisma.lessonContent.findUnique({
      where: { lessonId_language: { lessonId, language } },
      select: { language: true, title: true, source: true, hash: true },
    })
  );
}

/** Drop a course's cached structure and text (after a publish in this process). */
export function forgetCourse(courseId: string) {
  forget(`course:${courseId}:`);
}

async function loadStructure(courseId: string): Promise<CourseStructure | null> {
  const course = await prisma.course.findUnique({
    where: { id: courseId },
    select: { sourceHash: true, titles: true, modules: { select: { slug: true, titles: true } } },
  });
  if (!course) return null;
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
  return {
    courseId,
    sourceHash: course.sourceHash,
    titles: course.titles,
    moduleTitles: new Map(course.modules.map((m) => [m.slug, m.titles])),
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
      };
    }),
  };
}
