import crypto from "node:crypto";
import { pdflibAddPlaceholder } from "@signpdf/placeholder-pdf-lib";
import { SignPdf } from "@signpdf/signpdf";
import { Signer, SUBFILTER_ETSI_CADES_DETACHED } from "@signpdf/utils";
import type { PDFDocument } from "pdf-lib";
import type * as pkijs from "pkijs";
import { checkCms, createDetachedCms, parseCms, type CmsSigningIdentity } from "./cms.server.ts";
import { loadKeyring, type Keyring, type PdfSigningKey } from "./keys.server.ts";
import { certificateFromDer } from "./x509.server.ts";

/**
 * PAdES baseline B-B signatures on certificate PDFs, and the in-process check behind the public
 * "upload a PDF" verifier. See docs/decisions/019-certificate-signing.md.
 */

/** A @signpdf Signer producing our CAdES-detached CMS (see cms.server.ts). */
export class CadesSigner extends Signer {
  constructor(private readonly identity: CmsSigningIdentity) {
    super();
  }

  override async sign(pdfBuffer: Buffer): Promise<Buffer> {
    return createDetachedCms(pdfBuffer, this.identity);
  }
}

export interface PdfSignatureInfo {
  reason?: string;
  location?: string;
  contactInfo?: string;
  /** The signer's name shown by viewers; defaults to the college. */
  name?: string;
  /** Written to the signature dictionary's /M (the only signing time in PAdES B-B). */
  signingTime?: Date;
}

const DEFAULT_INFO = {
  reason: "Certificate issued and signed by Provenance IP Crime Investigators College",
  location: "",
  contactInfo: "",
  name: "Provenance IP Crime Investigators College",
};

/**
 * A PDF literal string's inner text for `value`: ASCII as is (with \ ( ) escaped), anything else as
 * UTF-16BE with a byte-order mark, byte by byte in octal escapes. pdf-lib's PDFString.of writes
 * its value verbatim between parentheses, so this keeps Arabic or accented text intact.
 */
export function pdfTextLiteral(value: string): string {
  if (/^[\x20-\x7e]*$/.test(value)) return value.replace(/[\\()]/g, "\\$&");
  const utf16 = Buffer.from(value, "utf16le").swap16();
  const bytes = Buffer.concat([Buffer.from([0xfe, 0xff]), utf16]);
  return [...bytes].map((b) => `\\${b.toString(8).padStart(3, "0")}`).join("");
}

function signingIdentity(keyring: Keyring): CmsSigningIdentity {
  const key = keyring.currentPdfKey;
  const root = keyring.roots.find((r) => r.id === key.rootId)!;
  return { certificate: key.certificate.der, chain: [root.certificate.der], privateKey: key.privateKey };
}

/** Bytes reserved for the CMS: both certificates plus generous room for the SignerInfo. */
function signatureLength(identity: CmsSigningIdentity): number {
  const certificates = [identity.certificate, ...identity.chain].reduce((n, der) => n + der.length, 0);
  return Math.ceil((certificates + 2048) / 512) * 512;
}

/**
 * Sign a pdf-lib document (PAdES B-B, ETSI.CAdES.detached) with the current PDF signing key.
 * Adds an invisible signature field to the first page, saves without object streams, and returns
 * the signed bytes. The document object is changed (it gains the signature field).
 */
export async function signPdf(doc: PDFDocument, info: PdfSignatureInfo = {}): Promise<Buffer> {
  const identity = signingIdentity(await loadKeyring());
  return signPdfWith(doc, identity, info);
}

/** signPdf with an explicit identity (tests sign with a foreign certificate through this). */
export async function signPdfWith(
  doc: PDFDocument,
  identity: CmsSigningIdentity,
  info: PdfSignatureInfo = {}
): Promise<Buffer> {
  const text = { ...DEFAULT_INFO, ...info };
  pdflibAddPlaceholder({
    pdfDoc: doc,
    reason: pdfTextLiteral(text.reason),
    location: pdfTextLiteral(text.location),
    contactInfo: pdfTextLiteral(text.contactInfo),
    name: pdfTextLiteral(text.name),
    signingTime: info.signingTime ?? new Date(),
    signatureLength: signatureLength(identity),
    subFilter: SUBFILTER_ETSI_CADES_DETACHED,
    appName: "Provenance",
  });
  const unsigned = await doc.save({ useObjectStreams: false, objectsPerTick: Infinity });
  return new SignPdf().sign(Buffer.from(unsigned), new CadesSigner(identity));
}

// ---------------------------------------------------------------------------------------------
// Verification

export type PdfSignatureVerdict =
  | {
      status: "valid";
      /** The published id of the signing certificate, e.g. pdf-2026-11-1a2b3c4d. */
      certificateId: string;
      /** SHA-256 of the signing certificate (lower-case hex), as published. */
      fingerprint: string;
      subject: string;
      keyStatus: PdfSigningKey["status"];
      /** The signature dictionary's /M as ISO 8601 (claimed by the signer; no timestamp in B-B). */
      signedAt?: string;
      subFilter?: string;
    }
  | {
      status: "unknown-signer";
      detail: string;
      signer: { subject: string; fingerprint: string };
      signedAt?: string;
      subFilter?: string;
    }
  | { status: "not-pdf" | "unsigned" | "modified" | "bad-signature"; detail: string };

const ascii = (bytes: Uint8Array, start: number, end: number) =>
  Buffer.from(bytes.buffer, bytes.byteOffset + start, Math.max(0, end - start)).toString("latin1");

