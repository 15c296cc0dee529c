import crypto from "node:crypto";
import { audit } from "~/domain/audit/audit.server.ts";
import { programmeCompletion } from "~/domain/courses/learning.server.ts";
import { notify } from "~/domain/notifications/notifications.server.ts";
import { isLanguage, type Language } from "~/i18n/config.ts";
import { prisma, type Prisma } from "~/utils/db.server.ts";
import { env } from "~/utils/env.server.ts";
import { currentRecordKeyId, signRecord } from "./crypto/record-signature.server.ts";
import { sendCertificateEmail } from "./email.server.ts";
import { writeCertificatePdf } from "./files.server.ts";
import { makeNumber } from "./numbers.ts";
import { canonicalRecord, type CertificateRecord } from "./record.ts";
import { certificationRules, findRule } from "./rules.server.ts";
import { evaluateRule, expiryOf, isoDay, type Completion, type HeldCertificate, type Verdict } from "./rules.ts";

export const ISSUER_NAME = "Provenance — International IP Crime Investigators College";

export type IssueMode = "automatic" | "approved" | "manual" | "bulk" | "reissue" | "renewal" | "pathway";

/** What the rules engine needs to know about one person. */
export async function factsFor(userId: string) {
  const courses = new Set(
    certificationRules().flatMap((rule) => [...rule.requires, ...(rule.renewal?.requires ?? [])])
  );
  const completions = new Map<string, Completion>();
  for (const courseId of courses) {
    const done = await programmeCompletion(userId, courseId);
    if (done) completions.set(courseId, done);
  }
  const [certificates, declined] = await Promise.all([
    prisma.certificate.findMany({
      where: { userId },
      select: { id: true, ruleId: true, status: true, issuedAt: true, expiresAt: true },
    }),
    prisma.certificateRequest.findMany({ where: { userId, status: "declined" }, select: { ruleId: true } }),
  ]);
  return {
    completions,
    certificates: certificates as HeldCertificate[],
    declined: new Set(declined.map((d) => d.ruleId)),
  };
}

/** Every rule's verdict for a person, in rules-file order. */
export async function verdictsFor(userId: string, now = new Date()): Promise<{ ruleId: string; verdict: Verdict }[]> {
  const facts = await factsFor(userId);
  return certificationRules().map((rule) => ({
    ruleId: rule.id,
    verdict: evaluateRule(rule, { ...facts, declined: facts.declined.has(rule.id), now }),
  }));
}

/**
 * Act on the rules for one person, after anything that may change what they have earned (a final
 * assessment passed, a re-grade): automatic rules issue at once; approval rules join the queue.
 * Safe to run twice at the same moment: the database's unique keys make the second a no-op.
 */
export async function evaluateFor(userId: string, now = new Date()): Promise<{ issued: string[]; queued: string[] }> {
  const issued: string[] = [];
  const queued: string[] = [];
  for (const { ruleId, verdict } of await verdictsFor(userId, now)) {
    if (verdict.kind !== "eligible") continue;
    if (verdict.mode === "pathway" && !verdict.renewalOf) continue; // issued by the pathway's sign-off
    if (verdict.mode === "automatic") {
      const result = await issueCertificate({
        userId,
        ruleId,
        mode: verdict.renewalOf ? "renewal" : "automatic",
        actorId: null,
        programmes: verdict.programmes,
        supersedes: verdict.renewalOf,
        now,
      });
      if (result.ok) issued.push(result.number);
    } else if (await queueRequest(userId, ruleId, verdict, now)) queued.push(ruleId);
  }
  return { issued, queued };
}

