// Production start: apply committed migrations, then serve the built app.
import { migrate, run } from "./lib.mjs";

migrate();
run("node", ["server.mjs"], { env: { NODE_ENV: "production" } });
