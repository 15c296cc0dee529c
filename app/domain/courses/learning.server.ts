import { attemptFacts, courseAssessments, findAssessment, resultOf } from "~/domain/assessments/attempts.server.ts";
import { countedAttempt } from "~/domain/assessments/rules.ts";
import type { Language } from "~/i18n/config.ts";
import { prisma } from "~/utils/db.server.ts";
import { readAll, readOne, sqlDate } from "~/utils/sql.server.ts";
import {
  answerFromForm,
  categoriseOutcome,
  grade,
  knowledgeCheckOutcome,
  scenarioOutcome,
  type Answer,
} from "./grading.ts";
import { findRule } from "~/domain/certificates/rules.server.ts";
import { blocksOf } from "./parse.ts";
import { parseRequirements } from "./requirements.ts";
import { saveBlockResult } from "./block-progress.server.ts";
import { coursePercent, nextLesson, timeOnTask } from "./progress.ts";
import { renderInline, renderMarkdown } from "./render.server.ts";
import type { Block } from "./schema.ts";
import { CONTENT_TTL_MS, courseStructure, lessonText, parseCached, type CourseStructure } from "./structure.server.ts";
import { cached } from "~/utils/cache.server.ts";

/** Text in the reader's language, else English, saying which it is. */
export function pick(
  json: string | Record<string, string | undefined>,
  language: Language
): { text: string; language: string } {
  const texts = typeof json === "string" ? (JSON.parse(json) as Record<string, string | undefined>) : json;
  const text = texts[language];
  return text ? { text, language } : { text: texts.en ?? "", language: "en" };
}

async function completedLessons(userId: string, lessonIds: string[]): Promise<Set<string>> {
  // On every lesson page: plain SQL (utils/sql.server.ts), one prepared statement whatever the lessons.
  const wanted = new Set(lessonIds);
  const rows = readAll<{ lessonId: string }>(
    "SELECT lessonId FROM LessonProgress WHERE userId = ? AND completedAt IS NOT NULL",
    userId
  );
  return new Set(rows.map((r) => r.lessonId).filter((id) => wanted.has(id)));
}

/**
 * Has `userId` passed `courseId`? Every module quiz passed and, when the course has a final
 * assessment, that passed too (its counted attempt: best or last, as the assessment says).
 */
export async function hasPassed(userId: string, courseId: string): Promise<boolean> {
  const required = await courseAssessments(courseId); // every module quiz, and the final when there is one
  if (required.length === 0) return true;
  // One query for the attempts at all of them (dashboards and the catalogue ask this for every course).
  const attempts = await prisma.attempt.findMany({
    where: { userId, assessmentId: { in: required.map((a) => a.id) } },
    orderBy: { number: "asc" },
    select: { ...attemptFacts, assessmentId: true },
  });
  return required.every(
    (a) =>
      countedAttempt(
        a.settings,
        attempts.filter((attempt) => attempt.assessmentId === a.id)
      )?.passed === true
  );
}

/**
 * When `userId` completed `courseId`, if they have passed it: `first`, the moment the last requirement
 * was first met (the later of each assessment's first passing attempt); `latest`, the latest passing
 * attempt at any of them (a retake or refresher), which renewals look at. Null: not passed.
 */
export async function programmeCompletion(
  userId: string,
  courseId: string
): Promise<{ first: Date; latest: Date } | null> {
  const assessments = await courseAssessments(courseId);
  if (assessments.length === 0) return null;
  // One query for every attempt at the course's assessments (this runs on every pass and every issue).
  const attempts = await prisma.attempt.findMany({
    where: { userId, assessmentId: { in: assessments.map((a) => a.id) } },
    orderBy: { number: "asc" },
    select: { ...attemptFacts, assessmentId: true },
  });
  let first = 0;
  let latest = 0;
  for (const assessment of assessments) {
    const mine = attempts.filter((a) => a.assessmentId === assessment.id);
    if (countedAttempt(assessment.settings, mine)?.passed !== true) return null;
    const passes = mine.filter((a) => a.passed === true && a.gradedAt).map((a) => a.gradedAt!.getTime());
    first = Math.max(first, Math.min(...passes));
    latest = Math.max(latest, ...passes);
  }
  return { first: new Date(first), latest: new Date(latest) };
}

