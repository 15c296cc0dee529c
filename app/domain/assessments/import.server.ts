import { sha256 } from "~/domain/courses/hash.ts";
import type { LoadedCourse } from "~/domain/courses/load.server.ts";
import type { Prisma } from "~/utils/db.server.ts";

/**
 * Bring a course's question banks and assessments into the database, inside the course's import
 * transaction. Rows keep their ids (attempts point at them); a question whose English definition
 * changes gets a new revision; a question or assessment that left the files is retired, not deleted.
 */
export async function importAssessments(tx: Prisma.TransactionClient, course: LoadedCourse, now: Date) {
  const present: { bank: string; slug: string }[] = [];
  for (const [bank, byLanguage] of course.banks) {
    const english = byLanguage.get("en");
    if (!english) continue;
    for (const question of english) {
      present.push({ bank, slug: question.id });
      const hash = sha256(JSON.stringify(question));
      const before = await tx.question.findUnique({
        where: { courseId_bank_slug: { courseId: course.id, bank, slug: question.id } },
        select: { id: true, hash: true, revision: true, retiredAt: true },
      });
      const fields = {
        type: question.type,
        topics: JSON.stringify(question.topics),
        difficulty: question.difficulty,
        hash,
        retiredAt: null,
      };
      const { id } = before
        ? await tx.question.update({
            where: { id: before.id },
            data: { ...fields, revision: before.hash === hash ? before.revision : before.revision + 1 },
            select: { id: true },
          })
        : await tx.question.create({
            data: { courseId: course.id, bank, slug: question.id, ...fields },
            select: { id: true },
          });
      const contents = await tx.questionContent.findMany({
        where: { questionId: id },
        select: { language: true, hash: true },
      });
      const languages: string[] = [];
      for (const [language, questions] of byLanguage) {
        const translated = questions.find((q) => q.id === question.id);
        if (!translated) continue;
        languages.push(language);
        const definition = JSON.stringify(translated);
        const contentHash = sha256(definition);
        if (contents.find((c) => c.language === language)?.hash === contentHash) continue;
        await tx.questionContent.upsert({
          where: { questionId_language: { questionId: id, language } },
          create: { questionId: id, language, definition, hash: contentHash },
          update: { definition, hash: contentHash },
          select: { questionId: true },
        });
      }
      await tx.questionContent.deleteMany({ where: { questionId: id, language: { notIn: languages } } });
    }
  }
  const current = await tx.question.findMany({
    where: { courseId: course.id, retiredAt: null },
    select: { id: true, bank: true, slug: true },
  });
  const gone = current.filter((q) => !present.some((p) => p.bank === q.bank && p.slug === q.slug)).map((q) => q.id);
  if (gone.length) await tx.question.updateMany({ where: { id: { in: gone } }, data: { retiredAt: now } });

  for (const [position, assessment] of course.assessments.entries()) {
    const settings = JSON.stringify(assessment);
    const fields = {
      kind: assessment.kind,
      moduleSlug: assessment.module ?? null,
      position,
      settings,
      hash: sha256(settings),
      retiredAt: null,
    };
    await tx.assessment.upsert({
      where: { courseId_slug: { courseId: course.id, slug: assessment.id } },
      create: { courseId: course.id, slug: assessment.id, ...fields },
      update: fields,
      select: { id: true },
    });
  }
  await tx.assessment.updateMany({
    where: { courseId: course.id, slug: { notIn: course.assessments.map((a) => a.id) }, retiredAt: null },
    data: { retiredAt: now },
  });
}
