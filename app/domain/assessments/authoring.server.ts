import { stringify } from "yaml";
import { audit } from "~/domain/audit/audit.server.ts";
import type { RequestMeta } from "~/domain/accounts/accounts.server.ts";
import { sha256 } from "~/domain/courses/hash.ts";
import { parseYaml, type Issue } from "~/domain/courses/parse.ts";
import { isLanguage } from "~/i18n/config.ts";
import { prisma } from "~/utils/db.server.ts";
import { answerKey } from "./check.ts";
import { QuestionSchema, type Question, type QuestionType } from "./schema.ts";

/**
 * Editing questions in the browser, one question in one language at a time, as YAML (the format of
 * the bank files, courses/README.md). A save is checked with the same rules as `courses:check` and kept
 * as a draft; publishing writes it into what attempts draw from. `npm run courses:export` writes the banks
 * back to the files.
 */

/** The banks of every course, with their questions and the languages each is written in. */
export async function questionIndex() {
  const questions = await prisma.question.findMany({
    where: { retiredAt: null, course: { retiredAt: null } },
    orderBy: [{ courseId: "asc" }, { bank: "asc" }, { createdAt: "asc" }],
    select: {
      courseId: true,
      bank: true,
      slug: true,
      type: true,
      difficulty: true,
      topics: true,
      revision: true,
      contents: { select: { language: true } },
    },
  });
  const drafts = await prisma.questionDraft.findMany({
    where: { publishedAt: null },
    select: { courseId: true, bank: true, slug: true, language: true },
    distinct: ["courseId", "bank", "slug", "language"],
  });
  const banks = new Map<string, { courseId: string; bank: string; questions: typeof rows }>();
  const rows = questions.map((q) => ({
    slug: q.slug,
    type: q.type,
    difficulty: q.difficulty,
    topics: JSON.parse(q.topics) as string[],
    revision: q.revision,
    languages: q.contents.map((c) => c.language),
    drafts: drafts
      .filter((d) => d.courseId === q.courseId && d.bank === q.bank && d.slug === q.slug)
      .map((d) => d.language),
  }));
  questions.forEach((q, i) => {
    const key = `${q.courseId}/${q.bank}`;
    if (!banks.has(key)) banks.set(key, { courseId: q.courseId, bank: q.bank, questions: [] });
    banks.get(key)!.questions.push(rows[i]!);
  });
  return [...banks.values()];
}

/** Does the course have this bank (a new question may be added to it)? */
export async function bankExists(courseId: string, bank: string): Promise<boolean> {
  return (await prisma.question.findFirst({ where: { courseId, bank }, select: { id: true } })) !== null;
}

/** The current modules of these courses: the topics a new question may have. */
export async function topicsOf(courseIds: string[]) {
  return prisma.courseModule.findMany({
    where: { retiredAt: null, courseId: { in: courseIds } },
    orderBy: { position: "asc" },
    select: { courseId: true, slug: true },
  });
}

/** A new question's starting YAML, for each type. */
export function questionTemplate(type: QuestionType, topic: string): string {
  const base = { id: "new-question", type, topics: [topic], difficulty: "medium", text: "" };
  const extra: Record<QuestionType, Record<string, unknown>> = {
    single: {
      options: [
        { text: "", correct: true, feedback: "" },
        { text: "", feedback: "" },
      ],
    },
    multiple: { options: [{ text: "", correct: true }, { text: "", correct: true }, { text: "" }] },
    "true-false": { answer: true, trueFeedback: "", falseFeedback: "" },
    matching: {
      pairs: [
        { left: "", right: "" },
        { left: "", right: "" },
      ],
    },
    ordering: { items: ["", "", ""] },
    "short-text": { accept: [""] },
    numeric: { answer: 0, tolerance: 0 },
    scenario: {
      parts: [
        { id: "first", type: "true-false", text: "", answer: true },
        { id: "second", type: "single", text: "", options: [{ text: "", correct: true }, { text: "" }] },
      ],
    },
  };
  return stringify({ ...base, ...extra[type], explanation: "" }, { lineWidth: 0 });
}

interface Target {
  courseId: string;
  bank: string;
  /** The question's id, or null for a new question (its id comes from the YAML). */
  slug: string | null;
  language: string;
}

