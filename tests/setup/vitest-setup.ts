import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeEach, vi } from "vitest";

// A private copy of the migrated template database for this test file, before any app module loads.
const tmp = process.env.PROVENANCE_TEST_TMP;
if (!tmp) throw new Error("PROVENANCE_TEST_TMP is unset: run the tests through Vitest (tests/setup/global-setup.ts)");
const dir = path.join(tmp, `db-${process.pid}-${crypto.randomBytes(4).toString("hex")}`);
fs.mkdirSync(dir, { recursive: true });
fs.copyFileSync(path.join(tmp, "template", "provenance.db"), path.join(dir, "provenance.db"));
process.env.DATA_DIR = dir;
process.env.NODE_ENV = "test";
process.env.SESSION_SECRET = "test-secret-that-is-long-enough-for-hmac-0123456789";

// Fail loudly: an unexpected console.error is a failing test.
beforeEach(() => {
  vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    throw new Error(`console.error called: ${args.map(String).join(" ")}`);
  });
});

afterAll(async () => {
  const { prisma } = await import("~/utils/db.server.ts");
  await prisma.$disconnect();
  fs.rmSync(dir, { recursive: true, force: true });
});
