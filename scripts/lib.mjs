// Small helpers for the project's scripts. Node built-ins only: they run before `npm ci`.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

export const root = path.resolve(import.meta.dirname, "..");

// Settings may live in a .env file (never committed); the real environment wins over it.
if (fs.existsSync(path.join(root, ".env"))) process.loadEnvFile(path.join(root, ".env"));

export function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: "inherit", cwd: root, env: { ...process.env, ...options.env } });
  if (result.status !== 0) {
    console.error(`\n✖ ${command} ${args.join(" ")} failed (exit ${result.status ?? result.signal}).`);
    process.exit(result.status || 1);
  }
}

/** Install dependencies when node_modules is missing or older than the lockfile. */
export function ensureDependencies() {
  const marker = path.join(root, "node_modules", ".package-lock.json");
  const lock = path.join(root, "package-lock.json");
  const stale = !fs.existsSync(marker) || fs.statSync(marker).mtimeMs < fs.statSync(lock).mtimeMs;
  const generated = fs.existsSync(path.join(root, "app", "generated", "prisma", "client.ts"));
  if (stale) {
    console.log("Installing dependencies (npm ci)…");
    run("npm", ["ci", "--no-audit", "--no-fund"]);
  } else if (!generated) {
    run("npx", ["prisma", "generate"]);
  }
}

/** Like run(), but a failure is reported and the script goes on. */
export function runTolerant(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: "inherit", cwd: root, env: { ...process.env, ...options.env } });
  return result.status === 0;
}

/** Import course content; a course with problems keeps its previous version, and the server still starts. */
export function importCourses(env = {}) {
  if (!runTolerant("npx", ["tsx", "scripts/courses-import.ts"], { env })) {
    console.error("Some courses were not imported (problems listed above); the others are served.");
  }
}

export function dataDir() {
  return path.resolve(root, process.env.DATA_DIR || "data");
}

export function migrate(env = {}) {
  fs.mkdirSync(env.DATA_DIR || dataDir(), { recursive: true });
  run("npx", ["prisma", "migrate", "deploy"], { env });
}
