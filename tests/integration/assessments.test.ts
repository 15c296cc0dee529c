import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import {
  closeAndGrade,
  findAssessment,
  regradeAssessment,
  saveAnswer,
  startAttempt,
  submitAttempt,
  type AssessmentRow,
} from "~/domain/assessments/attempts.server.ts";
import type { Layout } from "~/domain/assessments/layout.ts";
import type { Question } from "~/domain/assessments/schema.ts";
import { assessmentOverview, attemptPage, attemptReview, eligibility } from "~/domain/assessments/views.server.ts";
import { importCourses } from "~/domain/courses/import.server.ts";
import { enrol, hasPassed } from "~/domain/courses/learning.server.ts";
import { loadCourses } from "~/domain/courses/load.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { enrolWithProgress } from "../factories/learning.ts";
import { rightForm, sitAssessment } from "../factories/assessments.ts";
import { ensureUser } from "../factories/users.ts";

// The fixture course `exam-course`: a module quiz, a bank of one question of each type, a final
// (8 questions, pass mark 60, 2 attempts, 60 minutes' cool-down, 30 minutes' time limit).
let coursesDir: string;
beforeAll(async () => {
  coursesDir = fs.mkdtempSync(path.join(os.tmpdir(), "courses-"));
  fs.cpSync(path.resolve("tests/fixtures/courses-assessed"), coursesDir, { recursive: true });
  await importCourses(loadCourses(coursesDir).courses);
});

const minutes = (from: Date, n: number) => new Date(from.getTime() + n * 60_000);
const final = async () => (await findAssessment("exam-course", "final"))!;

/** A learner enrolled with the module quiz passed: free to sit the final. */
async function readyLearner() {
  const user = await ensureUser(prisma);
  await enrolWithProgress(prisma, user.id, "exam-course", 1);
  return user;
}

async function askedQuestions(attemptId: string) {
  const rows = await prisma.attemptQuestion.findMany({
    where: { attemptId },
    orderBy: { position: "asc" },
    select: {
      position: true,
      layout: true,
      question: { select: { slug: true, contents: { where: { language: "en" } } } },
    },
  });
  return rows.map((r) => ({
    position: r.position,
    slug: r.question.slug,
    layout: JSON.parse(r.layout) as Layout,
    question: JSON.parse(r.question.contents[0]!.definition) as Question,
  }));
}

describe("importing banks and settings", () => {
  it("imports every question with its translation and the final's settings", async () => {
    expect(await prisma.question.count({ where: { courseId: "exam-course", bank: "exam", retiredAt: null } })).toBe(8);
    expect(await prisma.question.count({ where: { courseId: "exam-course", bank: "module-quizzes" } })).toBe(3);
    expect(await prisma.questionContent.count({ where: { language: "fr" } })).toBe(1);
    const assessment = await final();
    expect(assessment.settings).toMatchObject({ passMark: 60, attempts: 2, cooldownMinutes: 60, timeLimitMinutes: 30 });
  });

  it("raises a question's revision when its English text changes, and retires a removed question", async () => {
    const bank = path.join(coursesDir, "exam-course/questions/exam.en.yaml");
    const original = fs.readFileSync(bank, "utf8");
    try {
      fs.writeFileSync(bank, original.replace("How many official languages", "How many languages"));
      await importCourses(loadCourses(coursesDir).courses);
      const numeric = await prisma.question.findFirstOrThrow({
        where: { slug: "numeric-one" },
        select: { revision: true },
      });
      expect(numeric.revision).toBe(2);
      const single = await prisma.question.findFirstOrThrow({
        where: { slug: "single-one" },
        select: { revision: true },
      });
      expect(single.revision).toBe(1);
    } finally {
      fs.writeFileSync(bank, original);
      await importCourses(loadCourses(coursesDir).courses);
    }
  });
});

