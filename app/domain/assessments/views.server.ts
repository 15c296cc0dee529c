import { moduleQuizzesPassed, pick } from "~/domain/courses/learning.server.ts";
import { renderInline } from "~/domain/courses/render.server.ts";
import type { Language } from "~/i18n/config.ts";
import { prisma } from "~/utils/db.server.ts";
import {
  attemptFacts,
  attemptsOf,
  closeExpired,
  definitions,
  findAssessment,
  type AssessmentRow,
} from "./attempts.server.ts";
import { isAnswered, shownValues, type Layout } from "./layout.ts";
import { attemptsLeft, canStart, countedAttempt, reviewLevel } from "./rules.ts";
import { AssessmentSchema, type Part, type Question } from "./schema.ts";
import { scoreQuestion, type Response } from "./scoring.ts";

/**
 * What the assessment pages show. Before an attempt is graded nothing here carries a right answer,
 * a per-option verdict or feedback (a test reads the page and its data to prove it); the review adds
 * them only as far as the feedback policy allows.
 */

/** Is the learner enrolled, and (for a final) has every module quiz been passed? Checked by the route. */
export type Eligibility = { ok: true } | { ok: false; reason: "not_enrolled" | "quizzes_first" };

export async function eligibility(userId: string, assessment: AssessmentRow): Promise<Eligibility> {
  const enrolment = await prisma.enrolment.findUnique({
    where: { userId_courseId: { userId, courseId: assessment.courseId } },
    select: { userId: true },
  });
  if (!enrolment) return { ok: false, reason: "not_enrolled" };
  if (assessment.kind === "final") {
    if (!(await moduleQuizzesPassed(userId, assessment.courseId))) return { ok: false, reason: "quizzes_first" };
  }
  return { ok: true };
}

const percent = (score: number | null) => (score === null ? null : Math.round(score * 1000) / 10);

/** The assessment's page: its rules, the learner's attempts and what they may do next. */
export async function assessmentOverview(userId: string, courseId: string, slug: string, language: Language) {
  const assessment = await findAssessment(courseId, slug);
  if (!assessment) return null;
  await closeExpired(userId, assessment.id);
  const { settings } = assessment;
  const attempts = await attemptsOf(userId, assessment.id);
  const open = attempts.find((a) => !a.closedAt) ?? null;
  const counted = countedAttempt(settings, attempts);
  const eligible = await eligibility(userId, assessment);
  const start = open ? { ok: true as const } : canStart(settings, attempts, new Date());
  const questionCount = settings.draw.reduce((n, d) => n + d.count, 0);
  const course = await prisma.course.findUnique({ where: { id: courseId }, select: { titles: true } });
  return {
    courseId,
    slug,
    kind: assessment.kind,
    moduleSlug: assessment.moduleSlug,
    title: pick(settings.title, language),
    courseTitle: pick(course?.titles ?? "{}", language),
    settings: {
      questions: questionCount,
      passMark: settings.passMark,
      attempts: settings.attempts,
      cooldownMinutes: settings.cooldownMinutes,
      timeLimitMinutes: settings.timeLimitMinutes ?? null,
      feedback: settings.feedback,
      counts: settings.counts,
    },
    attempts: attempts.map((a) => ({
      id: a.id,
      number: a.number,
      startedAt: a.startedAt.toISOString(),
      closedAt: a.closedAt?.toISOString() ?? null,
      closedBy: a.closedBy,
      percent: percent(a.score),
      passed: a.passed,
      counts: counted?.id === a.id,
    })),
    result: counted ? { percent: percent(counted.score), passed: counted.passed === true } : null,
    open: open ? { id: open.id, deadline: open.deadline?.toISOString() ?? null } : null,
    attemptsLeft: attemptsLeft(settings, attempts),
    eligible,
    start: eligible.ok ? start : { ok: false as const, reason: eligible.reason },
  };
}

export type AssessmentOverview = NonNullable<Awaited<ReturnType<typeof assessmentOverview>>>;

/** How a question is shown to answer it: display order, no verdicts. */
export interface QuestionView {
  type: Question["type"];
  text: string;
  unit?: string;
  maxLength?: number;
  /** single, multiple: in display order; the value posted is the display position. */
  options?: string[];
  /** matching: the left-hand items, and the answers to choose from (display order). */
  lefts?: string[];
  answers?: string[];
  /** ordering: the items as shown; each gets a position 1..n. */
  items?: string[];
  parts?: (QuestionView & { id: string })[];
  saved: ReturnType<typeof shownValues>;
}

