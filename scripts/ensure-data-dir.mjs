import fs from "node:fs";
import { dataDir } from "./lib.mjs";

fs.mkdirSync(dataDir(), { recursive: true });
