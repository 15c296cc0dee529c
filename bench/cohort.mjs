// Cohort dashboard benchmark: the server time of a 500-member cohort's dashboard (the trainer's page, HTML,
// server-rendered), beside the trivial route (/healthz) of the same server in the same run. Target < 300 ms.
//
//   node bench/cohort.mjs [--members 500] [--requests 40]
//
// Builds if needed; a throwaway DATA_DIR (bench/.tmp-cohort) with the courses and a cohort whose members have
// lesson progress and graded attempts (bench/cohort-setup.ts). Requests the page one at a time (after 5
// warm-up requests) and reports the distribution; writes bench/results/cohort-latest.json.
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
const MEMBERS = Number(args.members ?? 500);
const REQUESTS = Number(args.requests ?? 40);
const PORT = 3299;
const BASE = `http://127.0.0.1:${PORT}`;
const DATA_DIR = path.join(root, "bench", ".tmp-cohort");

if (!fs.existsSync(path.join(root, "build", "server", "index.js"))) run("npx", ["remix", "vite:build"]);
fs.rmSync(DATA_DIR, { recursive: true, force: true });
fs.mkdirSync(DATA_DIR, { recursive: true });
const env = { DATA_DIR, NODE_ENV: "production", APP_URL: BASE };
migrate(env);
run("npx", ["tsx", "scripts/courses-import.ts"], { env });
const setupFile = path.join(DATA_DIR, "setup.json");
run("npx", ["tsx", "bench/cohort-setup.ts", String(MEMBERS), setupFile], { env });
const { cohortId, cookie } = JSON.parse(fs.readFileSync(setupFile, "utf8"));

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

async function time(url, headers = {}) {
  const started = performance.now();
  const response = await fetch(url, { headers });
  const body = await response.text();
  return { ms: performance.now() - started, status: response.status, bytes: body.length, body };
}
const page = `${BASE}/cohorts/${cohortId}`;
for (let i = 0; i < 5; i++) await time(page, { cookie });
const first = await time(page, { cookie });
const rows = (first.body.match(/<tr/g) ?? []).length - 1;
const times = [];
for (let i = 0; i < REQUESTS; i++) times.push((await time(page, { cookie })).ms);
const healthz = [];
for (let i = 0; i < REQUESTS; i++) healthz.push((await time(`${BASE}/healthz`)).ms);
const trivial = await autocannon({ url: `${BASE}/healthz`, connections: 4, duration: 3 });
server.kill();

const sorted = (v) => [...v].sort((a, b) => a - b);
const pct = (v, p) => sorted(v)[Math.min(v.length - 1, Math.floor((p / 100) * v.length))];
const summary = {
  date: new Date().toISOString(),
  command: `node bench/cohort.mjs --members ${MEMBERS} --requests ${REQUESTS}`,
  status: first.status,
  memberRows: rows,
  htmlBytes: first.bytes,
  dashboardMs: {
    p50: Math.round(pct(times, 50)),
    p95: Math.round(pct(times, 95)),
    max: Math.round(Math.max(...times)),
  },
  healthzMs: { p50: Number(pct(healthz, 50).toFixed(1)), p95: Number(pct(healthz, 95).toFixed(1)) },
  healthzRps: Math.round(trivial.requests.average),
};
fs.mkdirSync(path.join(root, "bench", "results"), { recursive: true });
fs.writeFileSync(path.join(root, "bench", "results", "cohort-latest.json"), JSON.stringify(summary, null, 2));
console.log(`
| Request (one at a time) | p50 | p95 | max |
|---|---|---|---|
| /healthz (trivial) | ${summary.healthzMs.p50} ms | ${summary.healthzMs.p95} ms | |
| cohort dashboard, ${rows} member rows, ${(first.bytes / 1024).toFixed(0)} KB HTML | ${summary.dashboardMs.p50} ms | ${
  summary.dashboardMs.p95
} ms | ${summary.dashboardMs.max} ms |

/healthz saturated: ${summary.healthzRps} req/s. Status ${first.status}.`);
if (first.status !== 200 || rows !== MEMBERS) {
  console.error(`Expected a 200 with ${MEMBERS} member rows.`);
  process.exitCode = 1;
}
