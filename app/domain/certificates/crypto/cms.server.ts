import crypto, { type KeyObject, X509Certificate } from "node:crypto";
import * as asn1js from "asn1js";
import * as pkijs from "pkijs";
import { certificateFromDer } from "./x509.server.ts";

/**
 * Detached CMS SignedData for PAdES baseline B-B (ETSI EN 319 142-1; CAdES per EN 319 122-1):
 * signed attributes are exactly content-type, message-digest (SHA-256) and ESS
 * signing-certificate-v2; there is no signing-time attribute (the PDF's /M carries the time).
 * Built with pkijs, signed with node:crypto directly (no WebCrypto round trips: ~0.1 ms).
 */

export const CMS_OID = {
  data: "1.2.840.113549.1.7.1",
  signedData: "1.2.840.113549.1.7.2",
  contentType: "1.2.840.113549.1.9.3",
  messageDigest: "1.2.840.113549.1.9.4",
  signingTime: "1.2.840.113549.1.9.5",
  signingCertificateV2: "1.2.840.113549.1.9.16.2.47",
  sha1: "1.3.14.3.2.26",
  sha256: "2.16.840.1.101.3.4.2.1",
  sha384: "2.16.840.1.101.3.4.2.2",
  sha512: "2.16.840.1.101.3.4.2.3",
  rsaEncryption: "1.2.840.113549.1.1.1",
  sha256WithRSA: "1.2.840.113549.1.1.11",
  sha384WithRSA: "1.2.840.113549.1.1.12",
  sha512WithRSA: "1.2.840.113549.1.1.13",
  ecPublicKey: "1.2.840.10045.2.1",
  ecdsaWithSHA256: "1.2.840.10045.4.3.2",
  ecdsaWithSHA384: "1.2.840.10045.4.3.3",
  ecdsaWithSHA512: "1.2.840.10045.4.3.4",
  ed25519: "1.3.101.112",
} as const;

const DIGESTS: Record<string, string> = {
  [CMS_OID.sha1]: "sha1",
  [CMS_OID.sha256]: "sha256",
  [CMS_OID.sha384]: "sha384",
  [CMS_OID.sha512]: "sha512",
};

const SIGNATURE_HASH: Record<string, string | null> = {
  [CMS_OID.sha256WithRSA]: "sha256",
  [CMS_OID.sha384WithRSA]: "sha384",
  [CMS_OID.sha512WithRSA]: "sha512",
  [CMS_OID.ecdsaWithSHA256]: "sha256",
  [CMS_OID.ecdsaWithSHA384]: "sha384",
  [CMS_OID.ecdsaWithSHA512]: "sha512",
  [CMS_OID.ed25519]: null,
};

export interface CmsSigningIdentity {
  /** DER of the signing certificate. */
  certificate: Uint8Array;
  /** DER of the certificates to include after it (issuer chain). */
  chain: Uint8Array[];
  privateKey: KeyObject;
}

interface Prepared {
  signer: pkijs.Certificate;
  certificates: pkijs.Certificate[];
  fixedAttributes: pkijs.Attribute[];
  signatureAlgorithm: string;
  hasParams: boolean;
}
const prepared = new WeakMap<KeyObject, Map<string, Prepared>>();

function bytes(view: Uint8Array | ArrayBuffer): Buffer {
  return Buffer.from(view instanceof ArrayBuffer ? new Uint8Array(view) : view);
}

/** SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2 } (RFC 5035). */
function signingCertificateV2(signer: pkijs.Certificate, der: Uint8Array): asn1js.Sequence {
  const hash = crypto.createHash("sha256").update(der).digest();
  return new asn1js.Sequence({
    value: [
      new asn1js.Sequence({
        value: [
          // ESSCertIDv2: hashAlgorithm omitted (DEFAULT id-sha256, so DER leaves it out)
          new asn1js.Sequence({
            value: [
              new asn1js.OctetString({ valueHex: hash }),
              // IssuerSerial ::= SEQUENCE { issuer GeneralNames, serialNumber INTEGER }
              new asn1js.Sequence({
                value: [
                  new pkijs.GeneralNames({
                    names: [new pkijs.GeneralName({ type: 4, value: signer.issuer })],
                  }).toSchema(),
                  new asn1js.Integer({ valueHex: signer.serialNumber.valueBlock.valueHexView }),
                ],
              }),
            ],
          }),
        ],
      }),
    ],
  });
}

