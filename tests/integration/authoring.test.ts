import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import {
  authoringIndex,
  draftHistory,
  editorStateFor,
  publishDraft,
  saveDraft,
} from "~/domain/courses/authoring.server.ts";
import { exportCourses } from "~/domain/courses/export.server.ts";
import { findImage, saveUploadedImage } from "~/domain/courses/images.server.ts";
import { importCourses } from "~/domain/courses/import.server.ts";
import { enrol, openLesson } from "~/domain/courses/learning.server.ts";
import { lexicalToMarkdown, markdownToLexical } from "~/domain/courses/lexical-markdown.ts";
import { loadCourses } from "~/domain/courses/load.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { ensureUser } from "../factories/users.ts";

const meta = { ipAddress: "127.0.0.1", userAgent: "vitest" };
// A 1×1 PNG.
const png = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
  "base64"
);

let dir = "";

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "courses-"));
  fs.cpSync(path.resolve("tests/fixtures/courses-valid"), dir, { recursive: true });
  await importCourses(loadCourses(dir).courses);
});

/** What an author does in the editor, expressed on the Markdown the editor state stands for. */
async function edit(language: string, change: (markdown: string) => string) {
  return editLesson("first", change, language);
}

async function editLesson(slug: string, change: (markdown: string) => string, language = "en") {
  const current = (await editorStateFor("mini-course", slug, language))!;
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
    // The editor now opens the published text, not the older unpublished draft.
    const reopened = (await editorStateFor("mini-course", "first", "en"))!;
    expect(reopened).toMatchObject({ origin: "published", draftId: null, published: { revision: 2 } });
    expect(lexicalToMarkdown(reopened.state)).toContain("in criminal law");
    const index = await authoringIndex();
    const row = index[0]!.modules[0]!.lessons.find((l) => l.slug === "first")!;
    expect(row.languages.en).toEqual({ revision: 2, draft: false });
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
        (md) => `${md}\n\n<script>alert(1)</script> <img src=x onerror=alert(2)> <a href="javascript:alert(3)">x</a>\n`
      ),
      meta
    );
    expect(saved.ok).toBe(true);
    await publishDraft(author.id, saved.ok ? saved.draftId : "", meta);
    const lesson = await openLesson(learner.id, "mini-course", "basics", "first", "en");
    const html = JSON.stringify(lesson);
    expect(html).toContain('<a href=\\"#\\">x</a>'); // the link is kept, defused…
    expect(html).not.toMatch(/<script|\sonerror=|javascript:/i); // …and nothing runs
  });
});

describe("images in lessons", () => {
  it("keeps an uploaded image by content, refusing what is not an image or too big", () => {
    const saved = saveUploadedImage("mini-course", png);
    expect(saved).toMatchObject({ ok: true, src: expect.stringMatching(/^\.\.\/images\/upload-[0-9a-f]{20}\.png$/) });
    expect(saveUploadedImage("mini-course", png)).toEqual(saved); // the same bytes are one file
    expect(findImage("mini-course", saved.ok ? saved.file : "")).toMatchObject({ type: "image/png" });
    expect(saveUploadedImage("mini-course", Buffer.from("<svg onload=alert(1)>"))).toEqual({
      ok: false,
      reason: "not_an_image",
    });
    expect(saveUploadedImage("mini-course", Buffer.concat([png, Buffer.alloc(600 * 1024)]))).toEqual({
      ok: false,
      reason: "too_large",
    });
    expect(findImage("mini-course", "../../provenance.db")).toBeNull();
    expect(findImage("../etc", "x.png")).toBeNull();
  });

  it("accepts a lesson image that exists and refuses one that does not, or a script link", async () => {
    const author = await ensureUser(prisma, { roles: ["admin"] });
    const saved = saveUploadedImage("mini-course", png);
    const withImage = await saveDraft(
      author.id,
      "mini-course",
      "first",
      "en",
      await edit("en", (md) => `${md}\n\n![A seized blister pack](${saved.ok ? saved.src : ""})\n`),
      meta
    );
    expect(withImage.ok).toBe(true);
    const missing = await saveDraft(
      author.id,
      "mini-course",
      "first",
      "en",
      await edit("en", (md) => `${md}\n\n![A seized blister pack](../images/nowhere.png)\n`),
      meta
    );
    expect(missing).toMatchObject({
      ok: false,
      issues: [expect.objectContaining({ message: expect.stringContaining("does not exist") })],
    });
    const script = await saveDraft(
      author.id,
      "mini-course",
      "first",
      "en",
      await edit("en", (md) => `${md}\n\n[click](javascript:alert(1))\n`),
      meta
    );
    expect(script).toMatchObject({
      ok: false,
      issues: [expect.objectContaining({ message: expect.stringContaining("only http, https and mailto") })],
    });
  });
});

describe("courses:export", () => {
  it("writes browser edits back to the course files, which then import as unchanged", async () => {
    const author = await ensureUser(prisma, { roles: ["author"] });
    const image = saveUploadedImage("mini-course", png);
    if (!image.ok) throw new Error("upload refused");
    const saved = await saveDraft(
      author.id,
      "mini-course",
      "second",
      "en",
      await editLesson("second", (md) => `${md}\n\nExported from the editor. ![Seized goods](${image.src})\n`),
      meta
    );
    if (!saved.ok) throw new Error(JSON.stringify(saved));
    expect(await publishDraft(author.id, saved.draftId, meta)).toMatchObject({ ok: true });

    const dry = await exportCourses(dir, { dryRun: true });
    expect(dry.written).toContain("mini-course/basics/second.en.md");
    expect(fs.readFileSync(path.join(dir, "mini-course/basics/second.en.md"), "utf8")).not.toContain("Exported");

    const report = await exportCourses(dir);
    expect(report.written).toContain("mini-course/basics/second.en.md");
    expect(report.images).toEqual([`mini-course/images/${image.file}`]);
    expect(fs.readFileSync(path.join(dir, "mini-course/basics/second.en.md"), "utf8")).toContain(
      "Exported from the editor."
    );
    expect(fs.existsSync(path.join(dir, "mini-course/images", image.file))).toBe(true);

    // The files pass the checker, and importing them changes nothing learners see.
    const loaded = loadCourses(dir);
    expect(loaded.issues).toEqual([]);
    const revision = async () =>
      (
        await prisma.lessonContent.findFirstOrThrow({
          where: { language: "en", lesson: { courseId: "mini-course", slug: "second" } },
          select: { revision: true, source: true },
        })
      ).revision;
    const before = await revision();
    await importCourses(loaded.courses);
    expect(await revision()).toBe(before);
    expect((await exportCourses(dir)).written).toEqual([]); // nothing left to write
  });
});