function questionView(
  question: Question | Part,
  layout: Layout,
  response: Response | null,
  md: (s: string) => string
): QuestionView {
  const base = { type: question.type, text: md(question.text), saved: shownValues(question, layout, response) };
  switch (question.type) {
    case "single":
    case "multiple":
      return { ...base, options: layout.options!.map((i) => md(question.options[i]!.text)) };
    case "matching": {
      const all = [...question.pairs.map((p) => p.right), ...question.distractors];
      return {
        ...base,
        lefts: question.pairs.map((p) => md(p.left)),
        answers: layout.answers!.map((i) => md(all[i]!)),
      };
    }
    case "ordering":
      return { ...base, items: layout.items!.map((i) => md(question.items[i]!)) };
    case "short-text":
      return { ...base, maxLength: question.maxLength };
    case "numeric":
      return { ...base, unit: question.unit ? md(question.unit) : undefined, maxLength: 50 };
    case "scenario": {
      const scenario = question as Extract<Question, { type: "scenario" }>;
      const parts = response?.type === "scenario" ? response.parts : {};
      return {
        ...base,
        parts: scenario.parts.map((part, i) => ({
          id: part.id,
          ...questionView(part, layout.parts![i]!, parts[part.id] ?? null, md),
        })),
      };
    }
    default:
      return base;
  }
}

async function loadAttempt(userId: string, attemptId: string) {
  const attempt = await prisma.attempt.findUnique({
    where: { id: attemptId },
    select: {
      ...attemptFacts,
      userId: true,
      language: true,
      settings: true,
      assessment: { select: { id: true, courseId: true, slug: true } },
      questions: {
        orderBy: { position: "asc" },
        select: {
          position: true,
          questionId: true,
          layout: true,
          response: true,
          flagged: true,
          checkedAt: true,
          score: true,
          points: true,
          question: { select: { topics: true } },
        },
      },
    },
  });
  if (!attempt || attempt.userId !== userId) return null;
  return attempt;
}

/**
 * One question of an open attempt, with the navigator. Closes the attempt first if its deadline has
 * passed (the clock is the server's, so a reload changes nothing): the route then shows the result.
 */
export async function attemptPage(userId: string, attemptId: string, position: number, language: Language) {
  let attempt = await loadAttempt(userId, attemptId);
  if (!attempt) return null;
  if (!attempt.closedAt && attempt.deadline && attempt.deadline <= new Date()) {
    await closeExpired(userId, attempt.assessment.id);
    attempt = (await loadAttempt(userId, attemptId))!;
  }
  const settings = AssessmentSchema.parse(JSON.parse(attempt.settings));
  const index = Math.min(Math.max(0, position), attempt.questions.length - 1);
  const asked = attempt.questions[index]!;
  const defs = await definitions([asked.questionId], attempt.language);
  const def = defs.get(asked.questionId)!;
  const topic = (JSON.parse(asked.question.topics) as string[])[0] ?? "";
  const md = (s: string) => renderInline(s, attempt.assessment.courseId, topic);
  const response = asked.response ? (JSON.parse(asked.response) as Response) : null;
  const checked =
    asked.checkedAt && settings.feedback === "immediately"
      ? reviewOf(def.question, JSON.parse(asked.layout), response, md)
      : null;
  return {
    attempt: {
      id: attempt.id,
      number: attempt.number,
      closed: attempt.closedAt !== null,
      deadline: attempt.deadline?.toISOString() ?? null,
      feedbackPolicy: settings.feedback,
      total: attempt.questions.length,
    },
    assessment: {
      courseId: attempt.assessment.courseId,
      slug: attempt.assessment.slug,
      title: pick(settings.title, language),
    },
    position: index,
    contentLanguage: def.language,
    question: questionView(def.question, JSON.parse(asked.layout) as Layout, response, md),
    flagged: asked.flagged,
    checked,
    navigator: attempt.questions.map((q) => ({
      position: q.position,
      answered: isAnswered(q.response ? (JSON.parse(q.response) as Response) : null),
      flagged: q.flagged,
    })),
  };
}

export type AttemptPage = NonNullable<Awaited<ReturnType<typeof attemptPage>>>;

/** A question with its verdicts: what a review shows. */
export interface QuestionReview extends QuestionView {
  score: number;
  explanation: string | null;
  /** single, multiple: per option in display order. */
  verdicts?: { correct: boolean; chosen: boolean; feedback: string | null }[];
  rightAnswer?: string;
  feedback?: string | null;
  pairs?: { left: string; right: string; given: string | null; correct: boolean; feedback: string | null }[];
  rightOrder?: string[];
  givenOrder?: string[];
  given?: string;
  partReviews?: (QuestionReview & { id: string })[];
}

