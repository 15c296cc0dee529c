import { importAssessments } from "~/domain/assessments/import.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { importAssignments } from "./assignments-import.server.ts";
import { requirementsJson } from "./requirements.ts";
import { forgetCourse } from "./structure.server.ts";
import type { LoadedCourse } from "./load.server.ts";

export interface ImportReport {
  imported: string[];
  unchanged: string[];
  refused: string[];
  retiredCourses: string[];
}

/**
 * Bring the database in line with the course files. Idempotent (an unchanged course is skipped by
 * its source hash) and versioned: rows keep their ids, so progress recorded against a lesson
 * survives any edit; a module, lesson or course that left the files is retired, not deleted.
 * A course with problems is refused whole and keeps its previous published version. Assignments follow the
 * same rules (assignments-import.server.ts).
 */
export async function importCourses(courses: LoadedCourse[], now = new Date()): Promise<ImportReport> {
  const report: ImportReport = { imported: [], unchanged: [], refused: [], retiredCourses: [] };
  for (const [position, course] of courses.entries()) {
    if (!course.manifest || course.issues.length > 0) {
      report.refused.push(course.id);
      continue;
    }
    const existing = await prisma.course.findUnique({
      where: { id: course.id },
      select: { sourceHash: true, retiredAt: true, position: true },
    });
    if (
      existing &&
      existing.sourceHash === course.sourceHash &&
      !existing.retiredAt &&
      existing.position === position
    ) {
      report.unchanged.push(course.id);
      continue;
    }
    await importOne(course, position, now);
    forgetCourse(course.id); // this process's cached structure, text and assessments of it
    report.imported.push(course.id);
  }
  const present = courses.map((c) => c.id);
  const retired = await prisma.course.findMany({
    where: { id: { notIn: present }, retiredAt: null },
    select: { id: true },
  });
  if (retired.length) {
    await prisma.course.updateMany({ where: { id: { in: retired.map((c) => c.id) } }, data: { retiredAt: now } });
    report.retiredCourses = retired.map((c) => c.id);
    for (const { id } of retired) forgetCourse(id);
  }
  return report;
}

async function importOne(course: LoadedCourse, position: number, now: Date) {
  const manifest = course.manifest!;
  await prisma.$transaction(async (tx) => {
    const fields = {
      version: manifest.version,
      level: manifest.level,
      estimatedHours: manifest.estimatedHours,
      position,
      titles: JSON.stringify(manifest.title),
      summaries: JSON.stringify(manifest.summary),
      prerequisites: requirementsJson(manifest),
      sourceHash: course.sourceHash,
      importedAt: now,
      retiredAt: null,
    };
    await tx.course.upsert({
      where: { id: course.id },
      create: { id: course.id, ...fields },
      update: fields,
      select: { id: true },
    });

    const moduleSlugs = manifest.modules.map((m) => m.id);
    await tx.courseModule.updateMany({
      where: { courseId: course.id, slug: { notIn: moduleSlugs }, retiredAt: null },
      data: { retiredAt: now },
    });
    const lessonSlugs = manifest.modules.flatMap((m) => m.lessons);
    await tx.lesson.updateMany({
      where: { courseId: course.id, slug: { notIn: lessonSlugs }, retiredAt: null },
      data: { retiredAt: now },
    });

    let lessonPosition = 0;
    for (const [modulePosition, module] of manifest.modules.entries()) {
      const moduleFields = { position: modulePosition, titles: JSON.stringify(module.title), retiredAt: null };
      const { id: moduleId } = await tx.courseModule.upsert({
        where: { courseId_slug: { courseId: course.id, slug: module.id } },
        create: { courseId: course.id, slug: module.id, ...moduleFields },
        update: moduleFields,
        select: { id: true },
      });
      for (const lessonSlug of module.lessons) {
        const byLanguage = course.lessons.get(`${module.id}/${lessonSlug}`)!;
        const english = byLanguage.get("en")!;
        const lessonFields = {
          moduleId,
          position: lessonPosition++,
          minutes: english.frontMatter?.minutes ?? 1,
          retiredAt: null,
        };
        const { id: lessonId } = await tx.lesson.upsert({
          where: { courseId_slug: { courseId: course.id, slug: lessonSlug } },
          create: { courseId: course.id, slug: lessonSlug, ...lessonFields },
          update: lessonFields,
          select: { id: true },
        });
        const current = await tx.lessonContent.findMany({
          where: { lessonId },
          select: { language: true, hash: true, revision: true },
        });
        for (const [language, parsed] of byLanguage) {
          const hash = parsed.hash;
          const before = current.find((c) => c.language === language);
          if (before?.hash === hash) continue;
          const content = { title: parsed.frontMatter!.title, source: parsed.source, hash };
          await tx.lessonContent.upsert({
            where: { lessonId_language: { lessonId, language } },
            create: { lessonId, language, ...content },
            update: { ...content, revision: (before?.revision ?? 0) + 1 },
            select: { lessonId: true },
          });
        }
        // A translation removed from the files stops being shown; learners fall back to English.
        const languages = [...byLanguage.keys()];
        await tx.lessonContent.deleteMany({ where: { lessonId, language: { notIn: languages } } });
      }
    }
    await importAssessments(tx, course, now);
    await importAssignments(tx, course, now);
  });
}
