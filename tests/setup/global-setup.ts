import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import type BetterSqlite3 from "better-sqlite3";
import path from "node:path";

/** Build one migrated SQLite file for the whole run; each test file works on its own copy. */
export const TMP = path.resolve("tests/.tmp");
export const TEMPLATE_DIR = path.join(TMP, "template");

export default function setup() {
  fs.rmSync(TMP, { recursive: true, force: true });
  fs.mkdirSync(TEMPLATE_DIR, { recursive: true });
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
}
