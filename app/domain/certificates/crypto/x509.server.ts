import crypto, { webcrypto } from "node:crypto";
import * as asn1js from "asn1js";
import * as pkijs from "pkijs";

/**
 * X.509 for the PDF-signing identity, built with pkijs on Node's WebCrypto. Keys are ECDSA P-256
 * (see docs/decisions/019-certificate-signing.md); signing at run time uses node:crypto KeyObjects.
 */

/** A pkijs engine on Node's WebCrypto, passed explicitly so we never depend on a global engine. */
export const pkiEngine = new pkijs.CryptoEngine({ name: "node-webcrypto", crypto: webcrypto as unknown as Crypto });

export const OID = {
  commonName: "2.5.4.3",
  organizationName: "2.5.4.10",
  basicConstraints: "2.5.29.19",
  keyUsage: "2.5.29.15",
  extKeyUsage: "2.5.29.37",
  subjectKeyIdentifier: "2.5.29.14",
  authorityKeyIdentifier: "2.5.29.35",
  emailProtection: "1.3.6.1.5.5.7.3.4",
  /** id-kp-documentSigning, RFC 9336. */
  documentSigning: "1.3.6.1.5.5.7.3.36",
  /** Microsoft's Document Signing EKU, which Windows and some PDF tools look for. */
  msDocumentSigning: "1.3.6.1.4.1.311.10.3.12",
} as const;

export const ISSUER_ORGANIZATION = "Provenance IP Crime Investigators College";
export const ROOT_COMMON_NAME = "Provenance College Root CA";
export const SIGNING_COMMON_NAME = "Provenance Certificate Signing";

export interface GeneratedCertificate {
  /** DER bytes of the certificate. */
  der: Buffer;
  /** PKCS#8 PEM of its private key. */
  privateKeyPem: string;
}

export function toPem(der: Uint8Array, label: "CERTIFICATE" | "PRIVATE KEY"): string {
  const b64 = Buffer.from(der).toString("base64");
  return `-----BEGIN ${label}-----\n${b64.replace(/.{1,64}/g, "$&\n")}-----END ${label}-----\n`;
}

/** Parse a DER certificate with pkijs (copying, so any Buffer or view will do). */
export function certificateFromDer(der: Uint8Array): pkijs.Certificate {
  return pkijs.Certificate.fromBER(new Uint8Array(der));
}

export function sha256Hex(bytes: Uint8Array): string {
  return crypto.createHash("sha256").update(bytes).digest("hex");
}

/** "AB:CD:..." — the form certificate viewers show. */
export function colonFingerprint(hex: string): string {
  return hex.toUpperCase().replace(/(..)(?!$)/g, "$1:");
}

function name(commonName: string): pkijs.RelativeDistinguishedNames {
  // One attribute per RDN (O, then CN). pkijs would put them all in one multi-valued RDN.
  const rdn = (type: string, value: string) =>
    new asn1js.Set({
      value: [new pkijs.AttributeTypeAndValue({ type, value: new asn1js.Utf8String({ value }) }).toSchema()],
    });
  const der = new asn1js.Sequence({
    value: [rdn(OID.organizationName, ISSUER_ORGANIZATION), rdn(OID.commonName, commonName)],
  }).toBER(false);
  return pkijs.RelativeDistinguishedNames.fromBER(der);
}

function time(date: Date): pkijs.Time {
  // Whole seconds (GeneralizedTime must not carry fractions); UTCTime until 2049, then
  // GeneralizedTime (RFC 5280 4.1.2.5).
  const value = new Date(Math.floor(date.getTime() / 1000) * 1000);
  return new pkijs.Time({ type: value.getUTCFullYear() < 2050 ? 0 : 1, value });
}

function serialNumber(): asn1js.Integer {
  const bytes = crypto.randomBytes(16);
  bytes[0] = (bytes[0]! & 0x7f) | 0x40; // positive, and no leading zero octet to strip
  return new asn1js.Integer({ valueHex: bytes });
}

function keyUsage(bits: number[]): asn1js.BitString {
  // bits numbered as in RFC 5280 (0 = digitalSignature); DER drops trailing zero bits.
  const highest = Math.max(...bits);
  const octets = new Uint8Array(Math.floor(highest / 8) + 1);
  for (const bit of bits) octets[bit >> 3]! |= 0x80 >> (bit & 7);
  return new asn1js.BitString({ valueHex: octets, unusedBits: 7 - (highest % 8) });
}

function extension(extnID: string, critical: boolean, value: asn1js.BaseBlock): pkijs.Extension {
  return new pkijs.Extension({ extnID, critical, extnValue: value.toBER(false) });
}

