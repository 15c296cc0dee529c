import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeEach, vi } from "vitest";

// A private copy of the migrated template database for this test file, before any app module loads.
const dir = path.resolve("tests/.tmp", `db-${process.pid}-${crypto.randomBytes(4).toString("hex")}`);
fs.mkdirSync(dir, { recursive: true });
fs.copyFileSync(path.resolve("tests/.tmp/template/provenance.db"), path.join(dir, "provenance.db"));
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
