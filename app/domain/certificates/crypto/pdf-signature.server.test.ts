import { spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import * as asn1js from "asn1js";
import { PDFDocument } from "pdf-lib";
import { afterAll, describe, expect, test } from "vitest";
import { CMS_OID, createDetachedCms, parseCms } from "./cms.server.ts";
import { loadKeyring, rotateKeys } from "./keys.server.ts";
import { signPdf, signPdfWith, verifyPdf, parsePdfDate, pdfTextLiteral } from "./pdf-signature.server.ts";
import { makePdf, withTemporaryDataDir } from "../../../../tests/factories/certificate-keys.ts";
import { generateRootCertificate, generateSigningCertificate } from "./x509.server.ts";

withTemporaryDataDir();
const work = fs.mkdtempSync(path.join(os.tmpdir(), "provenance-pdfsig-"));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

/** Run pdfsig on the bytes; a missing pdfsig fails the test (never skips). */
function pdfsig(bytes: Uint8Array, name: string): string {
  const file = path.join(work, `${name}.pdf`);
  fs.writeFileSync(file, bytes);
  const result = spawnSync("pdfsig", [file], { encoding: "utf8" });
  if (result.error && (result.error as NodeJS.ErrnoException).code === "ENOENT")
    throw new Error("pdfsig is not installed: install poppler-utils (apt-get install poppler-utils) to run this test");
  if (result.error) throw result.error;
  return `${result.stdout}${result.stderr}`;
}

function pdftotext(bytes: Uint8Array, name: string): string {
  const file = path.join(work, `${name}.txt.pdf`);
  fs.writeFileSync(file, bytes);
  return spawnSync("pdftotext", [file, "-"], { encoding: "utf8" }).stdout;
}

function byteRange(bytes: Buffer): [number, number, number, number] {
  const text = bytes.toString("latin1");
  const all = [...text.matchAll(/\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g)];
  return all.at(-1)!.slice(1, 5).map(Number) as [number, number, number, number];
}

function contentsOf(bytes: Buffer): Buffer {
  const [, b, c] = byteRange(bytes);
  return Buffer.from(bytes.subarray(b + 1, c - 1).toString("latin1"), "hex");
}

/** Change one hex digit of the drawn text (pdf-lib writes it as <hex> Tj) inside the signed bytes. */
function changeTextByte(signed: Buffer, text: string): Buffer {
  const hex = Buffer.from(text, "latin1").toString("hex").toUpperCase();
  const at = signed.indexOf(hex);
  expect(at).toBeGreaterThan(0);
  const [, b] = byteRange(signed);
  expect(at + hex.length).toBeLessThan(b); // inside the first signed range, not in /Contents
  const copy = Buffer.from(signed);
  copy[at + 1] = copy[at + 1] === 0x33 ? 0x34 : 0x33; // "C" 0x43 -> 0x44 "D" (or back)
  return copy;
}

const TEXT = "Certificate of Completion";

describe("signPdf: PAdES B-B that pdfsig accepts", () => {
  test("pdfsig reports the signature valid, ETSI.CAdES.detached, whole document", async () => {
    const signed = await signPdf(await makePdf(TEXT), { reason: "Certificate PRV-2026-7K3M-Q9XD" });
    expect(signed.subarray(0, 5).toString()).toBe("%PDF-");
    const out = pdfsig(signed, "valid");
    expect(out).toContain("Signature is Valid.");
    expect(out).toContain("ETSI.CAdES.detached");
    expect(out).toContain("Total document signed");
    expect(out).toContain("Provenance Certificate Signing");
    expect(out).toContain("SHA-256");
    expect(pdftotext(signed, "valid")).toContain(TEXT);
  });

  test("one changed byte in the signed content: pdfsig no longer reports it valid", async () => {
    const signed = await signPdf(await makePdf(TEXT));
    const changed = changeTextByte(signed, TEXT);
    expect(pdftotext(changed, "changed")).toContain("Dertificate of Completion"); // the reader sees the change
    const out = pdfsig(changed, "changed");
    expect(out).not.toContain("Signature is Valid.");
    expect(out).toContain("Digest Mismatch");
  });

  test("the CMS has exactly contentType, messageDigest and signingCertificateV2 (no signingTime)", async () => {
    const keyring = await loadKeyring();
    const signed = await signPdf(await makePdf(TEXT));
    const cms = parseCms(contentsOf(signed));
    expect(cms.attributeTypes.sort()).toEqual(
      [CMS_OID.contentType, CMS_OID.messageDigest, CMS_OID.signingCertificateV2].sort()
    );
    expect(cms.attributeTypes).not.toContain(CMS_OID.signingTime);
    expect(cms.signerInfo.unsignedAttrs).toBeUndefined();
    expect(cms.signerInfo.digestAlgorithm.algorithmId).toBe(CMS_OID.sha256);
    expect(cms.signerInfo.signatureAlgorithm.algorithmId).toBe(CMS_OID.ecdsaWithSHA256);

    // messageDigest = SHA-256 of the signed ranges
    const [a, b, c, d] = byteRange(signed);
    const digest = crypto
      .createHash("sha256")
      .update(Buffer.concat([signed.subarray(a, a + b), signed.subarray(c, c + d)]))
      .digest();
    const md = cms.attributes.get(CMS_OID.messageDigest) as asn1js.OctetString;
    expect(Buffer.from(md.valueBlock.valueHexView).equals(digest)).toBe(true);

    // ESS signing-certificate-v2: certHash = SHA-256(signing certificate), issuerSerial = its issuer + serial
    const ess = cms.attributes.get(CMS_OID.signingCertificateV2) as asn1js.Sequence;
    const certId = ((ess.valueBlock.value[0] as asn1js.Sequence).valueBlock.value[0] as asn1js.Sequence).valueBlock
      .value;
    expect(certId).toHaveLength(2); // hashAlgorithm omitted (DEFAULT sha256)
    const certHash = Buffer.from((certId[0] as asn1js.OctetString).valueBlock.valueHexView).toString("hex");
    expect(certHash).toBe(keyring.currentPdfKey.certificate.sha256);
    const issuerSerial = (certId[1] as asn1js.Sequence).valueBlock.value;
    const serial = Buffer.from((issuerSerial[1] as asn1js.Integer).valueBlock.valueHexView).toString("hex");
    expect(serial).toBe(keyring.currentPdfKey.certificate.serialNumber);

    // Both certificates are included: the signing certificate and the root.
    const included = cms.certificates.map((c) =>
      crypto
        .createHash("sha256")
        .update(Buffer.from(c.toSchema().toBER(false)))
        .digest("hex")
    );
    expect(included).toEqual([keyring.currentPdfKey.certificate.sha256, keyring.roots[0]!.certificate.sha256]);
  });

  test("signing info: /M is the signing time, reason and names may be any script", async () => {
    const at = new Date("2026-11-02T10:15:30Z");
    const signed = await signPdf(await makePdf(TEXT), { reason: "Certificat délivré — شهادة (v2)", signingTime: at });
    const verdict = await verifyPdf(signed);
    expect(verdict).toMatchObject({ status: "valid", signedAt: at.toISOString(), subFilter: "ETSI.CAdES.detached" });
    const out = pdfsig(signed, "unicode");
    expect(out).toContain("Signature is Valid.");
    expect(out).toContain("Nov 02 2026");
    expect(pdfTextLiteral("a(b)\\c")).toBe("a\\(b\\)\\\\c");
    expect(pdfTextLiteral("é")).toBe("\\376\\377\\000\\351");
  });
});

describe("verifyPdf", () => {
  test("valid, with the certificate id, fingerprint and signing time", async () => {
    const keyring = await loadKeyring();
    const signed = await signPdf(await makePdf(TEXT));
    const verdict = await verifyPdf(signed);
    expect(verdict).toMatchObject({
      status: "valid",
      certificateId: keyring.currentPdfKey.id,
      fingerprint: keyring.currentPdfKey.certificate.sha256,
      keyStatus: "current",
      subject: "CN=Provenance Certificate Signing, O=Provenance IP Crime Investigators College",
    });
    expect(verdict.status === "valid" && Date.now() - Date.parse(verdict.signedAt!)).toBeLessThan(60_000);
    expect((await verifyPdf(new Uint8Array(signed))).status).toBe("valid"); // any Uint8Array
  });

  test("a changed byte is modified", async () => {
    const signed = await signPdf(await makePdf(TEXT));
    expect(await verifyPdf(changeTextByte(signed, TEXT))).toMatchObject({ status: "modified" });
    // A change in the second signed range (after /Contents) too.
    const copy = Buffer.from(signed);
    const at = copy.lastIndexOf("/Root");
    copy[at + 2] = "r".charCodeAt(0) === copy[at + 2] ? "R".charCodeAt(0) : "r".charCodeAt(0);
    expect(await verifyPdf(copy)).toMatchObject({ status: "modified" });
  });

  test("appended bytes or an incremental update after the signature are modified", async () => {
    const signed = await signPdf(await makePdf(TEXT));
    const appended = Buffer.concat([signed, Buffer.from("\n")]);
    expect(await verifyPdf(appended)).toMatchObject({ status: "modified" });
    expect(pdfsig(appended, "appended")).toContain("Not total document signed"); // pdfsig: valid, but partial

    // A real incremental update: pdf-lib cannot append, so write one by hand (a new Info dictionary).
    const startxref = Number(/startxref\s+(\d+)/.exec(signed.toString("latin1").slice(-64))![1]);
    const size = Number(/\/Size (\d+)/.exec(signed.toString("latin1"))![1]);
    const root = /\/Root (\d+ 0 R)/.exec(signed.toString("latin1"))![1];
    const object = `${size} 0 obj\n<< /Title (Forged) >>\nendobj\n`;
    const xrefAt = signed.length + 1 + object.length;
    const update =
      `\n${object}xref\n${size} 1\n${String(signed.length + 1).padStart(10, "0")} 00000 n \n` +
      `trailer\n<< /Size ${
        size + 1
      } /Root ${root} /Info ${size} 0 R /Prev ${startxref} >>\nstartxref\n${xrefAt}\n%%EOF\n`;
    const updated = Buffer.concat([signed, Buffer.from(update, "latin1")]);
    expect(await verifyPdf(updated)).toMatchObject({ status: "modified" });
  });

  test("tampered /Contents or ByteRange: bad-signature or modified, never valid", async () => {
    const signed = await signPdf(await makePdf(TEXT));
    const [, b, c] = byteRange(signed);
    const der = contentsOf(signed);
    const cmsLength = asn1js.fromBER(new Uint8Array(der)).offset;
    // Flip the last byte of the CMS (inside the ECDSA signature value).
    const flipped = Buffer.from(signed);
    const hexAt = b + 1 + (cmsLength - 1) * 2;
    flipped[hexAt] = flipped[hexAt] === 0x30 ? 0x31 : 0x30;
    expect(await verifyPdf(flipped)).toMatchObject({ status: "bad-signature" });
    // Junk in /Contents
    const junk = Buffer.from(signed);
    junk.fill("a", b + 1, c - 1);
    expect(await verifyPdf(junk)).toMatchObject({ status: "bad-signature" });
    // A non-hex character in the gap
    const gap = Buffer.from(signed);
    gap[c - 3] = "x".charCodeAt(0);
    expect(await verifyPdf(gap)).toMatchObject({ status: "modified" });
    // A ByteRange that leaves more than /Contents unsigned
    const text = signed.toString("latin1");
    const shifted = Buffer.from(text.replace(`/ByteRange [0 ${b} ${c} `, `/ByteRange [0 ${b - 10} ${c} `), "latin1");
    expect(await verifyPdf(shifted)).toMatchObject({ status: "modified" });
    const huge = Buffer.from(
      text.replace(/\/ByteRange \[0 \d+ \d+ \d+\]/, "/ByteRange [0 999999999999 1 2]"),
      "latin1"
    );
    expect((await verifyPdf(huge)).status).not.toBe("valid");
  });

  test("signed with a foreign certificate and key (even with our names): unknown-signer", async () => {
    const root = await generateRootCertificate();
    const leaf = await generateSigningCertificate(root);
    const signed = await signPdfWith(await makePdf(TEXT), {
      certificate: leaf.der,
      chain: [root.der],
      privateKey: crypto.createPrivateKey(leaf.privateKeyPem),
    });
    expect(pdfsig(signed, "foreign")).toContain("Signature is Valid."); // cryptographically fine...
    const verdict = await verifyPdf(signed);
    expect(verdict).toMatchObject({ status: "unknown-signer" }); // ...but not ours
    expect(verdict.status === "unknown-signer" && verdict.signer.subject).toContain("Provenance Certificate Signing");
  });

  test("our certificate with someone else's (RSA) key: bad-signature", async () => {
    const { privateKey } = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 });
    const ours = await loadKeyring();
    // Our certificate with someone else's RSA key: the signature cannot verify against it.
    const signed = await signPdfWith(await makePdf(TEXT), {
      certificate: ours.currentPdfKey.certificate.der,
      chain: [],
      privateKey,
    });
    expect(await verifyPdf(signed)).toMatchObject({ status: "bad-signature" });
  });

  test("not a PDF: junk, a PNG, empty, a truncated header", async () => {
    const png = Buffer.from(
      "89504e470d0a1a0a0000000d4948445200000001000000010806000000" +
        "1f15c4890000000d49444154789c6360000002000154a24f5b0000000049454e44ae426082",
      "hex"
    );
    for (const bytes of [
      crypto.randomBytes(4096),
      png,
      new Uint8Array(0),
      Buffer.from("%PDF-"),
      Buffer.from("%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\n"),
      Buffer.from("GIF89a".repeat(100)),
    ])
      expect(await verifyPdf(bytes)).toMatchObject({ status: "not-pdf" });
    expect(await verifyPdf(null as unknown as Uint8Array)).toMatchObject({ status: "not-pdf" });
  });

  test("an unsigned PDF is unsigned", async () => {
    const bytes = await (await makePdf(TEXT)).save();
    expect(await verifyPdf(bytes)).toMatchObject({ status: "unsigned" });
    const loaded = await PDFDocument.load(bytes);
    expect(await verifyPdf(await loaded.save({ useObjectStreams: true }))).toMatchObject({ status: "unsigned" });
  });

  test("a PDF signed before a rotation still verifies, as signed by a retired certificate", async () => {
    const before = await loadKeyring();
    const signed = await signPdf(await makePdf(TEXT));
    await rotateKeys({ pdf: true });
    const after = await loadKeyring();
    expect(after.currentPdfKey.id).not.toBe(before.currentPdfKey.id);
    expect(await verifyPdf(signed)).toMatchObject({
      status: "valid",
      certificateId: before.currentPdfKey.id,
      keyStatus: "retired",
    });
    const fresh = await signPdf(await makePdf(TEXT));
    expect(await verifyPdf(fresh)).toMatchObject({ status: "valid", certificateId: after.currentPdfKey.id });
    expect(pdfsig(fresh, "rotated")).toContain("Signature is Valid.");
  });

  test("PDF dates", () => {
    expect(parsePdfDate("D:20261102101530Z")).toBe("2026-11-02T10:15:30.000Z");
    expect(parsePdfDate("D:20261102101530+01'00'")).toBe("2026-11-02T09:15:30.000Z");
    expect(parsePdfDate("D:2026")).toBe("2026-01-01T00:00:00.000Z");
    expect(parsePdfDate("yesterday")).toBeUndefined();
  });
});

