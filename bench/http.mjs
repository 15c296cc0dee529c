// HTTP benchmark: throughput and latency of pages against a trivial route (/healthz) of the same
// server in the same run, plus each page's compressed weight. Loopback only; bounded in time.
//
//   node bench/http.mjs [--seconds 10] [--rounds 3] [--warmup 2] [--connections 20] [--only <part of a route name>]
//
// Builds if needed, serves the production build on a throwaway DATA_DIR (migrated + seeded),
// prints a Markdown table and writes bench/results/http-latest.json.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import autocannon from "autocannon";
import { migrate, root, run } from "../scripts/lib.mjs";

const args = Object.fromEntries(
  process.argv
    .slice(2)
    .reduce((pairs, arg, i, all) => (arg.startsWith("--") ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs), [])
);
const SECONDS = Number(args.seconds ?? 10);
const CONNECTIONS = Number(args.connections ?? 20);
const PORT = 3299;
const BASE = `http://127.0.0.1:${PORT}`;
const DATA_DIR = path.join(root, "bench", ".tmp");

if (!fs.existsSync(path.join(root, "build", "server", "index.js"))) run("npx", ["remix", "vite:build"]);
fs.rmSync(DATA_DIR, { recursive: true, force: true });
const env = { DATA_DIR, PORT: String(PORT), HOST: "127.0.0.1", NODE_ENV: "production", APP_URL: BASE };
migrate(env);
run("npx", ["tsx", "scripts/courses-import.ts"], { env });
run("npx", ["tsx", "prisma/seed.ts"], { env });

const server = spawn("node", ["server.mjs"], {
  cwd: root,
  env: { ...process.env, ...env },
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

// A signed-in learner, for pages behind login.
const loginPage = await fetch(`${BASE}/login`);
const csrfCookie = loginPage.headers
  .getSetCookie()
  .find((c) => c.startsWith("csrf="))
  ?.split(";")[0];
const csrf = /name="csrf" value="([^"]+)"/.exec(await loginPage.text())?.[1];
const login = await fetch(`${BASE}/login`, {
  method: "POST",
  redirect: "manual",
  headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrfCookie },
  body: new URLSearchParams({
    csrf,
    email: "learner@example.org",
    password: process.env.DEMO_PASSWORD || "provenance-demo",
  }),
});
const sessionCookie = login.headers
  .getSetCookie()
  .find((c) => c.startsWith("__session="))
  ?.split(";")[0];
if (!sessionCookie) throw new Error(`login failed: ${login.status}`);
const signedIn = `${csrfCookie}; ${sessionCookie}`;

const ROUTES = [
  { name: "/healthz (trivial)", path: "/healthz" },
  { name: "/ (home)", path: "/" },
  { name: "/login", path: "/login" },
  { name: "/dashboard (signed in)", path: "/dashboard", cookie: signedIn },
  { name: "/courses (catalogue, signed in)", path: "/courses", cookie: signedIn },
  {
    name: "lesson page (signed in)",
    path: "/courses/ip-crime-introductory/ip-crimes/trademarks-copyright-patents-designs",
    cookie: signedIn,
  },
];

// `--only lesson` measures the trivial route and the routes whose name contains "lesson".
const SELECTED = args.only ? ROUTES.filter((r, i) => i === 0 || r.name.includes(args.only)) : ROUTES;

function percentile(sorted, p) {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN;
}

async function load(route, seconds) {
  const times = [];
  const result = await autocannon({
    url: BASE + route.path,
    connections: CONNECTIONS,
    duration: seconds,
    headers: { "accept-encoding": "gzip", ...(route.cookie ? { cookie: route.cookie } : { cookie: csrfCookie }) },
    setupClient: (client) => client.on("response", (_status, _bytes, ms) => times.push(ms)),
  });
  return { requestsPerSecond: result.requests.average, times, non2xx: result.non2xx, errors: result.errors };
}

