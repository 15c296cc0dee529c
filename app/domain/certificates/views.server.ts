import type { Language } from "~/i18n/config.ts";
import { prisma, type Prisma } from "~/utils/db.server.ts";
import type { CertificateRecord } from "./record.ts";
import { CERTIFICATES_PAGE_SIZE, QUEUE_PAGE_SIZE } from "./schemas.ts";
import { certificationRules, findRule } from "./rules.server.ts";
import { addDuration, standingOf, type Standing } from "./rules.ts";

/** A rule's title in `language`, else English. */
export function ruleTitle(ruleId: string, language: Language): string {
  const rule = findRule(ruleId);
  if (!rule) return ruleId;
  return (rule.title as Record<string, string>)[language] ?? rule.title.en;
}

export function ruleOptions(language: Language) {
  return certificationRules().map((rule) => ({
    id: rule.id,
    title: ruleTitle(rule.id, language),
    issuance: rule.issuance,
  }));
}

async function courseTitles(language: Language): Promise<Map<string, string>> {
  const rows = await prisma.course.findMany({ select: { id: true, titles: true } });
  return new Map(
    rows.map((row) => {
      const titles = JSON.parse(row.titles) as Record<string, string>;
      return [row.id, titles[language] ?? titles.en ?? row.id];
    })
  );
}

/** The administrators' queue: requests by status (pending by default), oldest first. */
export async function listRequests(
  filter: { status: "pending" | "declined"; ruleId?: string; page: number },
  language: Language
) {
  const where: Prisma.CertificateRequestWhereInput = {
    status: filter.status,
    ...(filter.ruleId ? { ruleId: filter.ruleId } : {}),
  };
  const [total, rows, titles] = await Promise.all([
    prisma.certificateRequest.count({ where }),
    prisma.certificateRequest.findMany({
      where,
      orderBy: [{ eligibleAt: "asc" }, { id: "asc" }],
      skip: (filter.page - 1) * QUEUE_PAGE_SIZE,
      take: QUEUE_PAGE_SIZE,
      select: {
        id: true,
        ruleId: true,
        programmes: true,
        renewalOfId: true,
        eligibleAt: true,
        reason: true,
        decidedAt: true,
        user: { select: { id: true, email: true, fullName: true, fullNameLatin: true, country: true, agency: true } },
      },
    }),
    courseTitles(language),
  ]);
  return {
    total,
    requests: rows.map((row) => ({
      id: row.id,
      rule: ruleTitle(row.ruleId, language),
      ruleId: row.ruleId,
      renewal: row.renewalOfId !== null,
      eligibleAt: row.eligibleAt.toISOString(),
      decidedAt: row.decidedAt?.toISOString() ?? null,
      reason: row.reason,
      user: row.user,
      programmes: (JSON.parse(row.programmes) as { id: string; completedOn: string }[]).map((p) => ({
        title: titles.get(p.id) ?? p.id,
        completedOn: p.completedOn,
      })),
    })),
  };
}

export async function pendingRequestIds(ruleId?: string): Promise<string[]> {
  const rows = await prisma.certificateRequest.findMany({
    where: { status: "pending", ...(ruleId ? { ruleId } : {}) },
    orderBy: [{ eligibleAt: "asc" }, { id: "asc" }],
    select: { id: true },
  });
  return rows.map((r) => r.id);
}

/** Issued certificates for administrators: search by number, name or email, filter by standing. */
export async function listCertificates(
  filter: { q?: string; ruleId?: string; status?: "issued" | "revoked" | "superseded"; page: number },
  language: Language,
  now = new Date()
) {
  const q = filter.q?.trim();
  const where: Prisma.CertificateWhereInput = {
    ...(filter.ruleId ? { ruleId: filter.ruleId } : {}),
    ...(filter.status ? { status: filter.status } : {}),
    ...(q
      ? {
          OR: [
            { number: { contains: q.toUpperCase() } },
            { holderName: { contains: q } },
            { holderLatin: { contains: q } },
            { user: { email: { contains: q.toLowerCase() } } },
          ],
        }
      : {}),
  };
  const [total, rows] = await Promise.all([
    prisma.certificate.count({ where }),
    prisma.certificate.findMany({
      where,
      orderBy: [{ issuedAt: "desc" }, { id: "desc" }],
      skip: (filter.page - 1) * CERTIFICATES_PAGE_SIZE,
      take: CERTIFICATES_PAGE_SIZE,
      select: {
        number: true,
        ruleId: true,
        status: true,
        holderName: true,
        holderLatin: true,
        issuedAt: true,
        expiresAt: true,
        issueMode: true,
        user: { select: { email: true } },
      },
    }),
  ]);
  return {
    total,
    certificates: rows.map((row) => ({
      number: row.number,
      title: ruleTitle(row.ruleId, language),
      standing: standingOf(row, now),
      holderName: row.holderName,
      holderLatin: row.holderLatin,
      email: row.user.email,
      issuedAt: row.issuedAt.toISOString(),
      expiresAt: row.expiresAt?.toISOString() ?? null,
      mode: row.issueMode,
    })),
  };
}

