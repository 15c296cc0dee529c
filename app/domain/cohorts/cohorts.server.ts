import crypto from "node:crypto";
import { audit } from "~/domain/audit/audit.server.ts";
import { enrol } from "~/domain/courses/learning.server.ts";
import { getFixedT } from "~/i18n/i18n.server.ts";
import { intlLocale, isLanguage, type Language } from "~/i18n/config.ts";
import { prisma } from "~/utils/db.server.ts";
import { sendEmail } from "~/utils/email.server.ts";
import { env } from "~/utils/env.server.ts";
import { ANYONE, can, type Actor } from "~/utils/permissions.ts";
import { randomToken, sha256 } from "~/utils/secrets.server.ts";
import { hashPassword } from "~/domain/accounts/password.server.ts";
import { readClassList, type ClassList } from "./class-list.ts";

/** How long an imported person's invitation to choose a password stays valid. */
export const INVITATION_TTL_MS = 14 * 86_400_000;

export interface CohortInput {
  name: string;
  country: string;
  language: Language;
  courses: string[];
  startsOn: Date;
  endsOn: Date;
  capacity: number;
}

export async function createCohort(ownerId: string, input: CohortInput) {
  return prisma.$transaction(async (tx) => {
    const cohort = await tx.cohort.create({
      data: { ...input, courses: JSON.stringify(input.courses), ownerId },
      select: { id: true },
    });
    await audit({ actorId: ownerId, action: "cohort.created", targetType: "cohort", targetId: cohort.id }, tx);
    return cohort;
  });
}

export type CohortAccess = "manage" | "member" | null;

/**
 * What `actor` may do with a cohort: manage it (its lead trainer, or anyone who may update any cohort),
 * see it as a member, or nothing. Every cohort loader and action asks this first.
 */
export async function cohortAccess(actor: Actor, cohortId: string): Promise<CohortAccess> {
  const cohort = await prisma.cohort.findUnique({ where: { id: cohortId }, select: { ownerId: true } });
  if (!cohort) return null;
  if (can(actor, "update", "cohort", { ownerId: cohort.ownerId })) return "manage";
  const member = await prisma.cohortMember.findUnique({
    where: { cohortId_userId: { cohortId, userId: actor.id } },
    select: { userId: true },
  });
  return member ? "member" : null;
}

/** The cohorts a person runs (all of them for administrators) and those they belong to. */
export async function cohortsFor(actor: Actor) {
  const select = {
    id: true,
    name: true,
    country: true,
    language: true,
    startsOn: true,
    endsOn: true,
    capacity: true,
    _count: { select: { members: true } },
  } as const;
  const [running, member] = await Promise.all([
    can(actor, "read", "cohort", ANYONE)
      ? prisma.cohort.findMany({ where: { archivedAt: null }, orderBy: { startsOn: "desc" }, select })
      : can(actor, "read", "cohort", { ownerId: actor.id })
      ? prisma.cohort.findMany({
          where: { ownerId: actor.id, archivedAt: null },
          orderBy: { startsOn: "desc" },
          select,
        })
      : Promise.resolve([]),
    prisma.cohort.findMany({
      where: { members: { some: { userId: actor.id } } },
      orderBy: { startsOn: "desc" },
      select,
    }),
  ]);
  return { running, member };
}

async function cohortFacts(cohortId: string) {
  return prisma.cohort.findUniqueOrThrow({
    where: { id: cohortId },
    select: { id: true, name: true, country: true, language: true, capacity: true, courses: true, ownerId: true },
  });
}

/** The class list checked against the cohort and the college's accounts, before anything is written. */
export async function previewClassList(cohortId: string, text: string): Promise<ClassList> {
  const cohort = await cohortFacts(cohortId);
  const members = await prisma.cohortMember.findMany({
    where: { cohortId },
    select: { user: { select: { email: true } } },
  });
  const first = readClassList(text, {
    knownEmails: new Set(),
    memberEmails: new Set(members.map((m) => m.user.email)),
    placesLeft: cohort.capacity - members.length,
    defaults: { country: cohort.country, preferredLanguage: cohort.language },
  });
  if (!first.ok) return first;
  const emails = first.rows.map((r) => r.values.email).filter(Boolean);
  const known = new Set<string>();
  for (let i = 0; i < emails.length; i += 500) {
    const rows = await prisma.user.findMany({
      where: { email: { in: emails.slice(i, i + 500) } },
      select: { email: true },
    });
    for (const row of rows) known.add(row.email);
  }
  return readClassList(text, {
    knownEmails: known,
    memberEmails: new Set(members.map((m) => m.user.email)),
    placesLeft: cohort.capacity - members.length,
    defaults: { country: cohort.country, preferredLanguage: cohort.language },
  });
}

