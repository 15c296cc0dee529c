// Certificate benchmark: how fast the college issues signed certificates (record signed with Ed25519, PDF
// rendered from the template in the holder's language with their name's scripts, PAdES-signed, stored,
// audited, holder notified in-app and by email), and whether the site keeps answering meanwhile.
//
//   node bench/certificates.mjs [--count 1000] [--connections 4] [--seconds 5]
//
// Builds if needed; a throwaway DATA_DIR with `count` learners and an administrator (bench/certificates-setup.ts).
// Then, against the production server on loopback: /healthz alone for `seconds` (the trivial route's baseline),
// then the administrator's bulk-issue form posted with every address (one batch of `count`), while /healthz
// keeps being requested until the batch reports finished. Prints a Markdown table; writes
// bench/results/certificates-latest.json.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import autocannon from "autocannon";
import { migrate, root, run } from "../scripts/lib.mjs";

const args = Object.fromEntries(
  process.argv
    .slice(2)
    .reduce((pairs, arg, i, all) => (arg.startsWith("--") ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs), [])
);
const COUNT = Number(args.count ?? 1000);
const CONNECTIONS = Number(args.connections ?? 4);
const SECONDS = Number(args.seconds ?? 5);
// Requests per second sent to /healthz while the batch runs: the site's ordinary traffic, whose latency must
// stay low. (Saturating it instead would measure how two loads share two cores, not whether the site answers.)
const RATE = Number(args.rate ?? 100);
const PORT = 3298;
const BASE = `http://127.0.0.1:${PORT}`;
const DATA_DIR = path.join(root, "bench", ".tmp-certificates");

if (!fs.existsSync(path.join(root, "build", "server", "index.js"))) run("npx", ["remix", "vite:build"]);
fs.rmSync(DATA_DIR, { recursive: true, force: true });
fs.mkdirSync(DATA_DIR, { recursive: true });
const env = { DATA_DIR, NODE_ENV: "production", APP_URL: BASE };
migrate(env);
run("npx", ["tsx", "scripts/courses-import.ts"], { env });
const setupFile = path.join(DATA_DIR, "setup.json");
run("npx", ["tsx", "bench/certificates-setup.ts", String(COUNT), setupFile], { env });
const setup = JSON.parse(fs.readFileSync(setupFile, "utf8"));

const server = spawn("node", ["server.mjs"], {
  cwd: root,
  env: { ...process.env, ...env, PORT: String(PORT), HOST: "127.0.0.1" },
  stdio: ["ignore", "ignore", "inherit"],
});
process.on("exit", () => server.kill());
for (let i = 0; ; i++) {
  try {
    if ((await fetch(`${BASE}/healthz`)).ok) break;
  } catch {
    if (i > 100) throw new Error("server did not start");
  }
  await new Promise((r) => setTimeout(r, 100));
}

const { default: Database } = await import("better-sqlite3");
const db = new Database(path.join(DATA_DIR, "provenance.db"), { readonly: true });
const batchRow = () =>
  db
    .prepare("SELECT id, total, done, skipped, failed, status FROM CertificateBatch ORDER BY createdAt DESC LIMIT 1")
    .get();

function healthz(seconds, overallRate) {
  return autocannon({
    url: `${BASE}/healthz`,
    connections: CONNECTIONS,
    duration: seconds,
    ...(overallRate ? { overallRate } : {}),
  });
}

await healthz(2); // warm-up
const alone = await healthz(SECONDS);
const aloneAtRate = await healthz(SECONDS, RATE);

// One warm-up certificate, so the first render's font parsing is not counted in the batch.
const warm = await fetch(`${BASE}/admin/certificates/issue`, {
  method: "POST",
  redirect: "manual",
  headers: { cookie: setup.cookie, origin: BASE, "content-type": "application/x-www-form-urlencoded" },
  body: new URLSearchParams({
    csrf: setup.csrf,
    intent: "one",
    email: setup.emails[0],
    rule: "ip-crime-investigator-certified",
    reason: "bench warm-up",
  }),
});
if (warm.status !== 200) throw new Error(`warm-up issue answered ${warm.status}`);