/** Has `userId` passed every module quiz of `courseId` (the condition to sit its final assessment)? */
export async function moduleQuizzesPassed(userId: string, courseId: string): Promise<boolean> {
  const quizzes = (await courseAssessments(courseId)).filter((a) => a.kind === "quiz");
  for (const quiz of quizzes) if ((await resultOf(userId, quiz))?.passed !== true) return false;
  return true;
}

/** Prerequisite courses the learner has not passed yet (empty: the course is open to them). */
export async function missingPrerequisites(userId: string | null, prerequisitesJson: string): Promise<string[]> {
  const prerequisites = parseRequirements(prerequisitesJson).courses;
  if (!userId) return prerequisites;
  const missing: string[] = [];
  for (const id of prerequisites) if (!(await hasPassed(userId, id))) missing.push(id);
  return missing;
}

/**
 * The certificate rule a course requires and the learner does not hold a current certificate of (issued, not
 * revoked or superseded, not expired); null when the course requires none or they hold one.
 */
export async function missingCertificate(
  userId: string | null,
  prerequisitesJson: string,
  now = new Date()
): Promise<string | null> {
  const { certificate } = parseRequirements(prerequisitesJson);
  if (!certificate) return null;
  if (!userId) return certificate;
  const held = await prisma.certificate.findFirst({
    where: { userId, ruleId: certificate, status: "issued", OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] },
    select: { id: true },
  });
  return held ? null : certificate;
}

/** A certificate rule's title in the reader's language (its id when the rule is unknown). */
function ruleTitle(ruleId: string, language: Language) {
  const rule = findRule(ruleId);
  return rule ? pick(rule.title as Record<string, string | undefined>, language) : { text: ruleId, language: "en" };
}

const courseSelect = {
  id: true,
  level: true,
  estimatedHours: true,
  titles: true,
  summaries: true,
  prerequisites: true,
} as const;

type CourseRow = {
  id: string;
  level: string;
  estimatedHours: number;
  titles: string;
  summaries: string;
  prerequisites: string;
};

/** What every page says about a course, in the reader's language. */
function describe(course: CourseRow, language: Language) {
  return {
    id: course.id,
    level: course.level,
    estimatedHours: course.estimatedHours,
    title: pick(course.titles, language),
    summary: pick(course.summaries, language),
  };
}

/** Where one learner (or a visitor) stands in a course: enrolment, completed lessons, percentage, pass, locks. */
async function learnerStatus(
  userId: string | null,
  course: Pick<CourseRow, "id" | "prerequisites">,
  structure: CourseStructure
) {
  const current = structure.lessons.filter((l) => !l.retired);
  const enrolment = userId
    ? await prisma.enrolment.findUnique({
        where: { userId_courseId: { userId, courseId: course.id } },
        select: { lastLessonId: true, enrolledAt: true },
      })
    : null;
  const completed =
    userId && enrolment
      ? await completedLessons(
          userId,
          current.map((l) => l.id)
        )
      : new Set<string>();
  return {
    current,
    completed,
    enrolment,
    enrolled: !!enrolment,
    percent: coursePercent(current, completed),
    passed: userId && enrolment ? await hasPassed(userId, course.id) : false,
    missing: await missingPrerequisites(userId, course.prerequisites),
    certificate: await missingCertificate(userId, course.prerequisites),
  };
}

export async function listCatalogue(userId: string | null, language: Language) {
  const courses = await prisma.course.findMany({
    where: { retiredAt: null },
    orderBy: { position: "asc" },
    select: courseSelect,
  });
  const titles = new Map(courses.map((c) => [c.id, pick(c.titles, language).text]));
  return Promise.all(
    courses.map(async (course) => {
      const status = await learnerStatus(userId, course, (await courseStructure(course.id))!);
      // Which languages the course's lessons are in changes only on import or publish: cached like its text.
      const languages = await cached(`course:${course.id}:languages`, CONTENT_TTL_MS, () =>
        prisma.lessonContent.groupBy({
          by: ["language"],
          where: { lessonId: { in: status.current.map((l) => l.id) } },
          _count: { language: true },
          orderBy: { language: "asc" },
        })
      );
      return {
        ...describe(course, language),
        lessons: status.current.length,
        languages: languages.map((l) => ({
          language: l.language,
          lessons: (l._count as { language: number }).language,
        })),
        enrolled: status.enrolled,
        percent: status.percent,
        passed: status.passed,
        locked: status.missing.map((id) => ({ id, title: titles.get(id) ?? id })),
        certificateLocked: status.certificate !== null,
      };
    })
  );
}

