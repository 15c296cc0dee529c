import crypto, { type KeyObject } from "node:crypto";
import canonicalize from "canonicalize";
import { multibaseDecode, multibaseEncode } from "./base58.ts";

/**
 * W3C Data Integrity proofs with the eddsa-jcs-2022 cryptosuite (Data Integrity EdDSA
 * Cryptosuites v1.0, section 3.3): JCS (RFC 8785) instead of RDF canonicalisation, so no JSON-LD
 * processor and no remote contexts are needed to sign or verify. Pure functions over KeyObjects.
 */

export const CRYPTOSUITE = "eddsa-jcs-2022";

/** Multicodec prefix of an Ed25519 public key (0xed, varint-encoded as 0xed 0x01). */
const ED25519_PUB = [0xed, 0x01];

export interface DataIntegrityProof {
  type: "DataIntegrityProof";
  cryptosuite: typeof CRYPTOSUITE;
  created?: string;
  verificationMethod: string;
  proofPurpose: string;
  "@context"?: unknown;
  proofValue: string;
}

export type ProofFailure = "malformed" | "unsupported-proof" | "context-mismatch" | "bad-signature";

type Json = Record<string, unknown>;

/** The Multikey form of an Ed25519 public key: "z6Mk...". */
export function ed25519Multikey(publicKey: KeyObject): string {
  const raw = Buffer.from(publicKey.export({ format: "jwk" }).x!, "base64url");
  return multibaseEncode(Uint8Array.from([...ED25519_PUB, ...raw]));
}

export function publicKeyFromMultikey(multikey: string): KeyObject | undefined {
  const bytes = multibaseDecode(multikey);
  if (!bytes || bytes.length !== 34 || bytes[0] !== ED25519_PUB[0] || bytes[1] !== ED25519_PUB[1]) return undefined;
  const x = Buffer.from(bytes.subarray(2)).toString("base64url");
  return crypto.createPublicKey({ key: { kty: "OKP", crv: "Ed25519", x }, format: "jwk" });
}

function jcs(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new Error("Cannot canonicalise the document");
  return text;
}

const sha256 = (text: string) => crypto.createHash("sha256").update(text, "utf8").digest();

/** hashData = SHA-256(JCS(proofConfig)) || SHA-256(JCS(document)). */
function hashData(document: Json, proofConfig: Json): Buffer {
  return Buffer.concat([sha256(jcs(proofConfig)), sha256(jcs(document))]);
}

/** Add an eddsa-jcs-2022 proof to `document` (which must not already have one). */
export function createProof(
  document: Json,
  options: { verificationMethod: string; proofPurpose?: string; created?: Date },
  privateKey: KeyObject
): Json & { proof: DataIntegrityProof } {
  if ("proof" in document) throw new Error("The document already has a proof");
  const proofConfig: Omit<DataIntegrityProof, "proofValue"> = {
    type: "DataIntegrityProof",
    cryptosuite: CRYPTOSUITE,
    created: (options.created ?? new Date()).toISOString().replace(/\.\d{3}Z$/, "Z"),
    verificationMethod: options.verificationMethod,
    proofPurpose: options.proofPurpose ?? "assertionMethod",
  };
  if (document["@context"] !== undefined) proofConfig["@context"] = document["@context"];
  const signature = crypto.sign(null, hashData(document, proofConfig), privateKey);
  return { ...document, proof: { ...proofConfig, proofValue: multibaseEncode(signature) } };
}

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The proof of a secured document, if it is a single object with a string verificationMethod. */
export function readProof(securedDocument: unknown): Json | undefined {
  if (!isObject(securedDocument) || !isObject(securedDocument.proof)) return undefined;
  return securedDocument.proof;
}

/** Verify an eddsa-jcs-2022 proof with the given public key. Never throws. */
export function verifyProof(
  securedDocument: unknown,
  publicKey: KeyObject
): { valid: true } | { valid: false; reason: ProofFailure } {
  try {
    const proof = readProof(securedDocument);
    if (!proof || !isObject(securedDocument)) return { valid: false, reason: "malformed" };
    if (proof.type !== "DataIntegrityProof" || proof.cryptosuite !== CRYPTOSUITE)
      return { valid: false, reason: "unsupported-proof" };
    if (typeof proof.proofValue !== "string" || typeof proof.verificationMethod !== "string")
      return { valid: false, reason: "malformed" };
    const signature = multibaseDecode(proof.proofValue);
    if (!signature || signature.length !== 64) return { valid: false, reason: "malformed" };

    const { proofValue: _value, ...proofConfig } = proof;
    const { proof: _proof, ...document } = securedDocument;
    if (proofConfig["@context"] !== undefined) {
      // The document's @context must start with the proof's, in order; the proof's is what was signed.
      const expected = ([] as unknown[]).concat(proofConfig["@context"]);
      const actual = ([] as unknown[]).concat(document["@context"] ?? []);
      if (!expected.every((value, i) => jcs(value) === jcs(actual[i])))
        return { valid: false, reason: "context-mismatch" };
      document["@context"] = proofConfig["@context"];
    }
    const ok = crypto.verify(null, hashData(document, proofConfig), publicKey, signature);
    return ok ? { valid: true } : { valid: false, reason: "bad-signature" };
  } catch {
    return { valid: false, reason: "malformed" };
  }
}
