import Database from "better-sqlite3";
import { databasePath } from "./paths.server.ts";

/**
 * Hot-path reads in plain SQL (decision 017). Prisma compiles every query in WebAssembly before it
 * runs; for the few reads every signed-in page makes (the session, the learner's progress), a
 * prepared statement on a read-only connection to the same SQLite file costs a fraction of that.
 * Writes always go through Prisma. In WAL mode a read here sees every write committed before it.
 */

let connection: Database.Database | null = null;
let connectedTo = "";
const statements = new Map<string, Database.Statement>();

function db(): Database.Database {
  const file = databasePath();
  if (!connection || connectedTo !== file) {
    connection?.close();
    statements.clear();
    connection = new Database(file, { readonly: true, fileMustExist: true });
    connection.pragma("busy_timeout = 5000");
    connectedTo = file;
  }
  return connection;
}

function statement(sql: string): Database.Statement {
  let prepared = statements.get(sql);
  if (!prepared) {
    prepared = db().prepare(sql);
    statements.set(sql, prepared);
  }
  return prepared;
}

/** One row (or undefined). Use `?` placeholders; never build SQL from input. */
export function readOne<T>(sql: string, ...params: unknown[]): T | undefined {
  return statement(sql).get(...params) as T | undefined;
}

/** Every row. Use `?` placeholders; never build SQL from input. */
export function readAll<T>(sql: string, ...params: unknown[]): T[] {
  return statement(sql).all(...params) as T[];
}

/** SQLite stores Prisma's DateTime as ISO text. */
export function sqlDate(value: string | null): Date | null {
  return value === null ? null : new Date(value);
}
