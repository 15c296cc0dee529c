import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import type BetterSqlite3 from "better-sqlite3";
import path from "node:path";

/**
 * Build one migrated SQLite file for the whole run; each test file works on its own copy. Every run has its own
 * folder (tests/.tmp/vitest-<id>, removed at the end), so a Vitest run never touches another run's files or the
 * Playwright server's data directory (tests/.tmp/e2e).
 */
export default function setup() {
  const TMP = path.resolve("tests/.tmp", `vitest-${process.pid}-${Date.now().toString(36)}`);
  const TEMPLATE_DIR = path.join(TMP, "template");
  fs.mkdirSync(TEMPLATE_DIR, { recursive: true });
  process.env.PROVENANCE_TEST_TMP = TMP; // inherited by the test workers (vitest-setup.ts)
  execFileSync("npx", ["prisma", "migrate", "deploy"], {
    env: { ...process.env, DATA_DIR: TEMPLATE_DIR },
    stdio: "pipe",
  });
  // Fold the WAL into the main file so a plain copy is complete.
  const Database = createRequire(import.meta.url)("better-sqlite3") as typeof BetterSqlite3;
  const db = new Database(path.join(TEMPLATE_DIR, "provenance.db"));
  db.pragma("wal_checkpoint(TRUNCATE)");
  db.pragma("journal_mode = DELETE");
  db.close();
  return () => fs.rmSync(TMP, { recursive: true, force: true });
}
