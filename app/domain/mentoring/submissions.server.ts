import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { audit } from "~/domain/audit/audit.server.ts";
import { isUniqueViolation } from "~/domain/certificates/issue.server.ts";
import { notify } from "~/domain/notifications/notifications.server.ts";
import { highlightComments, renderRichText } from "~/domain/rich-text/rich-text.server.ts";
import { richTextFromPlain } from "~/domain/rich-text/rich-text.ts";
import { prisma } from "~/utils/db.server.ts";
import { dataDir } from "~/utils/paths.server.ts";
import type { Actor } from "~/utils/permissions.ts";
import { sendMentoringEmail } from "./email.server.ts";
import {
  ATTACHMENT_TYPES,
  displayName,
  MAX_ATTACHMENT_BYTES,
  MAX_ATTACHMENTS,
  sniffAttachment,
  STORED_NAME,
} from "./files.ts";
import { currentPairing, mentorAccess } from "./pairings.server.ts";
import { parseRubric, scoreRubric, titleIn } from "./rubric.ts";

/** How long a submission may wait for its review before the mentor's queue marks it overdue. */
export const REVIEW_WITHIN_DAYS = 7;
const DAY = 86_400_000;

export type SubmissionStatus = "draft" | "submitted" | "revision-requested" | "approved";

/** The assignment behind `/courses/<course>/assignments/<slug>`, and the person's enrolment in its course. */
export async function assignmentFor(userId: string, courseId: string, slug: string) {
  const assignment = await prisma.assignment.findUnique({
    where: { courseId_slug: { courseId, slug } },
    select: {
      id: true,
      courseId: true,
      slug: true,
      moduleSlug: true,
      dueDays: true,
      titles: true,
      instructions: true,
      rubric: true,
      maxPoints: true,
      retiredAt: true,
      course: { select: { titles: true } },
    },
  });
  if (!assignment || assignment.retiredAt) return null;
  const enrolment = await prisma.enrolment.findUnique({
    where: { userId_courseId: { userId, courseId } },
    select: { enrolledAt: true },
  });
  return { ...assignment, enrolledAt: enrolment?.enrolledAt ?? null };
}

export function assignmentTitle(titlesJson: string, language: string): string {
  return titleIn(JSON.parse(titlesJson) as Record<string, string>, language);
}

/** A trainee's submission with every version, its review and its attachments, oldest version first. */
export async function submissionDetail(submissionId: string) {
  return prisma.submission.findUnique({
    where: { id: submissionId },
    select: {
      id: true,
      status: true,
      userId: true,
      dueAt: true,
      submittedAt: true,
      draftState: true,
      draftHtml: true,
      draftSavedAt: true,
      assignment: {
        select: { id: true, courseId: true, slug: true, titles: true, rubric: true, maxPoints: true, dueDays: true },
      },
      user: { select: { fullName: true, fullNameLatin: true, agency: true, country: true } },
      attachments: {
        where: { versionId: null },
        orderBy: { createdAt: "asc" },
        select: { id: true, fileName: true, storedName: true, mediaType: true, bytes: true },
      },
      versions: {
        orderBy: { number: "asc" },
        select: {
          id: true,
          number: true,
          html: true,
          submittedAt: true,
          attachments: {
            orderBy: { createdAt: "asc" },
            select: { id: true, fileName: true, storedName: true, mediaType: true, bytes: true },
          },
          review: {
            select: {
              decision: true,
              scores: true,
              points: true,
              feedbackHtml: true,
              comments: true,
              createdAt: true,
              mentor: { select: { fullName: true } },
            },
          },
        },
      },
    },
  });
}

export type SubmissionDetail = NonNullable<Awaited<ReturnType<typeof submissionDetail>>>;

export async function submissionOf(userId: string, assignmentId: string) {
  const row = await prisma.submission.findUnique({
    where: { assignmentId_userId: { assignmentId, userId } },
    select: { id: true },
  });
  return row ? submissionDetail(row.id) : null;
}

/** Who may read a submission: its author, their current mentor, or an administrator. */
export async function submissionAccess(actor: Actor, ownerId: string): Promise<"owner" | "mentor" | "admin" | null> {
  if (actor.id === ownerId) return "owner";
  return mentorAccess(actor, ownerId);
}

