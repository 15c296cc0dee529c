import crypto from "node:crypto";
import { describe, expect, test } from "vitest";
import { canonicalRecord, type CertificateRecord } from "../record.ts";
import { rotateKeys } from "./keys.server.ts";
import { currentRecordKeyId, parseCompactSignature, signRecord, verifyRecord } from "./record-signature.server.ts";
import { sampleRecord, withTemporaryDataDir } from "../../../../tests/factories/certificate-keys.ts";

withTemporaryDataDir();

const clone = <T>(value: T): T => structuredClone(value);

describe("record signatures", () => {
  test("sign and verify, from the object or from its canonical JSON", async () => {
    const kid = await currentRecordKeyId();
    const record = sampleRecord(kid);
    const compact = await signRecord(record);
    expect(compact).toMatch(new RegExp(`^${kid}\\.[A-Za-z0-9_-]{86}$`));
    expect(await verifyRecord(record, compact)).toEqual({ valid: true, keyId: kid });
    expect(await verifyRecord(canonicalRecord(record), compact)).toEqual({ valid: true, keyId: kid });
    // Key order and undefined members do not matter: the canonical form is what is signed.
    const { keyId, holder, ...rest } = record;
    const reordered = { holder: { latin: holder.latin!, name: holder.name }, keyId, ...rest, extra: undefined };
    expect(await verifyRecord(reordered, compact)).toMatchObject({ valid: true });
  });

  test("the signature is plain Ed25519 over the UTF-8 canonical JSON (checkable without our code)", async () => {
    const record = sampleRecord(await currentRecordKeyId());
    const compact = await signRecord(record);
    const { publishedKeys } = await import("./published-keys.server.ts");
    const jwk = (await publishedKeys("https://provenance.example")).keys.find((k) => k.kid === record.keyId)!;
    const publicKey = crypto.createPublicKey({ key: { kty: "OKP", crv: "Ed25519", x: jwk.x }, format: "jwk" });
    const signature = Buffer.from(compact.split(".")[1]!, "base64url");
    expect(crypto.verify(null, Buffer.from(canonicalRecord(record), "utf8"), publicKey, signature)).toBe(true);
  });

  test("any change to any field fails", async () => {
    const kid = await currentRecordKeyId();
    const record = sampleRecord(kid);
    const compact = await signRecord(record);
    const changes: ((r: CertificateRecord) => void)[] = [
      (r) => (r.holder.name = "Layla Hadad ليلى حداد"),
      (r) => (r.holder.latin = "Leila Haddad"),
      (r) => delete r.holder.latin,
      (r) => (r.programmes[1]!.completedOn = "2026-10-31"),
      (r) => (r.programmes[0]!.title = "Counterfeit Goods Investigations"),
      (r) => r.programmes.pop(),
      (r) => r.programmes.reverse(),
      (r) => (r.number = "PRV-2026-7K3M-Q9XE"),
      (r) => (r.issuedOn = "2026-11-03"),
      (r) => delete r.expiresOn,
      (r) => (r.credential.title = "Certified IP Crime Investigator (Senior)"),
      (r) => (r.issuer.url = "https://provenance.example.org"),
    ];
    for (const change of changes) {
      const changed = clone(record);
      change(changed);
      expect(await verifyRecord(changed, compact)).toEqual({ valid: false, keyId: kid, reason: "bad-signature" });
    }
    const otherKey = { ...clone(record), keyId: "ed25519-2026-11-00000000" };
    expect(await verifyRecord(otherKey, compact)).toEqual({ valid: false, keyId: kid, reason: "key-mismatch" });
  });

  test("signing refuses a record that names another key", async () => {
    await expect(signRecord(sampleRecord("ed25519-2020-01-deadbeef"))).rejects.toThrow(/current signing key/);
  });

  test("a foreign Ed25519 key fails: as unknown-key under its own id, as bad-signature under ours", async () => {
    const kid = await currentRecordKeyId();
    const foreign = crypto.generateKeyPairSync("ed25519").privateKey;
    const forge = (record: CertificateRecord) =>
      `${record.keyId}.${crypto.sign(null, Buffer.from(canonicalRecord(record)), foreign).toString("base64url")}`;

    const underOurId = sampleRecord(kid);
    expect(await verifyRecord(underOurId, forge(underOurId))).toEqual({
      valid: false,
      keyId: kid,
      reason: "bad-signature",
    });
    const underTheirId = sampleRecord("ed25519-2026-11-abcdef01");
    expect(await verifyRecord(underTheirId, forge(underTheirId))).toEqual({
      valid: false,
      keyId: "ed25519-2026-11-abcdef01",
      reason: "unknown-key",
    });
  });

  test("malformed compact signatures are rejected without throwing", async () => {
    const kid = await currentRecordKeyId();
    const record = sampleRecord(kid);
    const good = await signRecord(record);
    const [, sig] = good.split(".");
    const bad: unknown[] = [
      "",
      ".",
      kid,
      `${kid}.`,
      `.${sig}`,
      `${kid}.${sig}.extra`,
      `${kid}.${sig!.slice(0, -1)}`,
      `${kid}.${sig}A`,
      `${kid}.${sig!.slice(0, -1)}+`,
      `${kid}.${Buffer.alloc(64).toString("base64")}`,
      `${kid} .${sig}`,
      `${kid}.${sig!.slice(0, -1)}B`, // the last character carries 4 unused bits: "B" sets one
      "x".repeat(10_000),
      null,
      undefined,
      42,
      { keyId: kid },
    ];
    for (const compact of bad) {
      const verdict = await verifyRecord(record, compact as string);
      expect(verdict.valid, String(compact)).toBe(false);
      expect(["malformed", "bad-signature"]).toContain(!verdict.valid && verdict.reason);
    }
    expect(parseCompactSignature(`${kid}.${sig}`)).toBeTruthy();
    // A canonical string that is not JSON, or JSON without the key id.
    expect(await verifyRecord("not json", good)).toEqual({ valid: false, keyId: kid, reason: "malformed" });
    expect(await verifyRecord("{}", good)).toEqual({ valid: false, keyId: kid, reason: "key-mismatch" });
  });

  test("a signature from a retired key still verifies after rotation", async () => {
    const oldKid = await currentRecordKeyId();
    const record = sampleRecord(oldKid);
    const compact = await signRecord(record);
    await rotateKeys({ ed25519: true });
    const newKid = await currentRecordKeyId();
    expect(newKid).not.toBe(oldKid);
    expect(await verifyRecord(record, compact)).toEqual({ valid: true, keyId: oldKid });
    await expect(signRecord(record)).rejects.toThrow(); // new records must name the new key
    const fresh = sampleRecord(newKid);
    expect(await verifyRecord(fresh, await signRecord(fresh))).toEqual({ valid: true, keyId: newKid });
  });

  test("signing costs well under a millisecond", async () => {
    const record = sampleRecord(await currentRecordKeyId());
    const compact = await signRecord(record);
    const n = 2000;
    let start = performance.now();
    for (let i = 0; i < n; i++) await signRecord(record);
    const sign = (performance.now() - start) / n;
    start = performance.now();
    for (let i = 0; i < n; i++) await verifyRecord(record, compact);
    const verify = (performance.now() - start) / n;
    console.log(`Ed25519 record signature: ${sign.toFixed(3)} ms/sign, ${verify.toFixed(3)} ms/verify (n=${n})`);
    expect(sign).toBeLessThan(2);
  });
});