/** Everything an administrator sees of one certificate: the record, its standing and its chain. */
export async function certificateDetail(number: string, language: Language, now = new Date()) {
  const row = await prisma.certificate.findUnique({
    where: { number },
    select: {
      id: true,
      number: true,
      ruleId: true,
      status: true,
      record: true,
      signature: true,
      keyId: true,
      language: true,
      issuedAt: true,
      expiresAt: true,
      issueMode: true,
      issueReason: true,
      revokedAt: true,
      revocationReason: true,
      reasonPublic: true,
      user: { select: { id: true, email: true, fullName: true, fullNameLatin: true } },
      supersedes: { select: { number: true } },
      supersededBy: { select: { number: true } },
    },
  });
  if (!row) return null;
  const history = await prisma.auditLog.findMany({
    where: { targetType: "certificate", targetId: number },
    orderBy: { createdAt: "asc" },
    select: { id: true, action: true, details: true, createdAt: true, actor: { select: { email: true } } },
  });
  return {
    number: row.number,
    title: ruleTitle(row.ruleId, language),
    standing: standingOf(row, now),
    record: JSON.parse(row.record) as CertificateRecord,
    canonical: row.record,
    signature: row.signature,
    keyId: row.keyId,
    language: row.language,
    issuedAt: row.issuedAt.toISOString(),
    expiresAt: row.expiresAt?.toISOString() ?? null,
    mode: row.issueMode,
    issueReason: row.issueReason,
    revokedAt: row.revokedAt?.toISOString() ?? null,
    revocationReason: row.revocationReason,
    reasonPublic: row.reasonPublic,
    user: row.user,
    supersedes: row.supersedes?.number ?? null,
    supersededBy: row.supersededBy?.number ?? null,
    history: history.map((h) => ({
      id: h.id,
      action: h.action,
      actor: h.actor?.email ?? null,
      details: h.details,
      at: h.createdAt.toISOString(),
    })),
  };
}

export interface HeldCertificateView {
  number: string;
  title: string;
  standing: Standing;
  issuedAt: string;
  expiresAt: string | null;
  supersededBy: string | null;
  renewalOpen: boolean;
}

/** A person's certificates for their dashboard, current first. */
export async function certificatesOf(
  userId: string,
  language: Language,
  now = new Date()
): Promise<HeldCertificateView[]> {
  const rows = await prisma.certificate.findMany({
    where: { userId },
    orderBy: [{ issuedAt: "desc" }, { id: "desc" }],
    select: {
      number: true,
      ruleId: true,
      status: true,
      issuedAt: true,
      expiresAt: true,
      supersededBy: { select: { number: true } },
    },
  });
  const order: Record<Standing, number> = { valid: 0, expired: 1, revoked: 2, superseded: 3 };
  return rows
    .map((row) => {
      const rule = findRule(row.ruleId);
      const opens = row.expiresAt && rule?.renewal ? addDuration(row.expiresAt, rule.renewal.opensBefore, -1) : null;
      const standing = standingOf(row, now);
      return {
        number: row.number,
        title: ruleTitle(row.ruleId, language),
        standing,
        issuedAt: row.issuedAt.toISOString(),
        expiresAt: row.expiresAt?.toISOString() ?? null,
        supersededBy: row.supersededBy?.number ?? null,
        renewalOpen: opens !== null && opens <= now && (standing === "valid" || standing === "expired"),
      };
    })
    .sort((a, b) => order[a.standing] - order[b.standing]);
}

/** Who holds a certificate and its state: for the download routes' permission checks. */
export async function certificateAccess(number: string) {
  return prisma.certificate.findUnique({
    where: { number },
    select: { userId: true, status: true, language: true, record: true },
  });
}

/** Active accounts by address, for manual and bulk issue; the addresses not found are returned too. */
export async function usersByEmail(emails: string[]) {
  const found = new Map<string, string>();
  // In chunks: one query with thousands of bound values exceeds the driver's parameter limit.
  for (let i = 0; i < emails.length; i += 500) {
    const rows = await prisma.user.findMany({
      where: { email: { in: emails.slice(i, i + 500) }, isActive: true },
      select: { id: true, email: true },
    });
    for (const row of rows) found.set(row.email, row.id);
  }
  return {
    ids: emails.flatMap((e) => (found.has(e) ? [found.get(e)!] : [])),
    missing: emails.filter((e) => !found.has(e)),
  };
}
