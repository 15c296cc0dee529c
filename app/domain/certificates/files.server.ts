import crypto from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { getFixedT } from "~/i18n/i18n.server.ts";
import type { Language } from "~/i18n/config.ts";
import { prisma } from "~/utils/db.server.ts";
import { env } from "~/utils/env.server.ts";
import { dataDir } from "~/utils/paths.server.ts";
import { signPdf } from "./crypto/pdf-signature.server.ts";
import { renderCertificate } from "./pdf/render.server.ts";
import type { CertificateRecord, CertificateView } from "./record.ts";
import { findRule } from "./rules.server.ts";

/** Signed PDFs are kept under DATA_DIR/certificates/<number>/<language>.pdf, made on issue or first download. */
export function certificateFilesDir(): string {
  return path.join(dataDir(), "certificates");
}

function fileOf(number: string, language: Language): string {
  return path.join(certificateFilesDir(), number, `${language}.pdf`);
}

export function verifyUrlOf(number: string): string {
  return `${env().appUrl}/verify/${number}`;
}

/** What the PDF shows for a stored certificate, in `language`: every fact comes from the signed record. */
async function viewOf(number: string, language: Language): Promise<CertificateView | null> {
  const row = await prisma.certificate.findUnique({
    where: { number },
    select: { record: true, signature: true, ruleId: true },
  });
  if (!row) return null;
  const record = JSON.parse(row.record) as CertificateRecord;
  const rule = findRule(row.ruleId);
  const courses = await prisma.course.findMany({
    where: { id: { in: record.programmes.map((p) => p.id) } },
    select: { id: true, titles: true },
  });
  const localTitle = (id: string, fallback: string) => {
    const titles = courses.find((c) => c.id === id)?.titles;
    return titles ? (JSON.parse(titles) as Record<string, string>)[language] ?? fallback : fallback;
  };
  const t = await getFixedT(language);
  return {
    language,
    template: rule?.template ?? "programme",
    holderName: record.holder.name,
    holderLatin: record.holder.latin,
    title: (rule?.title as Record<string, string> | undefined)?.[language] ?? record.credential.title,
    programmes: record.programmes.map((p) => ({
      title: localTitle(p.id, p.title),
      completedOn: new Date(`${p.completedOn}T00:00:00Z`),
    })),
    issuedOn: new Date(`${record.issuedOn}T00:00:00Z`),
    expiresOn: record.expiresOn ? new Date(`${record.expiresOn}T00:00:00Z`) : undefined,
    number: record.number,
    issuer: t("certificates:issuer", { defaultValue: record.issuer.name }),
    verifyUrl: verifyUrlOf(record.number),
    signature: row.signature,
    record: row.record,
  };
}

/** Render and sign the certificate's PDF in `language` and keep it (atomically: no half-written file). */
export async function writeCertificatePdf(number: string, language: Language): Promise<Uint8Array | null> {
  const view = await viewOf(number, language);
  if (!view) return null;
  const doc = await renderCertificate(view);
  const bytes = await signPdf(doc, { reason: view.title, name: view.issuer });
  const file = fileOf(number, language);
  await fs.mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${crypto.randomBytes(4).toString("hex")}.tmp`;
  await fs.writeFile(temporary, bytes);
  await fs.rename(temporary, file);
  return bytes;
}

/** The signed PDF of a certificate in `language`: the kept file, else made now. Null: no such certificate. */
export async function certificatePdf(number: string, language: Language): Promise<Uint8Array | null> {
  try {
    return await fs.readFile(fileOf(number, language));
  } catch {
    return writeCertificatePdf(number, language);
  }
}
