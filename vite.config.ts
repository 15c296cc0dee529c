import path from "node:path";
import { vitePlugin as remix } from "@remix-run/dev";
import { defineConfig } from "vitest/config";
import remixConfig from "./remix.config.js";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

export default defineConfig({
  resolve: { alias: { "~": path.resolve(import.meta.dirname, "app") } },
  build: {
    target: "es2020",
    cssMinify: true,
    rollupOptions: {
      onwarn(warning, warn) {
        // The server bundles every locale while the browser loads one lazily (app/i18n): expected.
        if (
          warning.message.includes("dynamic import will not move module into another chunk") &&
          warning.message.includes("/i18n/locales/")
        )
          return;
        warn(warning);
      },
    },
  },
  // The Remix plugin stays out of Vitest runs.
  plugins: [!process.env.VITEST && remix(remixConfig)].filter(Boolean),
  test: {
    include: ["app/**/*.test.{ts,tsx}", "tests/integration/**/*.test.ts", "prisma/**/*.test.ts"],
    globalSetup: ["tests/setup/global-setup.ts"],
    setupFiles: ["tests/setup/vitest-setup.ts"],
    pool: "forks",
    restoreMocks: true,
    // Integration tests hash passwords (scrypt) and write real SQLite files: on a busy 2-core machine the
    // default 5 s per test is too tight (a test that took 1 s alone took 5 s under load).
    testTimeout: 20_000,
  },
});
