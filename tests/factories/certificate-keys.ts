import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PDFContentStream, PDFDocument, PDFName, StandardFonts } from "pdf-lib";
import { afterAll, beforeAll } from "vitest";
import type { CertificateRecord } from "~/domain/certificates/record.ts";
import { resetKeyringCache } from "~/domain/certificates/crypto/keys.server.ts";

/** Test support (not a test file): a keyring in a fresh temporary DATA_DIR for this test file. */
export function withTemporaryDataDir(): { dir: () => string } {
  let dir = "";
  const saved = { data: process.env.DATA_DIR, keys: process.env.CERTIFICATE_KEYS_DIR };
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "provenance-keys-"));
    process.env.DATA_DIR = dir;
    delete process.env.CERTIFICATE_KEYS_DIR;
    resetKeyringCache();
  });
  afterAll(() => {
    process.env.DATA_DIR = saved.data;
    if (saved.keys === undefined) delete process.env.CERTIFICATE_KEYS_DIR;
    else process.env.CERTIFICATE_KEYS_DIR = saved.keys;
    resetKeyringCache();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return { dir: () => dir };
}

export function sampleRecord(keyId: string, overrides: Partial<CertificateRecord> = {}): CertificateRecord {
  return {
    type: "ProvenanceCertificate",
    version: 1,
    number: "PRV-2026-7K3M-Q9XD",
    holder: { name: "Layla Haddad ليلى حداد", latin: "Layla Haddad" },
    credential: { id: "ip-crime-investigator-certified", title: "Certified IP Crime Investigator" },
    programmes: [
      { id: "counterfeit-goods", title: "Counterfeit Goods Investigation", completedOn: "2026-09-14" },
      { id: "digital-piracy", title: "Digital Piracy and Online Infringement", completedOn: "2026-10-30" },
    ],
    issuedOn: "2026-11-02",
    expiresOn: "2029-11-02",
    issuer: { name: "Provenance IP Crime Investigators College", url: "https://provenance.example" },
    keyId,
    ...overrides,
  };
}

/**
 * A one-page PDF with `text` in Helvetica. Content streams are left uncompressed so a test can
 * find and change the text's bytes (pdf-lib writes the string as hex, e.g. <48656C6C6F>).
 */
export async function makePdf(text = "Certificate of Completion"): Promise<PDFDocument> {
  const doc = await PDFDocument.create();
  doc.setTitle("Test certificate");
  const page = doc.addPage([420, 297]);
  page.drawText(text, { x: 40, y: 150, size: 20, font: await doc.embedFont(StandardFonts.Helvetica) });
  for (const [, object] of doc.context.enumerateIndirectObjects())
    if (object instanceof PDFContentStream) {
      (object as unknown as { encode: boolean }).encode = false;
      object.dict.delete(PDFName.of("Filter"));
    }
  return doc;
}