async function queueRequest(userId: string, ruleId: string, verdict: Verdict & { kind: "eligible" }, now: Date) {
  const programmes = JSON.stringify(verdict.programmes.map((p) => ({ id: p.id, completedOn: isoDay(p.completedOn) })));
  const existing = await prisma.certificateRequest.findUnique({
    where: { userId_ruleId: { userId, ruleId } },
    select: { id: true, status: true },
  });
  if (existing?.status === "pending") return false;
  try {
    if (existing) {
      // An approved request whose certificate was since superseded by renewal time: queue again.
      await prisma.certificateRequest.update({
        where: { id: existing.id },
        data: {
          status: "pending",
          programmes,
          renewalOfId: verdict.renewalOf ?? null,
          eligibleAt: verdict.since ?? now,
        },
      });
    } else {
      await prisma.certificateRequest.create({
        data: {
          userId,
          ruleId,
          status: "pending",
          programmes,
          renewalOfId: verdict.renewalOf ?? null,
          eligibleAt: verdict.since ?? now,
        },
        select: { id: true },
      });
    }
    return true;
  } catch (error) {
    if (isUniqueViolation(error)) return false; // queued by a concurrent evaluation
    throw error;
  }
}

export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: string }).code === "P2002";
}

export interface IssueInput {
  userId: string;
  ruleId: string;
  mode: IssueMode;
  /** The administrator who issued it; null when a rule issued it by itself. */
  actorId: string | null;
  reason?: string;
  /** The programmes the record lists; by default those of the rule the person has completed. */
  programmes?: { id: string; completedOn: Date }[];
  /** The certificate this one replaces (re-issue, renewal): marked superseded in the same transaction. */
  supersedes?: string;
  /** A corrected name for a re-issue (the person's profile is updated with it). */
  holder?: { name: string; latin?: string | null };
  /** Keep the superseded certificate's expiry (a name correction does not extend validity). */
  expiresAt?: Date | null;
  now?: Date;
  /** Write the PDF now (default) or leave it to the first download. */
  pdf?: boolean;
}

export type IssueResult =
  | { ok: true; number: string; certificateId: string }
  | { ok: false; reason: "already-holds" | "unknown-rule" | "unknown-user" | "not-current" };

/**
 * Issue one certificate: build and sign its record, store it, supersede what it replaces, close the
 * person's request, audit and notify, all in one transaction; then write the signed PDF and send the
 * email. A second current certificate of one rule for one person is refused by the database itself
 * (the unique `activeKey`), so concurrent or repeated requests issue exactly one.
 */