export type ImportResult =
  | { ok: true; created: number; enrolled: number; skipped: number }
  | { ok: false; list: ClassList };

/**
 * Import a class list: only when every row can be imported or skipped (the trainer fixes or removes the
 * bad rows first, so nothing is half-imported). New people get an account without a usable password and
 * an emailed invitation to choose one; people who already have an account are enrolled as they are, never
 * duplicated. Everyone is enrolled in the cohort and in its programmes, in one transaction.
 */
export async function importClassList(actorId: string, cohortId: string, text: string): Promise<ImportResult> {
  const list = await previewClassList(cohortId, text);
  if (!list.ok || list.counts.problems > 0) return { ok: false, list };
  const cohort = await cohortFacts(cohortId);
  const unusable = await hashPassword(randomToken(32)); // nobody knows it: the invitation sets the real one
  const invitations: { email: string; fullName: string; language: string; token: string }[] = [];
  const joined: string[] = [];
  await prisma.$transaction(async (tx) => {
    for (const row of list.rows) {
      if (row.action === "skip-member" || row.action === null) continue;
      const values = row.values;
      let userId: string;
      if (row.action === "create") {
        const user = await tx.user.create({
          data: {
            email: values.email,
            passwordHash: unusable,
            fullName: values.fullName,
            fullNameLatin: values.fullNameLatin || null,
            agency: values.agency,
            country: values.country.toUpperCase(),
            preferredLanguage: values.preferredLanguage,
            roles: { create: { role: "learner" } },
          },
          select: { id: true },
        });
        userId = user.id;
        const token = randomToken(32);
        await tx.passwordResetToken.create({
          data: { tokenHash: sha256(token), userId, expiresAt: new Date(Date.now() + INVITATION_TTL_MS) },
          select: { id: true },
        });
        invitations.push({ email: values.email, fullName: values.fullName, language: values.preferredLanguage, token });
      } else {
        userId = (await tx.user.findUniqueOrThrow({ where: { email: values.email }, select: { id: true } })).id;
      }
      await tx.cohortMember.create({ data: { cohortId, userId, via: "import" }, select: { userId: true } });
      joined.push(userId);
    }
    await audit(
      {
        actorId,
        action: "cohort.imported",
        targetType: "cohort",
        targetId: cohortId,
        details: { created: list.counts.create, enrolled: list.counts.enrolExisting, skipped: list.counts.skip },
      },
      tx
    );
  });
  // Programme enrolment goes through the courses domain (prerequisites are checked there, not bypassed).
  for (const userId of joined)
    for (const courseId of JSON.parse(cohort.courses) as string[]) await enrol(userId, courseId);
  for (const invitation of invitations) await sendInvitation(invitation, cohort.name);
  return { ok: true, created: list.counts.create, enrolled: list.counts.enrolExisting, skipped: list.counts.skip };
}

async function sendInvitation(
  invitation: { email: string; fullName: string; language: string; token: string },
  cohortName: string
) {
  const language: Language = isLanguage(invitation.language) ? invitation.language : "en";
  const t = await getFixedT(language);
  const link = `${env().appUrl}/reset-password?${new URLSearchParams({ token: invitation.token })}`;
  const lines = [
    t("cohorts:email.invitation.greeting", { name: invitation.fullName }),
    t("cohorts:email.invitation.body", { cohort: cohortName }),
    t("cohorts:email.invitation.expiry", { count: INVITATION_TTL_MS / 86_400_000 }),
  ];
  await sendEmail({
    to: invitation.email,
    subject: t("cohorts:email.invitation.subject", { cohort: cohortName }),
    language: intlLocale(language),
    text: [...lines, link].join("\n\n"),
    html: `<!doctype html><html lang="${language}"><body>${lines
      .map((l) => `<p>${escapeHtml(l)}</p>`)
      .join("")}<p><a href="${escapeHtml(link)}">${escapeHtml(
      t("cohorts:email.invitation.button")
    )}</a></p></body></html>`,
  });
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]!));

/** A shareable invitation link's code, shown once; only its hash is kept. */
export async function createInvite(
  actorId: string,
  cohortId: string,
  options: { days: number; maxUses: number },
  now = new Date()
) {
  const code = crypto.randomBytes(12).toString("base64url");
  await prisma.cohortInvite.create({
    data: {
      cohortId,
      codeHash: sha256(code),
      expiresAt: new Date(now.getTime() + options.days * 86_400_000),
      maxUses: options.maxUses,
      createdById: actorId,
    },
    select: { id: true },
  });
  return { code, url: `${env().appUrl}/join/${code}` };
}

