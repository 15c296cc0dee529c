import type { SerializedEditorState } from "lexical";
import { stringify } from "yaml";
import { audit } from "~/domain/audit/audit.server.ts";
import type { RequestMeta } from "~/domain/accounts/accounts.server.ts";
import { isLanguage } from "~/i18n/config.ts";
import { prisma } from "~/utils/db.server.ts";
import { sha256 } from "./hash.ts";
import { lexicalToMarkdown, markdownToLexical } from "./lexical-markdown.ts";
import { blocksOf, parseLesson, type Issue } from "./parse.ts";
import { courseStructure, forgetCourse } from "./structure.server.ts";
import { checkBlock, compareTranslation } from "./validate.ts";

/**
 * Editing lessons in the browser. The editor sends its Lexical state; the server turns it back into
 * a lesson file (front matter + Markdown + exercise blocks), checks it with the same rules as
 * `courses:check`, and keeps every save as a draft. Publishing copies a checked draft into the text
 * learners see. What is stored is Markdown rebuilt on the server, rendered through the sanitising
 * allow-list on every view, so nothing the client sends can inject markup.
 */

export interface DraftInput {
  title: string;
  minutes: number | null;
  state: SerializedEditorState;
}

/** The lesson file text for a draft. */
export function draftSource(input: DraftInput): string {
  const front = stringify({ title: input.title, ...(input.minutes ? { minutes: input.minutes } : {}) }).trimEnd();
  return `---\n${front}\n---\n\n${lexicalToMarkdown(input.state).trim()}\n`;
}

/** The editor state for the current published text (or English, for a translation not yet started). */
export async function editorStateFor(courseId: string, lessonSlug: string, language: string) {
  const lesson = await prisma.lesson.findUnique({
    where: { courseId_slug: { courseId, slug: lessonSlug } },
    select: {
      id: true,
      contents: { where: { language: { in: [language, "en"] } }, select: { language: true, source: true } },
    },
  });
  if (!lesson) return null;
  const latestDraft = await prisma.lessonDraft.findFirst({
    where: { lessonId: lesson.id, language, publishedAt: null },
    orderBy: { createdAt: "desc" },
    select: { id: true, source: true, createdAt: true },
  });
  const source =
    latestDraft?.source ??
    (lesson.contents.find((c) => c.language === language) ?? lesson.contents.find((c) => c.language === "en"))?.source;
  if (!source) return null;
  const parsed = parseLesson("draft", source);
  const end = source.indexOf("\n---", 3);
  return {
    lessonId: lesson.id,
    draftId: latestDraft?.id ?? null,
    title: parsed.frontMatter?.title ?? "",
    minutes: parsed.frontMatter?.minutes ?? null,
    state: markdownToLexical(source.slice(end + 4)),
  };
}

export type SaveResult =
  | { ok: true; draftId: string }
  | { ok: false; reason: "not_found" }
  | { ok: false; reason: "invalid"; issues: Issue[] };

/** Check a lesson text against the course's rules: format, exercises, and for a translation the English structure. */
async function checkDraft(lessonId: string, courseId: string, language: string, source: string): Promise<Issue[]> {
  const file = `${courseId}/${lessonId}.${language}.md`;
  const lesson = parseLesson(file, source);
  const issues = [...lesson.issues];
  for (const { block, line } of blocksOf(lesson)) issues.push(...checkBlock(file, line, block));
  if (language === "en") {
    if (lesson.frontMatter && lesson.frontMatter.minutes === undefined)
      issues.push({ file, line: 2, message: "front matter: `minutes` is required in English" });
    // Exercise ids stay unique in the course.
    const structure = await courseStructure(courseId);
    const others = new Set(structure?.lessons.filter((l) => l.id !== lessonId).flatMap((l) => l.answerable) ?? []);
    for (const { block, line } of blocksOf(lesson)) {
      if (others.has(block.data.id)) issues.push({ file, line, message: `duplicate block id \`${block.data.id}\`` });
    }
  } else {
    const english = await prisma.lessonContent.findUnique({
      where: { lessonId_language: { lessonId, language: "en" } },
      select: { source: true },
    });
    if (english) issues.push(...compareTranslation(parseLesson(`${file}.en`, english.source), lesson));
  }
  return issues;
}