function prepare(identity: CmsSigningIdentity): Prepared {
  let byCertificate = prepared.get(identity.privateKey);
  if (!byCertificate) prepared.set(identity.privateKey, (byCertificate = new Map()));
  const key = bytes(identity.certificate).toString("base64");
  const cached = byCertificate.get(key);
  if (cached) return cached;

  const signer = certificateFromDer(identity.certificate);
  const keyType = identity.privateKey.asymmetricKeyType;
  if (keyType !== "ec" && keyType !== "rsa") throw new Error(`Unsupported PDF signing key type ${keyType}`);
  const value: Prepared = {
    signer,
    certificates: [signer, ...identity.chain.map((der) => certificateFromDer(der))],
    fixedAttributes: [
      new pkijs.Attribute({
        type: CMS_OID.contentType,
        values: [new asn1js.ObjectIdentifier({ value: CMS_OID.data })],
      }),
      new pkijs.Attribute({
        type: CMS_OID.signingCertificateV2,
        values: [signingCertificateV2(signer, identity.certificate)],
      }),
    ],
    signatureAlgorithm: keyType === "ec" ? CMS_OID.ecdsaWithSHA256 : CMS_OID.sha256WithRSA,
    hasParams: keyType === "rsa",
  };
  byCertificate.set(key, value);
  return value;
}

/** Sort attributes into DER SET OF order (by their encodings). */
function derSet(attributes: pkijs.Attribute[]): pkijs.Attribute[] {
  return attributes
    .map((a) => ({ a, der: bytes(a.toSchema().toBER(false)) }))
    .sort((x, y) => Buffer.compare(x.der, y.der))
    .map((x) => x.a);
}

/** A detached CAdES (PAdES B-B) CMS SignedData over `content`, DER. */
export function createDetachedCms(content: Uint8Array, identity: CmsSigningIdentity): Buffer {
  const p = prepare(identity);
  const digest = crypto.createHash("sha256").update(content).digest();
  const signedAttrs = new pkijs.SignedAndUnsignedAttributes({
    type: 0,
    attributes: derSet([
      ...p.fixedAttributes,
      new pkijs.Attribute({ type: CMS_OID.messageDigest, values: [new asn1js.OctetString({ valueHex: digest })] }),
    ]),
  });
  // The signature covers the DER of the attributes with an explicit SET tag (RFC 5652 5.4).
  const toBeSigned = bytes(signedAttrs.toSchema().toBER(false));
  toBeSigned[0] = 0x31;
  const signature = crypto.sign("sha256", toBeSigned, { key: identity.privateKey, dsaEncoding: "der" });

  const sha256 = () => new pkijs.AlgorithmIdentifier({ algorithmId: CMS_OID.sha256 });
  const signerInfo = new pkijs.SignerInfo({
    version: 1,
    sid: new pkijs.IssuerAndSerialNumber({ issuer: p.signer.issuer, serialNumber: p.signer.serialNumber }),
    digestAlgorithm: sha256(),
    signedAttrs,
    signatureAlgorithm: new pkijs.AlgorithmIdentifier({
      algorithmId: p.signatureAlgorithm,
      ...(p.hasParams ? { algorithmParams: new asn1js.Null() } : {}),
    }),
    signature: new asn1js.OctetString({ valueHex: signature }),
  });
  const signedData = new pkijs.SignedData({
    version: 1,
    digestAlgorithms: [sha256()],
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: CMS_OID.data }),
    certificates: p.certificates,
    signerInfos: [signerInfo],
  });
  const contentInfo = new pkijs.ContentInfo({ contentType: CMS_OID.signedData, content: signedData.toSchema(true) });
  return bytes(contentInfo.toSchema().toBER(false));
}

// ---------------------------------------------------------------------------------------------
// Parsing and checking

export interface ParsedCms {
  signerInfo: pkijs.SignerInfo;
  certificates: pkijs.Certificate[];
  /** Signed attributes by OID (first value of each). */
  attributes: Map<string, asn1js.AsnType>;
  attributeTypes: string[];
}

/** Parse a DER (or zero-padded) CMS ContentInfo holding SignedData; throws on anything else. */
export function parseCms(der: Uint8Array): ParsedCms {
  const asn1 = asn1js.fromBER(der);
  if (asn1.offset === -1) throw new Error("Not DER");
  const contentInfo = new pkijs.ContentInfo({ schema: asn1.result });
  if (contentInfo.contentType !== CMS_OID.signedData) throw new Error("Not SignedData");
  const signedData = new pkijs.SignedData({ schema: contentInfo.content });
  const signerInfo = signedData.signerInfos[0];
  if (!signerInfo) throw new Error("No signer");
  const certificates = (signedData.certificates ?? []).filter(
    (c): c is pkijs.Certificate => c instanceof pkijs.Certificate
  );
  const attributes = new Map<string, asn1js.AsnType>();
  const attributeTypes: string[] = [];
  for (const attribute of signerInfo.signedAttrs?.attributes ?? []) {
    attributeTypes.push(attribute.type);
    if (attribute.values[0] !== undefined) attributes.set(attribute.type, attribute.values[0]);
  }
  return { signerInfo, certificates, attributes, attributeTypes };
}

