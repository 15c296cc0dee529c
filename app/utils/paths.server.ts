import path from "node:path";

/** The data directory (database, outbox, generated secrets). Absolute, so the CLI and the app agree. */
export function dataDir(): string {
  return path.resolve(process.env.DATA_DIR || "data");
}

export function databasePath(): string {
  return path.join(dataDir(), "provenance.db");
}

export function databaseUrl(): string {
  return `file:${databasePath()}`;
}
