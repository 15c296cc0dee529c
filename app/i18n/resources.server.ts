import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Resource } from "i18next";
import { SUPPORTED_LANGUAGES } from "./config.ts";

type Files = Record<string, { default: Record<string, unknown> }>;

/**
 * Every locale is bundled on the server; the browser loads only the active one (entry.client.tsx).
 * Under Vite (the app, Vitest) the files are bundled by import.meta.glob; under plain tsx (the seed
 * and command-line scripts, which send mail too) they are read from disk.
 */
function localeFiles(): Files {
  try {
    return import.meta.glob<{ default: Record<string, unknown> }>("./locales/*/*.json", { eager: true });
  } catch {
    const root = path.join(path.dirname(fileURLToPath(import.meta.url)), "locales");
    const files: Files = {};
    for (const lng of fs.readdirSync(root))
      for (const file of fs.readdirSync(path.join(root, lng)))
        if (file.endsWith(".json"))
          files[`./locales/${lng}/${file}`] = {
            default: JSON.parse(fs.readFileSync(path.join(root, lng, file), "utf8")),
          };
    return files;
  }
}

export const resources: Resource = {};
for (const [file, mod] of Object.entries(localeFiles())) {
  const match = /\.\/locales\/([^/]+)\/([^/]+)\.json$/.exec(file);
  if (!match) continue;
  const [, lng, ns] = match as unknown as [string, string, string];
  if (!SUPPORTED_LANGUAGES.includes(lng as never)) continue;
  (resources[lng] ??= {})[ns] = mod.default;
}
