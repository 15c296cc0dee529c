import type { CertificateRecord } from "../record.ts";
import { createProof, readProof, verifyProof, type DataIntegrityProof, type ProofFailure } from "./data-integrity.ts";
import { findRecordKey, loadKeyring } from "./keys.server.ts";
import { keysDocumentUrl, verificationMethodId } from "./published-keys.server.ts";

/**
 * Certificates as Open Badges 3.0 credentials (W3C Verifiable Credentials Data Model 2.0), secured
 * with a Data Integrity proof using the eddsa-jcs-2022 cryptosuite and the record-signing Ed25519
 * key. The proof's verificationMethod is `<baseUrl>/keys#<kid>`, resolvable in the published keys
 * document (a Multikey entry). No DID is involved.
 *
 * credentialStatus: 1EdTech's revocation list types describe lists; we have one JSON endpoint per
 * certificate instead, so the status entry is a custom type, "ProvenanceCertificateStatus", whose
 * id is `<baseUrl>/api/verify/<number>`: fetch it for the certificate's current state.
 */

export const VC_CONTEXTS = [
  "https://www.w3.org/ns/credentials/v2",
  "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
] as const;

export const CREDENTIAL_STATUS_TYPE = "ProvenanceCertificateStatus";

export interface CredentialOptions {
  /** The site's public base URL, e.g. https://provenance.example (no trailing slash needed). */
  baseUrl: string;
  /** BCP 47 language of the text fields (title, description, narrative); default "en". */
  language?: string;
  /** The credential's title in `language`; default record.credential.title (English). */
  title?: string;
  achievementDescription?: string;
  /** Criteria narrative (Markdown); default: the completed programmes, one per line. */
  criteriaNarrative?: string;
  /** The achievement's URI; default `urn:provenance:achievement:<credential id>` (a name, not a page). */
  achievementId?: string;
  /** The proof's creation time; default now. */
  created?: Date;
}

export interface OpenBadgeCredential {
  "@context": string[];
  id: string;
  type: ["VerifiableCredential", "OpenBadgeCredential"];
  name: string;
  issuer: { id: string; type: ["Profile"]; name: string; url: string };
  validFrom: string;
  validUntil?: string;
  awardedDate: string;
  credentialSubject: {
    type: ["AchievementSubject"];
    name: string;
    identifier: { type: "IdentityObject"; identityType: "name"; hashed: false; identityHash: string }[];
    achievement: {
      id: string;
      type: ["Achievement"];
      name: string;
      description: string;
      criteria: { narrative: string };
      inLanguage: string;
    };
  };
  credentialStatus: { id: string; type: typeof CREDENTIAL_STATUS_TYPE };
  proof: DataIntegrityProof;
}

const base = (url: string) => url.replace(/\/+$/, "");

/** A YYYY-MM-DD date as the dateTime it starts (UTC). */
const startOfDay = (date: string) => `${date}T00:00:00Z`;

export function credentialUrl(baseUrl: string, number: string): string {
  return `${base(baseUrl)}/verify/${encodeURIComponent(number)}`;
}

/** Build and sign the Open Badges 3.0 credential of a certificate record. */
export async function buildCredential(
  record: CertificateRecord,
  opts: CredentialOptions
): Promise<OpenBadgeCredential> {
  const keyring = await loadKeyring();
  const key = keyring.currentRecordKey;
  const root = base(opts.baseUrl);
  const title = opts.title ?? record.credential.title;
  const narrative =
    opts.criteriaNarrative ??
    [
      "Completed every programme this credential requires:",
      "",
      ...record.programmes.map((p) => `- ${p.title} (completed ${p.completedOn})`),
    ].join("\n");
  const unsigned: Omit<OpenBadgeCredential, "proof"> = {
    "@context": [...VC_CONTEXTS],
    id: credentialUrl(root, record.number),
    type: ["VerifiableCredential", "OpenBadgeCredential"],
    name: title,
    issuer: { id: root, type: ["Profile"], name: record.issuer.name, url: record.issuer.url },
    validFrom: startOfDay(record.issuedOn),
    ...(record.expiresOn ? { validUntil: startOfDay(record.expiresOn) } : {}),
    awardedDate: startOfDay(record.issuedOn),
    credentialSubject: {
      type: ["AchievementSubject"],
      name: record.holder.name,
      identifier: [{ type: "IdentityObject", identityType: "name", hashed: false, identityHash: record.holder.name }],
      achievement: {
        id: opts.achievementId ?? `urn:provenance:achievement:${encodeURIComponent(record.credential.id)}`,
        type: ["Achievement"],
        name: title,
        description:
          opts.achievementDescription ??
          `${record.credential.title}, awarded by ${record.issuer.name} on completion of the programmes listed in its criteria.`,
        criteria: { narrative },
        inLanguage: opts.language ?? "en",
      },
    },
    credentialStatus: { id: `${root}/api/verify/${encodeURIComponent(record.number)}`, type: CREDENTIAL_STATUS_TYPE },
  };
  const signed = createProof(
    unsigned as unknown as Record<string, unknown>,
    { verificationMethod: verificationMethodId(root, key.kid), proofPurpose: "assertionMethod", created: opts.created },
    key.privateKey
  );
  return signed as unknown as OpenBadgeCredential;
}

export type CredentialVerdict =
  | { valid: true; keyId: string }
  | { valid: false; keyId?: string; reason: ProofFailure | "unknown-key" | "wrong-purpose" | "wrong-issuer" };

/**
 * Check a credential's eddsa-jcs-2022 proof with our keys (current or retired). With `baseUrl`, the
 * verificationMethod must also be `<baseUrl>/keys#<kid>`. This checks integrity and origin only:
 * validity dates and revocation are the verification endpoint's business. Never throws.
 */
export async function verifyCredential(vc: unknown, opts: { baseUrl?: string } = {}): Promise<CredentialVerdict> {
  const proof = readProof(vc);
  if (!proof || typeof proof.verificationMethod !== "string") return { valid: false, reason: "malformed" };
  const method = proof.verificationMethod;
  const hash = method.lastIndexOf("#");
  if (hash === -1) return { valid: false, reason: "unknown-key" };
  const keyId = method.slice(hash + 1);
  if (opts.baseUrl && method.slice(0, hash) !== keysDocumentUrl(opts.baseUrl))
    return { valid: false, keyId, reason: "wrong-issuer" };
  if (proof.proofPurpose !== "assertionMethod") return { valid: false, keyId, reason: "wrong-purpose" };
  // The specification lets a document's @context extend the proof's; ours never do, and an appended
  // context could redefine terms, so our own credentials must carry exactly the signed contexts.
  if (JSON.stringify((vc as { "@context"?: unknown })["@context"]) !== JSON.stringify(proof["@context"]))
    return { valid: false, keyId, reason: "context-mismatch" };
  const key = findRecordKey(await loadKeyring(), keyId);
  if (!key) return { valid: false, keyId, reason: "unknown-key" };
  const result = verifyProof(vc, key.publicKey);
  return result.valid ? { valid: true, keyId } : { valid: false, keyId, reason: result.reason };
}