export async function getCourseOverview(courseId: string, userId: string | null, language: Language) {
  const course = await prisma.course.findFirst({ where: { id: courseId, retiredAt: null }, select: courseSelect });
  if (!course) return null;
  const structure = (await courseStructure(courseId))!;
  const modules = await prisma.courseModule.findMany({
    where: { courseId, retiredAt: null },
    orderBy: { position: "asc" },
    select: {
      id: true,
      slug: true,
      titles: true,
      lessons: {
        where: { retiredAt: null },
        orderBy: { position: "asc" },
        select: {
          id: true,
          slug: true,
          minutes: true,
          contents: { where: { language: { in: [language, "en"] } }, select: { language: true, title: true } },
        },
      },
    },
  });
  const status = await learnerStatus(userId, course, structure);
  const next = nextLesson(status.current, status.completed, status.enrolment?.lastLessonId);
  const otherTitles = status.missing.length
    ? await prisma.course.findMany({ where: { id: { in: status.missing } }, select: { id: true, titles: true } })
    : [];
  const { completed } = status;
  const assessments = await Promise.all(
    (
      await courseAssessments(courseId)
    ).map(async (a) => {
      const result = userId && status.enrolled ? await resultOf(userId, a) : null;
      return {
        slug: a.slug,
        kind: a.kind,
        moduleSlug: a.moduleSlug,
        title: pick(a.settings.title, language),
        result: result
          ? { percent: Math.round((result.score ?? 0) * 1000) / 10, passed: result.passed === true }
          : null,
      };
    })
  );
  const assignments = await outlineAssignments(courseId, status.enrolled ? userId : null, status.enrolment?.enrolledAt);
  return {
    ...describe(course, language),
    assessments,
    enrolled: status.enrolled,
    percent: status.percent,
    passed: status.passed,
    next: next ? { moduleSlug: next.moduleSlug, slug: next.slug, resumed: !!status.enrolment?.lastLessonId } : null,
    locked: status.missing.map((id) => ({
      id,
      title: pick(otherTitles.find((c) => c.id === id)?.titles ?? '{"en":""}', language).text || id,
    })),
    /** The certificate the learner must hold before enrolling (and does not): shown with the trainer pathway. */
    certificateLock: status.certificate
      ? { rule: status.certificate, title: ruleTitle(status.certificate, language) }
      : null,
    modules: modules.map((module) => ({
      slug: module.slug,
      title: pick(module.titles, language),
      lessons: module.lessons.map((lesson) => {
        const content =
          lesson.contents.find((c) => c.language === language) ?? lesson.contents.find((c) => c.language === "en");
        return {
          slug: lesson.slug,
          minutes: lesson.minutes,
          title: content?.title ?? lesson.slug,
          completed: completed.has(lesson.id),
        };
      }),
      assignments: assignments
        .filter((a) => a.moduleSlug === module.slug)
        .map(({ moduleSlug: _module, titles, ...a }) => ({ ...a, title: pick(titles, language) })),
    })),
  };
}

export const SUBMISSION_STATUSES = ["draft", "submitted", "revision-requested", "approved"] as const;
export type SubmissionStatus = (typeof SUBMISSION_STATUSES)[number];

/**
 * A course's current assignments for its outline and, for an enrolled learner, the status of their submission
 * (null: not started) and when it is due (their enrolment plus the assignment's `dueDays`).
 */
