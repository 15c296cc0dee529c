import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { draftHistory, editorStateFor, publishDraft, saveDraft } from "~/domain/courses/authoring.server.ts";
import { importCourses } from "~/domain/courses/import.server.ts";
import { enrol, openLesson } from "~/domain/courses/learning.server.ts";
import { lexicalToMarkdown, markdownToLexical } from "~/domain/courses/lexical-markdown.ts";
import { loadCourses } from "~/domain/courses/load.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { ensureUser } from "../factories/users.ts";

const meta = { ipAddress: "127.0.0.1", userAgent: "vitest" };

beforeAll(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "courses-"));
  fs.cpSync(path.resolve("tests/fixtures/courses-valid"), dir, { recursive: true });
  await importCourses(loadCourses(dir).courses);
});

/** What an author does in the editor, expressed on the Markdown the editor state stands for. */
async function edit(language: string, change: (markdown: string) => string) {
  const current = (await editorStateFor("mini-course", "first", language))!;
  return {
    title: current.title,
    minutes: current.minutes,
    state: markdownToLexical(change(lexicalToMarkdown(current.state))),
  };
}

describe("authoring lessons in the browser", () => {
  it("saves drafts as history, publishes one, and learners see the change", async () => {
    const author = await ensureUser(prisma, { roles: ["admin"] });
    const learner = await ensureUser(prisma);
    await enrol(learner.id, "mini-course");

    const first = await saveDraft(
      author.id,
      "mini-course",
      "first",
      "en",
      await edit("en", (md) => md.replace("Counterfeiting is", "Counterfeiting, in law, is")),
      meta
    );
    expect(first.ok).toBe(true);
    const second = await saveDraft(
      author.id,
      "mini-course",
      "first",
      "en",
      await edit("en", (md) => md.replace("in law", "in criminal law")),
      meta
    );
    expect(second.ok).toBe(true);
    const lessonId = (
      await prisma.lesson.findUniqueOrThrow({
        where: { courseId_slug: { courseId: "mini-course", slug: "first" } },
        select: { id: true },
      })
    ).id;
    expect((await draftHistory(lessonId, "en")).map((d) => d.publishedAt)).toEqual([null, null]);

    const before = await openLesson(learner.id, "mini-course", "basics", "first", "en");
    expect(JSON.stringify(before)).not.toContain("in criminal law");
    const published = await publishDraft(author.id, second.ok ? second.draftId : "", meta);
    expect(published).toMatchObject({ ok: true });
    const after = await openLesson(learner.id, "mini-course", "basics", "first", "en");
    expect(JSON.stringify(after)).toContain("Counterfeiting, in criminal law, is");
    expect(await prisma.auditLog.count({ where: { action: "lesson.published", targetId: lessonId } })).toBe(1);

    // Publishing the same draft twice (double click, two tabs) does it once.
    expect(await publishDraft(author.id, second.ok ? second.draftId : "", meta)).toEqual({
      ok: false,
      reason: "already_published",
    });
  });

  it("refuses a draft that breaks the course's rules, with the reasons", async () => {
    const author = await ensureUser(prisma, { roles: ["admin"] });
    // A translation whose right answer moved.
    const moved = await saveDraft(
      author.id,
      "mini-course",
      "first",
      "fr",
      await edit("fr", (md) =>
        md
          .replace("    correct: true\n", "")
          .replace("  - text: Le droit d'auteur\n", "  - text: Le droit d'auteur\n    correct: true\n")
      ),
      meta
    );
    expect(moved).toMatchObject({
      ok: false,
      reason: "invalid",
      issues: [expect.objectContaining({ message: expect.stringContaining("does not match the English") })],
    });
    // An exercise with no right answer.
    const none = await saveDraft(
      author.id,
      "mini-course",
      "first",
      "en",
      await edit("en", (md) => md.replace("    correct: true\n", "")),
      meta
    );
    expect(none).toMatchObject({ ok: false, reason: "invalid" });
    expect(await saveDraft(author.id, "mini-course", "nope", "en", await edit("en", (md) => md), meta)).toEqual({
      ok: false,
      reason: "not_found",
    });
  });

  it("keeps whatever markup an author types inert for learners", async () => {
    const author = await ensureUser(prisma, { roles: ["admin"] });
    const learner = await ensureUser(prisma);
    await enrol(learner.id, "mini-course");
    const saved = await saveDraft(
      author.id,
      "mini-course",
      "first",
      "en",
      await edit(
        "en",
        (md) => `${md}\n\n<script>alert(1)</script> <img src=x onerror=alert(2)> [x](javascript:alert(3))\n`
      ),
      meta
    );
    expect(saved.ok).toBe(true);
    await publishDraft(author.id, saved.ok ? saved.draftId : "", meta);
    const lesson = await openLesson(learner.id, "mini-course", "basics", "first", "en");
    const html = JSON.stringify(lesson);
    expect(html).toContain("alert"); // the text is kept, as text…
    expect(html).not.toMatch(/<script|\sonerror=|href=\\?"javascript:/i); // …but nothing runs
  });
});
