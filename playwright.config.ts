import path from "node:path";
import { defineConfig, devices } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT || 3199);
export const E2E_DATA_DIR = path.resolve("tests/.tmp/e2e");

/**
 * End-to-end tests drive Debian's Chromium (no browser download) against the production build,
 * served by server.mjs on a throwaway data directory that is migrated and seeded first.
 */
export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: true,
  workers: 2,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? [["list"], ["json"]] : [["list"]],
  // Axe scans of several pages and multi-user flows take 20–30 s on this 2-core machine when it is busy:
  // a test's time limit catches hangs, not slowness (speed is measured by bench/, not by tests).
  timeout: 60_000,
  // A page that answers in 100 ms alone can take seconds while two workers, the server and Chromium share the
  // two cores: an assertion waits up to 10 s for what it expects (a failure still fails, just later).
  expect: { timeout: 10_000 },
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    trace: "retain-on-failure",
    locale: "en-GB",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
          args: [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
          ],
        },
      },
    },
  ],
  webServer: {
    command: "node tests/setup/e2e-server.mjs",
    url: `http://127.0.0.1:${PORT}/healthz`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "pipe",
    stderr: "pipe",
    env: { PORT: String(PORT), DATA_DIR: E2E_DATA_DIR, APP_URL: `http://127.0.0.1:${PORT}`, HOST: "127.0.0.1" },
  },
});
