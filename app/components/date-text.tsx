import { useFormat } from "~/utils/format.ts";

/**
 * A date or time in the active language. Node's and the browser's ICU data can word a date
 * slightly differently; the server's text stands until React re-renders, without a hydration error.
 */
export function DateText({ value, withTime = false }: { value: Date | string; withTime?: boolean }) {
  const format = useFormat();
  const date = new Date(value);
  return (
    <time dateTime={date.toISOString()} suppressHydrationWarning>
      {withTime ? format.dateTime(date) : format.date(date)}
    </time>
  );
}
