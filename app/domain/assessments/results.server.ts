import { stringify } from "csv-stringify/sync";
import { pick } from "~/domain/courses/learning.server.ts";
import { renderInline } from "~/domain/courses/render.server.ts";
import type { Language } from "~/i18n/config.ts";
import { prisma, type Prisma } from "~/utils/db.server.ts";
import { itemStatistics, itemWarning, type Observation } from "./analysis.ts";
import { attemptFacts, findAssessment } from "./attempts.server.ts";
import type { ResultsSearch } from "./results-schemas.ts";
import { countedAttempt } from "./rules.ts";
import { AssessmentSchema, type Question } from "./schema.ts";
import type { Response } from "./scoring.ts";

/**
 * What trainers and administrators see of assessments: each learner's result per assessment
 * (filtered by course, dates, country, outcome; as a page or as CSV) and how each question performs.
 */

export const RESULTS_PAGE_SIZE = 50;

export interface ResultRow {
  userId: string;
  fullName: string;
  email: string;
  country: string;
  agency: string;
  courseId: string;
  assessment: string;
  assessmentTitle: { text: string; language: string };
  kind: string;
  attempts: number;
  percent: number | null;
  passed: boolean;
  lastAttemptAt: string;
}

/** Every learner × assessment with at least one graded attempt in the filters, newest first. */
async function allResults(search: Omit<ResultsSearch, "page">, language: Language): Promise<ResultRow[]> {
  const closedAt: Prisma.DateTimeNullableFilter = { not: null };
  if (search.from) closedAt.gte = new Date(`${search.from}T00:00:00Z`);
  if (search.to) closedAt.lt = new Date(new Date(`${search.to}T00:00:00Z`).getTime() + 86_400_000);
  const attempts = await prisma.attempt.findMany({
    where: {
      gradedAt: { not: null },
      closedAt,
      assessment: {
        retiredAt: null,
        ...(search.course ? { courseId: search.course } : {}),
        ...(search.kind ? { kind: search.kind } : {}),
      },
      ...(search.country ? { user: { country: search.country } } : {}),
    },
    orderBy: [{ closedAt: "desc" }],
    select: {
      ...attemptFacts,
      user: { select: { id: true, fullName: true, email: true, country: true, agency: true } },
      assessment: { select: { id: true, courseId: true, slug: true, kind: true, settings: true } },
    },
  });
  const groups = new Map<string, typeof attempts>();
  for (const a of attempts) {
    const key = `${a.user.id}/${a.assessment.id}`;
    groups.set(key, [...(groups.get(key) ?? []), a]);
  }
  const rows: ResultRow[] = [];
  for (const group of groups.values()) {
    const first = group[0]!;
    const settings = AssessmentSchema.parse(JSON.parse(first.assessment.settings));
    const counted = countedAttempt(settings, group)!;
    const passed = counted.passed === true;
    if (search.outcome === "passed" && !passed) continue;
    if (search.outcome === "not_passed" && passed) continue;
    rows.push({
      userId: first.user.id,
      fullName: first.user.fullName,
      email: first.user.email,
      country: first.user.country,
      agency: first.user.agency,
      courseId: first.assessment.courseId,
      assessment: first.assessment.slug,
      assessmentTitle: pick(settings.title, language),
      kind: first.assessment.kind,
      attempts: group.length,
      percent: counted.score === null ? null : Math.round(counted.score * 1000) / 10,
      passed,
      lastAttemptAt: group
        .reduce((latest, a) => (a.closedAt! > latest ? a.closedAt! : latest), first.closedAt!)
        .toISOString(),
    });
  }
  return rows;
}

export async function listResults(search: ResultsSearch, language: Language) {
  const rows = await allResults(search, language);
  const start = (search.page - 1) * RESULTS_PAGE_SIZE;
  return { total: rows.length, pageSize: RESULTS_PAGE_SIZE, rows: rows.slice(start, start + RESULTS_PAGE_SIZE) };
}

