import { execFile } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, test } from "vitest";
import {
  keysDirectory,
  loadKeyring,
  loadKeyringFrom,
  resetKeyringCache,
  rotateKeys,
  type Keyring,
} from "./keys.server.ts";
import { publishedKeys, verificationMethodId } from "./published-keys.server.ts";
import { withTemporaryDataDir } from "../../../../tests/factories/certificate-keys.ts";

const data = withTemporaryDataDir();
const run = promisify(execFile);

const mode = (file: string) => fs.statSync(file).mode & 0o777;
const privatePem = (keyring: Keyring) =>
  keyring.currentRecordKey.privateKey.export({ format: "pem", type: "pkcs8" }).toString();

function tempDir() {
  return fs.mkdtempSync(path.join(os.tmpdir(), "provenance-keys-race-"));
}

describe("the keyring", () => {
  test("is generated on first use into DATA_DIR/keys, 0700/0600, outside the repository", async () => {
    const keyring = await loadKeyring();
    const dir = path.join(data.dir(), "keys");
    expect(keyring.dir).toBe(dir);
    expect(keyring.source).toBe("data-dir");
    expect(path.relative(process.cwd(), dir).startsWith("..")).toBe(true);
    expect(mode(dir)).toBe(0o700);
    const files = fs.readdirSync(dir).sort();
    expect(files).toEqual(["keyring.json", `${keyring.roots[0]!.id}.key.pem`]);
    for (const file of files) expect(mode(path.join(dir, file))).toBe(0o600);

    expect(keyring.recordKeys).toHaveLength(1);
    expect(keyring.currentRecordKey.kid).toMatch(/^ed25519-\d{4}-\d{2}-[0-9a-f]{8}$/);
    const raw = Buffer.from(keyring.currentRecordKey.x, "base64url");
    expect(raw).toHaveLength(32);
    expect(
      keyring.currentRecordKey.kid.endsWith(crypto.createHash("sha256").update(raw).digest("hex").slice(0, 8))
    ).toBe(true);
    expect(keyring.currentPdfKey.id).toMatch(/^pdf-\d{4}-\d{2}-[0-9a-f]{8}$/);
    expect(keyring.currentPdfKey.certificate.subject).toBe(
      "CN=Provenance Certificate Signing, O=Provenance IP Crime Investigators College"
    );
    expect(keyring.roots[0]!.certificate.subject).toBe(
      "CN=Provenance College Root CA, O=Provenance IP Crime Investigators College"
    );
  });

  test("the signing certificate is issued by the root, for digital signatures and document signing", async () => {
    const keyring = await loadKeyring();
    const leaf = new crypto.X509Certificate(keyring.currentPdfKey.certificate.der);
    const root = new crypto.X509Certificate(keyring.roots[0]!.certificate.der);
    expect(leaf.checkIssued(root)).toBe(true);
    expect(leaf.verify(root.publicKey)).toBe(true);
    expect(root.verify(root.publicKey)).toBe(true);
    expect(root.ca).toBe(true);
    expect(leaf.ca).toBe(false);
    expect(leaf.keyUsage).toEqual(expect.arrayContaining(["1.3.6.1.5.5.7.3.4", "1.3.6.1.5.5.7.3.36"]));
    expect(leaf.publicKey.asymmetricKeyDetails?.namedCurve).toBe("prime256v1");
  });

  test("reloads identically, and is cached per process", async () => {
    const first = await loadKeyring();
    expect(await loadKeyring()).toBe(first);
    resetKeyringCache();
    const again = await loadKeyring();
    expect(again).not.toBe(first);
    expect(again.currentRecordKey.kid).toBe(first.currentRecordKey.kid);
    expect(privatePem(again)).toBe(privatePem(first));
    expect(again.currentPdfKey.certificate.sha256).toBe(first.currentPdfKey.certificate.sha256);
    expect(again.roots.map((r) => r.id)).toEqual(first.roots.map((r) => r.id));
  });

  test("concurrent first use yields one keyring", async () => {
    const dir = path.join(tempDir(), "keys");
    try {
      const results = await Promise.all(Array.from({ length: 4 }, () => loadKeyringFrom(dir, { create: true })));
      const kids = new Set(results.map((k) => k.currentRecordKey.kid));
      const certs = new Set(results.map((k) => k.currentPdfKey.certificate.sha256));
      expect(kids.size).toBe(1);
      expect(certs.size).toBe(1);
      // The losers cleaned up: one root key, no temporary files.
      expect(fs.readdirSync(dir).sort()).toEqual(["keyring.json", `${results[0]!.roots[0]!.id}.key.pem`]);
      const reloaded = await loadKeyringFrom(dir, { create: false });
      expect(reloaded.currentRecordKey.kid).toBe([...kids][0]);
    } finally {
      fs.rmSync(path.dirname(dir), { recursive: true, force: true });
    }
  });

  test("two processes starting at once agree on one keyring", async () => {
    const dataDir = tempDir();
    try {
      const env = { ...process.env, DATA_DIR: dataDir, CERTIFICATE_KEYS_DIR: "" };
      const tsx = path.resolve("node_modules/.bin/tsx");
      const [a, b] = await Promise.all(
        [1, 2].map(() => run(tsx, ["scripts/certificates-keys.ts", "list"], { env, cwd: process.cwd() }))
      );
      const kid = (out: string) => /ed25519-\d{4}-\d{2}-[0-9a-f]{8}/.exec(out)?.[0];
      const pdf = (out: string) => /pdf-\d{4}-\d{2}-[0-9a-f]{8}/.exec(out)?.[0];
      expect(kid(a!.stdout)).toBeTruthy();
      expect(kid(a!.stdout)).toBe(kid(b!.stdout));
      expect(pdf(a!.stdout)).toBe(pdf(b!.stdout));
      expect(fs.readdirSync(path.join(dataDir, "keys"))).toHaveLength(2);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 30_000);

  test("rotation adds a current key and keeps the old ones, retired", async () => {
    const before = await loadKeyring();
    const result = await rotateKeys({ ed25519: true });
    expect(result.ed25519?.retired).toBe(before.currentRecordKey.kid);
    expect(result.pdf).toBeUndefined();
    const after = await loadKeyring();
    expect(after.currentRecordKey.kid).toBe(result.ed25519!.current);
    expect(after.currentRecordKey.kid).not.toBe(before.currentRecordKey.kid);
    expect(after.recordKeys.map((k) => [k.kid, k.status])).toEqual([
      [before.currentRecordKey.kid, "retired"],
      [after.currentRecordKey.kid, "current"],
    ]);
    expect(after.recordKeys[0]!.retired).toBeTruthy();
    expect(after.currentPdfKey.id).toBe(before.currentPdfKey.id);

    const pdf = await rotateKeys({ pdf: true });
    const third = await loadKeyring();
    expect(third.pdfKeys.map((k) => [k.id, k.status])).toEqual([
      [before.currentPdfKey.id, "retired"],
      [pdf.pdf!.current, "current"],
    ]);
    expect(third.currentPdfKey.rootId).toBe(before.roots[0]!.id);
    expect(third.currentRecordKey.kid).toBe(after.currentRecordKey.kid);
    expect(mode(path.join(third.dir, "keyring.json"))).toBe(0o600);
    expect(fs.readdirSync(third.dir)).toHaveLength(2); // no lock or temporary file left behind
  });

  test("published keys list every key, current and retired, as JWKs and PEM", async () => {
    const keyring = await loadKeyring();
    const doc = await publishedKeys("https://provenance.example/");
    expect(doc.id).toBe("https://provenance.example/keys");
    expect(doc.keys).toHaveLength(keyring.recordKeys.length);
    for (const jwk of doc.keys) {
      expect(jwk).toMatchObject({ kty: "OKP", crv: "Ed25519", use: "sig", alg: "EdDSA" });
      const key = crypto.createPublicKey({ key: { kty: jwk.kty, crv: jwk.crv, x: jwk.x }, format: "jwk" });
      expect(key.asymmetricKeyType).toBe("ed25519");
    }
    expect(doc.keys.filter((k) => k.status === "current")).toHaveLength(1);
    expect(doc.keys.find((k) => k.status === "retired")?.retired).toBeTruthy();
    expect(doc.verificationMethod.map((m) => m.id)).toContain(
      verificationMethodId("https://provenance.example", keyring.currentRecordKey.kid)
    );
    expect(doc.verificationMethod[0]!.publicKeyMultibase).toMatch(/^z6Mk/);
    expect(doc.pdfSigning.certificates).toHaveLength(keyring.pdfKeys.length);
    for (const c of [...doc.pdfSigning.certificates, ...doc.pdfSigning.roots]) {
      const x509 = new crypto.X509Certificate(c.pem);
      expect(crypto.createHash("sha256").update(x509.raw).digest("hex")).toBe(c.sha256);
    }
    expect(JSON.stringify(doc)).not.toMatch(/PRIVATE KEY|"d":/);
  });

  test("rotating the PDF key needs the root key, which can be kept offline", async () => {
    const keyring = await loadKeyring();
    const rootFile = path.join(keyring.dir, `${keyring.roots[0]!.id}.key.pem`);
    const offline = `${rootFile}.offline`;
    fs.renameSync(rootFile, offline);
    try {
      await expect(rotateKeys({ pdf: true })).rejects.toThrow(/root CA key .* is not available/);
      resetKeyringCache();
      expect((await loadKeyring()).currentPdfKey.id).toBe(keyring.currentPdfKey.id); // still loads
    } finally {
      fs.renameSync(offline, rootFile);
    }
  });

  test("CERTIFICATE_KEYS_DIR: loaded read-only, never generated, a clear error when missing", async () => {
    const missing = path.join(tempDir(), "absent");
    process.env.CERTIFICATE_KEYS_DIR = missing;
    try {
      resetKeyringCache();
      expect(keysDirectory()).toEqual({ dir: missing, source: "env" });
      await expect(loadKeyring()).rejects.toThrow(/No certificate keyring.*CERTIFICATE_KEYS_DIR is set/);
      expect(fs.existsSync(missing)).toBe(false);

      const copy = path.join(path.dirname(missing), "mounted");
      const ours = await loadKeyringFrom(path.join(data.dir(), "keys"), { create: false });
      fs.mkdirSync(copy);
      fs.copyFileSync(path.join(ours.dir, "keyring.json"), path.join(copy, "keyring.json"));
      process.env.CERTIFICATE_KEYS_DIR = copy;
      resetKeyringCache();
      const mounted = await loadKeyring();
      expect(mounted.source).toBe("env");
      expect(mounted.currentRecordKey.kid).toBe(ours.currentRecordKey.kid);
      expect(fs.readdirSync(copy)).toEqual(["keyring.json"]); // nothing written
    } finally {
      delete process.env.CERTIFICATE_KEYS_DIR;
      resetKeyringCache();
      fs.rmSync(path.dirname(missing), { recursive: true, force: true });
    }
  });

  test("a keyring whose private key does not match its public key is refused", async () => {
    const dir = path.join(tempDir(), "keys");
    try {
      await loadKeyringFrom(dir, { create: true });
      const file = path.join(dir, "keyring.json");
      const json = JSON.parse(fs.readFileSync(file, "utf8"));
      json.ed25519[0].privateKey = crypto
        .generateKeyPairSync("ed25519")
        .privateKey.export({ format: "pem", type: "pkcs8" });
      fs.writeFileSync(file, JSON.stringify(json));
      await expect(loadKeyringFrom(dir, { create: false })).rejects.toThrow(/does not match/);
    } finally {
      fs.rmSync(path.dirname(dir), { recursive: true, force: true });
    }
  });
});