/** The versions as pages show them: inline comments highlighted in the text they point at. */
export function versionsForDisplay(detail: SubmissionDetail, language: string) {
  const rubric = parseRubric(detail.assignment.rubric);
  return detail.versions.map((v) => {
    const comments = v.review ? (JSON.parse(v.review.comments) as { id: string; quote: string; text: string }[]) : [];
    const scores = v.review ? (JSON.parse(v.review.scores) as Record<string, string>) : {};
    return {
      id: v.id,
      number: v.number,
      submittedAt: v.submittedAt.toISOString(),
      html: comments.length > 0 ? highlightComments(v.html, comments) : v.html,
      attachments: v.attachments,
      review: v.review
        ? {
            decision: v.review.decision as "approved" | "revision",
            points: v.review.points,
            feedbackHtml: v.review.feedbackHtml,
            comments,
            mentor: v.review.mentor.fullName,
            createdAt: v.review.createdAt.toISOString(),
            scores: rubric.map((c) => {
              const level = c.levels.find((l) => l.id === scores[c.id]);
              return {
                criterion: titleIn(c.titles, language),
                level: level ? titleIn(level.titles, language) : "",
                points: level?.points ?? 0,
                max: Math.max(...c.levels.map((l) => l.points)),
              };
            }),
          }
        : null,
    };
  });
}

/** The body a form sent: the editor's state when JavaScript ran, else the plain-text fallback. */
export function bodyFrom(state: string | undefined, text: string | undefined) {
  const json = state && state.trim() !== "" ? state : richTextFromPlain(text ?? "");
  return renderRichText(json);
}

type Editable = { ok: true; submissionId: string } | { ok: false; reason: "not-enrolled" | "closed" };

/** The person's submission row for an assignment, created on first use, if they may still change it. */
async function editableSubmission(userId: string, assignmentId: string, now: Date): Promise<Editable> {
  const assignment = await prisma.assignment.findUnique({
    where: { id: assignmentId },
    select: { courseId: true, dueDays: true, retiredAt: true },
  });
  if (!assignment || assignment.retiredAt) return { ok: false, reason: "closed" };
  const enrolment = await prisma.enrolment.findUnique({
    where: { userId_courseId: { userId, courseId: assignment.courseId } },
    select: { enrolledAt: true },
  });
  if (!enrolment) return { ok: false, reason: "not-enrolled" };
  let row = await prisma.submission.findUnique({
    where: { assignmentId_userId: { assignmentId, userId } },
    select: { id: true, status: true },
  });
  if (!row) {
    try {
      row = await prisma.submission.create({
        data: {
          assignmentId,
          userId,
          status: "draft",
          dueAt: new Date(enrolment.enrolledAt.getTime() + assignment.dueDays * DAY),
          createdAt: now,
        },
        select: { id: true, status: true },
      });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      row = await prisma.submission.findUniqueOrThrow({
        where: { assignmentId_userId: { assignmentId, userId } },
        select: { id: true, status: true },
      });
    }
  }
  if (row.status === "submitted" || row.status === "approved") return { ok: false, reason: "closed" };
  return { ok: true, submissionId: row.id };
}

export type SaveResult =
  | { ok: true; submissionId: string; version?: number }
  | { ok: false; reason: "not-enrolled" | "closed" | "no-mentor" }
  | { ok: false; reason: "invalid"; error: string };

/**
 * Save the draft, or submit it (`submit`): a submitted version is a copy of the text and the attachments
 * as they are now; the status moves draft/revision-requested → submitted once (a double click or a retry
 * finds it submitted and changes nothing); the mentor is notified in-app and by email.
 */
