import crypto from "node:crypto";
import { evaluateFor } from "~/domain/certificates/issue.server.ts";
import { audit } from "~/domain/audit/audit.server.ts";
import type { Language } from "~/i18n/config.ts";
import { prisma, type Prisma } from "~/utils/db.server.ts";
import {
  decodeAnswer,
  drawQuestions,
  layoutFor,
  shuffle,
  type BankQuestion,
  type Layout,
  type Random,
} from "./layout.ts";
import { saveBlockResult } from "~/domain/courses/block-progress.server.ts";
import { CONTENT_TTL_MS, courseStructure } from "~/domain/courses/structure.server.ts";
import { cached } from "~/utils/cache.server.ts";
import { canStart, countedAttempt, type AttemptFacts, type StartRefusal } from "./rules.ts";
import { AssessmentSchema, type AssessmentSettings, type Question } from "./schema.ts";
import { scoreQuestion, totalOf, type Response } from "./scoring.ts";

/**
 * Attempts at quizzes and final assessments: started with their questions drawn and laid out once,
 * answered and saved as the learner goes, closed by the learner or by the deadline, graded here on the
 * server once and only once. Later changes to a grade are re-grades by an administrator, kept in history.
 */

const cryptoRandom: Random = () => crypto.randomInt(0, 2 ** 32) / 2 ** 32;

export interface AssessmentRow {
  id: string;
  courseId: string;
  slug: string;
  kind: string;
  moduleSlug: string | null;
  settings: AssessmentSettings;
}

export async function findAssessment(courseId: string, slug: string): Promise<AssessmentRow | null> {
  const row = await prisma.assessment.findUnique({
    where: { courseId_slug: { courseId, slug } },
    select: { id: true, courseId: true, slug: true, kind: true, moduleSlug: true, settings: true, retiredAt: true },
  });
  if (!row || row.retiredAt) return null;
  return { ...row, settings: AssessmentSchema.parse(JSON.parse(row.settings)) };
}

/** The course's assessments, in file order. */
export function courseAssessments(courseId: string): Promise<readonly AssessmentRow[]> {
  // Read on every dashboard, catalogue and course page (whether a programme is passed), changed only by an
  // import: cached like the course structure, and forgotten when this process imports the course.
  return cached(`course:${courseId}:assessments`, CONTENT_TTL_MS, async () => {
    const rows = await prisma.assessment.findMany({
      where: { courseId, retiredAt: null },
      orderBy: { position: "asc" },
      select: { id: true, courseId: true, slug: true, kind: true, moduleSlug: true, settings: true },
    });
    return rows.map((row) => ({ ...row, settings: AssessmentSchema.parse(JSON.parse(row.settings)) }));
  });
}

/** The columns of an attempt that the rules (rules.ts) reason about. */
export const attemptFacts = {
  id: true,
  number: true,
  startedAt: true,
  deadline: true,
  closedAt: true,
  closedBy: true,
  score: true,
  passed: true,
  gradedAt: true,
} satisfies Prisma.AttemptSelect;

export async function attemptsOf(userId: string, assessmentId: string): Promise<AttemptFacts[]> {
  return prisma.attempt.findMany({ where: { userId, assessmentId }, orderBy: { number: "asc" }, select: attemptFacts });
}

/**
 * Questions' definitions in `language`, else English (translations keep the answers), with the language
 * each is in. Pass the transaction client when inside one.
 */
export async function definitions(
  questionIds: string[],
  language: string,
  db: Pick<Prisma.TransactionClient, "questionContent"> = prisma
): Promise<Map<string, { question: Question; language: string }>> {
  const rows = await db.questionContent.findMany({
    where: { questionId: { in: questionIds }, language: { in: [language, "en"] } },
    select: { questionId: true, language: true, definition: true },
  });
  const out = new Map<string, { question: Question; language: string }>();
  for (const row of rows)
    if (row.language === language || !out.has(row.questionId))
      out.set(row.questionId, { question: JSON.parse(row.definition) as Question, language: row.language });
  return out;
}

export type StartResult =
  | { ok: true; attemptId: string; resumed: boolean }
  | { ok: false; reason: StartRefusal; until?: Date };

/**
 * Start an attempt, or return the one already open (a double click, a second tab). The draw and the
 * layout of every question are fixed here. `eligible` says whether the learner may sit it at all
 * (enrolled, module quizzes passed): the route's business, checked before.
 */
