import type { i18n as I18n } from "i18next";
import type { Language } from "./config.ts";

const locales = import.meta.glob<{ default: Record<string, unknown> }>("./locales/*/*.json");

/** Fetch a language's namespaces (one lazy chunk each) into a client i18next instance. */
export async function loadLanguage(i18n: I18n, lng: Language): Promise<void> {
  const prefix = `./locales/${lng}/`;
  await Promise.all(
    Object.entries(locales)
      .filter(([file]) => file.startsWith(prefix))
      .map(async ([file, load]) => {
        const ns = file.slice(prefix.length, -".json".length);
        if (!i18n.hasResourceBundle(lng, ns)) i18n.addResourceBundle(lng, ns, (await load()).default, true, true);
      })
  );
}
