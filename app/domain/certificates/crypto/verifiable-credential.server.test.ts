import crypto from "node:crypto";
import { describe, expect, test } from "vitest";
import { multibaseDecode } from "./base58.ts";
import { createProof, ed25519Multikey, publicKeyFromMultikey, verifyProof } from "./data-integrity.ts";
import { loadKeyring, rotateKeys } from "./keys.server.ts";
import { publishedKeys } from "./published-keys.server.ts";
import { currentRecordKeyId } from "./record-signature.server.ts";
import { sampleRecord, withTemporaryDataDir } from "../../../../tests/factories/certificate-keys.ts";
import { buildCredential, verifyCredential, type OpenBadgeCredential } from "./verifiable-credential.server.ts";

withTemporaryDataDir();

const BASE = "https://provenance.example";
const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

async function credential(overrides = {}) {
  return buildCredential(sampleRecord(await currentRecordKeyId(), overrides), { baseUrl: `${BASE}/` });
}

describe("Open Badges 3.0 credential", () => {
  test("has the OB 3.0 / VC 2.0 shape", async () => {
    const vc = await credential();
    const kid = await currentRecordKeyId();
    expect(vc["@context"]).toEqual([
      "https://www.w3.org/ns/credentials/v2",
      "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
    ]);
    expect(vc.type).toEqual(["VerifiableCredential", "OpenBadgeCredential"]);
    expect(vc.id).toBe(`${BASE}/verify/PRV-2026-7K3M-Q9XD`);
    expect(vc.issuer).toMatchObject({ id: BASE, type: ["Profile"], name: "Provenance IP Crime Investigators College" });
    expect(vc.validFrom).toBe("2026-11-02T00:00:00Z");
    expect(vc.validUntil).toBe("2029-11-02T00:00:00Z");
    expect(vc.credentialSubject.type).toEqual(["AchievementSubject"]);
    expect(vc.credentialSubject.name).toBe("Layla Haddad ليلى حداد");
    expect(vc.credentialSubject.achievement).toMatchObject({
      type: ["Achievement"],
      name: "Certified IP Crime Investigator",
      id: "urn:provenance:achievement:ip-crime-investigator-certified",
    });
    expect(vc.credentialSubject.achievement.criteria.narrative).toContain(
      "- Digital Piracy and Online Infringement (completed 2026-10-30)"
    );
    expect(vc.credentialStatus).toEqual({
      id: `${BASE}/api/verify/PRV-2026-7K3M-Q9XD`,
      type: "ProvenanceCertificateStatus",
    });
    expect(vc.proof).toMatchObject({
      type: "DataIntegrityProof",
      cryptosuite: "eddsa-jcs-2022",
      verificationMethod: `${BASE}/keys#${kid}`,
      proofPurpose: "assertionMethod",
      "@context": vc["@context"],
    });
    expect(vc.proof.created).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(multibaseDecode(vc.proof.proofValue)).toHaveLength(64);

    const noExpiry = await credential({ expiresOn: undefined });
    expect(noExpiry).not.toHaveProperty("validUntil");
  });

  test("verifies, also after a JSON round trip and with the key from the published document", async () => {
    const vc = await credential();
    const kid = await currentRecordKeyId();
    expect(await verifyCredential(vc)).toEqual({ valid: true, keyId: kid });
    expect(await verifyCredential(clone(vc), { baseUrl: BASE })).toEqual({ valid: true, keyId: kid });
    // An outside verifier: resolve verificationMethod in the published document, check with the Multikey.
    const doc = await publishedKeys(BASE);
    const method = doc.verificationMethod.find((m) => m.id === vc.proof.verificationMethod)!;
    expect(verifyProof(clone(vc), publicKeyFromMultikey(method.publicKeyMultibase)!)).toEqual({ valid: true });
  });

  test("tampering fails", async () => {
    const vc = await credential();
    const tamper = async (change: (v: OpenBadgeCredential) => void) => {
      const copy = clone(vc);
      change(copy);
      return verifyCredential(copy);
    };
    expect(await tamper((v) => (v.credentialSubject.name = "Someone Else"))).toMatchObject({
      valid: false,
      reason: "bad-signature",
    });
    expect(await tamper((v) => (v.validUntil = "2039-11-02T00:00:00Z"))).toMatchObject({ reason: "bad-signature" });
    expect(await tamper((v) => (v.credentialSubject.achievement.name = "Chief Inspector"))).toMatchObject({
      reason: "bad-signature",
    });
    expect(await tamper((v) => (v.proof.created = "2020-01-01T00:00:00Z"))).toMatchObject({ reason: "bad-signature" });
    expect(await tamper((v) => (v["@context"] = [...v["@context"], "https://example.org/extra"]))).toMatchObject({
      reason: "context-mismatch",
    });
    expect(
      await tamper((v) => {
        v["@context"] = [v["@context"][0]!];
        v.proof["@context"] = v["@context"];
      })
    ).toMatchObject({ reason: "bad-signature" });
    expect(await tamper((v) => (v["@context"] = [v["@context"][0]!]))).toMatchObject({ reason: "context-mismatch" });
    expect(await tamper((v) => (v.proof.verificationMethod = `${BASE}/keys#ed25519-2020-01-00000000`))).toMatchObject({
      reason: "unknown-key",
    });
    expect(await tamper((v) => (v.proof.proofPurpose = "authentication"))).toMatchObject({ reason: "wrong-purpose" });
    expect(await tamper((v) => (v.proof.cryptosuite = "eddsa-rdfc-2022" as "eddsa-jcs-2022"))).toMatchObject({
      reason: "unsupported-proof",
    });
    expect(await tamper((v) => (v.proof.proofValue = "z111"))).toMatchObject({ reason: "malformed" });
    expect(await verifyCredential(vc, { baseUrl: "https://elsewhere.example" })).toMatchObject({
      reason: "wrong-issuer",
    });
    for (const junk of [null, 42, "vc", {}, { proof: [] }, { proof: { verificationMethod: 1 } }])
      expect(await verifyCredential(junk)).toMatchObject({ valid: false, reason: "malformed" });
  });

  test("a credential signed before a rotation still verifies", async () => {
    const vc = await credential();
    const oldKid = await currentRecordKeyId();
    await rotateKeys({ ed25519: true });
    expect(await currentRecordKeyId()).not.toBe(oldKid);
    expect(await verifyCredential(vc)).toEqual({ valid: true, keyId: oldKid });
    const fresh = await credential();
    expect(fresh.proof.verificationMethod).toBe(`${BASE}/keys#${await currentRecordKeyId()}`);
    expect(await verifyCredential(fresh)).toMatchObject({ valid: true });
  });

  test("the Multikey of our keys is the published one", async () => {
    const keyring = await loadKeyring();
    const doc = await publishedKeys(BASE);
    expect(doc.verificationMethod.map((m) => m.publicKeyMultibase)).toEqual(
      keyring.recordKeys.map((k) => ed25519Multikey(k.publicKey))
    );
  });
});

