import type { Language } from "~/i18n/config.ts";
import { prisma } from "~/utils/db.server.ts";
import { verifyPdf } from "./crypto/pdf-signature.server.ts";
import { verifyRecord } from "./crypto/record-signature.server.ts";
import { parseNumber } from "./numbers.ts";
import { readEmbeddedRecord } from "./pdf/render.server.ts";
import type { CertificateRecord } from "./record.ts";
import { standingOf, type Standing } from "./rules.ts";
import { ruleTitle } from "./views.server.ts";

/** The largest PDF the public verifier reads (a certificate is about 30 KB). */
export const MAX_UPLOAD_BYTES = 2 * 1024 * 1024;

export interface PublicCertificate {
  number: string;
  standing: Standing;
  holder: { name: string; latin?: string };
  title: string;
  programmes: { title: string; completedOn: string }[];
  issuedOn: string;
  expiresOn: string | null;
  revokedOn: string | null;
  /** Only when the administrator chose to publish it. */
  revocationReason: string | null;
  supersededBy: string | null;
  /** Does the stored record still carry a valid Ed25519 signature by a published key? */
  recordSignatureValid: boolean;
  record: string;
  signature: string;
}

export type NumberVerdict =
  | { kind: "malformed"; reason: "format" | "check" }
  | { kind: "unknown"; number: string }
  | { kind: "found"; certificate: PublicCertificate };

async function publicCertificate(number: string, language: Language, now: Date): Promise<PublicCertificate | null> {
  const row = await prisma.certificate.findUnique({
    where: { number },
    select: {
      number: true,
      ruleId: true,
      status: true,
      record: true,
      signature: true,
      expiresAt: true,
      revokedAt: true,
      revocationReason: true,
      reasonPublic: true,
      supersededBy: { select: { number: true } },
    },
  });
  if (!row) return null;
  const record = JSON.parse(row.record) as CertificateRecord;
  const courses = await prisma.course.findMany({
    where: { id: { in: record.programmes.map((p) => p.id) } },
    select: { id: true, titles: true },
  });
  const title = (id: string, fallback: string) => {
    const titles = courses.find((c) => c.id === id)?.titles;
    return titles ? (JSON.parse(titles) as Record<string, string>)[language] ?? fallback : fallback;
  };
  const check = await verifyRecord(row.record, row.signature);
  return {
    number: row.number,
    standing: standingOf(row, now),
    holder: record.holder,
    title: ruleTitle(row.ruleId, language),
    programmes: record.programmes.map((p) => ({ title: title(p.id, p.title), completedOn: p.completedOn })),
    issuedOn: record.issuedOn,
    expiresOn: record.expiresOn ?? null,
    revokedOn: row.revokedAt?.toISOString().slice(0, 10) ?? null,
    revocationReason: row.reasonPublic ? row.revocationReason : null,
    supersededBy: row.supersededBy?.number ?? null,
    recordSignatureValid: check.valid,
    record: row.record,
    signature: row.signature,
  };
}

/** The verdict on a certificate number as someone typed or followed it. */
export async function verdictForNumber(input: string, language: Language, now = new Date()): Promise<NumberVerdict> {
  const parsed = parseNumber(input);
  if (!parsed.ok) return { kind: "malformed", reason: parsed.reason };
  const certificate = await publicCertificate(parsed.number, language, now);
  return certificate ? { kind: "found", certificate } : { kind: "unknown", number: parsed.number };
}

export type UploadVerdict =
  | { kind: "empty" }
  | { kind: "too-large" }
  | { kind: "not-pdf" }
  | { kind: "unsigned" }
  | { kind: "modified" }
  | { kind: "bad-signature" }
  | { kind: "unknown-signer" }
  /** Signed by us, unmodified, but without a valid embedded record: not a certificate of ours. */
  | { kind: "no-record" }
  /** Authentic and unmodified, but the college has no such certificate (or a different record for it). */
  | { kind: "not-on-register"; number: string }
  | { kind: "authentic"; certificate: PublicCertificate; signedAt: string | null };

/**
 * The verdict on an uploaded PDF: is it authentic (signed with one of the college's signing
 * certificates), unmodified since, carrying a valid signed record, and is that certificate current?
 */
export async function verdictForPdf(bytes: Uint8Array, language: Language, now = new Date()): Promise<UploadVerdict> {
  if (bytes.length === 0) return { kind: "empty" };
  if (bytes.length > MAX_UPLOAD_BYTES) return { kind: "too-large" };
  const signature = await verifyPdf(bytes);
  if (signature.status !== "valid") return { kind: signature.status };
  const embedded = await readEmbeddedRecord(bytes);
  if (!embedded) return { kind: "no-record" };
  const recordCheck = await verifyRecord(embedded.record, embedded.signature);
  if (!recordCheck.valid) return { kind: "no-record" };
  let number: string;
  try {
    number = (JSON.parse(embedded.record) as CertificateRecord).number;
  } catch {
    return { kind: "no-record" };
  }
  const certificate = await publicCertificate(number, language, now);
  if (!certificate || certificate.record !== embedded.record) return { kind: "not-on-register", number };
  return { kind: "authentic", certificate, signedAt: signature.signedAt ?? null };
}

/** An upload's outcome, including the answers for a missing or unreadable file. */
export type UploadOutcome = UploadVerdict | { kind: "missing" } | { kind: "bad-request" };
