// Grading benchmark: submissions per second when learners hand in 40-question attempts at the same time,
// each submission closing and grading one attempt on the server, beside the trivial route (/healthz) of the
// same server in the same run. Loopback only; bounded.
//
//   node bench/grading.mjs [--batch 600] [--rounds 3] [--connections 20] [--seconds 4]
//
// Builds if needed, prepares a throwaway DATA_DIR (the courses with the Introductory final set to draw 40
// questions), creates rounds × batch open attempts with every answer saved (bench/grading-setup.ts), then
// alternates: /healthz for `seconds`, then one batch of submissions (each attempt submitted once).
// Prints a Markdown table and writes bench/results/grading-latest.json.
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
const BATCH = Number(args.batch ?? 600);
const ROUNDS = Number(args.rounds ?? 3);
const CONNECTIONS = Number(args.connections ?? 20);
const SECONDS = Number(args.seconds ?? 4);
const PORT = 3297;
const BASE = `http://127.0.0.1:${PORT}`;
const DATA_DIR = path.join(root, "bench", ".tmp-grading");
const COURSES = path.join(DATA_DIR, "courses");

if (!fs.existsSync(path.join(root, "build", "server", "index.js"))) run("npx", ["remix", "vite:build"]);
fs.rmSync(DATA_DIR, { recursive: true, force: true });
fs.mkdirSync(DATA_DIR, { recursive: true });
fs.cpSync(path.join(root, "courses"), COURSES, { recursive: true });
const settings = path.join(COURSES, "ip-crime-introductory", "assessments.yaml");
const original = fs.readFileSync(settings, "utf8");
const forty = original.replace(/count: 28 # [^\n]*/, "count: 40");
if (forty === original) throw new Error("could not set the final's draw to 40 questions");
fs.writeFileSync(settings, forty);
const env = { DATA_DIR, NODE_ENV: "production", APP_URL: BASE };
migrate(env);
run("npx", ["tsx", "scripts/courses-import.ts", COURSES], { env });
const submissionsFile = path.join(DATA_DIR, "submissions.json");
run("npx", ["tsx", "bench/grading-setup.ts", String(BATCH * ROUNDS), submissionsFile], { env });
const submissions = JSON.parse(fs.readFileSync(submissionsFile, "utf8"));

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

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

async function trivial(seconds) {
  const result = await autocannon({ url: `${BASE}/healthz`, connections: CONNECTIONS, duration: seconds });
  return { rps: result.requests.average, non2xx: result.non2xx };
}

/** Submit `batch` attempts, each once, as fast as CONNECTIONS clients can; the rate is batch / elapsed. */
async function grade(batch) {
  let next = 0;
  const times = [];
  const statuses = {};
  const started = performance.now();
  await autocannon({
    url: BASE,
    connections: CONNECTIONS,
    amount: batch.length,
    requests: [
      {
        method: "POST",
        setupRequest: (request) => {
          const s = batch[next++ % batch.length];
          return {
            ...request,
            path: s.path,
            headers: {
              cookie: s.cookie,
              origin: BASE,
              "content-type": "application/x-www-form-urlencoded",
            },
            body: new URLSearchParams({ csrf: s.csrf, intent: "submit" }).toString(),
          };
        },
      },
    ],
    setupClient: (client) =>
      client.on("response", (status, _bytes, ms) => {
        times.push(ms);
        statuses[status] = (statuses[status] ?? 0) + 1;
      }),
  });
  const seconds = (performance.now() - started) / 1000;
  return { rps: batch.length / seconds, times, statuses };
}

await trivial(2); // warm-up
const rounds = [];
for (let r = 0; r < ROUNDS; r++) {
  const healthz = await trivial(SECONDS);
  const graded = await grade(submissions.slice(r * BATCH, (r + 1) * BATCH));
  rounds.push({ healthz, graded });
  console.log(
    `round ${r + 1}: /healthz ${healthz.rps.toFixed(0)} req/s; submissions ${graded.rps.toFixed(
      1
    )}/s, statuses ${JSON.stringify(graded.statuses)}`
  );
}
server.kill();

// Every submission must have graded exactly one attempt, once.
const { default: Database } = await import("better-sqlite3");
const db = new Database(path.join(DATA_DIR, "provenance.db"), { readonly: true });
const graded = db.prepare("SELECT COUNT(*) AS n FROM Attempt WHERE gradedAt IS NOT NULL").get().n;
const grades = db.prepare("SELECT COUNT(*) AS n FROM AttemptGrade").get().n;
const questionsPerAttempt = db.prepare("SELECT COUNT(*) AS n FROM AttemptQuestion GROUP BY attemptId LIMIT 1").get().n;
db.close();

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const times = rounds.flatMap((r) => r.graded.times).sort((a, b) => a - b);
const summary = {
  date: new Date().toISOString(),
  command: `node bench/grading.mjs --batch ${BATCH} --rounds ${ROUNDS} --connections ${CONNECTIONS} --seconds ${SECONDS}`,
  questionsPerAttempt,
  submissions: BATCH * ROUNDS,
  attemptsGraded: graded,
  gradeRows: grades,
  healthzRps: median(rounds.map((r) => r.healthz.rps)),
  submissionsPerSecond: median(rounds.map((r) => r.graded.rps)),
  ratio: median(rounds.map((r) => r.graded.rps / r.healthz.rps)),
  latencyMs: {
    p50: Math.round(percentile(times, 50)),
    p95: Math.round(percentile(times, 95)),
    p99: Math.round(percentile(times, 99)),
  },
  statuses: rounds.reduce((all, r) => {
    for (const [k, v] of Object.entries(r.graded.statuses)) all[k] = (all[k] ?? 0) + v;
    return all;
  }, {}),
};
fs.mkdirSync(path.join(root, "bench", "results"), { recursive: true });
fs.writeFileSync(path.join(root, "bench", "results", "grading-latest.json"), JSON.stringify(summary, null, 2));
console.log(`
| Route | Throughput | Against /healthz | p50 | p95 | p99 |
|---|---|---|---|---|---|
| /healthz (trivial) | ${summary.healthzRps.toFixed(0)} req/s | 100 % | | | |
| submit + grade a ${questionsPerAttempt}-question attempt | ${summary.submissionsPerSecond.toFixed(1)} /s | ${(
  summary.ratio * 100
).toFixed(0)} % | ${summary.latencyMs.p50} ms | ${summary.latencyMs.p95} ms | ${summary.latencyMs.p99} ms |

${summary.attemptsGraded} attempts graded for ${summary.submissions} submissions (${
  summary.gradeRows
} grade rows); statuses ${JSON.stringify(summary.statuses)}.`);
if (graded !== BATCH * ROUNDS || grades !== graded) {
  console.error("Some submissions did not grade exactly one attempt.");
  process.exitCode = 1;
}