/** The same results as CSV (RFC 4180, UTF-8 with a byte-order mark so spreadsheet programs read accents). */
export async function resultsCsv(search: ResultsSearch, language: Language, headings: string[]): Promise<string> {
  const rows = await allResults(search, language);
  return (
    "\uFEFF" +
    stringify(
      rows.map((r) => [
        r.fullName,
        r.email,
        r.country,
        r.agency,
        r.courseId,
        r.assessment,
        r.attempts,
        r.percent ?? "",
        r.passed ? "yes" : "no",
        r.lastAttemptAt,
      ]),
      // Cells starting with = + - @ are quoted with a leading apostrophe: no formula injection.
      {
        header: true,
        columns: headings,
        cast: { string: (value) => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value) },
      }
    )
  );
}

/** Courses that have assessments, for the filter. */
export async function assessedCourses(language: Language) {
  const courses = await prisma.course.findMany({
    where: { retiredAt: null, assessments: { some: { retiredAt: null } } },
    orderBy: { position: "asc" },
    select: {
      id: true,
      titles: true,
      assessments: { where: { retiredAt: null }, orderBy: { position: "asc" }, select: { slug: true, settings: true } },
    },
  });
  return courses.map((c) => ({
    id: c.id,
    title: pick(c.titles, language),
    assessments: c.assessments.map((a) => ({
      slug: a.slug,
      title: pick(AssessmentSchema.parse(JSON.parse(a.settings)).title, language),
    })),
  }));
}

/** Every question an assessment draws from, with how it performed in graded attempts. */
export async function itemAnalysis(courseId: string, slug: string, language: Language) {
  const assessment = await findAssessment(courseId, slug);
  if (!assessment) return null;
  const banks = [...new Set(assessment.settings.draw.map((d) => d.bank))];
  const questions = await prisma.question.findMany({
    where: { courseId, bank: { in: banks } },
    orderBy: [{ bank: "asc" }, { createdAt: "asc" }],
    select: {
      id: true,
      slug: true,
      type: true,
      difficulty: true,
      topics: true,
      revision: true,
      retiredAt: true,
      contents: { where: { language: { in: [language, "en"] } }, select: { language: true, definition: true } },
    },
  });
  const asked = await prisma.attemptQuestion.findMany({
    where: { attempt: { assessmentId: assessment.id, gradedAt: { not: null } } },
    select: { questionId: true, score: true, response: true, attempt: { select: { score: true } } },
  });
  const byQuestion = new Map<string, Observation[]>();
  for (const a of asked) {
    const list = byQuestion.get(a.questionId) ?? [];
    list.push({
      total: a.attempt.score ?? 0,
      score: a.score ?? 0,
      response: a.response ? (JSON.parse(a.response) as Response) : null,
    });
    byQuestion.set(a.questionId, list);
  }
  const graded = await prisma.attempt.count({ where: { assessmentId: assessment.id, gradedAt: { not: null } } });
  const items = questions.map((q) => {
    const content = q.contents.find((c) => c.language === language) ?? q.contents.find((c) => c.language === "en")!;
    const definition = JSON.parse(content.definition) as Question;
    const md = (text: string) => renderInline(text, courseId, definition.topics[0] ?? "");
    const options =
      definition.type === "single" || definition.type === "multiple"
        ? definition.options.map((o) => ({ text: md(o.text), correct: o.correct }))
        : definition.type === "true-false"
        ? [
            { text: "true", correct: definition.answer },
            { text: "false", correct: !definition.answer },
          ]
        : null;
    const stats = itemStatistics(byQuestion.get(q.id) ?? [], options ? options.length : null);
    return {
      id: q.slug,
      type: q.type,
      difficulty: q.difficulty,
      topics: JSON.parse(q.topics) as string[],
      revision: q.revision,
      retired: q.retiredAt !== null,
      text: md(definition.text),
      language: content.language,
      options,
      stats,
      warning: itemWarning(stats),
    };
  });
  return {
    courseId,
    slug,
    title: pick(assessment.settings.title, language),
    graded,
    items,
    assessment,
  };
}