/** A question's verdicts, feedback and explanation: for a review the policy allows, or a checked answer. */
function reviewOf(
  question: Question | Part,
  layout: Layout,
  response: Response | null,
  md: (s: string) => string
): QuestionReview {
  const { score } = scoreQuestion(question, response);
  const view = questionView(question, layout, response, md);
  const explanation = question.explanation ? md(question.explanation) : null;
  switch (question.type) {
    case "single":
    case "multiple": {
      const chosen =
        response?.type === "single" ? [response.choice] : response?.type === "multiple" ? response.choices : [];
      return {
        ...view,
        score,
        explanation,
        verdicts: layout.options!.map((i) => ({
          correct: question.options[i]!.correct,
          chosen: chosen.includes(i),
          feedback: question.options[i]!.feedback ? md(question.options[i]!.feedback!) : null,
        })),
      };
    }
    case "true-false": {
      const given = response?.type === "true-false" ? response.value : null;
      const feedback = given === true ? question.trueFeedback : given === false ? question.falseFeedback : undefined;
      return {
        ...view,
        score,
        explanation,
        rightAnswer: String(question.answer),
        feedback: feedback ? md(feedback) : null,
      };
    }
    case "matching": {
      const all = [...question.pairs.map((p) => p.right), ...question.distractors];
      const matches = response?.type === "matching" ? response.matches : [];
      return {
        ...view,
        score,
        explanation,
        pairs: question.pairs.map((p, i) => ({
          left: md(p.left),
          right: md(p.right),
          given: matches[i] === null || matches[i] === undefined ? null : md(all[matches[i]!]!),
          correct: matches[i] === i,
          feedback: p.feedback ? md(p.feedback) : null,
        })),
      };
    }
    case "ordering": {
      const positions = response?.type === "ordering" ? response.positions : [];
      return {
        ...view,
        score,
        explanation,
        rightOrder: question.items.map((item) => md(item)),
        givenOrder: question.items
          .map((item, i) => ({ item: md(item), at: positions[i] }))
          .filter((g) => g.at !== null && g.at !== undefined)
          .sort((a, b) => a.at! - b.at!)
          .map((g) => g.item),
      };
    }
    case "short-text":
    case "numeric":
      return {
        ...view,
        score,
        explanation,
        given: response && "text" in response ? response.text : "",
        rightAnswer:
          question.type === "short-text"
            ? question.accept[0]!
            : `${question.answer}${question.tolerance ? ` ± ${question.tolerance}` : ""}`,
      };
    case "scenario": {
      const scenario = question as Extract<Question, { type: "scenario" }>;
      const parts = response?.type === "scenario" ? response.parts : {};
      return {
        ...view,
        score,
        explanation,
        partReviews: scenario.parts.map((part, i) => ({
          id: part.id,
          ...reviewOf(part, layout.parts![i]!, parts[part.id] ?? null, md),
        })),
      };
    }
  }
}

/** A graded attempt: score and topics always; answers and feedback as the policy allows. */
export async function attemptReview(userId: string, attemptId: string, language: Language) {
  const attempt = await loadAttempt(userId, attemptId);
  if (!attempt || !attempt.gradedAt) return attempt ? { graded: false as const } : null;
  const settings = AssessmentSchema.parse(JSON.parse(attempt.settings));
  const all = await attemptsOf(userId, attempt.assessment.id);
  const level = reviewLevel(settings, all);
  const topics = new Map<string, { earned: number; points: number }>();
  for (const q of attempt.questions) {
    const topic = (JSON.parse(q.question.topics) as string[])[0] ?? "";
    const t = topics.get(topic) ?? { earned: 0, points: 0 };
    t.earned += (q.score ?? 0) * (q.points ?? 1);
    t.points += q.points ?? 1;
    topics.set(topic, t);
  }
  const modules = await prisma.courseModule.findMany({
    where: { courseId: attempt.assessment.courseId, slug: { in: [...topics.keys()] } },
    select: { slug: true, titles: true, position: true },
    orderBy: { position: "asc" },
  });
  let questions: (QuestionReview & { position: number })[] = [];
  if (level === "answers") {
    const defs = await definitions(
      attempt.questions.map((q) => q.questionId),
      attempt.language
    );
    questions = attempt.questions.map((q) => {
      const topic = (JSON.parse(q.question.topics) as string[])[0] ?? "";
      const md = (s: string) => renderInline(s, attempt.assessment.courseId, topic);
      return {
        position: q.position,
        ...reviewOf(
          defs.get(q.questionId)!.question,
          JSON.parse(q.layout) as Layout,
          q.response ? (JSON.parse(q.response) as Response) : null,
          md
        ),
      };
    });
  }
  const grades = await prisma.attemptGrade.findMany({
    where: { attemptId },
    orderBy: { gradedAt: "asc" },
    select: { score: true, gradedAt: true, gradedById: true },
  });
  // A re-grade (an administrator's, after a question was fixed) is shown with the grade it replaced.
  const regrades = grades.slice(1).map((g, i) => ({
    at: g.gradedAt.toISOString(),
    from: percent(grades[i]!.score)!,
    to: percent(g.score)!,
  }));
  return {
    graded: true as const,
    regrades,
    attempt: {
      id: attempt.id,
      number: attempt.number,
      percent: percent(attempt.score),
      passed: attempt.passed === true,
      closedBy: attempt.closedBy,
      closedAt: attempt.closedAt!.toISOString(),
      passMark: settings.passMark,
    },
    assessment: {
      courseId: attempt.assessment.courseId,
      slug: attempt.assessment.slug,
      title: pick(settings.title, language),
    },
    level,
    topics: modules.map((m) => {
      const t = topics.get(m.slug)!;
      return { title: pick(m.titles, language), percent: Math.round((t.earned / t.points) * 100) };
    }),
    questions,
  };
}