export async function startAttempt(
  userId: string,
  assessment: AssessmentRow,
  language: Language,
  now = new Date(),
  random: Random = cryptoRandom
): Promise<StartResult> {
  await closeExpired(userId, assessment.id, now);
  const attempts = await attemptsOf(userId, assessment.id);
  const open = attempts.find((a) => !a.closedAt);
  if (open) return { ok: true, attemptId: open.id, resumed: true };
  const verdict = canStart(assessment.settings, attempts, now);
  if (!verdict.ok) return verdict;

  const questions = await prisma.question.findMany({
    where: {
      courseId: assessment.courseId,
      retiredAt: null,
      bank: { in: assessment.settings.draw.map((d) => d.bank) },
    },
    select: { id: true, bank: true, slug: true, topics: true, revision: true },
  });
  const banks = new Map<string, BankQuestion[]>();
  for (const q of questions)
    banks.set(q.bank, [...(banks.get(q.bank) ?? []), { bank: q.bank, id: q.slug, topics: JSON.parse(q.topics) }]);
  let drawn = drawQuestions(banks, assessment.settings.draw, random);
  if (!assessment.settings.shuffleQuestions) {
    // Bank order (file order of the draws' banks), not draw order.
    const order = new Map(questions.map((q, i) => [`${q.bank}/${q.slug}`, i]));
    drawn = [...drawn].sort((a, b) => order.get(`${a.bank}/${a.id}`)! - order.get(`${b.bank}/${b.id}`)!);
  } else drawn = shuffle(drawn, random);
  const rows = drawn.map((d) => questions.find((q) => q.bank === d.bank && q.slug === d.id)!);
  const defs = await definitions(
    rows.map((r) => r.id),
    "en"
  );
  const limit = assessment.settings.timeLimitMinutes;
  try {
    const attempt = await prisma.attempt.create({
      data: {
        assessmentId: assessment.id,
        userId,
        number: (attempts.at(-1)?.number ?? 0) + 1,
        language,
        settings: JSON.stringify(assessment.settings),
        startedAt: now,
        deadline: limit ? new Date(now.getTime() + limit * 60_000) : null,
        questions: {
          create: rows.map((row, position) => ({
            position,
            questionId: row.id,
            revision: row.revision,
            layout: JSON.stringify(layoutFor(defs.get(row.id)!.question, assessment.settings.shuffleOptions, random)),
          })),
        },
      },
      select: { id: true },
    });
    return { ok: true, attemptId: attempt.id, resumed: false };
  } catch (error) {
    // Two starts at once: the unique (assessment, learner, number) let one through; resume it.
    if ((error as { code?: string }).code !== "P2002") throw error;
    const again = (await attemptsOf(userId, assessment.id)).find((a) => !a.closedAt);
    if (!again) throw error;
    return { ok: true, attemptId: again.id, resumed: true };
  }
}

/** Close and grade the learner's attempts at this assessment whose deadline has passed. */
export async function closeExpired(userId: string, assessmentId: string, now = new Date()) {
  const expired = await prisma.attempt.findMany({
    where: { userId, assessmentId, closedAt: null, deadline: { lte: now } },
    select: { id: true },
  });
  for (const attempt of expired) await closeAndGrade(attempt.id, "deadline", now);
}

/**
 * Close an attempt and grade it, once: the closing update only succeeds on an open attempt, so a
 * double submit, a replay or a race with the deadline grades nothing twice. Answers saved after the
 * deadline were never accepted (saveAnswer), so what is stored is what counts.
 */
export async function closeAndGrade(attemptId: string, by: "learner" | "deadline", now = new Date()): Promise<boolean> {
  const graded = await gradeOnce(attemptId, by, now);
  if (!graded) return false;
  await recordQuizResult(graded.userId, graded.assessmentId);
  // A pass may complete a programme, and so earn a certificate (or a place in the approval queue).
  if (graded.passed) await evaluateCertificates(graded.userId, now);
  return true;
}

/**
 * A module quiz's counted result is also its block's result in the lesson that shows it, so the
 * lesson completes and the learner's history shows the score like any other exercise.
 */
/** The grade is committed before this runs: a failure to evaluate certificates is logged, not shown as a failed grade. */
async function evaluateCertificates(userId: string, now: Date) {
  try {
    await evaluateFor(userId, now);
  } catch (error) {
    console.error(`Certificate rules could not be evaluated for ${userId}`, error);
  }
}

