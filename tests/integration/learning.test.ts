import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { importCourses } from "~/domain/courses/import.server.ts";
import {
  answerBlock,
  enrol,
  getCourseOverview,
  hasPassed,
  listEnrolments,
  openLesson,
} from "~/domain/courses/learning.server.ts";
import { loadCourses } from "~/domain/courses/load.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { sitAssessment } from "../factories/assessments.ts";
import { ensureUser } from "../factories/users.ts";

// The small fixture course: lesson `first` (a knowledge check), lesson `second` (its 3-question module quiz).
beforeAll(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "courses-"));
  fs.cpSync(path.resolve("tests/fixtures/courses-valid"), dir, { recursive: true });
  await importCourses(loadCourses(dir).courses);
});

const form = (fields: Record<string, string>) => new URLSearchParams(fields);

describe("learning", () => {
  it("needs an enrolment, and enrolling twice is the same as once", async () => {
    const user = await ensureUser(prisma);
    expect(await openLesson(user.id, "mini-course", "basics", "first", "en")).toEqual({
      ok: false,
      reason: "not_enrolled",
    });
    await Promise.all([enrol(user.id, "mini-course"), enrol(user.id, "mini-course")]);
    expect(await prisma.enrolment.count({ where: { userId: user.id } })).toBe(1);
    expect(await enrol(user.id, "no-such-course")).toEqual({ ok: false, reason: "not_found" });
  });

  it("grades on the server and sends no answer before the learner answers", async () => {
    const user = await ensureUser(prisma);
    await enrol(user.id, "mini-course");
    const before = await openLesson(user.id, "mini-course", "basics", "first", "en");
    expect(JSON.stringify(before)).not.toMatch(/"correct"|Yes, a logo is a trademark/);
    expect(
      await answerBlock(user.id, "mini-course", "basics", "first", "basics-which-right", form({ option: "1" }))
    ).toEqual({ ok: true });
    const after = await openLesson(user.id, "mini-course", "basics", "first", "en");
    expect(JSON.stringify(after)).toContain("Yes, a logo is a trademark.");
    expect(
      await answerBlock(user.id, "mini-course", "basics", "first", "basics-which-right", form({ option: "9" }))
    ).toEqual({ ok: false, reason: "invalid" });
    expect(
      await answerBlock(user.id, "mini-course", "basics", "first", "no-such-block", form({ option: "1" }))
    ).toEqual({ ok: false, reason: "not_found" });
  });

  it("stays consistent under double clicks and two tabs: one row, attempts counted, never over 100 %", async () => {
    const user = await ensureUser(prisma);
    await enrol(user.id, "mini-course");
    await openLesson(user.id, "mini-course", "basics", "first", "en");
    const answers = Array.from({ length: 6 }, (_, i) =>
      answerBlock(user.id, "mini-course", "basics", "first", "basics-which-right", form({ option: String(i % 2) }))
    );
    expect((await Promise.all(answers)).every((r) => r.ok)).toBe(true);
    const rows = await prisma.interactionResponse.findMany({ where: { userId: user.id }, select: { attempts: true } });
    expect(rows).toEqual([{ attempts: 6 }]);
    const progress = await prisma.lessonProgress.findMany({
      where: { userId: user.id },
      select: { completedAt: true },
    });
    expect(progress).toHaveLength(1);
    expect(progress[0]!.completedAt).toBeInstanceOf(Date);
    const overview = await getCourseOverview("mini-course", user.id, "en");
    expect(overview!.percent).toBe(50);
  });

  it("passes the course when every module quiz is passed, and resumes at the first unfinished lesson", async () => {
    const user = await ensureUser(prisma);
    await enrol(user.id, "mini-course");
    await openLesson(user.id, "mini-course", "basics", "first", "en");
    expect((await listEnrolments(user.id, "en"))[0]).toMatchObject({ percent: 0, next: { slug: "first" } });
    // The module quiz is answered on its assessment pages, not through the lesson's form.
    expect(await answerBlock(user.id, "mini-course", "basics", "second", "basics-quiz", form({ "q-q1": "0" }))).toEqual(
      { ok: false, reason: "not_found" }
    );
    await sitAssessment(prisma as never, user.id, "mini-course", "basics-quiz", 1 / 3); // 1 of 3 right: 33 %
    expect(await hasPassed(user.id, "mini-course")).toBe(false);
    const failed = await openLesson(user.id, "mini-course", "basics", "second", "en");
    expect(JSON.stringify(failed)).toContain('"passed":false');
    await sitAssessment(prisma as never, user.id, "mini-course", "basics-quiz", 1);
    expect(await hasPassed(user.id, "mini-course")).toBe(true);
    // The quiz's lesson is complete, and its block shows the counted (best) result and the attempts.
    const passed = await openLesson(user.id, "mini-course", "basics", "second", "en");
    expect(passed).toMatchObject({ completed: true });
    expect(JSON.stringify(passed)).toContain('"outcome":{"type":"quiz","score":1,"passed":true,"attempts":2}');
    expect((await listEnrolments(user.id, "en"))[0]).toMatchObject({ percent: 50, next: { slug: "first" } });
  });

  it("shows a translation when there is one, else English with a notice", async () => {
    const user = await ensureUser(prisma);
    await enrol(user.id, "mini-course");
    const french = await openLesson(user.id, "mini-course", "basics", "first", "fr");
    expect(french).toMatchObject({ ok: true, title: "Première leçon", fallback: false });
    const fallback = await openLesson(user.id, "mini-course", "basics", "second", "fr");
    expect(fallback).toMatchObject({ ok: true, title: "Second lesson", fallback: true, contentLanguage: "en" });
  });

  it("lists the learner's enrolments on the dashboard, the next lesson titled in their language, else English", async () => {
    const user = await ensureUser(prisma);
    expect(await listEnrolments(user.id, "fr")).toEqual([]);
    await enrol(user.id, "mini-course");
    expect(await listEnrolments(user.id, "fr")).toEqual([
      {
        courseId: "mini-course",
        title: expect.any(String) as string,
        percent: 0,
        started: false,
        passed: false,
        next: { moduleSlug: "basics", slug: "first", title: "Première leçon" },
      },
    ]);
    await openLesson(user.id, "mini-course", "basics", "first", "fr");
    await answerBlock(user.id, "mini-course", "basics", "first", "basics-which-right", form({ option: "1" }));
    expect((await listEnrolments(user.id, "fr"))[0]).toMatchObject({
      percent: 50,
      started: true,
      next: { slug: "second", title: "Second lesson" }, // no French text: the English title
    });
    // Someone else's dashboard shows none of it.
    expect(await listEnrolments((await ensureUser(prisma)).id, "fr")).toEqual([]);
  });
});
