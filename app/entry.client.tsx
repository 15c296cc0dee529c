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
  await remixStateDecoded();

  startTransition(() => {
    hydrateRoot(
      document,
      <I18nextProvider i18n={i18next}>
        <StrictMode>
          <RemixBrowser />
        </StrictMode>
      </I18nextProvider>
    );
  });
}

/**
 * With single fetch, <RemixBrowser> suspends on its first render until the inline loader data is
 * decoded. If a person clicks while a React 18 root is suspended mid-hydration, React throws
 * error #345 ("root did not complete") and the click can be lost — likely on slow phones. So we
 * start that decoding (the component's first call does only that, before any hook) and wait for
 * it before hydrating. Remove when moving to React 19, which handles this.
 */
async function remixStateDecoded() {
  try {
    (RemixBrowser as unknown as (props: object) => unknown)({});
  } catch (pending) {
    if (pending instanceof Promise) await pending;
  }
}

void hydrate();
