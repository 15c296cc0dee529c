import { audit } from "~/domain/audit/audit.server.ts";
import { notify } from "~/domain/notifications/notifications.server.ts";
import { getFixedT } from "~/i18n/i18n.server.ts";
import { intlLocale, isLanguage, type Language } from "~/i18n/config.ts";
import { prisma } from "~/utils/db.server.ts";
import { sendEmail } from "~/utils/email.server.ts";
import { env } from "~/utils/env.server.ts";

export interface AnnouncementInput {
  subject: string;
  /** Plain text: paragraphs separated by blank lines. */
  body: string;
  /** The form's one-time key: the same key twice is the same announcement. */
  key: string;
}

export type AnnounceResult = { id: string; created: boolean; recipients: number };

const isUniqueViolation = (error: unknown) =>
  typeof error === "object" && error !== null && (error as { code?: string }).code === "P2002";

/** A plain-text message's paragraphs (blank lines between them); single line breaks stay inside one. */
export const paragraphsOf = (body: string) =>
  body
    .replace(/\r\n?/g, "\n")
    .split(/\n[ \t]*\n+/)
    .map((p) => p.trim())
    .filter(Boolean);

/**
 * Message a cohort: in one transaction the announcement, its audit entry and an in-app notification to every
 * active member; then an email to each, in their own language, through the outbox. Idempotent by the form's
 * key (the unique (cohortId, key)): a double click or a retry finds the first announcement and sends nothing.
 */
export async function announce(actor: { id: string }, cohortId: string, input: AnnouncementInput) {
  const existing = () =>
    prisma.cohortAnnouncement.findUnique({
      where: { cohortId_key: { cohortId, key: input.key } },
      select: { id: true, recipients: true },
    });
  const earlier = await existing();
  if (earlier) return { id: earlier.id, created: false, recipients: earlier.recipients };
  const cohort = await prisma.cohort.findUniqueOrThrow({ where: { id: cohortId }, select: { name: true } });
  const path = `/cohorts/${cohortId}`;
  let sent: { id: string; members: { email: string; fullName: string; preferredLanguage: string }[] };
  try {
    sent = await prisma.$transaction(async (tx) => {
      const members = (
        await tx.cohortMember.findMany({
          where: { cohortId, user: { isActive: true } },
          orderBy: { joinedAt: "asc" },
          select: { user: { select: { id: true, email: true, fullName: true, preferredLanguage: true } } },
        })
      ).map((m) => m.user);
      const row = await tx.cohortAnnouncement.create({
        data: {
          cohortId,
          authorId: actor.id,
          subject: input.subject,
          body: input.body,
          key: input.key,
          recipients: members.length,
        },
        select: { id: true },
      });
      await audit(
        {
          actorId: actor.id,
          action: "cohort.announced",
          targetType: "cohort",
          targetId: cohortId,
          details: { announcementId: row.id, recipients: members.length },
        },
        tx
      );
      for (const member of members)
        await notify(member.id, "cohort.announcement", { cohort: cohort.name, subject: input.subject, path }, tx);
      return { id: row.id, members };
    });
  } catch (error) {
    // Two posts of the same form at once: the other one created it, and sends it.
    const other = isUniqueViolation(error) ? await existing() : null;
    if (!other) throw error;
    return { id: other.id, created: false, recipients: other.recipients };
  }
  for (const member of sent.members) await sendAnnouncement(member, cohort.name, path, input);
  return { id: sent.id, created: true, recipients: sent.members.length };
}

async function sendAnnouncement(
  member: { email: string; fullName: string; preferredLanguage: string },
  cohortName: string,
  path: string,
  input: AnnouncementInput
) {
  const language: Language = isLanguage(member.preferredLanguage) ? member.preferredLanguage : "en";
  const t = await getFixedT(language);
  const link = `${env().appUrl}${path}`;
  const greeting = t("cohorts:email.announcement.greeting", { name: member.fullName });
  const intro = t("cohorts:email.announcement.intro", { cohort: cohortName });
  const paragraphs = paragraphsOf(input.body);
  const footer = t("cohorts:email.announcement.footer");
  await sendEmail({
    to: member.email,
    subject: t("cohorts:email.announcement.subject", { cohort: cohortName, subject: input.subject }),
    language: intlLocale(language),
    text: [greeting, intro, input.subject, ...paragraphs, `${footer}\n${link}`].join("\n\n"),
    html: `<!doctype html><html lang="${language}"><body><p>${escapeHtml(greeting)}</p><p>${escapeHtml(
      intro
    )}</p><h1 dir="auto">${escapeHtml(input.subject)}</h1>${paragraphs
      .map((p) => `<p dir="auto">${escapeHtml(p).replace(/\n/g, "<br>")}</p>`)
      .join("")}<p><a href="${escapeHtml(link)}">${escapeHtml(footer)}</a></p></body></html>`,
  });
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]!));

/** A cohort's latest announcements, newest first, as plain text split into paragraphs. */
export async function announcementsOf(cohortId: string, take = 10) {
  const rows = await prisma.cohortAnnouncement.findMany({
    where: { cohortId },
    orderBy: [{ sentAt: "desc" }, { id: "desc" }],
    take,
    select: { id: true, subject: true, body: true, sentAt: true },
  });
  return rows.map((row) => ({
    id: row.id,
    subject: row.subject,
    paragraphs: paragraphsOf(row.body),
    sentAt: row.sentAt.toISOString(),
  }));
}
