// Starts the built app for Playwright on a fresh, throwaway data directory: migrate, seed, serve.
import fs from "node:fs";
import { importCourses, migrate, run } from "../../scripts/lib.mjs";

const dir = process.env.DATA_DIR;
if (!dir || !dir.includes(".tmp")) throw new Error("e2e-server needs a throwaway DATA_DIR under tests/.tmp");
fs.rmSync(dir, { recursive: true, force: true });
migrate({ DATA_DIR: dir });
importCourses({ DATA_DIR: dir });
run("npx", ["tsx", "prisma/seed.ts"]);
run("node", ["server.mjs"], { env: { NODE_ENV: "production" } });