describe("cost", () => {
  test("a PDF signature costs a few milliseconds", async () => {
    const keyring = await loadKeyring();
    const root = keyring.roots.find((r) => r.id === keyring.currentPdfKey.rootId)!;
    const identity = {
      certificate: keyring.currentPdfKey.certificate.der,
      chain: [root.certificate.der],
      privateKey: keyring.currentPdfKey.privateKey,
    };
    const content = crypto.randomBytes(30_000); // about a certificate PDF
    createDetachedCms(content, identity);
    const n = 500;
    let start = performance.now();
    for (let i = 0; i < n; i++) createDetachedCms(content, identity);
    const cms = (performance.now() - start) / n;

    // The whole of signPdf on a small one-page document: placeholder + save + ByteRange + CMS.
    const docs = await Promise.all(Array.from({ length: 50 }, () => makePdf(TEXT)));
    await signPdf(await makePdf(TEXT));
    start = performance.now();
    for (const doc of docs) await signPdf(doc);
    const whole = (performance.now() - start) / docs.length;

    // Verification, for the upload page.
    const signed = await signPdf(await makePdf(TEXT));
    start = performance.now();
    for (let i = 0; i < 100; i++) await verifyPdf(signed);
    const verify = (performance.now() - start) / 100;
    console.log(
      `PDF signature: ${cms.toFixed(2)} ms/CMS (n=${n}); signPdf total ${whole.toFixed(2)} ms/PDF (n=${
        docs.length
      }); ` + `verifyPdf ${verify.toFixed(2)} ms`
    );
    expect(cms).toBeLessThan(10);
    expect(whole).toBeLessThan(50);
  }, 60_000);
});
