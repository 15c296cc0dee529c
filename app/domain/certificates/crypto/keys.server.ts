import crypto, { type KeyObject, X509Certificate } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { dataDir } from "~/utils/paths.server.ts";
import { generateRootCertificate, generateSigningCertificate, sha256Hex, toPem } from "./x509.server.ts";

/**
 * The certificate keyring: Ed25519 keys that sign certificate records, and the PDF-signing
 * identity (a self-signed root CA and document-signing certificates it issued).
 *
 * Layout of the keys directory (DATA_DIR/keys by default, 0700; every file 0600):
 *   keyring.json           every key in use or retired: Ed25519 private keys (PKCS#8 PEM), the PDF
 *                          signing certificates with their private keys, the root certificate(s)
 *   root-<id>.key.pem      the root CA's private key: only `rotate --pdf` needs it, so it can live
 *                          offline (the server never reads it)
 *
 * In development and tests the keyring is generated on first use. In production it can be loaded
 * from CERTIFICATE_KEYS_DIR (e.g. a mounted secret): then nothing is ever generated on first use.
 * Retired entries may have their private key removed; their public parts keep old signatures
 * verifiable. See docs/decisions/019-certificate-signing.md.
 */

export type KeyStatus = "current" | "retired";

export interface CertificateInfo {
  der: Buffer;
  pem: string;
  /** Lower-case hex SHA-256 of the DER: the fingerprint we publish and compare. */
  sha256: string;
  subject: string;
  issuer: string;
  serialNumber: string;
  notBefore: string;
  notAfter: string;
  publicKey: KeyObject;
}

export interface RecordSigningKey {
  /** e.g. ed25519-2026-11-1a2b3c4d (creation month + SHA-256 of the raw public key). */
  kid: string;
  created: string;
  status: KeyStatus;
  retired?: string;
  /** base64url of the raw 32-byte public key (the JWK "x"). */
  x: string;
  publicKey: KeyObject;
  privateKey?: KeyObject;
}

export interface PdfSigningKey {
  /** e.g. pdf-2026-11-1a2b3c4d (creation month + SHA-256 of the certificate). */
  id: string;
  created: string;
  status: KeyStatus;
  retired?: string;
  rootId: string;
  certificate: CertificateInfo;
  privateKey?: KeyObject;
}

export interface RootCertificate {
  id: string;
  created: string;
  certificate: CertificateInfo;
}

export interface Keyring {
  dir: string;
  /** "env" when loaded from CERTIFICATE_KEYS_DIR. */
  source: "data-dir" | "env";
  recordKeys: RecordSigningKey[];
  pdfKeys: PdfSigningKey[];
  roots: RootCertificate[];
  currentRecordKey: RecordSigningKey & { privateKey: KeyObject };
  currentPdfKey: PdfSigningKey & { privateKey: KeyObject };
}

const KEYRING_FILE = "keyring.json";

const StoredStatus = z.enum(["current", "retired"]);
const StoredKeyring = z.object({
  format: z.literal("provenance-keyring"),
  version: z.literal(1),
  ed25519: z
    .array(
      z.object({
        kid: z.string().regex(/^[A-Za-z0-9_-]+$/),
        created: z.string(),
        status: StoredStatus,
        retired: z.string().optional(),
        publicKey: z.string(),
        privateKey: z.string().optional(),
      })
    )
    .min(1),
  pdfRoots: z.array(z.object({ id: z.string(), created: z.string(), certificate: z.string() })).min(1),
  pdfSigning: z
    .array(
      z.object({
        id: z.string(),
        created: z.string(),
        status: StoredStatus,
        retired: z.string().optional(),
        rootId: z.string(),
        certificate: z.string(),
        privateKey: z.string().optional(),
      })
    )
    .min(1),
});
type StoredKeyring = z.infer<typeof StoredKeyring>;