/** "D:20261103101500Z" / "D:20261103101500+01'00'" → ISO 8601. */
export function parsePdfDate(value: string): string | undefined {
  const m = /^D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(?:(Z)|([+-])(\d{2})'?(\d{2})?'?)?/.exec(value);
  if (!m) return undefined;
  const [, y, mo = "01", d = "01", h = "00", mi = "00", s = "00", , sign, oh = "00", om = "00"] = m;
  const offset = sign ? `${sign}${oh}:${om}` : "Z";
  const date = new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}${offset}`);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

const candidatesCache = new WeakMap<Keyring, pkijs.Certificate[]>();
function ourCertificates(keyring: Keyring): pkijs.Certificate[] {
  let list = candidatesCache.get(keyring);
  if (!list) {
    list = keyring.pdfKeys.map((k) => certificateFromDer(k.certificate.der));
    candidatesCache.set(keyring, list);
  }
  return list;
}

function subjectOf(der: Uint8Array): string {
  try {
    const certificate = certificateFromDer(der);
    return certificate.subject.typesAndValues
      .map(
        (tv) =>
          `${{ "2.5.4.3": "CN", "2.5.4.10": "O", "2.5.4.6": "C" }[tv.type] ?? tv.type}=${tv.value.valueBlock.value}`
      )
      .reverse()
      .join(", ");
  } catch {
    return "(unreadable certificate)";
  }
}

const BYTE_RANGE = /^\/ByteRange\s*\[\s*(\d{1,12})\s+(\d{1,12})\s+(\d{1,12})\s+(\d{1,12})\s*\]/;

/**
 * Check a PDF's signature in process, from the raw bytes (no PDF parser): the last /ByteRange must
 * cover the whole file except exactly the /Contents hex string, the CMS must verify over those
 * bytes, and its signer must be one of our published signing certificates (current or retired).
 * Never throws on bad input (a keyring that cannot be loaded is a server error and does throw).
 */
export async function verifyPdf(bytes: Uint8Array): Promise<PdfSignatureVerdict> {
  const keyring = await loadKeyring();
  try {
    return inspect(bytes, keyring);
  } catch {
    return { status: "bad-signature", detail: "The signature could not be read" };
  }
}

function inspect(input: Uint8Array, keyring: Keyring): PdfSignatureVerdict {
  if (!(input instanceof Uint8Array)) return { status: "not-pdf", detail: "This file is not a PDF" };
  const bytes = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  if (bytes.length < 16 || bytes.subarray(0, 1024).indexOf("%PDF-") === -1)
    return { status: "not-pdf", detail: "This file is not a PDF" };

  const at = bytes.lastIndexOf("/ByteRange");
  if (at === -1) {
    if (bytes.lastIndexOf("%%EOF") === -1) return { status: "not-pdf", detail: "This PDF is incomplete" };
    return { status: "unsigned", detail: "This PDF has no digital signature" };
  }
  const match = BYTE_RANGE.exec(ascii(bytes, at, at + 80));
  if (!match) return { status: "modified", detail: "The signature's byte range is unreadable" };
  const [a, b, c, d] = match.slice(1, 5).map(Number) as [number, number, number, number];

  // The signed ranges must be [0, b) and [c, end of file), with exactly a hex string in between.
  if (a !== 0 || b <= 0 || c <= b + 1 || c + d !== bytes.length)
    return {
      status: "modified",
      detail:
        c + d < bytes.length
          ? "Bytes were added after the signature (an incremental update or appended data)"
          : "The signature does not cover the whole file",
    };
  if (bytes[b] !== 0x3c || bytes[c - 1] !== 0x3e)
    return { status: "modified", detail: "The unsigned gap is not the signature's /Contents" };
  const hex = ascii(bytes, b + 1, c - 1);
  if (!/^[0-9a-fA-F]*$/.test(hex) || hex.length % 2 !== 0)
    return { status: "modified", detail: "The unsigned gap is not the signature's /Contents" };

  // The signature dictionary around it: /M (signing time) and /SubFilter.
  const start = Math.max(0, bytes.lastIndexOf(" obj", at));
  const endObj = bytes.indexOf("endobj", c);
  const dictionary =
    ascii(bytes, start, b) + ascii(bytes, c, endObj === -1 ? Math.min(c + 4096, bytes.length) : endObj);
  const rawTime = /\/M\s*\((D:[^)]*)\)/.exec(dictionary)?.[1];
  const signedAt = rawTime ? parsePdfDate(rawTime) : undefined;
  const subFilter = /\/SubFilter\s*\/([A-Za-z0-9.#_-]+)/.exec(dictionary)?.[1];

  let cms;
  try {
    cms = parseCms(Buffer.from(hex, "hex"));
  } catch {
    return { status: "bad-signature", detail: "The signature is not a CMS SignedData" };
  }
  const signed = Buffer.concat([bytes.subarray(0, b), bytes.subarray(c)]);
  const check = checkCms(cms, signed, ourCertificates(keyring));
  if (!check.ok) {
    if (check.failure === "digest-mismatch")
      return { status: "modified", detail: "The document changed after it was signed" };
    return { status: "bad-signature", detail: check.detail };
  }

  const fingerprint = crypto.createHash("sha256").update(check.signerDer).digest("hex");
  const ours = keyring.pdfKeys.find((k) => k.certificate.sha256 === fingerprint);
  if (!ours)
    return {
      status: "unknown-signer",
      detail: "The signature is intact but was not made with a Provenance signing certificate",
      signer: { subject: subjectOf(check.signerDer), fingerprint },
      signedAt,
      subFilter,
    };
  return {
    status: "valid",
    certificateId: ours.id,
    fingerprint,
    subject: ours.certificate.subject,
    keyStatus: ours.status,
    signedAt,
    subFilter,
  };
}
