import { useTranslation } from "react-i18next";
import { intlLocale } from "~/i18n/config.ts";

/**
 * Dates and numbers in the active language. Times are shown in UTC with the zone named, so the
 * server's render and the browser's hydration agree and officers in different zones read one time.
 */
const cache = new Map<string, ReturnType<typeof createFormatters>>();

/** Intl formatters are costly to build; each language's are built once and reused. */
export function formatters(language: string) {
  let value = cache.get(language);
  if (!value) {
    value = createFormatters(language);
    cache.set(language, value);
  }
  return value;
}

function createFormatters(language: string) {
  const locale = intlLocale(language);
  const date = new Intl.DateTimeFormat(locale, { dateStyle: "long", timeZone: "UTC" });
  const dateTime = new Intl.DateTimeFormat(locale, {
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZone: "UTC",
    timeZoneName: "short",
  });
  const number = new Intl.NumberFormat(locale);
  const percent = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 });
  return {
    date: (value: Date | string) => date.format(new Date(value)),
    dateTime: (value: Date | string) => dateTime.format(new Date(value)),
    number: (value: number) => number.format(value),
    /** 87.5 → "87.5%" / "87,5 %" / "87.5٪", as each language writes it. */
    percent: (value: number) => percent.format(value / 100),
  };
}

export function useFormat() {
  const { i18n } = useTranslation();
  return formatters(i18n.language);
}
