import type { Resource } from "i18next";
import { SUPPORTED_LANGUAGES } from "./config.ts";

// Every locale is bundled on the server; the browser loads only the active one (entry.client.tsx).
const files = import.meta.glob<{ default: Record<string, unknown> }>("./locales/*/*.json", { eager: true });

export const resources: Resource = {};
for (const [file, mod] of Object.entries(files)) {
  const match = /\.\/locales\/([^/]+)\/([^/]+)\.json$/.exec(file);
  if (!match) continue;
  const [, lng, ns] = match as unknown as [string, string, string];
  if (!SUPPORTED_LANGUAGES.includes(lng as never)) continue;
  (resources[lng] ??= {})[ns] = mod.default;
}