/** Bytes a first visit downloads, gzipped: the HTML, its stylesheets and its module scripts. */
async function weight(route) {
  const headers = { cookie: route.cookie ?? csrfCookie };
  const html = await (await fetch(BASE + route.path, { headers })).text();
  const assets = [...html.matchAll(/<(?:link|script)[^>]+(?:href|src)="(\/[^"/][^"]*\.(?:js|css))"/g)].map((m) => m[1]);
  const imports = [...html.matchAll(/import\("(\/assets\/[^"]+\.js)"\)|from "(\/assets\/[^"]+\.js)"/g)].map(
    (m) => m[1] ?? m[2]
  );
  const unique = [...new Set([...assets, ...imports])];
  let js = 0;
  let css = 0;
  for (const asset of unique) {
    const size = gzipSync(Buffer.from(await (await fetch(BASE + asset)).arrayBuffer())).length;
    if (asset.endsWith(".css")) css += size;
    else js += size;
  }
  return { html: gzipSync(html).length, css, js };
}

// The machine is shared and noisy: routes are measured in alternation, ROUNDS times, and each
// route's figure against the trivial route is the median of its per-round ratios.
const ROUNDS = Number(args.rounds ?? 3);
// A first, unrecorded pass warms the JIT and the server's caches for every route.
for (const route of SELECTED) await load(route, Number(args.warmup ?? 2));
const samples = SELECTED.map(() => ({ rps: [], times: [], non2xx: 0, errors: 0 }));
for (let round = 0; round < ROUNDS; round++) {
  for (const [i, route] of SELECTED.entries()) {
    const stats = await load(route, Math.max(1, Math.round(SECONDS / ROUNDS)));
    samples[i].rps.push(stats.requestsPerSecond);
    samples[i].times.push(...stats.times);
    samples[i].non2xx += stats.non2xx;
    samples[i].errors += stats.errors;
  }
}
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length % 2
    ? sorted[(sorted.length - 1) / 2]
    : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
};
const results = [];
for (const [i, route] of SELECTED.entries()) {
  const { rps, times, non2xx, errors } = samples[i];
  times.sort((a, b) => a - b);
  results.push({
    route: route.name,
    requestsPerSecond: Math.round(rps.reduce((a, b) => a + b, 0) / rps.length),
    vsTrivial: median(rps.map((r, round) => r / samples[0].rps[round])),
    perRound: rps.map((r) => Math.round(r)),
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    p99: percentile(times, 99),
    non2xx,
    errors,
    bytes: route.path === "/healthz" ? null : await weight(route),
  });
}

const kb = (n) => (n / 1024).toFixed(1);
const ms = (n) => Math.round(n);
console.log(
  `\n${SECONDS} s per route in ${ROUNDS} alternating rounds, ${CONNECTIONS} connections, ${new Date().toISOString()}, node ${
    process.version
  }\n`
);
console.log(
  "| route | req/s | vs trivial (median of rounds) | req/s per round | p50 ms | p95 ms | p99 ms | non-2xx | HTML KB gz | CSS KB gz | JS KB gz |"
);
console.log("|---|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|");
for (const r of results) {
  console.log(
    `| ${r.route} | ${r.requestsPerSecond} | ${(r.vsTrivial * 100).toFixed(0)} % | ${r.perRound.join(" / ")} | ${ms(
      r.p50
    )} | ${ms(r.p95)} | ${ms(r.p99)} | ${r.non2xx} | ${r.bytes ? kb(r.bytes.html) : "–"} | ${
      r.bytes ? kb(r.bytes.css) : "–"
    } | ${r.bytes ? kb(r.bytes.js) : "–"} |`
  );
}
fs.mkdirSync(path.join(root, "bench", "results"), { recursive: true });
fs.writeFileSync(
  path.join(root, "bench", "results", "http-latest.json"),
  JSON.stringify(
    {
      date: new Date().toISOString(),
      node: process.version,
      seconds: SECONDS,
      rounds: ROUNDS,
      connections: CONNECTIONS,
      results,
    },
    null,
    2
  )
);
server.kill();
process.exit(0);
