import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parse, stringify } from "yaml";
import { beforeAll, describe, expect, it } from "vitest";
import {
  publishQuestionDraft,
  questionEditor,
  questionTemplate,
  saveQuestionDraft,
} from "~/domain/assessments/authoring.server.ts";
import { findAssessment, startAttempt } from "~/domain/assessments/attempts.server.ts";
import { importCourses } from "~/domain/courses/import.server.ts";
import { exportCourses } from "~/domain/courses/export.server.ts";
import { loadCourses } from "~/domain/courses/load.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { enrolWithProgress } from "../factories/learning.ts";
import { ensureUser } from "../factories/users.ts";

let dir: string;
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "courses-"));
  fs.cpSync(path.resolve("tests/fixtures/courses-assessed"), dir, { recursive: true });
  await importCourses(loadCourses(dir).courses);
});

const meta = { ipAddress: "127.0.0.1", userAgent: "test" };
const target = (slug: string | null, language = "en") => ({ courseId: "exam-course", bank: "exam", slug, language });

describe("editing questions in the browser", () => {
  it("saves a checked draft, publishes it with a new revision, and audits it", async () => {
    const author = await ensureUser(prisma, { roles: ["author"] });
    const editor = await questionEditor({ ...target("true-false-one"), slug: "true-false-one" });
    expect(editor).toMatchObject({ origin: "published", revision: 1 });
    const source = editor!.source.replace(
      "A trademark protects an invention.",
      "A trademark protects an invention, such as a new engine."
    );
    const saved = await saveQuestionDraft(author.id, target("true-false-one"), source);
    if (!saved.ok) throw new Error(JSON.stringify(saved.issues));
    // Saving the same text again keeps one draft.
    expect(await saveQuestionDraft(author.id, target("true-false-one"), source)).toEqual(saved);
    expect((await questionEditor({ ...target("true-false-one"), slug: "true-false-one" }))!.origin).toBe("draft");
    const published = await publishQuestionDraft(author.id, saved.draftId, meta);
    expect(published).toEqual({ ok: true, revision: 2, droppedTranslations: [] });
    expect(await publishQuestionDraft(author.id, saved.draftId, meta)).toEqual({
      ok: false,
      reason: "already_published",
    });
    const content = await prisma.questionContent.findFirstOrThrow({
      where: { language: "en", question: { slug: "true-false-one" } },
    });
    expect(JSON.parse(content.definition).text).toContain("such as a new engine");
    expect(await prisma.auditLog.count({ where: { action: "question.published", actorId: author.id } })).toBe(1);
  });

  it("refuses what the checker refuses, with lines, and writes nothing", async () => {
    const author = await ensureUser(prisma, { roles: ["author"] });
    const drafts = await prisma.questionDraft.count();
    const bad = [
      "id: single-one\ntype: single\ntopics: [basics]\ndifficulty: easy\ntext: Q\noptions:\n  - text: a\n  - text: b\n",
      "id: renamed\ntype: true-false\ntopics: [basics]\ndifficulty: easy\ntext: Q\nanswer: true\n",
      "id: single-one\ntype: single\ntopics: [nowhere]\ndifficulty: easy\ntext: Q\noptions:\n  - text: a\n    correct: true\n  - text: b\n",
      "id: [unclosed\n",
    ];
    const messages = [];
    for (const source of bad) {
      const result = await saveQuestionDraft(
        author.id,
        target(bad.indexOf(source) === 1 ? "true-false-one" : "single-one"),
        source
      );
      expect(result.ok).toBe(false);
      if (!result.ok) messages.push(result.issues.map((i) => `${i.line}: ${i.message}`).join("; "));
    }
    expect(messages[0]).toMatch(/exactly one correct option/);
    expect(messages[1]).toMatch(/the id must stay `true-false-one`/);
    expect(messages[2]).toMatch(/^3: .*topic `nowhere` is not a module/);
    expect(messages[3]).toMatch(/YAML error/);
    expect(await prisma.questionDraft.count()).toBe(drafts);
  });

  it("keeps a translation's answers; changing the English answers withdraws translations that no longer match", async () => {
    const author = await ensureUser(prisma, { roles: ["author"] });
    const french = await questionEditor({ ...target("single-one", "fr"), slug: "single-one" });
    expect(french).toMatchObject({ origin: "published" });
    const moved = parse(french!.source);
    moved.options[0].correct = false;
    moved.options[1].correct = true;
    const movedAnswer = stringify(moved);
    const refused = await saveQuestionDraft(author.id, target("single-one", "fr"), movedAnswer);
    expect(refused.ok).toBe(false);
    if (!refused.ok)
      expect(refused.issues[0]!.message).toMatch(/changes the question's type, topics, options or answers/);

    const english = parse((await questionEditor({ ...target("single-one"), slug: "single-one" }))!.source);
    english.options.push({ text: "trade secrets", correct: false });
    const fourOptions = stringify(english);
    const saved = await saveQuestionDraft(author.id, target("single-one"), fourOptions);
    if (!saved.ok) throw new Error(JSON.stringify(saved.issues));
    expect(await publishQuestionDraft(author.id, saved.draftId, meta)).toMatchObject({
      ok: true,
      droppedTranslations: ["fr"],
    });
    expect(await prisma.questionContent.count({ where: { language: "fr", question: { slug: "single-one" } } })).toBe(0);
  });

  it("adds a new question to the bank, which the next attempts can draw", async () => {
    const author = await ensureUser(prisma, { roles: ["author"] });
    const template = questionTemplate("numeric", "advanced");
    expect(parse(template)).toMatchObject({ type: "numeric", topics: ["advanced"] });
    const source = template
      .replace("id: new-question", "id: new-numeric")
      .replace('text: ""', "text: How many days are in a week?")
      .replace("answer: 0", "answer: 7")
      .replace('explanation: ""', "explanation: Seven.");
    const saved = await saveQuestionDraft(author.id, target(null), source);
    if (!saved.ok) throw new Error(JSON.stringify(saved.issues));
    expect(saved.slug).toBe("new-numeric");
    expect(await saveQuestionDraft(author.id, target(null), source.replace("new-numeric", "single-one"))).toMatchObject(
      {
        ok: false,
      }
    );
    expect(await publishQuestionDraft(author.id, saved.draftId, meta)).toMatchObject({ ok: true, revision: 1 });
    expect(await prisma.question.count({ where: { courseId: "exam-course", bank: "exam", retiredAt: null } })).toBe(9);
    // The final draws 8 of the bank's 9 now; over a few attempts the new question comes up.
    const learner = await ensureUser(prisma);
    await enrolWithProgress(prisma, learner.id, "exam-course", 1);
    const started = await startAttempt(learner.id, (await findAssessment("exam-course", "final"))!, "en");
    expect(started.ok).toBe(true);
  });

  it("exports what was published to the bank files, and a re-import changes nothing", async () => {
    const report = await exportCourses(dir);
    expect(report.written).toContain("exam-course/questions/exam.en.yaml");
    expect(report.written).not.toContain("exam-course/questions/module-quizzes.en.yaml"); // unchanged
    const bank = parse(fs.readFileSync(path.join(dir, "exam-course/questions/exam.en.yaml"), "utf8"));
    expect(bank.questions.map((q: { id: string }) => q.id)).toContain("new-numeric");
    const loaded = loadCourses(dir);
    expect(loaded.issues).toEqual([]);
    const before = await prisma.question.findMany({ select: { slug: true, revision: true }, orderBy: { slug: "asc" } });
    await importCourses(loaded.courses);
    const after = await prisma.question.findMany({ select: { slug: true, revision: true }, orderBy: { slug: "asc" } });
    expect(after).toEqual(before);
    expect((await exportCourses(dir)).written).toEqual([]);
  });
});