describe("sitting the final", () => {
  it("is closed to learners not enrolled, and to those who have not passed the module quizzes", async () => {
    const stranger = await ensureUser(prisma);
    expect(await eligibility(stranger.id, await final())).toEqual({ ok: false, reason: "not_enrolled" });
    await enrol(stranger.id, "exam-course");
    expect(await eligibility(stranger.id, await final())).toEqual({ ok: false, reason: "quizzes_first" });
    const ready = await readyLearner();
    expect(await eligibility(ready.id, await final())).toEqual({ ok: true });
  });

  it("draws the questions once: two starts at once give one attempt", async () => {
    const user = await readyLearner();
    const assessment = await final();
    const [a, b] = await Promise.all([
      startAttempt(user.id, assessment, "en"),
      startAttempt(user.id, assessment, "en"),
    ]);
    expect(a.ok && b.ok && a.attemptId === b.attemptId).toBe(true);
    expect(await prisma.attempt.count({ where: { userId: user.id, assessmentId: assessment.id } })).toBe(1);
    const asked = await askedQuestions((a as { attemptId: string }).attemptId);
    expect(new Set(asked.map((q) => q.slug)).size).toBe(8);
    // Stratified over two topics: four each.
    expect(asked.filter((q) => q.question.topics[0] === "basics")).toHaveLength(4);
  });

  it("never sends a right answer, a verdict or feedback before grading", async () => {
    const user = await readyLearner();
    const started = await startAttempt(user.id, await final(), "en");
    if (!started.ok) throw new Error(started.reason);
    for (let position = 0; position < 8; position++) {
      const page = await attemptPage(user.id, started.attemptId, position, "en");
      const json = JSON.stringify(page);
      expect(json).not.toMatch(/"correct"|"feedback"|"explanation"|"accept"|"answer":|"tolerance"|"verdicts"/);
      expect(json).not.toMatch(/Yes, piracy copies|TRIPS Agreement|Right, that is a patent/);
      expect(page!.checked).toBeNull();
    }
  });

  it("grades right answers and partial credit on the server, once", async () => {
    const user = await readyLearner();
    const started = await startAttempt(user.id, await final(), "en");
    if (!started.ok) throw new Error(started.reason);
    for (const q of await askedQuestions(started.attemptId)) {
      const form = new URLSearchParams(rightForm(q.question, q.layout));
      if (q.slug === "multiple-one") form.delete("answer", form.getAll("answer")[1]!); // one of two right: 0.5
      expect(await saveAnswer(user.id, started.attemptId, q.position, form)).toEqual({ ok: true });
    }
    expect(await submitAttempt(user.id, started.attemptId)).toEqual({ ok: true });
    const attempt = await prisma.attempt.findUniqueOrThrow({ where: { id: started.attemptId } });
    // 1 point per question, 2 for the scenario: 9 points, 8.5 earned.
    expect(attempt.score).toBeCloseTo(8.5 / 9);
    expect(attempt.passed).toBe(true);
    expect(attempt.closedBy).toBe("learner");
    expect(await prisma.attemptGrade.count({ where: { attemptId: started.attemptId } })).toBe(1);
    expect(await hasPassed(user.id, "exam-course")).toBe(true);
  });

  it("refuses tampered and replayed posts, changing nothing", async () => {
    const user = await readyLearner();
    const other = await readyLearner();
    const started = await startAttempt(user.id, await final(), "en");
    if (!started.ok) throw new Error(started.reason);
    const asked = await askedQuestions(started.attemptId);
    const single = asked.find((q) => q.slug === "single-one")!;
    const right = new URLSearchParams(rightForm(single.question, single.layout));
    // A changed option id, an invented question, two answers to a single choice, someone else's attempt.
    expect(await saveAnswer(user.id, started.attemptId, single.position, new URLSearchParams({ answer: "7" }))).toEqual(
      {
        ok: false,
        reason: "invalid",
      }
    );
    expect(await saveAnswer(user.id, started.attemptId, single.position, new URLSearchParams({ answer: "x" }))).toEqual(
      {
        ok: false,
        reason: "invalid",
      }
    );
    expect(await saveAnswer(user.id, started.attemptId, 8, right)).toEqual({ ok: false, reason: "not_in_attempt" });
    expect(await saveAnswer(user.id, started.attemptId, -1, right)).toEqual({ ok: false, reason: "not_in_attempt" });
    expect(
      await saveAnswer(
        user.id,
        started.attemptId,
        single.position,
        new URLSearchParams([
          ["answer", "0"],
          ["answer", "1"],
        ])
      )
    ).toEqual({ ok: false, reason: "invalid" });
    expect(await saveAnswer(other.id, started.attemptId, single.position, right)).toEqual({
      ok: false,
      reason: "not_found",
    });
    const untouched = await prisma.attemptQuestion.findUniqueOrThrow({
      where: { attemptId_position: { attemptId: started.attemptId, position: single.position } },
    });
    expect(untouched.response).toBeNull();

    // Submitted (one right answer of nine points), then a second submit and a replayed answer change nothing.
    expect(await saveAnswer(user.id, started.attemptId, single.position, right)).toEqual({ ok: true });
    expect(await submitAttempt(user.id, started.attemptId)).toEqual({ ok: true });
    const graded = await prisma.attempt.findUniqueOrThrow({ where: { id: started.attemptId } });
    expect(graded.score).toBeCloseTo(1 / 9);
    expect(await submitAttempt(user.id, started.attemptId)).toEqual({ ok: false, reason: "closed" });
    for (const q of asked) {
      const form = new URLSearchParams(rightForm(q.question, q.layout));
      expect(await saveAnswer(user.id, started.attemptId, q.position, form)).toEqual({ ok: false, reason: "closed" });
    }
    expect(await closeAndGrade(started.attemptId, "learner")).toBe(false);
    const after = await prisma.attempt.findUniqueOrThrow({ where: { id: started.attemptId } });
    expect(after.score).toBe(graded.score);
    expect(after.gradedAt).toEqual(graded.gradedAt);
    expect(await prisma.attemptGrade.count({ where: { attemptId: started.attemptId } })).toBe(1);
  });

  it("with feedback 'immediately', a checked answer shows its verdict and is locked", async () => {
    const user = await readyLearner();
    const started = await startAttempt(user.id, await final(), "en");
    if (!started.ok) throw new Error(started.reason);
    const attempt = await prisma.attempt.findUniqueOrThrow({ where: { id: started.attemptId } });
    await prisma.attempt.update({
      where: { id: attempt.id },
      data: { settings: JSON.stringify({ ...JSON.parse(attempt.settings), feedback: "immediately" }) },
    });
    const single = (await askedQuestions(attempt.id)).find((q) => q.slug === "single-one")!;
    const right = new URLSearchParams(rightForm(single.question, single.layout));
    // A plain save does not check; "check" does, and the page then carries the verdict and feedback.
    expect(await saveAnswer(user.id, attempt.id, single.position, right)).toEqual({ ok: true });
    expect((await attemptPage(user.id, attempt.id, single.position, "en"))!.checked).toBeNull();
    expect(await saveAnswer(user.id, attempt.id, single.position, right, { check: true })).toEqual({ ok: true });
    const page = await attemptPage(user.id, attempt.id, single.position, "en");
    expect(page!.checked).toMatchObject({ score: 1 });
    expect(JSON.stringify(page!.checked)).toContain("Yes, piracy copies protected works.");
    // Another question of the same attempt still shows nothing.
    const other = (await askedQuestions(attempt.id)).find((q) => q.slug !== "single-one")!;
    expect(JSON.stringify(await attemptPage(user.id, attempt.id, other.position, "en"))).not.toMatch(
      /"verdicts"|"correct"/
    );
    // The checked answer cannot be changed.
    const wrong = new URLSearchParams({ answer: String(single.layout.options!.indexOf(1)) });
    expect(await saveAnswer(user.id, attempt.id, single.position, wrong)).toEqual({ ok: false, reason: "locked" });
  });

  it("enforces the time limit on the server: late answers do not count, the attempt closes at its deadline", async () => {
    const user = await readyLearner();
    const t0 = new Date("2026-11-22T10:00:00Z");
    const started = await startAttempt(user.id, await final(), "en", t0);
    if (!started.ok) throw new Error(started.reason);
    const asked = await askedQuestions(started.attemptId);
    const [first, second] = asked;
    expect(
      await saveAnswer(
        user.id,
        started.attemptId,
        first!.position,
        new URLSearchParams(rightForm(first!.question, first!.layout)),
        {
          now: minutes(t0, 29),
        }
      )
    ).toEqual({ ok: true });
    expect(
      await saveAnswer(
        user.id,
        started.attemptId,
        second!.position,
        new URLSearchParams(rightForm(second!.question, second!.layout)),
        {
          now: minutes(t0, 31),
        }
      )
    ).toEqual({ ok: false, reason: "expired" });
    const attempt = await prisma.attempt.findUniqueOrThrow({ where: { id: started.attemptId } });
    expect(attempt.closedBy).toBe("deadline");
    expect(attempt.closedAt).toEqual(minutes(t0, 30));
    const points = first!.question.type === "scenario" ? 2 : 1;
    expect(attempt.score).toBeCloseTo(points / 9);
    expect(await submitAttempt(user.id, started.attemptId, minutes(t0, 32))).toEqual({ ok: false, reason: "closed" });
  });

  it("waits out the cool-down, then stops at the attempt limit", async () => {
    const user = await readyLearner();
    const assessment = await final();
    const t0 = new Date("2026-11-22T12:00:00Z");
    await sitAssessment(prisma as never, user.id, "exam-course", "final", 0, t0);
    expect(await startAttempt(user.id, assessment, "en", minutes(t0, 59))).toEqual({
      ok: false,
      reason: "cooldown",
      until: minutes(t0, 60),
    });
    await sitAssessment(prisma as never, user.id, "exam-course", "final", 1, minutes(t0, 60));
    expect(await startAttempt(user.id, assessment, "en", minutes(t0, 10_000))).toEqual({
      ok: false,
      reason: "no_attempts_left",
    });
    const overview = await assessmentOverview(user.id, "exam-course", "final", "en");
    expect(overview!.attempts.map((a) => a.passed)).toEqual([false, true]);
    expect(overview!.result).toEqual({ percent: 100, passed: true });
    expect(overview!.attemptsLeft).toBe(0);
  });

  it("reviews show right answers and feedback as the policy allows", async () => {
    const user = await readyLearner();
    const attemptId = await sitAssessment(prisma as never, user.id, "exam-course", "final", 0.5);
    const review = await attemptReview(user.id, attemptId, "en");
    if (!review?.graded) throw new Error("not graded");
    expect(review.level).toBe("answers");
    expect(review.questions).toHaveLength(8);
    expect(JSON.stringify(review)).toContain("Yes, piracy copies protected works.");
    expect(review.topics.map((t) => t.title.text)).toEqual(["Basics", "Advanced"]);
    const other = await ensureUser(prisma);
    expect(await attemptReview(other.id, attemptId, "en")).toBeNull();
  });
});