export async function issueCertificate(input: IssueInput): Promise<IssueResult> {
  const now = input.now ?? new Date();
  const rule = findRule(input.ruleId);
  if (!rule) return { ok: false, reason: "unknown-rule" };
  const user = await prisma.user.findUnique({
    where: { id: input.userId },
    select: { id: true, email: true, fullName: true, fullNameLatin: true, preferredLanguage: true },
  });
  if (!user) return { ok: false, reason: "unknown-user" };
  const activeKey = `${user.id}:${rule.id}`;
  if (!input.supersedes) {
    const holds = await prisma.certificate.findUnique({ where: { activeKey }, select: { id: true } });
    if (holds) return { ok: false, reason: "already-holds" };
  }

  const programmes =
    input.programmes ??
    (
      await Promise.all(
        rule.requires.map(async (id) => {
          const done = await programmeCompletion(user.id, id);
          return done ? [{ id, completedOn: done.first }] : [];
        })
      )
    ).flat();
  const courses = await prisma.course.findMany({
    where: { id: { in: programmes.map((p) => p.id) } },
    select: { id: true, titles: true },
  });
  const englishTitle = (id: string) => {
    const row = courses.find((c) => c.id === id);
    return row ? (JSON.parse(row.titles) as Record<string, string>).en ?? id : id;
  };
  const holderName = input.holder?.name ?? user.fullName;
  const holderLatin = input.holder ? input.holder.latin ?? undefined : user.fullNameLatin ?? undefined;
  const expiresAt = input.expiresAt !== undefined ? input.expiresAt : expiryOf(rule, now);
  const number = makeNumber(now.getUTCFullYear(), crypto.randomBytes(9));
  const record: CertificateRecord = {
    type: "ProvenanceCertificate",
    version: 1,
    number,
    holder: { name: holderName, ...(holderLatin ? { latin: holderLatin } : {}) },
    credential: { id: rule.id, title: rule.title.en },
    programmes: programmes.map((p) => ({ id: p.id, title: englishTitle(p.id), completedOn: isoDay(p.completedOn) })),
    issuedOn: isoDay(now),
    ...(expiresAt ? { expiresOn: isoDay(expiresAt) } : {}),
    issuer: { name: ISSUER_NAME, url: env().appUrl },
    keyId: await currentRecordKeyId(),
  };
  const signature = await signRecord(record);
  const language: Language = isLanguage(user.preferredLanguage) ? user.preferredLanguage : "en";

  let certificateId: string;
  try {
    certificateId = await prisma.$transaction(async (tx) => {
      if (input.supersedes) {
        const replaced = await tx.certificate.updateMany({
          where: { id: input.supersedes, status: "issued", userId: user.id, ruleId: rule.id },
          data: { status: "superseded", activeKey: null, supersededAt: now },
        });
        if (replaced.count === 0) throw new NotCurrent();
      }
      const created = await tx.certificate.create({
        data: {
          number,
          userId: user.id,
          ruleId: rule.id,
          status: "issued",
          activeKey,
          holderName,
          holderLatin: holderLatin ?? null,
          language,
          record: canonicalRecord(record),
          signature,
          keyId: record.keyId,
          issuedAt: now,
          expiresAt,
          issuedById: input.actorId,
          issueMode: input.mode,
          issueReason: input.reason ?? null,
          supersedesId: input.supersedes ?? null,
        },
        select: { id: true },
      });
      if (input.holder && (input.holder.name !== user.fullName || (input.holder.latin ?? null) !== user.fullNameLatin))
        await tx.user.update({
          where: { id: user.id },
          data: { fullName: input.holder.name, fullNameLatin: input.holder.latin ?? null },
          select: { id: true },
        });
      await tx.certificateRequest.updateMany({
        where: { userId: user.id, ruleId: rule.id, status: "pending" },
        data: { status: "approved", decidedAt: now, decidedById: input.actorId },
      });
      await audit(
        {
          actorId: input.actorId,
          action: input.mode === "reissue" ? "certificate.reissued" : "certificate.issued",
          targetType: "certificate",
          targetId: number,
          details: {
            holder: user.email,
            rule: rule.id,
            mode: input.mode,
            ...(input.reason ? { reason: input.reason } : {}),
            ...(input.supersedes ? { supersedes: input.supersedes } : {}),
          },
        },
        tx
      );
      await notify(
        user.id,
        input.mode === "reissue" ? "certificate.reissued" : "certificate.issued",
        { number, rule: rule.id },
        tx
      );
      return created.id;
    });
  } catch (error) {
    if (error instanceof NotCurrent) return { ok: false, reason: "not-current" };
    if (isUniqueViolation(error)) return { ok: false, reason: "already-holds" };
    throw error;
  }
  // The certificate exists from the commit on; its PDF can be made again from the record at any time
  // (first download), so a failure here is logged, not turned into a failed issue.
  try {
    if (input.pdf !== false) await writeCertificatePdf(number, language);
    await sendCertificateEmail(user.id, input.mode === "reissue" ? "reissued" : "issued", number);
  } catch (error) {
    console.error(`Certificate ${number} was issued, but its PDF or email failed`, error);
  }
  return { ok: true, number, certificateId };
}

class NotCurrent extends Error {}

export type RevokeResult = { ok: true } | { ok: false; reason: "unknown" | "not-current" };

/** Revoke a current certificate with a reason; shown publicly only if the administrator says so. */
export async function revokeCertificate(
  number: string,
  adminId: string,
  reason: string,
  reasonPublic: boolean,
  now = new Date()
): Promise<RevokeResult> {
  const certificate = await prisma.certificate.findUnique({
    where: { number },
    select: { id: true, userId: true, status: true, ruleId: true },
  });
  if (!certificate) return { ok: false, reason: "unknown" };
  const revoked = await prisma.$transaction(async (tx) => {
    const changed = await tx.certificate.updateMany({
      where: { id: certificate.id, status: "issued" },
      data: {
        status: "revoked",
        activeKey: null,
        revokedAt: now,
        revokedById: adminId,
        revocationReason: reason,
        reasonPublic,
      },
    });
    if (changed.count === 0) return false;
    await audit(
      {
        actorId: adminId,
        action: "certificate.revoked",
        targetType: "certificate",
        targetId: number,
        details: { rule: certificate.ruleId, reason, reasonPublic },
      },
      tx
    );
    await notify(certificate.userId, "certificate.revoked", { number, rule: certificate.ruleId, reason }, tx);
    return true;
  });
  if (!revoked) return { ok: false, reason: "not-current" };
  await sendCertificateEmail(certificate.userId, "revoked", number, reason);
  return { ok: true };
}

