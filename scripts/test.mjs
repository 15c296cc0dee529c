// `npm test`: install what is missing, then every check — typecheck, lint, unit and integration
// tests (Vitest, real SQLite), production build, end-to-end tests (Playwright in Debian's Chromium).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { ensureDependencies, run } from "./lib.mjs";

ensureDependencies();

const chromium = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
if (!fs.existsSync(chromium)) {
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  if (!isRoot) {
    console.error(`Chromium is missing at ${chromium}. Install Debian's package: sudo apt-get install -y chromium`);
    process.exit(1);
  }
  console.log("Installing Debian's chromium for the end-to-end tests…");
  spawnSync("apt-get", ["update"], { stdio: "inherit" });
  run("apt-get", ["install", "-y", "--no-install-recommends", "chromium"], { env: { DEBIAN_FRONTEND: "noninteractive" } });
}

const steps = [
  ["typecheck", "npx", ["tsc", "--noEmit"]],
  ["lint", "npx", ["eslint", ".", "--max-warnings", "0"]],
  ["unit and integration tests", "npx", ["vitest", "run"]],
  ["build", "npx", ["remix", "vite:build"]],
  ["end-to-end tests", "npx", ["playwright", "test"]],
];
for (const [name, command, args] of steps) {
  console.log(`\n▶ ${name}`);
  run(command, args);
}
console.log("\n✔ All checks passed.");