export type JoinResult =
  | { ok: true; cohortId: string; already: boolean }
  | { ok: false; reason: "unknown" | "expired" | "used-up" | "full" };

/**
 * Join a cohort with an invitation code. Uses and capacity are counted inside the transaction with
 * conditional updates, so two people racing for the last place cannot both get it.
 */
export async function joinByInvite(userId: string, code: string, now = new Date()): Promise<JoinResult> {
  const invite = await prisma.cohortInvite.findUnique({
    where: { codeHash: sha256(code) },
    select: { id: true, cohortId: true, expiresAt: true, revokedAt: true, maxUses: true, uses: true },
  });
  if (!invite || invite.revokedAt) return { ok: false, reason: "unknown" };
  if (invite.expiresAt <= now) return { ok: false, reason: "expired" };
  const member = await prisma.cohortMember.findUnique({
    where: { cohortId_userId: { cohortId: invite.cohortId, userId } },
    select: { userId: true },
  });
  if (member) return { ok: true, cohortId: invite.cohortId, already: true };
  const outcome = await prisma
    .$transaction(async (tx) => {
      const used = await tx.cohortInvite.updateMany({
        where: { id: invite.id, uses: { lt: invite.maxUses } },
        data: { uses: { increment: 1 } },
      });
      if (used.count === 0) return "used-up" as const;
      const cohort = await tx.cohort.findUniqueOrThrow({
        where: { id: invite.cohortId },
        select: { capacity: true, courses: true, _count: { select: { members: true } } },
      });
      if (cohort._count.members >= cohort.capacity) throw new Full();
      await tx.cohortMember.create({
        data: { cohortId: invite.cohortId, userId, via: "invite" },
        select: { userId: true },
      });
      return JSON.parse(cohort.courses) as string[];
    })
    .catch((error: unknown) => {
      if (error instanceof Full) return "full" as const;
      throw error;
    });
  if (outcome === "used-up" || outcome === "full") return { ok: false, reason: outcome };
  for (const courseId of outcome) await enrol(userId, courseId);
  return { ok: true, cohortId: invite.cohortId, already: false };
}

class Full extends Error {}

export type AddResult = { ok: true; already: boolean } | { ok: false; reason: "no-account" | "full" };

/** Add someone who already has an account, by address (the import is for people who do not). */
export async function addMember(actorId: string, cohortId: string, email: string): Promise<AddResult> {
  const user = await prisma.user.findUnique({ where: { email }, select: { id: true, isActive: true } });
  if (!user || !user.isActive) return { ok: false, reason: "no-account" };
  const cohort = await prisma.cohort.findUniqueOrThrow({
    where: { id: cohortId },
    select: { capacity: true, courses: true, _count: { select: { members: true } } },
  });
  const existing = await prisma.cohortMember.findUnique({
    where: { cohortId_userId: { cohortId, userId: user.id } },
    select: { userId: true },
  });
  if (existing) return { ok: true, already: true };
  if (cohort._count.members >= cohort.capacity) return { ok: false, reason: "full" };
  await prisma.cohortMember.create({ data: { cohortId, userId: user.id, via: "manual" }, select: { userId: true } });
  await audit({ actorId, action: "cohort.member_added", targetType: "cohort", targetId: cohortId, details: { email } });
  for (const courseId of JSON.parse(cohort.courses) as string[]) await enrol(user.id, courseId);
  return { ok: true, already: false };
}

/** The programmes a cohort can cover: every current course, titled in `language`. */
export async function courseChoices(language: Language) {
  const rows = await prisma.course.findMany({
    where: { retiredAt: null },
    orderBy: { position: "asc" },
    select: { id: true, titles: true },
  });
  return rows.map((row) => {
    const titles = JSON.parse(row.titles) as Record<string, string | undefined>;
    return { id: row.id, title: titles[language] ?? titles.en ?? row.id };
  });
}

/** The cohort an invitation code leads to (for the "join" page), without using it. */
export async function inviteTarget(code: string, now = new Date()) {
  const invite = await prisma.cohortInvite.findUnique({
    where: { codeHash: sha256(code) },
    select: {
      expiresAt: true,
      revokedAt: true,
      uses: true,
      maxUses: true,
      cohort: { select: { id: true, name: true, startsOn: true, endsOn: true } },
    },
  });
  if (!invite || invite.revokedAt) return { ok: false as const, reason: "unknown" as const };
  if (invite.expiresAt <= now) return { ok: false as const, reason: "expired" as const };
  if (invite.uses >= invite.maxUses) return { ok: false as const, reason: "used-up" as const };
  return { ok: true as const, cohort: invite.cohort };
}