/**
 * Re-issue a current certificate after a name correction: a new number and signed record with the
 * corrected name, the same programmes and expiry; the old one is marked superseded and points to it.
 */
export async function reissueCertificate(
  number: string,
  adminId: string,
  change: { name: string; latin: string | null; reason: string },
  now = new Date()
): Promise<IssueResult> {
  const old = await prisma.certificate.findUnique({
    where: { number },
    select: { id: true, userId: true, ruleId: true, status: true, record: true, expiresAt: true },
  });
  if (!old) return { ok: false, reason: "unknown-rule" };
  if (old.status !== "issued") return { ok: false, reason: "not-current" };
  const record = JSON.parse(old.record) as CertificateRecord;
  return issueCertificate({
    userId: old.userId,
    ruleId: old.ruleId,
    mode: "reissue",
    actorId: adminId,
    reason: change.reason,
    programmes: record.programmes.map((p) => ({ id: p.id, completedOn: new Date(`${p.completedOn}T00:00:00Z`) })),
    supersedes: old.id,
    holder: { name: change.name, latin: change.latin },
    expiresAt: old.expiresAt,
    now,
  });
}

/** Approve a queued request: issue its certificate (a renewal supersedes the one it renews). */
export async function approveRequest(requestId: string, adminId: string, mode: "approved" | "bulk" = "approved") {
  const request = await prisma.certificateRequest.findUnique({
    where: { id: requestId },
    select: { userId: true, ruleId: true, status: true, programmes: true, renewalOfId: true },
  });
  if (!request) return { ok: false as const, reason: "unknown" as const };
  if (request.status === "approved") return { ok: false as const, reason: "already-decided" as const };
  const programmes = (JSON.parse(request.programmes) as { id: string; completedOn: string }[]).map((p) => ({
    id: p.id,
    completedOn: new Date(`${p.completedOn}T00:00:00Z`),
  }));
  return issueCertificate({
    userId: request.userId,
    ruleId: request.ruleId,
    mode: request.renewalOfId ? "renewal" : mode,
    actorId: adminId,
    programmes,
    supersedes: request.renewalOfId ?? undefined,
  });
}

/** Decline a queued request with a reason the learner is told. */
export async function declineRequest(requestId: string, adminId: string, reason: string, now = new Date()) {
  const request = await prisma.certificateRequest.findUnique({
    where: { id: requestId },
    select: { id: true, userId: true, ruleId: true },
  });
  if (!request) return { ok: false as const };
  const declined = await prisma.$transaction(async (tx: Prisma.TransactionClient) => {
    const changed = await tx.certificateRequest.updateMany({
      where: { id: request.id, status: "pending" },
      data: { status: "declined", decidedAt: now, decidedById: adminId, reason },
    });
    if (changed.count === 0) return false;
    await audit(
      {
        actorId: adminId,
        action: "certificate.request_declined",
        targetType: "user",
        targetId: request.userId,
        details: { rule: request.ruleId, reason },
      },
      tx
    );
    await notify(request.userId, "certificate.declined", { rule: request.ruleId, reason }, tx);
    return true;
  });
  if (declined) await sendCertificateEmail(request.userId, "declined", null, reason, request.ruleId);
  return { ok: declined };
}

/** Put a declined request back in the queue (an administrator changed their mind). */
export async function reopenRequest(requestId: string, adminId: string) {
  const changed = await prisma.certificateRequest.updateMany({
    where: { id: requestId, status: "declined" },
    data: { status: "pending", decidedAt: null, decidedById: null, reason: null },
  });
  if (changed.count > 0)
    await audit({
      actorId: adminId,
      action: "certificate.request_reopened",
      targetType: "request",
      targetId: requestId,
    });
  return { ok: changed.count > 0 };
}
