import crypto from "node:crypto";
import { canonicalRecord, type CertificateRecord } from "../record.ts";
import { findRecordKey, loadKeyring } from "./keys.server.ts";

/**
 * Ed25519 signatures over certificate records. The signed bytes are the UTF-8 of the record's
 * RFC 8785 canonical JSON; the compact form is "<keyId>.<base64url signature>", printed on the PDF
 * and served with the record, checkable offline against the published keys.
 */

export type RecordVerdict =
  | { valid: true; keyId: string }
  | { valid: false; keyId?: string; reason: "unknown-key" | "bad-signature" | "malformed" | "key-mismatch" };

/** The id of the key that signs new records: build the record with it, then sign. */
export async function currentRecordKeyId(): Promise<string> {
  return (await loadKeyring()).currentRecordKey.kid;
}

/** Sign a record with the current key; `record.keyId` must name that key. */
export async function signRecord(record: CertificateRecord): Promise<string> {
  const key = (await loadKeyring()).currentRecordKey;
  if (record.keyId !== key.kid)
    throw new Error(`The record names key ${record.keyId}, but the current signing key is ${key.kid}`);
  const signature = crypto.sign(null, Buffer.from(canonicalRecord(record), "utf8"), key.privateKey);
  return `${key.kid}.${signature.toString("base64url")}`;
}

const COMPACT = /^([A-Za-z0-9_-]{1,100})\.([A-Za-z0-9_-]{86})$/;

/** Split a compact signature; undefined unless it is "<keyId>.<86 base64url chars = 64 bytes>". */
export function parseCompactSignature(compact: unknown): { keyId: string; signature: Buffer } | undefined {
  if (typeof compact !== "string") return undefined;
  const match = COMPACT.exec(compact);
  if (!match) return undefined;
  const signature = Buffer.from(match[2]!, "base64url");
  // Reject non-canonical encodings (stray bits in the last character).
  if (signature.length !== 64 || signature.toString("base64url") !== match[2]) return undefined;
  return { keyId: match[1]!, signature };
}

/**
 * Verify a compact signature over a record (object, or its canonical JSON exactly as signed)
 * with any published key, current or retired. Never throws.
 */
export async function verifyRecord(record: CertificateRecord | string, compact: string): Promise<RecordVerdict> {
  const parsed = parseCompactSignature(compact);
  if (!parsed) return { valid: false, reason: "malformed" };
  const { keyId, signature } = parsed;
  let canonical: string;
  let recordKeyId: unknown;
  try {
    if (typeof record === "string") {
      canonical = record;
      recordKeyId = (JSON.parse(record) as { keyId?: unknown } | null)?.keyId;
    } else {
      canonical = canonicalRecord(record);
      recordKeyId = record.keyId;
    }
  } catch {
    return { valid: false, keyId, reason: "malformed" };
  }
  if (recordKeyId !== keyId) return { valid: false, keyId, reason: "key-mismatch" };
  const key = findRecordKey(await loadKeyring(), keyId);
  if (!key) return { valid: false, keyId, reason: "unknown-key" };
  const ok = crypto.verify(null, Buffer.from(canonical, "utf8"), key.publicKey, signature);
  return ok ? { valid: true, keyId } : { valid: false, keyId, reason: "bad-signature" };
}
