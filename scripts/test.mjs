// `npm test`: install what is missing, then every check — typecheck, lint, unit and integration
// tests (Vitest, real SQLite), production build, end-to-end tests (Playwright in Debian's Chromium).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { ensureDependencies, root, run } from "./lib.mjs";

ensureDependencies();

// Debian packages the tests need: Chromium (end-to-end tests) and poppler-utils (pdfsig, pdftotext and
// pdftoppm check the certificate PDFs). Installed with apt-get when missing and run as root.
const chromium = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const missing = [];
if (!fs.existsSync(chromium)) missing.push("chromium");
if (!["pdfsig", "pdftotext", "pdftoppm"].every((tool) => fs.existsSync(`/usr/bin/${tool}`)))
  missing.push("poppler-utils");
if (missing.length > 0) {
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  if (!isRoot) {
    console.error(`Missing Debian packages for the tests: sudo apt-get install -y ${missing.join(" ")}`);
    process.exit(1);
  }
  console.log(`Installing Debian's ${missing.join(" and ")} for the tests…`);
  spawnSync("apt-get", ["update"], { stdio: "inherit" });
  run("apt-get", ["install", "-y", "--no-install-recommends", ...missing], {
    env: { DEBIAN_FRONTEND: "noninteractive" },
  });
}

const reports = path.join(root, "tests", ".tmp", "reports");
const vitestReport = path.join(reports, "vitest.json");
const playwrightReport = path.join(reports, "playwright.json");
fs.rmSync(reports, { recursive: true, force: true });

const steps = [
  ["typecheck", "npx", ["tsc", "--noEmit"]],
  ["lint", "npx", ["eslint", ".", "--max-warnings", "0"]],
  [
    "unit and integration tests",
    "npx",
    ["vitest", "run", "--reporter=default", "--reporter=json", `--outputFile.json=${vitestReport}`],
  ],
  ["build", "npx", ["remix", "vite:build"]],
  ["end-to-end tests", "npx", ["playwright", "test"], { PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightReport }],
];
for (const [name, command, args, env] of steps) {
  console.log(`\n▶ ${name}`);
  run(command, args, { env });
}

// One closing line that counts every test of both runners.
const vitest = JSON.parse(fs.readFileSync(vitestReport, "utf8"));
const playwright = JSON.parse(fs.readFileSync(playwrightReport, "utf8")).stats;
const passed = vitest.numPassedTests + playwright.expected;
const failed = vitest.numFailedTests + playwright.unexpected + playwright.flaky;
const skipped = vitest.numPendingTests + vitest.numTodoTests + playwright.skipped;
console.log("\n✔ All checks passed: typecheck, lint, Vitest, build, Playwright.");
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