describe("re-grading", () => {
  it("is an explicit, audited administrator action that keeps the old grade in history", async () => {
    const admin = await ensureUser(prisma, { roles: ["admin"] });
    const user = await readyLearner();
    const assessment: AssessmentRow = await final();
    const attemptId = await sitAssessment(prisma as never, user.id, "exam-course", "final", 0);
    const before = await prisma.attempt.findUniqueOrThrow({ where: { id: attemptId } });
    const asked = await askedQuestions(attemptId);
    // The learner answered nothing; a fixed question now accepts anything but "designs"… simulate a fix:
    // the true/false question's answer was wrong in the files and is corrected to "true".
    const tf = asked.find((q) => q.slug === "true-false-one")!;
    await prisma.attemptQuestion.update({
      where: { attemptId_position: { attemptId, position: tf.position } },
      data: { response: JSON.stringify({ type: "true-false", value: true }) },
    });
    const question = await prisma.question.findFirstOrThrow({
      where: { slug: "true-false-one" },
      select: { id: true },
    });
    const fixed = { ...tf.question, answer: true };
    await prisma.questionContent.update({
      where: { questionId_language: { questionId: question.id, language: "en" } },
      data: { definition: JSON.stringify(fixed) },
    });
    try {
      const result = await regradeAssessment(admin.id, assessment, "true/false answer corrected");
      expect(result.changed).toBeGreaterThanOrEqual(1);
      const after = await prisma.attempt.findUniqueOrThrow({ where: { id: attemptId } });
      expect(after.score).toBeCloseTo(1 / 9);
      const history = await prisma.attemptGrade.findMany({ where: { attemptId }, orderBy: { gradedAt: "asc" } });
      expect(history.map((h) => h.score)).toEqual([before.score, after.score]);
      expect(history[1]!.gradedById).toBe(admin.id);
      expect(history[1]!.reason).toBe("true/false answer corrected");
      // The learner's review says so, with the grade it replaced.
      const review = await attemptReview(user.id, attemptId, "en");
      expect(review && review.graded ? review.regrades : null).toEqual([
        { at: expect.any(String), from: 0, to: Math.round((1 / 9) * 1000) / 10 },
      ]);
      const logged = await prisma.auditLog.findFirst({ where: { action: "assessment.regraded", actorId: admin.id } });
      expect(logged).not.toBeNull();
      // History cannot be rewritten, even by a bug.
      await expect(prisma.attemptGrade.update({ where: { id: history[0]!.id }, data: { score: 1 } })).rejects.toThrow();
      expect((await prisma.attemptGrade.findUniqueOrThrow({ where: { id: history[0]!.id } })).score).toBe(before.score);
    } finally {
      await prisma.questionContent.update({
        where: { questionId_language: { questionId: question.id, language: "en" } },
        data: { definition: JSON.stringify(tf.question) },
      });
    }
  });
});