function certificateDer(certificate: pkijs.Certificate): Buffer {
  return bytes(certificate.toSchema().toBER(false));
}

/** The signer's certificate among `candidates`, matched by the SignerInfo's sid. */
export function findSignerCertificate(
  signerInfo: pkijs.SignerInfo,
  candidates: pkijs.Certificate[]
): pkijs.Certificate | undefined {
  const sid = signerInfo.sid as unknown;
  if (sid instanceof pkijs.IssuerAndSerialNumber)
    return candidates.find((c) => c.issuer.isEqual(sid.issuer) && c.serialNumber.isEqual(sid.serialNumber));
  // [0] SubjectKeyIdentifier
  const ski = bytes((sid as asn1js.Primitive).valueBlock?.valueHexView ?? new Uint8Array());
  return candidates.find((c) => {
    const extension = c.extensions?.find((e) => e.extnID === "2.5.29.14");
    const value = extension?.parsedValue as asn1js.OctetString | undefined;
    return value && bytes(value.valueBlock.valueHexView).equals(ski);
  });
}

export type CmsCheck =
  | { ok: true; signerDer: Buffer }
  | { ok: false; failure: "digest-mismatch" | "bad-signature" | "no-signer-certificate"; detail: string };

/**
 * Check a parsed CMS against the signed bytes: messageDigest (when there are signed attributes),
 * the signature with the signer certificate's key, and the ESS signing-certificate(-v2) hash.
 * Does not judge trust: the caller compares the returned certificate with its own list.
 */
export function checkCms(cms: ParsedCms, content: Uint8Array, extraCandidates: pkijs.Certificate[] = []): CmsCheck {
  const { signerInfo } = cms;
  const signer = findSignerCertificate(signerInfo, [...cms.certificates, ...extraCandidates]);
  if (!signer) return { ok: false, failure: "no-signer-certificate", detail: "The signer's certificate is missing" };
  const signerDer = certificateDer(signer);

  const digestName = DIGESTS[signerInfo.digestAlgorithm.algorithmId];
  if (!digestName) return { ok: false, failure: "bad-signature", detail: "Unsupported digest algorithm" };
  const signature = bytes(signerInfo.signature.valueBlock.valueHexView);

  let toVerify: Buffer;
  if (signerInfo.signedAttrs) {
    const messageDigest = cms.attributes.get(CMS_OID.messageDigest);
    if (!(messageDigest instanceof asn1js.OctetString))
      return { ok: false, failure: "bad-signature", detail: "No message-digest attribute" };
    const digest = crypto.createHash(digestName).update(content).digest();
    if (!digest.equals(bytes(messageDigest.valueBlock.valueHexView)))
      return { ok: false, failure: "digest-mismatch", detail: "The signed bytes do not match the message digest" };
    toVerify = bytes(signerInfo.signedAttrs.encodedValue); // as received, with the SET tag
  } else {
    toVerify = Buffer.from(content);
  }

  const algorithm = signerInfo.signatureAlgorithm.algorithmId;
  const hash =
    algorithm === CMS_OID.rsaEncryption || algorithm === CMS_OID.ecPublicKey ? digestName : SIGNATURE_HASH[algorithm];
  if (hash === undefined) return { ok: false, failure: "bad-signature", detail: `Unsupported algorithm ${algorithm}` };
  let verified = false;
  try {
    const publicKey = new X509Certificate(signerDer).publicKey;
    verified = crypto.verify(hash, toVerify, { key: publicKey, dsaEncoding: "der" }, signature);
  } catch {
    verified = false;
  }
  if (!verified) return { ok: false, failure: "bad-signature", detail: "The CMS signature does not verify" };

  // ESS signing-certificate-v2: the signed hash of the signer's certificate must match it.
  const essV2 = cms.attributes.get(CMS_OID.signingCertificateV2);
  if (essV2) {
    try {
      const first = (
        ((essV2 as asn1js.Sequence).valueBlock.value[0] as asn1js.Sequence).valueBlock.value[0] as asn1js.Sequence
      ).valueBlock.value;
      let index = 0;
      let hashName = "sha256";
      if (first[0] instanceof asn1js.Sequence) {
        const oid = (first[0].valueBlock.value[0] as asn1js.ObjectIdentifier).valueBlock.toString();
        hashName = DIGESTS[oid] ?? "";
        index = 1;
      }
      const certHash = bytes((first[index] as asn1js.OctetString).valueBlock.valueHexView);
      if (!hashName || !crypto.createHash(hashName).update(signerDer).digest().equals(certHash))
        return { ok: false, failure: "bad-signature", detail: "signing-certificate-v2 names another certificate" };
    } catch {
      return { ok: false, failure: "bad-signature", detail: "Malformed signing-certificate-v2 attribute" };
    }
  }
  return { ok: true, signerDer };
}