const started = performance.now();
const posted = await fetch(`${BASE}/admin/certificates/issue`, {
  method: "POST",
  redirect: "manual",
  headers: { cookie: setup.cookie, origin: BASE, "content-type": "application/x-www-form-urlencoded" },
  body: new URLSearchParams({
    csrf: setup.csrf,
    intent: "bulk",
    emails: setup.emails.slice(1).join("\n"),
    rule: "ip-crime-investigator-certified",
    reason: "Benchmark cohort",
  }),
});
if (posted.status !== 302 && posted.status !== 303) throw new Error(`bulk issue answered ${posted.status}`);
const during = [];
let batch = batchRow();
while (batch?.status !== "finished") {
  during.push(await healthz(1, RATE));
  batch = batchRow();
}
const elapsed = (performance.now() - started) / 1000;
server.kill();

const certificates = db.prepare("SELECT COUNT(*) AS n FROM Certificate").get().n;
const pdfs = fs
  .readdirSync(path.join(DATA_DIR, "certificates"))
  .reduce(
    (n, dir) => n + fs.readdirSync(path.join(DATA_DIR, "certificates", dir)).filter((f) => f.endsWith(".pdf")).length,
    0
  );
const sizes = fs
  .readdirSync(path.join(DATA_DIR, "certificates"))
  .slice(0, 50)
  .flatMap((dir) =>
    fs
      .readdirSync(path.join(DATA_DIR, "certificates", dir))
      .map((f) => fs.statSync(path.join(DATA_DIR, "certificates", dir, f)).size)
  );
db.close();

const mean = (values) => values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
const duringRps = mean(during.map((r) => r.requests.average));
const duringP99 = Math.max(...during.map((r) => r.latency.p99));
const summary = {
  date: new Date().toISOString(),
  command: `node bench/certificates.mjs --count ${COUNT} --connections ${CONNECTIONS} --seconds ${SECONDS} --rate ${RATE}`,
  batch: { total: batch.total, done: batch.done, skipped: batch.skipped, failed: batch.failed },
  seconds: Number(elapsed.toFixed(1)),
  certificatesPerSecond: Number((batch.done / elapsed).toFixed(1)),
  certificatesStored: certificates,
  signedPdfs: pdfs,
  meanPdfBytes: Math.round(mean(sizes)),
  healthz: {
    aloneRps: Math.round(alone.requests.average),
    aloneP99Ms: alone.latency.p99,
    rate: RATE,
    atRateAloneP50Ms: aloneAtRate.latency.p50,
    atRateAloneP99Ms: aloneAtRate.latency.p99,
    duringP50Ms: Math.max(...during.map((r) => r.latency.p50)),
    duringRps: Math.round(duringRps),
    duringP99Ms: duringP99,
    non2xxDuring: during.reduce((n, r) => n + r.non2xx, 0),
  },
};
fs.mkdirSync(path.join(root, "bench", "results"), { recursive: true });
fs.writeFileSync(path.join(root, "bench", "results", "certificates-latest.json"), JSON.stringify(summary, null, 2));
console.log(`
| Measure | Value |
|---|---|
| Batch of ${batch.total} (bulk-issue form → background batch) | ${summary.seconds} s |
| Certificates issued and signed per second | ${summary.certificatesPerSecond} |
| Issued / skipped / failed | ${batch.done} / ${batch.skipped} / ${batch.failed} |
| Signed PDFs stored; mean size | ${pdfs}; ${(summary.meanPdfBytes / 1024).toFixed(1)} KB |
| /healthz alone, saturated (${CONNECTIONS} connections) | ${summary.healthz.aloneRps} req/s, p99 ${
  summary.healthz.aloneP99Ms
} ms |
| /healthz alone at ${RATE} req/s | p50 ${summary.healthz.atRateAloneP50Ms} ms, p99 ${
  summary.healthz.atRateAloneP99Ms
} ms |
| /healthz at ${RATE} req/s during the batch | ${summary.healthz.duringRps} req/s answered; worst second p50 ${
  summary.healthz.duringP50Ms
} ms, p99 ${summary.healthz.duringP99Ms} ms; ${summary.healthz.non2xxDuring} errors |`);
if (batch.done !== COUNT - 1 || batch.failed > 0 || pdfs !== certificates) {
  console.error("The batch did not issue every certificate with its signed PDF.");
  process.exitCode = 1;
}
