/** The six languages of the college's curricula. Names are each language's own name for itself. */
export const LANGUAGES = [
  { code: "en", name: "English", dir: "ltr" },
  { code: "fr", name: "Français", dir: "ltr" },
  { code: "es", name: "Español", dir: "ltr" },
  { code: "ar", name: "العربية", dir: "rtl" },
  { code: "zh", name: "中文（简体）", dir: "ltr" },
  { code: "pt", name: "Português", dir: "ltr" },
] as const;

export type Language = (typeof LANGUAGES)[number]["code"];

export const SUPPORTED_LANGUAGES: Language[] = LANGUAGES.map((l) => l.code);
export const FALLBACK_LANGUAGE: Language = "en";
export const NAMESPACES = ["common", "learn", "author", "assess", "results", "certificates", "cohorts", "mentoring", "pathway", "editor"] as const;
export const DEFAULT_NAMESPACE = "common";

export function isLanguage(value: unknown): value is Language {
  return typeof value === "string" && (SUPPORTED_LANGUAGES as string[]).includes(value);
}

export function languageDir(code: string): "ltr" | "rtl" {
  return LANGUAGES.find((l) => l.code === code)?.dir ?? "ltr";
}

/**
 * BCP 47 tags for Intl formatting: zh is Simplified Chinese; English follows international
 * (British) usage, as INTERPOL's documents do: 21 November 2026, not November 21, 2026.
 */
export function intlLocale(code: string): string {
  if (code === "zh") return "zh-Hans";
  if (code === "en") return "en-GB";
  return code;
}

export const i18nOptions = {
  supportedLngs: SUPPORTED_LANGUAGES,
  fallbackLng: FALLBACK_LANGUAGE,
  defaultNS: DEFAULT_NAMESPACE,
  ns: [...NAMESPACES],
  interpolation: { escapeValue: false }, // React escapes
  react: { useSuspense: false },
  returnNull: false,
} as const;
