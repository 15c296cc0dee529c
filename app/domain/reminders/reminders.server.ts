import { evaluateFor, isUniqueViolation } from "~/domain/certificates/issue.server.ts";
import { certificationRules } from "~/domain/certificates/rules.server.ts";
import { addDuration, isoDay } from "~/domain/certificates/rules.ts";
import { sendMentoringEmail } from "~/domain/mentoring/email.server.ts";
import { titleIn } from "~/domain/mentoring/rubric.ts";
import { notify } from "~/domain/notifications/notifications.server.ts";
import { prisma } from "~/utils/db.server.ts";

const DAY = 86_400_000;
/** How far ahead an assignment's deadline is announced. */
export const DUE_NOTICE_DAYS = 3;
/** The last reminder before a certificate lapses. */
export const LAST_EXPIRY_NOTICE_DAYS = 30;

/** Claim a reminder: true the first time a key is claimed, false ever after (across processes too). */
async function claim(key: string, now: Date): Promise<boolean> {
  try {
    await prisma.reminderSent.create({ data: { key, sentAt: now }, select: { key: true } });
    return true;
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}

/**
 * Assignments due within DUE_NOTICE_DAYS that the trainee has not sent (no submission, a draft, or a
 * revision asked for): one notice each, in-app and by email.
 */
export async function remindDueAssignments(now = new Date()): Promise<number> {
  let sent = 0;
  const assignments = await prisma.assignment.findMany({
    where: { retiredAt: null },
    select: { id: true, courseId: true, slug: true, dueDays: true, titles: true },
  });
  for (const assignment of assignments) {
    // Due = enrolled + dueDays: due within the window ⇔ enrolled within the window shifted back by dueDays.
    const from = new Date(now.getTime() - assignment.dueDays * DAY);
    const to = new Date(from.getTime() + DUE_NOTICE_DAYS * DAY);
    const enrolments = await prisma.enrolment.findMany({
      where: {
        courseId: assignment.courseId,
        enrolledAt: { gt: from, lte: to },
        user: {
          isActive: true,
          submissions: { none: { assignmentId: assignment.id, status: { in: ["submitted", "approved"] } } },
        },
      },
      select: { userId: true, enrolledAt: true },
    });
    const titles = JSON.parse(assignment.titles) as Record<string, string>;
    for (const { userId, enrolledAt } of enrolments) {
      if (!(await claim(`assignment-due:${userId}:${assignment.id}`, now))) continue;
      const due = isoDay(new Date(enrolledAt.getTime() + assignment.dueDays * DAY));
      await notify(userId, "mentoring.due", {
        assignment: assignment.id,
        date: due,
        path: `/courses/${assignment.courseId}/assignments/${assignment.slug}`,
      });
      await sendMentoringEmail(
        userId,
        "mentoring:email.due",
        { date: due },
        `/courses/${assignment.courseId}/assignments/${assignment.slug}`,
        (language) => titleIn(titles, language)
      );
      sent++;
    }
  }
  return sent;
}

/**
 * Certificates that will lapse: when their renewal opens and again LAST_EXPIRY_NOTICE_DAYS before expiry,
 * the holder is told (in-app and by email), and the rules are evaluated so that a renewal an administrator
 * must approve appears in the queue.
 */
export async function remindExpiringCertificates(now = new Date()): Promise<number> {
  let sent = 0;
  for (const rule of certificationRules()) {
    if (!rule.validFor || !rule.renewal) continue;
    const horizon = addDuration(now, rule.renewal.opensBefore);
    const expiring = await prisma.certificate.findMany({
      where: { ruleId: rule.id, status: "issued", expiresAt: { gt: now, lte: horizon } },
      select: { id: true, userId: true, number: true, expiresAt: true },
    });
    for (const certificate of expiring) {
      const last = certificate.expiresAt!.getTime() - now.getTime() <= LAST_EXPIRY_NOTICE_DAYS * DAY;
      const key = `expiry:${certificate.id}:${last ? "last" : "open"}`;
      if (!(await claim(key, now))) continue;
      await evaluateFor(certificate.userId, now);
      const date = isoDay(certificate.expiresAt!);
      await notify(certificate.userId, "certificate.expiring", { rule: rule.id, number: certificate.number, date });
      await sendMentoringEmail(
        certificate.userId,
        "mentoring:email.expiring",
        { number: certificate.number, date },
        "/dashboard#certificates",
        (language) => titleIn(rule.title as Record<string, string>, language)
      );
      sent++;
    }
  }
  return sent;
}

export async function runReminders(now = new Date()) {
  return { due: await remindDueAssignments(now), expiring: await remindExpiringCertificates(now) };
}

const HOUR = 3_600_000;
const globalForReminders = globalThis as unknown as { __reminders?: NodeJS.Timeout };

/**
 * Run the reminders a minute after start and every hour, in the server process (REMINDERS=off to leave
 * them to `npm run reminders` from cron instead). Claims are in the database, so two processes never
 * send one reminder twice.
 */
export function scheduleReminders() {
  if (process.env.REMINDERS === "off" || process.env.NODE_ENV === "test" || globalForReminders.__reminders) return;
  const tick = () =>
    runReminders().catch((error: unknown) =>
      console.warn("reminders failed:", error instanceof Error ? error.message : error)
    );
  setTimeout(tick, 60_000).unref();
  globalForReminders.__reminders = setInterval(tick, HOUR);
  globalForReminders.__reminders.unref();
}