/** Where the keyring lives: CERTIFICATE_KEYS_DIR when set (never generated), else DATA_DIR/keys. */
export function keysDirectory(): { dir: string; source: Keyring["source"] } {
  const fromEnv = process.env.CERTIFICATE_KEYS_DIR;
  if (fromEnv) return { dir: path.resolve(fromEnv), source: "env" };
  return { dir: path.join(dataDir(), "keys"), source: "data-dir" };
}

// ---------------------------------------------------------------------------------------------
// Files: created 0600 in a 0700 directory; a new file appears complete or not at all.

function ensureDirectory(dir: string) {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
}

function temporaryName(file: string) {
  return `${file}.${process.pid}.${crypto.randomBytes(6).toString("hex")}.tmp`;
}

function writeTemporary(file: string, content: string): string {
  const tmp = temporaryName(file);
  fs.writeFileSync(tmp, content, { mode: 0o600, flag: "wx" });
  fs.chmodSync(tmp, 0o600); // whatever the umask
  return tmp;
}

/** Create `file` with `content` unless it exists. link(2) is atomic and fails on EEXIST. */
function createExclusive(file: string, content: string): boolean {
  const tmp = writeTemporary(file, content);
  try {
    fs.linkSync(tmp, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

/** Replace `file` atomically (rename over it). */
function replaceFile(file: string, content: string) {
  const tmp = writeTemporary(file, content);
  try {
    fs.renameSync(tmp, file);
  } catch (error) {
    fs.rmSync(tmp, { force: true });
    throw error;
  }
}

function rootKeyFile(dir: string, rootId: string) {
  return path.join(dir, `${rootId}.key.pem`);
}

/** One rotation at a time: a lock file, taken with `wx`, considered stale after a minute. */
async function withLock<T>(dir: string, work: () => Promise<T>): Promise<T> {
  const lock = path.join(dir, "keyring.lock");
  for (let attempt = 0; ; attempt++) {
    try {
      fs.writeFileSync(lock, String(process.pid), { mode: 0o600, flag: "wx" });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const age = Date.now() - (fs.statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > 60_000) fs.rmSync(lock, { force: true });
      else if (attempt > 100) throw new Error(`The keyring is locked by another process (${lock})`);
      else await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  try {
    return await work();
  } finally {
    fs.rmSync(lock, { force: true });
  }
}

// ---------------------------------------------------------------------------------------------
// Generation

function monthOf(date: Date) {
  return `${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(2, "0")}`;
}

function newEd25519(now: Date): StoredKeyring["ed25519"][number] {
  const { publicKey, privateKey } = crypto.generateKeyPairSync("ed25519");
  const x = publicKey.export({ format: "jwk" }).x!;
  const raw = Buffer.from(x, "base64url");
  return {
    kid: `ed25519-${monthOf(now)}-${sha256Hex(raw).slice(0, 8)}`,
    created: now.toISOString(),
    status: "current",
    publicKey: x,
    privateKey: privateKey.export({ format: "pem", type: "pkcs8" }).toString(),
  };
}

async function newPdfSigning(
  root: { id: string; der: Buffer; privateKeyPem: string },
  now: Date
): Promise<StoredKeyring["pdfSigning"][number]> {
  const generated = await generateSigningCertificate(root, now);
  return {
    id: `pdf-${monthOf(now)}-${sha256Hex(generated.der).slice(0, 8)}`,
    created: now.toISOString(),
    status: "current",
    rootId: root.id,
    certificate: toPem(generated.der, "CERTIFICATE"),
    privateKey: generated.privateKeyPem,
  };
}

async function newKeyring(now: Date) {
  const root = await generateRootCertificate(now);
  const rootId = `root-${monthOf(now)}-${sha256Hex(root.der).slice(0, 8)}`;
  const stored: StoredKeyring = {
    format: "provenance-keyring",
    version: 1,
    ed25519: [newEd25519(now)],
    pdfRoots: [{ id: rootId, created: now.toISOString(), certificate: toPem(root.der, "CERTIFICATE") }],
    pdfSigning: [await newPdfSigning({ id: rootId, ...root }, now)],
  };
  return { stored, rootId, rootPrivateKeyPem: root.privateKeyPem };
}

function serialise(stored: StoredKeyring) {
  return `${JSON.stringify(stored, null, 2)}\n`;
}

// ---------------------------------------------------------------------------------------------
// Loading

function certificateInfo(pem: string, where: string): CertificateInfo {
  let x509: X509Certificate;
  try {
    x509 = new X509Certificate(pem);
  } catch {
    throw new Error(`${where}: not a PEM certificate`);
  }
  return {
    der: x509.raw,
    pem: x509.toString(),
    sha256: sha256Hex(x509.raw),
    subject: x509.subject.split("\n").reverse().join(", "),
    issuer: x509.issuer.split("\n").reverse().join(", "),
    serialNumber: x509.serialNumber.toLowerCase(),
    notBefore: new Date(x509.validFrom).toISOString(),
    notAfter: new Date(x509.validTo).toISOString(),
    publicKey: x509.publicKey,
  };
}

function samePublicKey(a: KeyObject, b: KeyObject) {
  const der = (k: KeyObject) => k.export({ format: "der", type: "spki" });
  return der(a).equals(der(b));
}

function parseKeyring(text: string, dir: string, source: Keyring["source"]): Keyring {
  const file = path.join(dir, KEYRING_FILE);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(`${file} is not valid JSON`);
  }
  const parsed = StoredKeyring.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`${file} is not a valid keyring:\n${problems}`);
  }
  const stored = parsed.data;

  const recordKeys = stored.ed25519.map((entry): RecordSigningKey => {
    const where = `${file}: ed25519 key ${entry.kid}`;
    let publicKey: KeyObject;
    try {
      publicKey = crypto.createPublicKey({ key: { kty: "OKP", crv: "Ed25519", x: entry.publicKey }, format: "jwk" });
    } catch {
      throw new Error(`${where}: bad public key`);
    }
    let privateKey: KeyObject | undefined;
    if (entry.privateKey) {
      try {
        privateKey = crypto.createPrivateKey(entry.privateKey);
      } catch {
        throw new Error(`${where}: bad private key`);
      }
      if (privateKey.asymmetricKeyType !== "ed25519" || !samePublicKey(crypto.createPublicKey(privateKey), publicKey))
        throw new Error(`${where}: the private key does not match the public key`);
    }
    return { ...entry, x: entry.publicKey, publicKey, privateKey };
  });

  const roots = stored.pdfRoots.map(
    (entry): RootCertificate => ({
      id: entry.id,
      created: entry.created,
      certificate: certificateInfo(entry.certificate, `${file}: root ${entry.id}`),
    })
  );

  const pdfKeys = stored.pdfSigning.map((entry): PdfSigningKey => {
    const where = `${file}: PDF signing key ${entry.id}`;
    const certificate = certificateInfo(entry.certificate, where);
    if (!roots.some((r) => r.id === entry.rootId)) throw new Error(`${where}: unknown root ${entry.rootId}`);
    let privateKey: KeyObject | undefined;
    if (entry.privateKey) {
      try {
        privateKey = crypto.createPrivateKey(entry.privateKey);
      } catch {
        throw new Error(`${where}: bad private key`);
      }
      if (!samePublicKey(crypto.createPublicKey(privateKey), certificate.publicKey))
        throw new Error(`${where}: the private key does not match the certificate`);
    }
    return { ...entry, certificate, privateKey };
  });

  const currentRecord = recordKeys.filter((k) => k.status === "current");
  const currentPdf = pdfKeys.filter((k) => k.status === "current");
  if (currentRecord.length !== 1) throw new Error(`${file}: exactly one current ed25519 key is required`);
  if (currentPdf.length !== 1) throw new Error(`${file}: exactly one current PDF signing key is required`);
  const currentRecordKey = currentRecord[0]!;
  const currentPdfKey = currentPdf[0]!;
  if (!currentRecordKey.privateKey) throw new Error(`${file}: the current ed25519 key has no private key`);
  if (!currentPdfKey.privateKey) throw new Error(`${file}: the current PDF signing key has no private key`);
  for (const list of [recordKeys.map((k) => k.kid), pdfKeys.map((k) => k.id), roots.map((r) => r.id)])
    if (new Set(list).size !== list.length) throw new Error(`${file}: duplicate key ids`);

  return {
    dir,
    source,
    recordKeys,
    pdfKeys,
    roots,
    currentRecordKey: currentRecordKey as Keyring["currentRecordKey"],
    currentPdfKey: currentPdfKey as Keyring["currentPdfKey"],
  };
}

function readKeyringText(dir: string): string | undefined {
  try {
    return fs.readFileSync(path.join(dir, KEYRING_FILE), "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

function missingMessage(dir: string) {
  return (
    `No certificate keyring at ${path.join(dir, KEYRING_FILE)}. CERTIFICATE_KEYS_DIR is set, so keys are ` +
    `never generated on first use: create them once with "CERTIFICATE_KEYS_DIR=${dir} npm run certificates:keys -- init" ` +
    `(or copy an existing keys directory there), or unset CERTIFICATE_KEYS_DIR to use DATA_DIR/keys.`
  );
}

/**
 * Load the keyring in `dir` (uncached). With `create`, generate it when missing: two processes
 * starting at once both generate, one wins the atomic link, the other reads the winner's.
 */
export async function loadKeyringFrom(
  dir: string,
  options: { create: boolean; source?: Keyring["source"] }
): Promise<Keyring> {
  const source = options.source ?? "data-dir";
  const existing = readKeyringText(dir);
  if (existing !== undefined) return parseKeyring(existing, dir, source);
  if (!options.create) throw new Error(missingMessage(dir));

  ensureDirectory(dir);
  try {
    fs.chmodSync(dir, 0o700); // also when the directory already existed
  } catch {
    // not ours to change: the files themselves are still 0600
  }
  const { stored, rootId, rootPrivateKeyPem } = await newKeyring(new Date());
  const rootFile = rootKeyFile(dir, rootId);
  createExclusive(rootFile, rootPrivateKeyPem);
  const text = serialise(stored);
  if (!createExclusive(path.join(dir, KEYRING_FILE), text)) {
    fs.rmSync(rootFile, { force: true }); // another process won the race: its keyring stands
    return parseKeyring(readKeyringText(dir)!, dir, source);
  }
  return parseKeyring(text, dir, source);
}

// ---------------------------------------------------------------------------------------------
// The per-process cache

interface CacheEntry {
  dir: string;
  keyring: Promise<Keyring>;
  stamp?: string;
  checkedAt: number;
}
let cache: CacheEntry | undefined;
/** How often a cached keyring checks whether keyring.json changed (a rotation by the CLI). */
const RECHECK_MS = 5_000;

function stampOf(dir: string) {
  const stat = fs.statSync(path.join(dir, KEYRING_FILE), { throwIfNoEntry: false });
  return stat ? `${stat.ino}:${stat.size}:${stat.mtimeMs}` : undefined;
}

/**
 * The keyring of this process (DATA_DIR/keys, generated on first use, or CERTIFICATE_KEYS_DIR).
 * Cached; a rotation made by another process is picked up within a few seconds.
 */
export function loadKeyring(): Promise<Keyring> {
  const { dir, source } = keysDirectory();
  const now = Date.now();
  if (cache && cache.dir === dir) {
    if (now - cache.checkedAt < RECHECK_MS) return cache.keyring;
    cache.checkedAt = now;
    if (stampOf(dir) === cache.stamp) return cache.keyring;
  }
  const entry: CacheEntry = { dir, checkedAt: now, keyring: Promise.resolve(undefined as never) };
  entry.keyring = loadKeyringFrom(dir, { create: source === "data-dir", source }).then(
    (keyring) => {
      entry.stamp = stampOf(dir);
      return keyring;
    },
    (error: unknown) => {
      if (cache === entry) cache = undefined; // let the next call try again
      throw error;
    }
  );
  cache = entry;
  return entry.keyring;
}

/** Forget the cached keyring (tests; after a rotation in this process). */
export function resetKeyringCache(): void {
  cache = undefined;
}

/** Create the keyring in the keys directory if there is none (also where CERTIFICATE_KEYS_DIR is set). */
export async function initKeyring(): Promise<{ created: boolean; keyring: Keyring }> {
  const { dir, source } = keysDirectory();
  const existed = readKeyringText(dir) !== undefined;
  const keyring = await loadKeyringFrom(dir, { create: true, source });
  resetKeyringCache();
  return { created: !existed, keyring };
}

export function findRecordKey(keyring: Keyring, kid: string): RecordSigningKey | undefined {
  return keyring.recordKeys.find((k) => k.kid === kid);
}

// ---------------------------------------------------------------------------------------------
// Rotation

/**
 * Add a new current key and retire the previous one (kept, so what it signed still verifies).
 * Without options both the Ed25519 key and the PDF signing key rotate. A new PDF signing
 * certificate is issued by the current root, whose private key (root-<id>.key.pem) must be in the
 * keys directory. Writes even where CERTIFICATE_KEYS_DIR is set: this is an operator's action.
 */
export async function rotateKeys(options: { ed25519?: boolean; pdf?: boolean } = {}): Promise<{
  ed25519?: { retired: string; current: string };
  pdf?: { retired: string; current: string };
}> {
  const both = !options.ed25519 && !options.pdf;
  const rotateEd25519 = both || !!options.ed25519;
  const rotatePdf = both || !!options.pdf;
  const { dir, source } = keysDirectory();
  if (source === "data-dir") await loadKeyringFrom(dir, { create: true, source });
  else if (readKeyringText(dir) === undefined) throw new Error(missingMessage(dir));

  const result = await withLock(dir, async () => {
    const text = readKeyringText(dir)!;
    parseKeyring(text, dir, source); // refuse to rotate a keyring that does not load
    const stored = StoredKeyring.parse(JSON.parse(text));
    const now = new Date();
    const out: Awaited<ReturnType<typeof rotateKeys>> = {};

    if (rotateEd25519) {
      const previous = stored.ed25519.find((k) => k.status === "current")!;
      const fresh = newEd25519(now);
      if (stored.ed25519.some((k) => k.kid === fresh.kid)) throw new Error("Key id collision; try again");
      previous.status = "retired";
      previous.retired = now.toISOString();
      stored.ed25519.push(fresh);
      out.ed25519 = { retired: previous.kid, current: fresh.kid };
    }

    if (rotatePdf) {
      const previous = stored.pdfSigning.find((k) => k.status === "current")!;
      const root = stored.pdfRoots.find((r) => r.id === previous.rootId)!;
      let rootPrivateKeyPem: string;
      try {
        rootPrivateKeyPem = fs.readFileSync(rootKeyFile(dir, root.id), "utf8");
      } catch {
        throw new Error(
          `Cannot issue a new PDF signing certificate: the root CA key ${rootKeyFile(dir, root.id)} is not ` +
            `available. Put it back (from offline storage) for the rotation, then remove it again.`
        );
      }
      const rootDer = new X509Certificate(root.certificate).raw;
      const fresh = await newPdfSigning({ id: root.id, der: rootDer, privateKeyPem: rootPrivateKeyPem }, now);
      previous.status = "retired";
      previous.retired = now.toISOString();
      stored.pdfSigning.push(fresh);
      out.pdf = { retired: previous.id, current: fresh.id };
    }

    parseKeyring(serialise(stored), dir, source); // never write a keyring that would not load
    replaceFile(path.join(dir, KEYRING_FILE), serialise(stored));
    return out;
  });
  resetKeyringCache();
  return result;
}