export async function saveWork(
  userId: string,
  assignmentId: string,
  body: { state?: string; text?: string },
  submit: boolean,
  now = new Date()
): Promise<SaveResult> {
  const rendered = bodyFrom(body.state, body.text);
  // An empty draft may be saved; nothing else that fails to render may be saved or sent.
  if (!rendered.ok && (submit || rendered.error !== "errors.rich_text_empty"))
    return { ok: false, reason: "invalid", error: `editor:${rendered.error}` };
  const editable = await editableSubmission(userId, assignmentId, now);
  if (!editable.ok) {
    // A repeated submit of what is already submitted is not an error.
    if (submit && editable.reason === "closed") {
      const row = await prisma.submission.findUnique({
        where: { assignmentId_userId: { assignmentId, userId } },
        select: { id: true, status: true },
      });
      if (row?.status === "submitted") return { ok: true, submissionId: row.id };
    }
    return { ok: false, reason: editable.reason };
  }
  const state = rendered.ok ? rendered.state : null;
  const html = rendered.ok ? rendered.html : null;
  if (!submit) {
    await prisma.submission.updateMany({
      where: { id: editable.submissionId, status: { in: ["draft", "revision-requested"] } },
      data: { draftState: state, draftHtml: html, draftSavedAt: now },
    });
    return { ok: true, submissionId: editable.submissionId };
  }
  const pairing = await currentPairing(userId);
  if (!pairing) return { ok: false, reason: "no-mentor" };
  const version = await prisma.$transaction(async (tx) => {
    const { count } = await tx.submission.updateMany({
      where: { id: editable.submissionId, status: { in: ["draft", "revision-requested"] } },
      data: { status: "submitted", submittedAt: now, draftState: state, draftHtml: html, draftSavedAt: now },
    });
    if (count === 0) return null; // a concurrent submit got there first
    const last = await tx.submissionVersion.findFirst({
      where: { submissionId: editable.submissionId },
      orderBy: { number: "desc" },
      select: { number: true },
    });
    const number = (last?.number ?? 0) + 1;
    const created = await tx.submissionVersion.create({
      data: { submissionId: editable.submissionId, number, state: state!, html: html!, submittedAt: now },
      select: { id: true },
    });
    const files = await tx.submissionAttachment.findMany({
      where: { submissionId: editable.submissionId, versionId: null },
      select: { fileName: true, storedName: true, mediaType: true, bytes: true },
    });
    if (files.length > 0)
      await tx.submissionAttachment.createMany({
        data: files.map((f) => ({ ...f, submissionId: editable.submissionId, versionId: created.id })),
      });
    await audit(
      {
        actorId: userId,
        action: "mentoring.submitted",
        targetType: "submission",
        targetId: editable.submissionId,
        details: { version: number },
      },
      tx
    );
    const trainee = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { fullName: true } });
    await notify(
      pairing.mentorId,
      "mentoring.submitted",
      {
        trainee: trainee.fullName,
        assignment: assignmentId,
        submission: editable.submissionId,
        version: number,
        path: `/mentoring/submissions/${editable.submissionId}`,
      },
      tx
    );
    return { number, trainee: trainee.fullName };
  });
  if (!version) return { ok: true, submissionId: editable.submissionId };
  const titles = await titlesOf(assignmentId);
  await sendMentoringEmail(
    pairing.mentorId,
    "mentoring:email.submitted",
    { trainee: version.trainee, version: String(version.number) },
    `/mentoring/submissions/${editable.submissionId}`,
    (language) => titleIn(titles, language)
  );
  return { ok: true, submissionId: editable.submissionId, version: version.number };
}

async function titlesOf(assignmentId: string): Promise<Record<string, string>> {
  const a = await prisma.assignment.findUnique({ where: { id: assignmentId }, select: { titles: true } });
  return a ? (JSON.parse(a.titles) as Record<string, string>) : {};
}

export type AttachResult =
  | { ok: true; src: string; id: string }
  | { ok: false; reason: "type" | "too-large" | "too-many" | "not-enrolled" | "closed" };

function filesDir() {
  return path.join(dataDir(), "submissions");
}