/** What the editor opens: the newest unpublished draft, else the published text, else the English text. */
export async function questionEditor(target: Target & { slug: string }) {
  if (!isLanguage(target.language)) return null;
  const question = await prisma.question.findUnique({
    where: { courseId_bank_slug: { courseId: target.courseId, bank: target.bank, slug: target.slug } },
    select: {
      id: true,
      revision: true,
      retiredAt: true,
      contents: { where: { language: { in: [target.language, "en"] } }, select: { language: true, definition: true } },
    },
  });
  const newest = await prisma.questionDraft.findFirst({
    where: { courseId: target.courseId, bank: target.bank, slug: target.slug, language: target.language },
    orderBy: { createdAt: "desc" },
    select: { id: true, source: true, publishedAt: true, createdAt: true },
  });
  if (!question && !newest) return null;
  const published = question?.contents.find((c) => c.language === target.language) ?? null;
  const english = question?.contents.find((c) => c.language === "en") ?? null;
  const pending = newest && !newest.publishedAt ? newest : null;
  const origin = pending ? "draft" : published ? "published" : "english";
  const source =
    pending?.source ??
    (published ? toYaml(published.definition) : english ? toYaml(english.definition) : newest?.source ?? "");
  return {
    origin,
    source,
    draftId: pending?.id ?? null,
    revision: question?.revision ?? null,
    exists: question !== null && question.retiredAt === null,
  };
}

const toYaml = (definition: string) => stringify(JSON.parse(definition), { lineWidth: 0 });

export async function questionHistory(target: Target & { slug: string }) {
  return prisma.questionDraft.findMany({
    where: { courseId: target.courseId, bank: target.bank, slug: target.slug, language: target.language },
    orderBy: { createdAt: "desc" },
    take: 50,
    select: { id: true, createdAt: true, publishedAt: true, author: { select: { fullName: true } } },
  });
}

/** Check a question's YAML for this bank and language; the parsed question when it passes. */
export async function checkQuestion(
  target: Target,
  source: string
): Promise<{ question: Question | null; issues: Issue[] }> {
  const file = `${target.courseId}/questions/${target.bank}.${target.language}.yaml`;
  const parsed = parseYaml(file, source, 1, QuestionSchema, "question");
  if (!parsed.value) return { question: null, issues: parsed.issues };
  const question = parsed.value as Question;
  const issues: Issue[] = [];
  const at = (path: (string | number)[], message: string) => issues.push({ file, line: parsed.lineOf(path), message });
  const modules = new Set(
    (
      await prisma.courseModule.findMany({
        where: { courseId: target.courseId, retiredAt: null },
        select: { slug: true },
      })
    ).map((m) => m.slug)
  );
  question.topics.forEach((t, i) => {
    if (!modules.has(t)) at(["topics", i], `topic \`${t}\` is not a module of this course`);
  });
  const existing = await prisma.question.findUnique({
    where: { courseId_bank_slug: { courseId: target.courseId, bank: target.bank, slug: question.id } },
    select: { id: true, retiredAt: true, contents: { where: { language: "en" }, select: { definition: true } } },
  });
  if (target.slug === null) {
    if (existing && !existing.retiredAt) at(["id"], `question \`${question.id}\` already exists in this bank`);
    if (target.language !== "en") at(["id"], "a new question is written in English first");
  } else if (question.id !== target.slug) {
    at(["id"], `the id must stay \`${target.slug}\` (results are kept against it)`);
  } else if (target.language !== "en") {
    const english = existing?.contents[0];
    if (!english) at(["id"], "translate a question once it exists in English");
    else if (answerKey(question) !== answerKey(JSON.parse(english.definition) as Question))
      at([], "the translation changes the question's type, topics, options or answers");
  }
  return { question: issues.length ? null : question, issues };
}

export type QuestionSaveResult = { ok: true; draftId: string; slug: string } | { ok: false; issues: Issue[] };

/** Save a checked draft (saving the same text twice keeps one draft). */
export async function saveQuestionDraft(authorId: string, target: Target, source: string): Promise<QuestionSaveResult> {
  const { question, issues } = await checkQuestion(target, source);
  if (!question) return { ok: false, issues };
  const slug = question.id;
  const newest = await prisma.questionDraft.findFirst({
    where: { courseId: target.courseId, bank: target.bank, slug, language: target.language },
    orderBy: { createdAt: "desc" },
    select: { id: true, source: true, publishedAt: true },
  });
  if (newest && !newest.publishedAt && newest.source === source) return { ok: true, draftId: newest.id, slug };
  const draft = await prisma.questionDraft.create({
    data: { courseId: target.courseId, bank: target.bank, slug, language: target.language, source, authorId },
    select: { id: true },
  });
  return { ok: true, draftId: draft.id, slug };
}

export type QuestionPublishResult =
  | { ok: true; revision: number; droppedTranslations: string[] }
  | { ok: false; reason: "not_found" | "already_published" | "invalid"; issues?: Issue[] };