describe("eddsa-jcs-2022", () => {
  // W3C Data Integrity EdDSA Cryptosuites v1.0, test vectors (w3c/vc-di-eddsa TestVectors/).
  const KEYS = {
    publicKeyMultibase: "z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2",
    privateKeyMultibase: "z3u2en7t5LR2WtQH5PfFqMqwVHBeXouLzo6haApm8XHqvjxq",
  };
  const CONTEXT = ["https://www.w3.org/ns/credentials/v2", "https://www.w3.org/ns/credentials/examples/v2"];
  const UNSIGNED = {
    "@context": CONTEXT,
    id: "urn:uuid:58172aac-d8ba-11ed-83dd-0b3aef56cc33",
    type: ["VerifiableCredential", "AlumniCredential"],
    name: "Alumni Credential",
    description: "A minimum viable example of an Alumni Credential.",
    issuer: "https://vc.example/issuers/5678",
    validFrom: "2023-01-01T00:00:00Z",
    credentialSubject: { id: "did:example:abcdefgh", alumniOf: "The School of Examples" },
  };
  const PROOF_VALUE = "z63t83Y53KfzJ5ZosfKTnqfMcKB2dmTrfjSaQjeNNjAD5srBowQfmWqeRb8rRjmeEuCBEsddF9LsVogtuTsijJKh4";
  const METHOD = `https://vc.example/issuers/5678#${KEYS.publicKeyMultibase}`;

  function privateKey() {
    const secret = multibaseDecode(KEYS.privateKeyMultibase)!; // 0x8026 (ed25519-priv) + 32-byte seed
    expect([...secret.subarray(0, 2)]).toEqual([0x80, 0x26]);
    const pkcs8 = Buffer.concat([Buffer.from("302e020100300506032b657004220420", "hex"), secret.subarray(2)]);
    return crypto.createPrivateKey({ key: pkcs8, format: "der", type: "pkcs8" });
  }

  test("reproduces the specification's signed credential exactly", () => {
    const key = privateKey();
    expect(ed25519Multikey(crypto.createPublicKey(key))).toBe(KEYS.publicKeyMultibase);
    const signed = createProof(
      UNSIGNED,
      { verificationMethod: METHOD, created: new Date("2023-02-24T23:36:38Z") },
      key
    );
    expect(signed.proof).toEqual({
      type: "DataIntegrityProof",
      cryptosuite: "eddsa-jcs-2022",
      created: "2023-02-24T23:36:38Z",
      verificationMethod: METHOD,
      proofPurpose: "assertionMethod",
      "@context": CONTEXT,
      proofValue: PROOF_VALUE,
    });
  });

  test("verifies the specification's signed credential", () => {
    const publicKey = publicKeyFromMultikey(KEYS.publicKeyMultibase)!;
    const signed = {
      ...UNSIGNED,
      proof: {
        type: "DataIntegrityProof",
        cryptosuite: "eddsa-jcs-2022",
        created: "2023-02-24T23:36:38Z",
        verificationMethod: METHOD,
        proofPurpose: "assertionMethod",
        "@context": CONTEXT,
        proofValue: PROOF_VALUE,
      },
    };
    expect(verifyProof(signed, publicKey)).toEqual({ valid: true });
    expect(verifyProof({ ...signed, name: "Alumni Credential!" }, publicKey)).toEqual({
      valid: false,
      reason: "bad-signature",
    });
  });
});
