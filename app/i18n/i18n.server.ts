import { createCookie } from "@remix-run/node";
import { createInstance, type i18n as I18n } from "i18next";
import { initReactI18next } from "react-i18next";
import { RemixI18Next } from "remix-i18next/server";
import { env } from "~/utils/env.server.ts";
import { getSessionUser } from "~/utils/session.server.ts";
import { FALLBACK_LANGUAGE, i18nOptions, isLanguage, SUPPORTED_LANGUAGES, type Language } from "./config.ts";
import { resources } from "./resources.server.ts";

export const localeCookie = createCookie("lng", {
  path: "/",
  sameSite: "lax",
  httpOnly: true,
  maxAge: 60 * 60 * 24 * 365,
  get secure() {
    return env().cookieSecure;
  },
});

const remixI18next = new RemixI18Next({
  detection: {
    supportedLanguages: SUPPORTED_LANGUAGES,
    fallbackLanguage: FALLBACK_LANGUAGE,
    cookie: localeCookie,
  },
  i18next: { ...i18nOptions, resources },
});

/**
 * The active language: the signed-in user's preference, else `?lng=`, the cookie, then
 * Accept-Language (remix-i18next's order), else English.
 */
export async function getLocale(request: Request, preferred?: string | null): Promise<Language> {
  if (isLanguage(preferred)) return preferred;
  const detected = await remixI18next.getLocale(request);
  return isLanguage(detected) ? detected : FALLBACK_LANGUAGE;
}

/**
 * One initialised i18next instance per language, made once and shared by every request: its
 * language never changes, and the resources are static, so sharing is safe and saves building an
 * instance (and a translator) on every render.
 */
const instances = new Map<Language, Promise<I18n>>();

export function serverI18n(locale: Language): Promise<I18n> {
  let instance = instances.get(locale);
  if (!instance) {
    const created = createInstance();
    instance = created
      .use(initReactI18next)
      .init({ ...i18nOptions, resources, lng: locale })
      .then(() => memoizeTranslations(created));
    instances.set(locale, instance);
  }
  return instance;
}

/**
 * The strings of a language never change while the server runs, so a translation is looked up once
 * per key and options: pages call `t` a few hundred times each, and i18next's lookup is not free.
 */
function memoizeTranslations(instance: I18n): I18n {
  const translate = instance.t.bind(instance) as unknown as (...args: unknown[]) => unknown;
  const memo = new Map<string, unknown>();
  instance.t = ((...args: unknown[]) => {
    const [key, options] = args;
    if (typeof key !== "string" || args.length > 2) return translate(...args);
    let id: string;
    try {
      id = options === undefined ? key : `${key}\u0000${JSON.stringify(options)}`;
    } catch {
      return translate(...args);
    }
    if (memo.has(id)) return memo.get(id);
    const value = translate(...args);
    if (memo.size >= 20_000) memo.clear();
    memo.set(id, value);
    return value;
  }) as unknown as I18n["t"];
  return instance;
}

export async function getFixedT(locale: Language) {
  return (await serverI18n(locale)).getFixedT(locale);
}

/** The language and a translator for this request (user preference first), for loaders and actions. */
export async function getRequestI18n(request: Request) {
  const user = await getSessionUser(request);
  const locale = await getLocale(request, user?.preferredLanguage);
  return { locale, t: await getFixedT(locale) };
}
