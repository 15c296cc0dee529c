import canonicalize from "canonicalize";
import type { Language } from "~/i18n/config.ts";

/**
 * The facts a certificate attests, exactly as signed. The canonical form (RFC 8785, JSON
 * Canonicalization Scheme) of this object is what the Ed25519 signature covers; it is embedded in
 * the PDF's metadata and served by the verification endpoint, so anyone can re-check it offline
 * with the published public key. Optional fields are omitted, never null.
 */
export interface CertificateRecord {
  type: "ProvenanceCertificate";
  version: 1;
  /** The unique, public certificate number, e.g. PRV-2026-7K3M-Q9XD. */
  number: string;
  holder: {
    /** The holder's name exactly as registered, in their own script. */
    name: string;
    /** The Latin transliteration, where the holder gave one. */
    latin?: string;
  };
  credential: {
    /** The certification rule's id, e.g. "ip-crime-investigator-certified". */
    id: string;
    /** Its English title (the PDF and pages show it in the reader's language). */
    title: string;
  };
  programmes: { id: string; title: string; completedOn: string /* YYYY-MM-DD */ }[];
  issuedOn: string; // YYYY-MM-DD
  expiresOn?: string; // YYYY-MM-DD
  issuer: { name: string; url: string };
  /** The id of the Ed25519 key that signs this record (published with its public key). */
  keyId: string;
}

/** Drop undefined members so the canonical form never depends on how the object was built. */
function clean<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** RFC 8785 canonical JSON of a record: the exact bytes (UTF-8) that are signed. */
export function canonicalRecord(record: CertificateRecord): string {
  const text = canonicalize(clean(record));
  if (text === undefined) throw new Error("A certificate record cannot be canonicalised");
  return text;
}

/** What the PDF shows, already in the certificate's language (titles, issuer) and with raw dates. */
export interface CertificateView {
  language: Language;
  /** Template id under certificates/templates/, e.g. "programme" or "certification". */
  template: string;
  holderName: string;
  holderLatin?: string;
  /** The credential's title in `language`. */
  title: string;
  programmes: { title: string; completedOn: Date }[];
  issuedOn: Date;
  expiresOn?: Date;
  number: string;
  /** The issuer's name in `language`. */
  issuer: string;
  /** The public verification page, encoded in the QR code and printed beneath it. */
  verifyUrl: string;
  /** The compact Ed25519 signature ("<keyId>.<base64url signature>"), printed in small type. */
  signature: string;
  /** The canonical JSON record, embedded in the PDF's metadata beside the signature. */
  record: string;
}
