// `npm run certificates:keys -- <command>`: the certificate signing keys (see
// docs/decisions/019-certificate-signing.md).
//
//   list                      (default) every key: id, status, dates, fingerprints
//   rotate                    new current Ed25519 key AND new PDF signing certificate; the old ones are
//                             kept as "retired" so everything they signed still verifies
//   rotate --ed25519          only the record/credential signing key
//   rotate --pdf              only the PDF signing certificate (needs the root CA key in the keys dir)
//   export-public [--base-url URL]
//                             print the public keys document served at /keys (JSON)
//   init                      create the keyring if there is none (the way to create one in
//                             CERTIFICATE_KEYS_DIR, where nothing is generated on first use)
//
// The keys live in DATA_DIR/keys (created on first use), or in CERTIFICATE_KEYS_DIR when set.
// A running server notices a rotation within a few seconds; no restart is needed.
import fs from "node:fs";
import path from "node:path";
import {
  initKeyring,
  keysDirectory,
  loadKeyring,
  resetKeyringCache,
  rotateKeys,
  type Keyring,
} from "../app/domain/certificates/crypto/keys.server.ts";
import { publishedKeys } from "../app/domain/certificates/crypto/published-keys.server.ts";
import { ed25519Multikey } from "../app/domain/certificates/crypto/data-integrity.ts";
import { colonFingerprint } from "../app/domain/certificates/crypto/x509.server.ts";

const USAGE = `Usage: npm run certificates:keys -- [list | rotate [--ed25519|--pdf] | export-public [--base-url URL] | init]`;

function day(iso: string | undefined) {
  return iso ? iso.slice(0, 10) : "";
}

function printKeyring(keyring: Keyring) {
  console.log(
    `Keys directory: ${keyring.dir} (${keyring.source === "env" ? "CERTIFICATE_KEYS_DIR" : "DATA_DIR/keys"})\n`
  );
  console.log("Ed25519 record and credential signing keys:");
  for (const key of keyring.recordKeys) {
    const dates = `created ${day(key.created)}${key.retired ? `, retired ${day(key.retired)}` : ""}`;
    console.log(`  ${key.status === "current" ? "*" : " "} ${key.kid}  ${key.status.padEnd(7)}  ${dates}`);
    console.log(`      x (JWK): ${key.x}`);
    console.log(`      Multikey: ${ed25519Multikey(key.publicKey)}${key.privateKey ? "" : "  (public only)"}`);
  }
  console.log("\nPDF signing certificates:");
  for (const key of keyring.pdfKeys) {
    const dates = `created ${day(key.created)}${key.retired ? `, retired ${day(key.retired)}` : ""}`;
    console.log(`  ${key.status === "current" ? "*" : " "} ${key.id}  ${key.status.padEnd(7)}  ${dates}`);
    console.log(
      `      ${key.certificate.subject}; valid until ${day(key.certificate.notAfter)}; issued by ${key.rootId}`
    );
    console.log(`      SHA-256: ${colonFingerprint(key.certificate.sha256)}${key.privateKey ? "" : "  (public only)"}`);
  }
  console.log("\nRoot certificates:");
  for (const root of keyring.roots) {
    const keyFile = path.join(keyring.dir, `${root.id}.key.pem`);
    const offline = fs.existsSync(keyFile) ? "private key present" : "private key not here (offline)";
    console.log(
      `    ${root.id}  ${root.certificate.subject}; valid until ${day(root.certificate.notAfter)}; ${offline}`
    );
    console.log(`      SHA-256: ${colonFingerprint(root.certificate.sha256)}`);
  }
}

async function main(args: string[]) {
  const [command = "list", ...rest] = args;
  switch (command) {
    case "list": {
      printKeyring(await loadKeyring());
      return;
    }
    case "init": {
      const { created, keyring } = await initKeyring();
      console.log(created ? "Created a new keyring.\n" : "A keyring already exists; nothing changed.\n");
      printKeyring(keyring);
      return;
    }
    case "rotate": {
      const unknown = rest.filter((a) => a !== "--ed25519" && a !== "--pdf");
      if (unknown.length) throw new Error(`Unknown option(s) ${unknown.join(" ")}\n${USAGE}`);
      const result = await rotateKeys({ ed25519: rest.includes("--ed25519"), pdf: rest.includes("--pdf") });
      if (result.ed25519)
        console.log(`Ed25519: ${result.ed25519.current} is current; ${result.ed25519.retired} retired.`);
      if (result.pdf) console.log(`PDF signing: ${result.pdf.current} is current; ${result.pdf.retired} retired.`);
      console.log("");
      resetKeyringCache();
      printKeyring(await loadKeyring());
      return;
    }
    case "export-public": {
      const at = rest.indexOf("--base-url");
      let baseUrl = at === -1 ? undefined : rest[at + 1];
      if (at !== -1 && !baseUrl) throw new Error(`--base-url needs a URL\n${USAGE}`);
      if (!baseUrl) baseUrl = (await import("../app/utils/env.server.ts")).env().appUrl;
      console.log(JSON.stringify(await publishedKeys(baseUrl), null, 2));
      return;
    }
    case "help":
    case "--help":
    case "-h":
      console.log(USAGE);
      return;
    default:
      throw new Error(`Unknown command "${command}"\n${USAGE}`);
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  console.error(`(keys directory: ${keysDirectory().dir})`);
  process.exit(1);
});
