import { ed25519Multikey } from "./data-integrity.ts";
import { colonFingerprint } from "./x509.server.ts";
import { loadKeyring, type CertificateInfo, type Keyring, type KeyStatus } from "./keys.server.ts";

/**
 * The public half of the keyring, as one JSON document for a stable URL
 * (/.well-known/provenance-keys.json and /keys): anyone can check a record signature, a Verifiable
 * Credential or a PDF signature offline with it, without trusting our web server at check time.
 *
 * - `keys` is a JWK Set (RFC 7517): Ed25519 keys as OKP JWKs, with status/created/retired.
 * - `verificationMethod` gives the same keys as W3C Multikey entries whose ids
 *   (`<baseUrl>/keys#<kid>`) are what Verifiable Credential proofs name.
 * - `pdfSigning` lists every PDF signing certificate (current and retired) and the root, as PEM
 *   with SHA-256 fingerprints.
 */

export interface PublishedJwk {
  kty: "OKP";
  crv: "Ed25519";
  x: string;
  kid: string;
  use: "sig";
  alg: "EdDSA";
  status: KeyStatus;
  created: string;
  retired?: string;
}

export interface PublishedCertificate {
  id: string;
  status?: KeyStatus;
  created: string;
  retired?: string;
  rootId?: string;
  subject: string;
  issuer: string;
  serialNumber: string;
  notBefore: string;
  notAfter: string;
  /** Lower-case hex SHA-256 of the DER certificate. */
  sha256: string;
  /** The same, as certificate viewers show it (AB:CD:...). */
  sha256Fingerprint: string;
  pem: string;
}

export interface PublishedKeys {
  id: string;
  issuer: { id: string; name?: string };
  /** The latest key event (creation or retirement): changes only when the keyring does. */
  updated: string;
  keys: PublishedJwk[];
  verificationMethod: {
    id: string;
    type: "Multikey";
    controller: string;
    publicKeyMultibase: string;
    status: KeyStatus;
    created: string;
    retired?: string;
  }[];
  assertionMethod: string[];
  pdfSigning: { certificates: PublishedCertificate[]; roots: PublishedCertificate[] };
}

function base(baseUrl: string) {
  return baseUrl.replace(/\/+$/, "");
}

/** The URL of the published keys document (also its `id`). */
export function keysDocumentUrl(baseUrl: string): string {
  return `${base(baseUrl)}/keys`;
}

/** The id of a key as a Verifiable Credential's verificationMethod: `<baseUrl>/keys#<kid>`. */
export function verificationMethodId(baseUrl: string, kid: string): string {
  return `${keysDocumentUrl(baseUrl)}#${kid}`;
}

function certificate(info: CertificateInfo) {
  return {
    subject: info.subject,
    issuer: info.issuer,
    serialNumber: info.serialNumber,
    notBefore: info.notBefore,
    notAfter: info.notAfter,
    sha256: info.sha256,
    sha256Fingerprint: colonFingerprint(info.sha256),
    pem: info.pem,
  };
}

/** The published document for `keyring` (keys.server.ts's publishedKeys() uses this process's keyring). */
export function publishedKeysOf(
  keyring: Keyring,
  baseUrl: string,
  options: { issuerName?: string } = {}
): PublishedKeys {
  const controller = base(baseUrl);
  const dates = [...keyring.recordKeys, ...keyring.pdfKeys].flatMap((k) => [k.created, k.retired ?? k.created]);
  const optional = <T extends object>(value: T) => JSON.parse(JSON.stringify(value)) as T; // drop undefined
  return optional({
    id: keysDocumentUrl(baseUrl),
    issuer: { id: controller, name: options.issuerName },
    updated: dates.sort().at(-1)!,
    keys: keyring.recordKeys.map((k) => ({
      kty: "OKP" as const,
      crv: "Ed25519" as const,
      x: k.x,
      kid: k.kid,
      use: "sig" as const,
      alg: "EdDSA" as const,
      status: k.status,
      created: k.created,
      retired: k.retired,
    })),
    verificationMethod: keyring.recordKeys.map((k) => ({
      id: verificationMethodId(baseUrl, k.kid),
      type: "Multikey" as const,
      controller,
      publicKeyMultibase: ed25519Multikey(k.publicKey),
      status: k.status,
      created: k.created,
      retired: k.retired,
    })),
    assertionMethod: keyring.recordKeys.map((k) => verificationMethodId(baseUrl, k.kid)),
    pdfSigning: {
      certificates: keyring.pdfKeys.map((k) => ({
        id: k.id,
        status: k.status,
        created: k.created,
        retired: k.retired,
        rootId: k.rootId,
        ...certificate(k.certificate),
      })),
      roots: keyring.roots.map((r) => ({ id: r.id, created: r.created, ...certificate(r.certificate) })),
    },
  });
}

/** The published keys document of this process's keyring (served at /keys and /.well-known). */
export async function publishedKeys(baseUrl: string, options: { issuerName?: string } = {}): Promise<PublishedKeys> {
  return publishedKeysOf(await loadKeyring(), baseUrl, options);
}