async function outlineAssignments(courseId: string, userId: string | null, enrolledAt: Date | undefined) {
  const assignments = await prisma.assignment.findMany({
    where: { courseId, retiredAt: null },
    orderBy: { position: "asc" },
    select: { id: true, slug: true, moduleSlug: true, titles: true, dueDays: true, maxPoints: true },
  });
  const submissions =
    userId && assignments.length
      ? await prisma.submission.findMany({
          where: { userId, assignmentId: { in: assignments.map((a) => a.id) } },
          select: { assignmentId: true, status: true, dueAt: true },
        })
      : [];
  return assignments.map((a) => {
    const submission = submissions.find((s) => s.assignmentId === a.id);
    const status = (SUBMISSION_STATUSES as readonly string[]).includes(submission?.status ?? "")
      ? (submission!.status as SubmissionStatus)
      : null;
    return {
      slug: a.slug,
      moduleSlug: a.moduleSlug,
      titles: a.titles,
      maxPoints: a.maxPoints,
      status,
      dueAt:
        submission?.dueAt ?? (userId && enrolledAt ? new Date(enrolledAt.getTime() + a.dueDays * 86_400_000) : null),
    };
  });
}

export type EnrolResult =
  | { ok: true; start: { moduleSlug: string; slug: string } | null }
  | { ok: false; reason: "not_found" }
  | { ok: false; reason: "locked"; missing: string[] }
  | { ok: false; reason: "certificate_required"; certificate: string };

/**
 * Enrol in a course (twice is the same as once). Refused while prerequisites are not passed, and for a course
 * with `requiresCertificate`, to anyone without a current certificate of that rule (an existing enrolment
 * stays: a certificate that lapses later does not take away work in progress).
 */
export async function enrol(userId: string, courseId: string): Promise<EnrolResult> {
  const course = await prisma.course.findFirst({
    where: { id: courseId, retiredAt: null },
    select: { prerequisites: true },
  });
  if (!course) return { ok: false, reason: "not_found" };
  const missing = await missingPrerequisites(userId, course.prerequisites);
  if (missing.length) return { ok: false, reason: "locked", missing };
  const enrolled = await prisma.enrolment.findUnique({
    where: { userId_courseId: { userId, courseId } },
    select: { userId: true },
  });
  const certificate = enrolled ? null : await missingCertificate(userId, course.prerequisites);
  if (certificate) return { ok: false, reason: "certificate_required", certificate };
  await prisma.enrolment.upsert({
    where: { userId_courseId: { userId, courseId } },
    create: { userId, courseId },
    update: {},
    select: { userId: true },
  });
  const status = await learnerStatus(
    userId,
    { id: courseId, prerequisites: course.prerequisites },
    (await courseStructure(courseId))!
  );
  const start = nextLesson(status.current, status.completed, status.enrolment?.lastLessonId);
  return { ok: true, start: start ? { moduleSlug: start.moduleSlug, slug: start.slug } : null };
}

/** A current lesson of a course the learner is enrolled in, or why not. */
async function enrolledLesson(userId: string, courseId: string, moduleSlug: string, lessonSlug: string) {
  const structure = await courseStructure(courseId);
  const entry = structure?.lessons.find((l) => l.slug === lessonSlug && l.moduleSlug === moduleSlug && !l.retired);
  if (!structure || !entry) return { ok: false, reason: "not_found" } as const;
  const row = readOne<{ lastLessonId: string | null; lastVisitAt: string | null }>(
    "SELECT lastLessonId, lastVisitAt FROM Enrolment WHERE userId = ? AND courseId = ?",
    userId,
    courseId
  );
  if (!row) return { ok: false, reason: "not_enrolled" } as const;
  const enrolment = { lastLessonId: row.lastLessonId, lastVisitAt: sqlDate(row.lastVisitAt) };
  return { ok: true, structure, entry, enrolment } as const;
}

/**
 * A lesson as the learner sees it: rendered HTML and blocks without answers (plus what they have
 * earned by answering), previous/next, the course percentage. Opening it records the visit.
 */
