import { RemixBrowser } from "@remix-run/react";
import i18next from "i18next";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { FALLBACK_LANGUAGE, i18nOptions, isLanguage } from "./i18n/config.ts";
import { loadLanguage } from "./i18n/load-language.ts";

async function hydrate() {
  // Only the active language is downloaded: each locale is its own small chunk.
  const lang = document.documentElement.lang;
  const lng = isLanguage(lang) ? lang : FALLBACK_LANGUAGE;
  await i18next.use(initReactI18next).init({ ...i18nOptions, lng, resources: {} });
  await loadLanguage(i18next, lng);

  startTransition(() => {
    hydrateRoot(
      document,
      <I18nextProvider i18n={i18next}>
        <StrictMode>
          <RemixBrowser />
        </StrictMode>
      </I18nextProvider>,
    );
  });
}

void hydrate();