async function recordQuizResult(userId: string, assessmentId: string) {
  const row = await prisma.assessment.findUniqueOrThrow({
    where: { id: assessmentId },
    select: { id: true, courseId: true, slug: true, kind: true, moduleSlug: true, settings: true },
  });
  if (row.kind !== "quiz") return;
  const settings = AssessmentSchema.parse(JSON.parse(row.settings));
  const lesson = (await courseStructure(row.courseId))?.lessons.find(
    (l) => !l.retired && l.moduleSlug === row.moduleSlug && l.answerable.includes(row.slug)
  );
  if (!lesson) return;
  const attempts = await attemptsOf(userId, row.id);
  const counted = countedAttempt(settings, attempts);
  if (!counted || counted.score === null) return;
  const graded = attempts.filter((a) => a.gradedAt).length;
  await saveBlockResult(
    userId,
    lesson,
    row.slug,
    {
      blockType: "quiz",
      answer: JSON.stringify({ type: "quiz", score: counted.score, passed: counted.passed === true, attempts: graded }),
      correct: counted.passed === true,
      score: counted.score,
      complete: true,
    },
    { attempts: graded }
  );
}

async function gradeOnce(
  attemptId: string,
  by: "learner" | "deadline",
  now: Date
): Promise<{ userId: string; assessmentId: string; passed: boolean } | null> {
  return prisma.$transaction(async (tx) => {
    const attempt = await tx.attempt.findUniqueOrThrow({
      where: { id: attemptId },
      select: { deadline: true, language: true, settings: true, userId: true, assessmentId: true },
    });
    const closedAt = by === "deadline" && attempt.deadline ? attempt.deadline : now;
    const closed = await tx.attempt.updateMany({
      where: { id: attemptId, closedAt: null },
      data: { closedAt, closedBy: by },
    });
    if (closed.count === 0) return null;
    const settings = AssessmentSchema.parse(JSON.parse(attempt.settings));
    const graded = await gradeQuestions(tx, attemptId, attempt.language);
    const total = totalOf(graded, settings.passMark);
    await writeGrade(tx, attemptId, graded, total, now);
    return { userId: attempt.userId, assessmentId: attempt.assessmentId, passed: total.passed };
  });
}

/**
 * Give an attempt a grade: its questions' scores, its current score and pass, and a row in its grade
 * history (the first grade, or a re-grade with who and why).
 */
async function writeGrade(
  tx: Prisma.TransactionClient,
  attemptId: string,
  graded: { position: number; score: number; points: number }[],
  total: { score: number; passed: boolean },
  now: Date,
  regrade?: { gradedById: string; reason: string }
) {
  await writeQuestionScores(tx, attemptId, graded);
  await tx.attempt.update({
    where: { id: attemptId },
    data: { score: total.score, passed: total.passed, gradedAt: now },
    select: { id: true },
  });
  await tx.attemptGrade.create({
    data: {
      attemptId,
      score: total.score,
      passed: total.passed,
      gradedAt: now,
      ...regrade,
      questionScores: JSON.stringify(graded.map(({ position, score, points }) => ({ position, score, points }))),
    },
    select: { id: true },
  });
}

/** Every question's score of an attempt in one statement (values as parameters, never in the SQL text). */
async function writeQuestionScores(
  tx: Prisma.TransactionClient,
  attemptId: string,
  graded: { position: number; score: number; points: number }[]
) {
  if (graded.length === 0) return;
  const cases = graded.map(() => "WHEN ? THEN ?").join(" ");
  await tx.$executeRawUnsafe(
    `UPDATE "AttemptQuestion" SET "score" = CASE "position" ${cases} END, "points" = CASE "position" ${cases} END WHERE "attemptId" = ?`,
    ...graded.flatMap((g) => [g.position, g.score]),
    ...graded.flatMap((g) => [g.position, g.points]),
    attemptId
  );
}

async function gradeQuestions(tx: Prisma.TransactionClient, attemptId: string, language: string) {
  const asked = await tx.attemptQuestion.findMany({
    where: { attemptId },
    orderBy: { position: "asc" },
    select: { position: true, questionId: true, response: true },
  });
  const defs = await definitions(
    asked.map((a) => a.questionId),
    language,
    tx
  );
  return asked.map((a) => {
    const scored = scoreQuestion(
      defs.get(a.questionId)!.question,
      a.response ? (JSON.parse(a.response) as Response) : null
    );
    return { position: a.position, questionId: a.questionId, ...scored };
  });
}

export type SaveRefusal = "not_found" | "closed" | "expired" | "not_in_attempt" | "invalid" | "locked";
export type SaveResult = { ok: true } | { ok: false; reason: SaveRefusal };

/**
 * Save the learner's answer to the question at `position` (and its flag). Refused, changing nothing:
 * another person's attempt, a closed attempt (a resubmission, a replayed post), a question not in
 * the attempt, an answer that is not one of the question's shown options, an answer after the deadline
 * (which also closes the attempt), and a change to an answer already checked.
 */