/** Keep an uploaded file with the draft (content-addressed under DATA_DIR/submissions). */
export async function attachFile(
  userId: string,
  assignmentId: string,
  bytes: Uint8Array,
  fileName: string,
  only?: readonly string[],
  now = new Date()
): Promise<AttachResult> {
  if (bytes.byteLength > MAX_ATTACHMENT_BYTES) return { ok: false, reason: "too-large" };
  const type = sniffAttachment(bytes, fileName);
  if (!type || (only && !only.includes(type))) return { ok: false, reason: "type" };
  const editable = await editableSubmission(userId, assignmentId, now);
  if (!editable.ok) return editable;
  const count = await prisma.submissionAttachment.count({
    where: { submissionId: editable.submissionId, versionId: null },
  });
  if (count >= MAX_ATTACHMENTS) return { ok: false, reason: "too-many" };
  const storedName = `${crypto.createHash("sha256").update(bytes).digest("hex")}.${type}`;
  const target = path.join(filesDir(), storedName);
  if (!fs.existsSync(target)) {
    fs.mkdirSync(filesDir(), { recursive: true });
    const temporary = `${target}.${process.pid}.${crypto.randomBytes(4).toString("hex")}.tmp`;
    fs.writeFileSync(temporary, bytes);
    fs.renameSync(temporary, target);
  }
  const row = await prisma.submissionAttachment.create({
    data: {
      submissionId: editable.submissionId,
      fileName: displayName(fileName),
      storedName,
      mediaType: ATTACHMENT_TYPES[type],
      bytes: bytes.byteLength,
    },
    select: { id: true },
  });
  return { ok: true, src: `/submissions/files/${storedName}`, id: row.id };
}

/** Take a file off the draft (versions already sent keep theirs). */
export async function removeAttachment(userId: string, attachmentId: string): Promise<boolean> {
  const { count } = await prisma.submissionAttachment.deleteMany({
    where: {
      id: attachmentId,
      versionId: null,
      submission: { userId, status: { in: ["draft", "revision-requested"] } },
    },
  });
  return count > 0;
}

/**
 * A stored file, if `actor` may read a submission that holds it (its author, their current mentor, an
 * administrator). Unknown and forbidden look the same: null.
 */
export async function fileFor(actor: Actor, storedName: string) {
  if (!STORED_NAME.test(storedName)) return null;
  const holders = await prisma.submissionAttachment.findMany({
    where: { storedName },
    select: { fileName: true, mediaType: true, submission: { select: { userId: true } } },
    take: 50,
  });
  for (const holder of holders) {
    if (await submissionAccess(actor, holder.submission.userId)) {
      const file = path.join(filesDir(), storedName);
      if (!fs.existsSync(file)) return null;
      return { path: file, fileName: holder.fileName, mediaType: holder.mediaType };
    }
  }
  return null;
}

/** The mentor's review queue: submissions of their current trainees waiting for review, oldest first. */
export async function reviewQueue(mentorId: string, language: string, now = new Date()) {
  const rows = await prisma.submission.findMany({
    where: { status: "submitted", user: { mentors: { some: { mentorId, endedAt: null } } } },
    orderBy: [{ submittedAt: "asc" }, { id: "asc" }],
    select: {
      id: true,
      submittedAt: true,
      dueAt: true,
      user: { select: { fullName: true } },
      assignment: { select: { titles: true } },
      versions: { orderBy: { number: "desc" }, take: 1, select: { number: true } },
    },
  });
  return rows.map((r) => {
    const submittedAt = r.submittedAt ?? now;
    return {
      id: r.id,
      trainee: r.user.fullName,
      assignment: assignmentTitle(r.assignment.titles, language),
      version: r.versions[0]?.number ?? 1,
      submittedAt: submittedAt.toISOString(),
      waitingDays: Math.floor((now.getTime() - submittedAt.getTime()) / DAY),
      overdue: now.getTime() - submittedAt.getTime() > REVIEW_WITHIN_DAYS * DAY,
      lateSubmission: submittedAt > r.dueAt,
    };
  });
}

/** A trainee's submissions, for their mentor's page about them. */
export async function submissionsOf(userId: string, language: string) {
  const rows = await prisma.submission.findMany({
    where: { userId },
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      status: true,
      dueAt: true,
      submittedAt: true,
      assignment: { select: { titles: true, courseId: true, slug: true } },
      versions: { select: { number: true } },
    },
  });
  return rows.map((r) => ({
    id: r.id,
    status: r.status as SubmissionStatus,
    title: assignmentTitle(r.assignment.titles, language),
    courseId: r.assignment.courseId,
    slug: r.assignment.slug,
    dueAt: r.dueAt.toISOString(),
    submittedAt: r.submittedAt?.toISOString() ?? null,
    versions: r.versions.length,
  }));
}