async function generateEcKeyPair(): Promise<CryptoKeyPair> {
  return (await webcrypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, true, [
    "sign",
    "verify",
  ])) as CryptoKeyPair;
}

function keyIdentifier(certificate: pkijs.Certificate): ArrayBuffer {
  // RFC 5280 4.2.1.2 method (1): SHA-1 of the subjectPublicKey BIT STRING's value.
  const spk = new Uint8Array(certificate.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView);
  const digest = crypto.createHash("sha1").update(spk).digest();
  return digest.buffer.slice(digest.byteOffset, digest.byteOffset + digest.byteLength);
}

async function finish(certificate: pkijs.Certificate, signingKey: CryptoKey, keys: CryptoKeyPair) {
  await certificate.sign(signingKey, "SHA-256", pkiEngine);
  const der = Buffer.from(certificate.toSchema(true).toBER(false));
  const pkcs8 = await webcrypto.subtle.exportKey("pkcs8", keys.privateKey);
  return { der, privateKeyPem: toPem(new Uint8Array(pkcs8), "PRIVATE KEY") };
}

/** A self-signed root: CA, keyCertSign + cRLSign, valid `years` years. */
export async function generateRootCertificate(now = new Date(), years = 25): Promise<GeneratedCertificate> {
  const keys = await generateEcKeyPair();
  const certificate = new pkijs.Certificate();
  certificate.version = 2;
  certificate.serialNumber = serialNumber();
  certificate.subject = name(ROOT_COMMON_NAME);
  certificate.issuer = name(ROOT_COMMON_NAME);
  certificate.notBefore = time(new Date(now.getTime() - 60_000));
  const notAfter = new Date(now);
  notAfter.setUTCFullYear(notAfter.getUTCFullYear() + years);
  certificate.notAfter = time(notAfter);
  await certificate.subjectPublicKeyInfo.importKey(keys.publicKey, pkiEngine);
  const ski = keyIdentifier(certificate);
  certificate.extensions = [
    extension(OID.basicConstraints, true, new pkijs.BasicConstraints({ cA: true, pathLenConstraint: 0 }).toSchema()),
    extension(OID.keyUsage, true, keyUsage([5, 6])), // keyCertSign, cRLSign
    extension(OID.subjectKeyIdentifier, false, new asn1js.OctetString({ valueHex: ski })),
  ];
  return finish(certificate, keys.privateKey, keys);
}

/**
 * A document-signing certificate issued by the root: digitalSignature + nonRepudiation,
 * extKeyUsage emailProtection (what NSS/pdfsig and Acrobat check for signers) and documentSigning.
 */
export async function generateSigningCertificate(
  root: { der: Uint8Array; privateKeyPem: string },
  now = new Date(),
  years = 10
): Promise<GeneratedCertificate> {
  const rootCertificate = certificateFromDer(root.der);
  const rootKey = await webcrypto.subtle.importKey(
    "pkcs8",
    crypto.createPrivateKey(root.privateKeyPem).export({ format: "der", type: "pkcs8" }),
    { name: "ECDSA", namedCurve: "P-256" },
    false,
    ["sign"]
  );
  const keys = await generateEcKeyPair();
  const certificate = new pkijs.Certificate();
  certificate.version = 2;
  certificate.serialNumber = serialNumber();
  certificate.subject = name(SIGNING_COMMON_NAME);
  certificate.issuer = rootCertificate.subject;
  certificate.notBefore = time(new Date(now.getTime() - 60_000));
  let notAfter = new Date(now);
  notAfter.setUTCFullYear(notAfter.getUTCFullYear() + years);
  if (notAfter > rootCertificate.notAfter.value) notAfter = rootCertificate.notAfter.value;
  certificate.notAfter = time(notAfter);
  await certificate.subjectPublicKeyInfo.importKey(keys.publicKey, pkiEngine);
  certificate.extensions = [
    extension(OID.basicConstraints, true, new pkijs.BasicConstraints({ cA: false }).toSchema()),
    extension(OID.keyUsage, true, keyUsage([0, 1])), // digitalSignature, nonRepudiation
    extension(
      OID.extKeyUsage,
      false,
      new pkijs.ExtKeyUsage({
        keyPurposes: [OID.emailProtection, OID.documentSigning, OID.msDocumentSigning],
      }).toSchema()
    ),
    extension(OID.subjectKeyIdentifier, false, new asn1js.OctetString({ valueHex: keyIdentifier(certificate) })),
    extension(
      OID.authorityKeyIdentifier,
      false,
      new pkijs.AuthorityKeyIdentifier({
        keyIdentifier: new asn1js.OctetString({ valueHex: keyIdentifier(rootCertificate) }),
      }).toSchema()
    ),
  ];
  return finish(certificate, rootKey, keys);
}