export async function saveAnswer(
  userId: string,
  attemptId: string,
  position: number,
  form: URLSearchParams,
  options: { flagged?: boolean; check?: boolean; now?: Date } = {}
): Promise<SaveResult> {
  const now = options.now ?? new Date();
  const attempt = await prisma.attempt.findUnique({
    where: { id: attemptId },
    select: { userId: true, closedAt: true, deadline: true, language: true, settings: true },
  });
  if (!attempt || attempt.userId !== userId) return { ok: false, reason: "not_found" };
  if (attempt.closedAt) return { ok: false, reason: "closed" };
  if (attempt.deadline && attempt.deadline <= now) {
    await closeAndGrade(attemptId, "deadline", now);
    return { ok: false, reason: "expired" };
  }
  if (!Number.isInteger(position)) return { ok: false, reason: "not_in_attempt" };
  const asked = await prisma.attemptQuestion.findUnique({
    where: { attemptId_position: { attemptId, position } },
    select: { questionId: true, layout: true, checkedAt: true },
  });
  if (!asked) return { ok: false, reason: "not_in_attempt" };
  if (asked.checkedAt) return { ok: false, reason: "locked" };
  const question = (await definitions([asked.questionId], attempt.language)).get(asked.questionId)!.question;
  const decoded = decodeAnswer(question, JSON.parse(asked.layout) as Layout, form);
  if (!decoded.ok) return { ok: false, reason: "invalid" };
  const settings = AssessmentSchema.parse(JSON.parse(attempt.settings));
  const check = options.check === true && settings.feedback === "immediately";
  // Only while open: a submit racing this save wins, and the save then changes nothing.
  const saved = await prisma.attemptQuestion.updateMany({
    where: { attemptId, position, checkedAt: null, attempt: { closedAt: null } },
    data: {
      response: JSON.stringify(decoded.response),
      savedAt: now,
      ...(options.flagged === undefined ? {} : { flagged: options.flagged }),
      ...(check ? { checkedAt: now } : {}),
    },
  });
  return saved.count === 1 ? { ok: true } : { ok: false, reason: "closed" };
}

export type SubmitResult = { ok: true } | { ok: false; reason: "not_found" | "closed" | "expired" };

/** The learner hands the attempt in. A second submit, or one after the deadline, changes nothing. */
export async function submitAttempt(userId: string, attemptId: string, now = new Date()): Promise<SubmitResult> {
  const attempt = await prisma.attempt.findUnique({
    where: { id: attemptId },
    select: { userId: true, closedAt: true, deadline: true },
  });
  if (!attempt || attempt.userId !== userId) return { ok: false, reason: "not_found" };
  if (attempt.closedAt) return { ok: false, reason: "closed" };
  if (attempt.deadline && attempt.deadline <= now) {
    await closeAndGrade(attemptId, "deadline", now);
    return { ok: false, reason: "expired" };
  }
  return (await closeAndGrade(attemptId, "learner", now)) ? { ok: true } : { ok: false, reason: "closed" };
}

/** The learner's result at an assessment: the attempt that counts (best or last graded). */
export async function resultOf(userId: string, assessment: AssessmentRow) {
  return countedAttempt(assessment.settings, await attemptsOf(userId, assessment.id));
}

/**
 * Re-grade every graded attempt at an assessment against the questions as they are now (after a fix).
 * Explicit, by an administrator, audited; an attempt whose result changes gets a new grade and keeps
 * the old one in its history. Returns how many attempts were re-graded and how many changed.
 */
export async function regradeAssessment(
  adminId: string,
  assessment: AssessmentRow,
  reason: string,
  now = new Date()
): Promise<{ regraded: number; changed: number }> {
  const attempts = await prisma.attempt.findMany({
    where: { assessmentId: assessment.id, gradedAt: { not: null } },
    select: { id: true, userId: true, score: true, passed: true, settings: true, language: true },
  });
  let changed = 0;
  for (const attempt of attempts) {
    const didChange = await prisma.$transaction(async (tx) => {
      const settings = AssessmentSchema.parse(JSON.parse(attempt.settings));
      const graded = await gradeQuestions(tx, attempt.id, attempt.language);
      const total = totalOf(graded, settings.passMark);
      if (Math.abs(total.score - (attempt.score ?? 0)) < 1e-9 && total.passed === attempt.passed) return false;
      await writeGrade(tx, attempt.id, graded, total, now, { gradedById: adminId, reason });
      return true;
    });
    if (didChange) {
      changed++;
      await recordQuizResult(attempt.userId, assessment.id);
      await evaluateCertificates(attempt.userId, now); // a re-grade can complete a programme; it never takes a certificate back
    }
  }
  await audit({
    actorId: adminId,
    action: "assessment.regraded",
    targetType: "assessment",
    targetId: assessment.id,
    details: { course: assessment.courseId, assessment: assessment.slug, reason, regraded: attempts.length, changed },
  });
  return { regraded: attempts.length, changed };
}
