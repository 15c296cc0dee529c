import fs from "node:fs";
import path from "node:path";
import type { PrismaConfig } from "prisma";
import { dataDir, databaseUrl } from "./app/utils/paths.server.ts";
import { ProvenanceSqliteAdapter } from "./app/utils/sqlite-adapter.server.ts";

export default {
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations"), seed: "tsx prisma/seed.ts" },
  async adapter() {
    fs.mkdirSync(dataDir(), { recursive: true });
    return new ProvenanceSqliteAdapter(databaseUrl(), { shadowDatabaseUrl: ":memory:" });
  },
} satisfies PrismaConfig;