/**
 * Publish a draft: the next attempts draw the question as written here. An English change raises the
 * question's revision; one that changes its answers drops the translations that no longer match (they
 * fall back to English until translated again). Audited. Publishing the same draft twice does it once.
 */
export async function publishQuestionDraft(
  authorId: string,
  draftId: string,
  meta: RequestMeta
): Promise<QuestionPublishResult> {
  const draft = await prisma.questionDraft.findUnique({
    where: { id: draftId },
    select: { id: true, courseId: true, bank: true, slug: true, language: true, source: true, publishedAt: true },
  });
  if (!draft) return { ok: false, reason: "not_found" };
  if (draft.publishedAt) return { ok: false, reason: "already_published" };
  const exists = await prisma.question.findUnique({
    where: { courseId_bank_slug: { courseId: draft.courseId, bank: draft.bank, slug: draft.slug } },
    select: { retiredAt: true },
  });
  const { question, issues } = await checkQuestion(
    { ...draft, slug: exists && !exists.retiredAt ? draft.slug : null },
    draft.source
  );
  if (!question) return { ok: false, reason: "invalid", issues };
  const definition = JSON.stringify(question);
  return prisma.$transaction(async (tx) => {
    const claimed = await tx.questionDraft.updateMany({
      where: { id: draft.id, publishedAt: null },
      data: { publishedAt: new Date() },
    });
    if (claimed.count === 0) return { ok: false as const, reason: "already_published" as const };
    let row = await tx.question.findUnique({
      where: { courseId_bank_slug: { courseId: draft.courseId, bank: draft.bank, slug: draft.slug } },
      select: { id: true, revision: true, hash: true },
    });
    const dropped: string[] = [];
    if (draft.language === "en") {
      const hash = sha256(definition);
      const fields = {
        type: question.type,
        topics: JSON.stringify(question.topics),
        difficulty: question.difficulty,
        hash,
        retiredAt: null,
      };
      row = row
        ? await tx.question.update({
            where: { id: row.id },
            data: { ...fields, revision: row.hash === hash ? row.revision : row.revision + 1 },
            select: { id: true, revision: true, hash: true },
          })
        : await tx.question.create({
            data: { courseId: draft.courseId, bank: draft.bank, slug: draft.slug, ...fields },
            select: { id: true, revision: true, hash: true },
          });
      const translations = await tx.questionContent.findMany({
        where: { questionId: row.id, language: { not: "en" } },
        select: { language: true, definition: true },
      });
      for (const t of translations) {
        if (answerKey(JSON.parse(t.definition) as Question) === answerKey(question)) continue;
        dropped.push(t.language);
        await tx.questionContent.delete({
          where: { questionId_language: { questionId: row.id, language: t.language } },
        });
      }
    }
    if (!row) throw new Error("a translation needs the English question");
    await tx.questionContent.upsert({
      where: { questionId_language: { questionId: row.id, language: draft.language } },
      create: { questionId: row.id, language: draft.language, definition, hash: sha256(definition) },
      update: { definition, hash: sha256(definition) },
      select: { questionId: true },
    });
    await audit(
      {
        actorId: authorId,
        action: "question.published",
        targetType: "question",
        targetId: row.id,
        details: {
          course: draft.courseId,
          bank: draft.bank,
          question: draft.slug,
          language: draft.language,
          revision: row.revision,
          droppedTranslations: dropped,
        },
        ...meta,
      },
      tx
    );
    return { ok: true as const, revision: row.revision, droppedTranslations: dropped };
  });
}

/**
 * The published questions of a course by bank file (`questions/<bank>.<lang>.yaml`), for
 * `courses:export`: the text to write, and the questions to compare with what the file holds.
 */
export async function bankFiles(courseId: string): Promise<Map<string, { text: string; questions: unknown[] }>> {
  const questions = await prisma.question.findMany({
    where: { courseId, retiredAt: null },
    orderBy: [{ bank: "asc" }, { createdAt: "asc" }, { id: "asc" }],
    select: { bank: true, contents: { select: { language: true, definition: true } } },
  });
  const files = new Map<string, unknown[]>();
  for (const q of questions)
    for (const c of q.contents) {
      const file = `questions/${q.bank}.${c.language}.yaml`;
      files.set(file, [...(files.get(file) ?? []), JSON.parse(c.definition)]);
    }
  return new Map(
    [...files].map(([file, list]) => [
      file,
      { text: stringify({ questions: list }, { lineWidth: 110 }), questions: list },
    ])
  );
}
