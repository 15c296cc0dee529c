// Production start: apply committed migrations, import course content, then serve the built app.
import { importCourses, migrate, run } from "./lib.mjs";

migrate();
importCourses();
run("node", ["server.mjs"], { env: { NODE_ENV: "production" } });