export async function openLesson(
  userId: string,
  courseId: string,
  moduleSlug: string,
  lessonSlug: string,
  language: Language
) {
  const access = await enrolledLesson(userId, courseId, moduleSlug, lessonSlug);
  if (!access.ok) return access;
  const { structure, entry, enrolment } = access;

  const [content, responses] = await Promise.all([
    lessonText(courseId, entry.id, language).then(
      async (text) => text ?? (await lessonText(courseId, entry.id, "en"))!
    ),
    readAll<{ blockId: string; answer: string }>(
      "SELECT blockId, answer FROM InteractionResponse WHERE userId = ? AND lessonId = ?",
      userId,
      entry.id
    ),
  ]);
  const lesson = parseCached(`${courseId}/${lessonSlug}.${content.language}`, content.source, content.hash);
  const answers = new Map(responses.map((r) => [r.blockId, JSON.parse(r.answer) as Answer]));
  const quizIds = blocksOf(lesson).flatMap(({ block }) => (block.type === "quiz" ? [block.data.id] : []));
  const quizzes: QuizFacts = new Map();
  for (const id of quizIds) {
    const quiz = await findAssessment(courseId, id);
    if (quiz)
      quizzes.set(id, {
        questions: quiz.settings.draw.reduce((n, d) => n + d.count, 0),
        passMark: quiz.settings.passMark,
      });
  }
  await recordVisit(userId, courseId, entry, enrolment);

  const current = structure.lessons.filter((l) => !l.retired);
  const index = current.findIndex((l) => l.id === entry.id);
  const completed = await completedLessons(
    userId,
    current.map((l) => l.id)
  );
  const link = (l: (typeof current)[number] | undefined) => (l ? { moduleSlug: l.moduleSlug, slug: l.slug } : null);
  return {
    ok: true,
    courseTitle: pick(structure.titles, language).text,
    moduleTitle: pick(structure.moduleTitles.get(moduleSlug) ?? '{"en":""}', language).text,
    title: content.title,
    contentLanguage: content.language,
    fallback: content.language !== language,
    minutes: lesson.frontMatter?.minutes ?? null,
    percent: coursePercent(current, completed),
    position: { index: index + 1, total: current.length },
    previous: link(current[index - 1]),
    next: link(current[index + 1]),
    completed: completed.has(entry.id),
    segments: lesson.segments.map((segment) =>
      segment.kind === "markdown"
        ? { kind: "html" as const, html: renderMarkdown(segment.text, courseId, moduleSlug) }
        : {
            kind: "block" as const,
            block: viewBlock(segment.block, answers.get(segment.block.data.id) ?? null, courseId, moduleSlug, quizzes),
          }
    ),
  } as const;
}

/** How often re-reading the same lesson refreshes its "last viewed" time (reads should not always write). */
const VISIT_REFRESH_MS = 60_000;

/** Record that the learner opened a lesson: first/last view, resume point, completion of a lesson without questions. */
async function recordVisit(
  userId: string,
  courseId: string,
  entry: CourseStructure["lessons"][number],
  enrolment: { lastLessonId: string | null; lastVisitAt: Date | null }
) {
  const now = new Date();
  const sinceLast = enrolment.lastVisitAt ? now.getTime() - enrolment.lastVisitAt.getTime() : Infinity;
  if (enrolment.lastLessonId === entry.id && sinceLast < VISIT_REFRESH_MS) return;
  const noBlocks = entry.answerable.length === 0;
  // Time on task: the time since the previous page of the course counts for the lesson that page
  // showed, unless the learner was clearly away (capped, and ignored after a long gap).
  const seconds = timeOnTask(sinceLast);
  await prisma.$transaction([
    ...(enrolment.lastLessonId && seconds > 0
      ? [
          prisma.lessonProgress.updateMany({
            where: { userId, lessonId: enrolment.lastLessonId },
            data: { secondsOnTask: { increment: seconds } },
          }),
        ]
      : []),
    prisma.lessonProgress.upsert({
      where: { userId_lessonId: { userId, lessonId: entry.id } },
      create: { userId, lessonId: entry.id, firstViewedAt: now, lastViewedAt: now, completedAt: noBlocks ? now : null },
      update: { lastViewedAt: now },
      select: { userId: true },
    }),
    // A lesson without questions is complete once read (the first completion time is kept).
    ...(noBlocks
      ? [
          prisma.lessonProgress.updateMany({
            where: { userId, lessonId: entry.id, completedAt: null },
            data: { completedAt: now },
          }),
        ]
      : []),
    prisma.enrolment.update({
      where: { userId_courseId: { userId, courseId } },
      data: { lastLessonId: entry.id, lastVisitAt: now },
      select: { userId: true },
    }),
  ]);
}