/** Save an edit as a new draft (the previous drafts stay, as history). Refused, with reasons, if it breaks a rule. */
export async function saveDraft(
  authorId: string,
  courseId: string,
  lessonSlug: string,
  language: string,
  input: DraftInput,
  meta: RequestMeta
): Promise<SaveResult> {
  if (!isLanguage(language)) return { ok: false, reason: "not_found" };
  const lesson = await prisma.lesson.findUnique({
    where: { courseId_slug: { courseId, slug: lessonSlug } },
    select: { id: true },
  });
  if (!lesson) return { ok: false, reason: "not_found" };
  let source: string;
  try {
    source = draftSource(input);
  } catch {
    return {
      ok: false,
      reason: "invalid",
      issues: [{ file: lessonSlug, line: 1, message: "the editor content could not be read" }],
    };
  }
  const issues = await checkDraft(lesson.id, courseId, language, source);
  if (issues.length) return { ok: false, reason: "invalid", issues };
  const draft = await prisma.$transaction(async (tx) => {
    const created = await tx.lessonDraft.create({
      data: { lessonId: lesson.id, language, title: input.title, source, authorId },
      select: { id: true },
    });
    await audit(
      {
        actorId: authorId,
        action: "lesson.draft_saved",
        targetType: "lesson",
        targetId: lesson.id,
        details: { language, draftId: created.id },
        ...meta,
      },
      tx
    );
    return created;
  });
  return { ok: true, draftId: draft.id };
}

export type PublishResult =
  | { ok: true; revision: number }
  | { ok: false; reason: "not_found" | "already_published" }
  | { ok: false; reason: "invalid"; issues: Issue[] };

/** Make a draft the text learners see (checked again, since the course may have changed since it was saved). */
export async function publishDraft(authorId: string, draftId: string, meta: RequestMeta): Promise<PublishResult> {
  const draft = await prisma.lessonDraft.findUnique({
    where: { id: draftId },
    select: {
      id: true,
      lessonId: true,
      language: true,
      title: true,
      source: true,
      publishedAt: true,
      lesson: { select: { courseId: true } },
    },
  });
  if (!draft) return { ok: false, reason: "not_found" };
  if (draft.publishedAt) return { ok: false, reason: "already_published" };
  const issues = await checkDraft(draft.lessonId, draft.lesson.courseId, draft.language, draft.source);
  if (issues.length) return { ok: false, reason: "invalid", issues };
  const now = new Date();
  const revision = await prisma.$transaction(async (tx) => {
    const claimed = await tx.lessonDraft.updateMany({
      where: { id: draft.id, publishedAt: null },
      data: { publishedAt: now },
    });
    if (claimed.count !== 1) return null; // published by a concurrent request
    const current = await tx.lessonContent.findUnique({
      where: { lessonId_language: { lessonId: draft.lessonId, language: draft.language } },
      select: { revision: true },
    });
    const next = (current?.revision ?? 0) + 1;
    const content = { title: draft.title, source: draft.source, hash: sha256(draft.source) };
    await tx.lessonContent.upsert({
      where: { lessonId_language: { lessonId: draft.lessonId, language: draft.language } },
      create: { lessonId: draft.lessonId, language: draft.language, ...content },
      update: { ...content, revision: next },
      select: { lessonId: true },
    });
    await audit(
      {
        actorId: authorId,
        action: "lesson.published",
        targetType: "lesson",
        targetId: draft.lessonId,
        details: { language: draft.language, draftId: draft.id, revision: next },
        ...meta,
      },
      tx
    );
    return next;
  });
  if (revision === null) return { ok: false, reason: "already_published" };
  forgetCourse(draft.lesson.courseId);
  return { ok: true, revision };
}

/** Every saved version of a lesson in one language, newest first, with who saved it. */
export async function draftHistory(lessonId: string, language: string) {
  return prisma.lessonDraft.findMany({
    where: { lessonId, language },
    orderBy: { createdAt: "desc" },
    take: 50,
    select: {
      id: true,
      title: true,
      createdAt: true,
      publishedAt: true,
      author: { select: { email: true, fullName: true } },
    },
  });
}
