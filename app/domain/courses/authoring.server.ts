import type { SerializedEditorState } from "lexical";
import { stringify } from "yaml";
import { audit } from "~/domain/audit/audit.server.ts";
import type { RequestMeta } from "~/domain/accounts/accounts.server.ts";
import { isLanguage } from "~/i18n/config.ts";
import { findAssessment } from "~/domain/assessments/attempts.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { sha256 } from "./hash.ts";
import { lexicalToMarkdown, markdownToLexical } from "./lexical-markdown.ts";
import { blocksOf, parseLesson, type Issue } from "./parse.ts";
import { courseStructure, forgetCourse } from "./structure.server.ts";
import { courseImages } from "./images.server.ts";
import type { Manifest } from "./schema.ts";
import { checkBlock, checkLinks, compareTranslation } from "./validate.ts";

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

/**
 * What the editor opens for a lesson in one language: the newest unpublished draft if it is newer than
 * the published text, else the published text, else (a translation not yet started) the English text.
 */
export async function editorStateFor(courseId: string, lessonSlug: string, language: string) {
  if (!isLanguage(language)) return null;
  const lesson = await prisma.lesson.findUnique({
    where: { courseId_slug: { courseId, slug: lessonSlug } },
    select: {
      id: true,
      slug: true,
      retiredAt: true,
      module: { select: { slug: true, titles: true } },
      course: { select: { titles: true } },
      contents: {
        where: { language: { in: [language, "en"] } },
        select: { language: true, title: true, source: true, revision: true, updatedAt: true },
      },
    },
  });
  if (!lesson) return null;
  const published = lesson.contents.find((c) => c.language === language) ?? null;
  const english = lesson.contents.find((c) => c.language === "en") ?? null;
  const newest = await newestDraft(lesson.id, language);
  const pending =
    newest && !newest.publishedAt && (!published || newest.createdAt >= published.updatedAt) ? newest : null;
  const origin = pending ? "draft" : published ? "published" : "english";
  const source = pending?.source ?? published?.source ?? english?.source;
  if (!source) return null;
  const parsed = parseLesson("draft", source);
  const end = source.indexOf("\n---", 3);
  return {
    lessonId: lesson.id,
    lessonSlug: lesson.slug,
    moduleSlug: lesson.module.slug,
    moduleTitles: lesson.module.titles,
    courseTitles: lesson.course.titles,
    retired: lesson.retiredAt !== null,
    origin,
    draftId: pending?.id ?? null,
    draftSavedAt: pending?.createdAt ?? null,
    published: published ? { title: published.title, revision: published.revision, at: published.updatedAt } : null,
    title: parsed.frontMatter?.title ?? "",
    minutes: parsed.frontMatter?.minutes ?? null,
    state: markdownToLexical(source.slice(end + 4)),
  };
}

/** The last version saved of a lesson in one language, published or not. */
function newestDraft(lessonId: string, language: string) {
  return prisma.lessonDraft.findFirst({
    where: { lessonId, language },
    orderBy: { createdAt: "desc" },
    select: { id: true, source: true, createdAt: true, publishedAt: true },
  });
}

/** Every lesson of every current course, with its state in each language, for the authoring index. */
export async function authoringIndex() {
  const courses = await prisma.course.findMany({
    where: { retiredAt: null },
    orderBy: { position: "asc" },
    select: {
      id: true,
      titles: true,
      modules: {
        where: { retiredAt: null },
        orderBy: { position: "asc" },
        select: {
          slug: true,
          titles: true,
          lessons: {
            where: { retiredAt: null },
            orderBy: { position: "asc" },
            select: {
              slug: true,
              contents: { select: { language: true, title: true, revision: true, updatedAt: true } },
              drafts: {
                where: { publishedAt: null },
                orderBy: { createdAt: "desc" },
                select: { language: true, createdAt: true },
              },
            },
          },
        },
      },
    },
  });
  return courses.map((course) => ({
    id: course.id,
    titles: course.titles,
    modules: course.modules.map((module) => ({
      slug: module.slug,
      titles: module.titles,
      lessons: module.lessons.map((lesson) => ({
        slug: lesson.slug,
        titles: Object.fromEntries(lesson.contents.map((c) => [c.language, c.title])) as Record<string, string>,
        languages: Object.fromEntries(
          lesson.contents.map((c) => {
            const draft = lesson.drafts.find((d) => d.language === c.language && d.createdAt >= c.updatedAt);
            return [c.language, { revision: c.revision, draft: Boolean(draft) }];
          })
        ) as Record<string, { revision: number; draft: boolean }>,
        untranslatedDrafts: [
          ...new Set(
            lesson.drafts.filter((d) => !lesson.contents.some((c) => c.language === d.language)).map((d) => d.language)
          ),
        ],
      })),
    })),
  }));
}

export type SaveResult =
  | { ok: true; draftId: string }
  | { ok: false; reason: "not_found" }
  | { ok: false; reason: "invalid"; issues: Issue[] };

/** Check a lesson text against the course's rules: format, exercises, and for a translation the English structure. */
async function checkDraft(lessonId: string, courseId: string, language: string, source: string): Promise<Issue[]> {
  const structure = await courseStructure(courseId);
  const here = structure?.lessons.find((l) => l.id === lessonId);
  const file = `${courseId}/${here?.moduleSlug ?? "module"}/${here?.slug ?? lessonId}.${language}.md`;
  const lesson = parseLesson(file, source);
  const issues = [...lesson.issues];
  for (const { block, line } of blocksOf(lesson)) {
    issues.push(...checkBlock(file, line, block));
    // A quiz block shows one of this module's quizzes (assessments.yaml).
    if (block.type === "quiz") {
      const quiz = await findAssessment(courseId, block.data.id);
      if (!quiz || quiz.kind !== "quiz" || quiz.moduleSlug !== here?.moduleSlug)
        issues.push({
          file,
          line,
          message: `quiz \`${block.data.id}\` is not a quiz of this module in assessments.yaml`,
        });
    }
  }
  // Links name lessons of the course; images exist (in the course or uploaded), are images and have alt text.
  const modules = new Map<string, string[]>();
  for (const l of structure?.lessons.filter((l) => !l.retired) ?? []) {
    modules.set(l.moduleSlug, [...(modules.get(l.moduleSlug) ?? []), l.slug]);
  }
  const manifest = { modules: [...modules].map(([id, lessons]) => ({ id, lessons })) } as unknown as Manifest;
  issues.push(
    ...checkLinks(
      {
        dir: courseId,
        folderName: courseId,
        manifestText: null,
        lessonFiles: new Map(),
        assets: courseImages(courseId),
      },
      manifest,
      lesson
    )
  );
  if (language === "en") {
    if (lesson.frontMatter && lesson.frontMatter.minutes === undefined)
      issues.push({ file, line: 2, message: "front matter: `minutes` is required in English" });
    // Exercise ids stay unique in the course.
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
  // A repeated save of the same text (double click, retry) is the same draft.
  const newest = await newestDraft(lesson.id, language);
  if (newest && !newest.publishedAt && newest.source === source) return { ok: true, draftId: newest.id };
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