export interface ReviewInput {
  versionNumber: number;
  decision: "approved" | "revision";
  levels: Record<string, string | undefined>;
  feedback: { state?: string; text?: string };
  comments: { id: string; quote: string; text: string }[];
}

export type ReviewResult =
  | { ok: true; already: boolean }
  | { ok: false; reason: "forbidden" | "not-waiting" | "stale" }
  | { ok: false; reason: "invalid"; errors: Record<string, string> };

/**
 * A mentor's review of the version waiting: rubric levels (each criterion scored), feedback, inline
 * comments, and approval or a request for revision. One review per version (a unique key): a second post
 * of the same form is answered "already reviewed", not recorded twice. The trainee is notified.
 */
export async function reviewSubmission(
  actor: Actor,
  submissionId: string,
  input: ReviewInput,
  now = new Date()
): Promise<ReviewResult> {
  const detail = await submissionDetail(submissionId);
  if (!detail || (await mentorAccess(actor, detail.userId)) !== "mentor") return { ok: false, reason: "forbidden" };
  const latest = detail.versions.at(-1);
  if (!latest || latest.number !== input.versionNumber) return { ok: false, reason: "stale" };
  if (latest.review) return { ok: true, already: true };
  if (detail.status !== "submitted") return { ok: false, reason: "not-waiting" };
  const errors: Record<string, string> = {};
  const scored = scoreRubric(parseRubric(detail.assignment.rubric), input.levels);
  if (!scored.ok) Object.assign(errors, scored.errors);
  const feedback = bodyFrom(input.feedback.state, input.feedback.text);
  if (!feedback.ok) errors.feedback = `editor:${feedback.error}`;
  if (Object.keys(errors).length > 0 || !scored.ok || !feedback.ok) return { ok: false, reason: "invalid", errors };
  try {
    await prisma.$transaction(async (tx) => {
      await tx.review.create({
        data: {
          versionId: latest.id,
          mentorId: actor.id,
          decision: input.decision,
          scores: JSON.stringify(scored.scores),
          points: scored.points,
          feedbackState: feedback.state,
          feedbackHtml: feedback.html,
          comments: JSON.stringify(input.comments),
          createdAt: now,
        },
        select: { id: true },
      });
      const { count } = await tx.submission.updateMany({
        where: { id: submissionId, status: "submitted" },
        data: { status: input.decision === "approved" ? "approved" : "revision-requested" },
      });
      if (count === 0) throw new Error("submission left the submitted state during review");
      await audit(
        {
          actorId: actor.id,
          action: "mentoring.reviewed",
          targetType: "submission",
          targetId: submissionId,
          details: { version: latest.number, decision: input.decision, points: scored.points },
        },
        tx
      );
      await notify(
        detail.userId,
        input.decision === "approved" ? "mentoring.approved" : "mentoring.revision",
        {
          assignment: detail.assignment.id,
          course: detail.assignment.courseId,
          slug: detail.assignment.slug,
          version: latest.number,
          points: scored.points,
          max: detail.assignment.maxPoints,
          path: `/courses/${detail.assignment.courseId}/assignments/${detail.assignment.slug}`,
        },
        tx
      );
    });
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: true, already: true };
    throw error;
  }
  const titles = JSON.parse(detail.assignment.titles) as Record<string, string>;
  await sendMentoringEmail(
    detail.userId,
    input.decision === "approved" ? "mentoring:email.approved" : "mentoring:email.revision",
    { version: String(latest.number), points: String(scored.points), max: String(detail.assignment.maxPoints) },
    `/courses/${detail.assignment.courseId}/assignments/${detail.assignment.slug}`,
    (language) => titleIn(titles, language)
  );
  return { ok: true, already: false };
}

/** Assignment titles by id, in the reader's language (for notifications that name an assignment). */
export async function assignmentTitles(ids: string[], language: string): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await prisma.assignment.findMany({
    where: { id: { in: [...new Set(ids)] } },
    select: { id: true, titles: true },
  });
  return new Map(rows.map((r) => [r.id, assignmentTitle(r.titles, language)]));
}
