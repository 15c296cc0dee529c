// `npm run demo`: everything a fresh clone needs — install, migrate, seed, build, serve.
// Honours PORT (default 3000) and DATA_DIR (default ./data). Safe to run again.
import { dataDir, ensureDependencies, importCourses, migrate, run } from "./lib.mjs";

ensureDependencies();
migrate();
importCourses();
run("npx", ["tsx", "prisma/seed.ts"]);
run("npx", ["remix", "vite:build"]);
console.log(`\nData directory: ${dataDir()}`);
console.log(`Open http://localhost:${process.env.PORT || 3000} — log in at /login, administration at /admin.\n`);
run("node", ["server.mjs"], { env: { NODE_ENV: "production" } });
