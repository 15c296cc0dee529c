import fs from "node:fs";
import path from "node:path";
import { PrismaClient } from "~/generated/prisma/client.ts";
import { databasePath, databaseUrl } from "./paths.server.ts";
import { ProvenanceSqliteAdapter } from "./sqlite-adapter.server.ts";

export type { Prisma } from "~/generated/prisma/client.ts";

function createClient() {
  fs.mkdirSync(path.dirname(databasePath()), { recursive: true });
  return new PrismaClient({ adapter: new ProvenanceSqliteAdapter(databaseUrl()) });
}

// One client per process (and across Vite dev reloads).
const globalForDb = globalThis as unknown as { __prisma?: ReturnType<typeof createClient> };

export const prisma = (globalForDb.__prisma ??= createClient());