/** A block for the page: its text (inline Markdown rendered), never the answers until earned. */
/** A module quiz's figures, for its card in the lesson. */
export type QuizFacts = Map<string, { questions: number; passMark: number }>;

function viewBlock(block: Block, answer: Answer | null, courseId: string, moduleSlug: string, quizzes?: QuizFacts) {
  const md = (text: string) => renderInline(text, courseId, moduleSlug);
  switch (block.type) {
    case "knowledge-check": {
      const result = answer?.type === "knowledge-check" ? knowledgeCheckOutcome(block.data, answer.selected) : null;
      return {
        type: block.type,
        id: block.data.id,
        question: md(block.data.question),
        multiple: block.data.multiple,
        options: block.data.options.map((o) => md(o.text)),
        outcome: result && { ...result, feedback: result.feedback.map((f) => ({ ...f, text: md(f.text) })) },
      };
    }
    case "scenario": {
      const result = scenarioOutcome(block.data, answer?.type === "scenario" ? answer.choices : []);
      return {
        type: block.type,
        id: block.data.id,
        title: block.data.title ? md(block.data.title) : null,
        choicesMade: answer?.type === "scenario" ? answer.choices.length : 0,
        step: { text: md(result!.step.text), choices: result!.step.choices.map(md) },
        lastFeedback: result!.lastFeedback ? md(result!.lastFeedback) : null,
        ending: result!.ending,
      };
    }
    case "categorise": {
      const result = answer?.type === "categorise" ? categoriseOutcome(block.data, answer.placements) : null;
      return {
        type: block.type,
        id: block.data.id,
        prompt: md(block.data.prompt),
        categories: block.data.categories.map((c) => ({ id: c.id, label: md(c.label) })),
        items: block.data.items.map((i) => md(i.text)),
        outcome: result && {
          ...result,
          results: result.results.map((r) => ({ ...r, feedback: r.feedback ? md(r.feedback) : null })),
        },
      };
    }
    case "reveal":
      return {
        type: block.type,
        id: block.data.id,
        title: block.data.title ? md(block.data.title) : null,
        cards: block.data.cards.map((c) => ({ front: md(c.front), back: md(c.back) })),
      };
    case "quiz": {
      const quiz = quizzes?.get(block.data.id);
      return {
        type: block.type,
        id: block.data.id,
        href: `/courses/${courseId}/assessments/${block.data.id}`,
        questions: quiz?.questions ?? 0,
        passMark: quiz?.passMark ?? 0,
        outcome: answer?.type === "quiz" ? answer : null,
      };
    }
  }
}

export type BlockView = ReturnType<typeof viewBlock>;

export type AnswerResult = { ok: true } | { ok: false; reason: "not_found" | "not_enrolled" | "invalid" };

/**
 * Record a learner's answer to a block, graded here on the server. Safe to repeat (double clicks,
 * retries, two tabs): the latest answer replaces the earlier one in a single upsert, attempts are
 * counted, and the lesson is marked complete once all its answerable blocks are done.
 */
export async function answerBlock(
  userId: string,
  courseId: string,
  moduleSlug: string,
  lessonSlug: string,
  blockId: string,
  form: URLSearchParams
): Promise<AnswerResult> {
  const access = await enrolledLesson(userId, courseId, moduleSlug, lessonSlug);
  if (!access.ok) return { ok: false, reason: access.reason };
  const { entry } = access;
  const english = await prisma.lessonContent.findUniqueOrThrow({
    where: { lessonId_language: { lessonId: entry.id, language: "en" } },
    select: { source: true, hash: true },
  });
  const found = blocksOf(parseCached(`${courseId}/${lessonSlug}.en`, english.source, english.hash)).find(
    (b) => b.block.data.id === blockId
  );
  if (!found || found.block.type === "reveal" || found.block.type === "quiz") return { ok: false, reason: "not_found" };
  const previous = await prisma.interactionResponse.findUnique({
    where: { userId_lessonId_blockId: { userId, lessonId: entry.id, blockId } },
    select: { answer: true },
  });
  const answer = answerFromForm(found.block, form, previous ? (JSON.parse(previous.answer) as Answer) : null);
  const graded = answer && grade(found.block, answer);
  if (!graded) return { ok: false, reason: "invalid" };
  await saveBlockResult(userId, entry, blockId, {
    blockType: found.block.type,
    answer: JSON.stringify(graded.answer),
    correct: graded.correct,
    score: graded.score,
    complete: graded.complete,
  });
  return { ok: true };
}

/** The dashboard: each enrolled course with its percentage and where to resume. */
export async function listEnrolments(userId: string, language: Language) {
  // The home page of every learner: the enrolments in a prepared statement (utils/sql.server.ts), the next
  // lesson's title from the cached published text.
  const enrolments = readAll<{ courseId: string; lastLessonId: string | null; titles: string }>(
    `SELECT e.courseId, e.lastLessonId, c.titles FROM Enrolment e JOIN Course c ON c.id = e.courseId
      WHERE e.userId = ? AND c.retiredAt IS NULL ORDER BY e.lastVisitAt DESC, e.enrolledAt DESC`,
    userId
  );
  return Promise.all(
    enrolments.map(async (enrolment) => {
      const structure = (await courseStructure(enrolment.courseId))!;
      const current = structure.lessons.filter((l) => !l.retired);
      const completed = await completedLessons(
        userId,
        current.map((l) => l.id)
      );
      const next = nextLesson(current, completed, enrolment.lastLessonId);
      const nextTitle = next
        ? (await lessonText(enrolment.courseId, next.id, language)) ??
          (await lessonText(enrolment.courseId, next.id, "en"))
        : null;
      return {
        courseId: enrolment.courseId,
        title: pick(enrolment.titles, language).text,
        percent: coursePercent(current, completed),
        started: enrolment.lastLessonId !== null,
        passed: await hasPassed(userId, enrolment.courseId),
        next: next
          ? {
              moduleSlug: next.moduleSlug,
              slug: next.slug,
              title: nextTitle?.title ?? next.slug,
            }
          : null,
      };
    })
  );
}

/** A learner's own record: every lesson they opened, when they finished it, time spent, and their results. */
export async function learningHistory(userId: string, language: Language) {
  const enrolments = await prisma.enrolment.findMany({
    where: { userId },
    orderBy: { enrolledAt: "asc" },
    select: { courseId: true, enrolledAt: true, course: { select: { titles: true } } },
  });
  return Promise.all(
    enrolments.map(async (enrolment) => {
      const [progress, responses] = await Promise.all([
        prisma.lessonProgress.findMany({
          where: { userId, lesson: { courseId: enrolment.courseId } },
          orderBy: { lesson: { position: "asc" } },
          select: {
            firstViewedAt: true,
            completedAt: true,
            secondsOnTask: true,
            lesson: {
              select: {
                id: true,
                slug: true,
                contents: { where: { language: { in: [language, "en"] } }, select: { language: true, title: true } },
              },
            },
          },
        }),
        prisma.interactionResponse.findMany({
          where: { userId, lesson: { courseId: enrolment.courseId }, blockType: "quiz" },
          select: { lessonId: true, score: true, correct: true, attempts: true, updatedAt: true },
        }),
      ]);
      return {
        courseId: enrolment.courseId,
        title: pick(enrolment.course.titles, language).text,
        enrolledAt: enrolment.enrolledAt,
        lessons: progress.map((p) => {
          const quiz = responses.find((r) => r.lessonId === p.lesson.id);
          const title = p.lesson.contents.find((c) => c.language === language) ?? p.lesson.contents[0];
          return {
            title: title?.title ?? p.lesson.slug,
            firstViewedAt: p.firstViewedAt,
            completedAt: p.completedAt,
            minutes: Math.round(p.secondsOnTask / 60),
            quiz: quiz
              ? { percent: Math.round((quiz.score ?? 0) * 100), passed: !!quiz.correct, attempts: quiz.attempts }
              : null,
          };
        }),
      };
    })
  );
}
