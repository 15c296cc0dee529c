import { describe, expect, it } from "vitest";
import { formatters } from "./format.ts";

describe("locale formatting", () => {
  const when = new Date(Date.UTC(2026, 10, 21, 14, 5));

  it("formats dates in each language's own way", () => {
    expect(formatters("en").date(when)).toBe("21 November 2026");
    expect(formatters("fr").date(when)).toBe("21 novembre 2026");
    expect(formatters("zh").date(when)).toBe("2026年11月21日");
    expect(formatters("ar").date(when)).toMatch(/نوفمبر/);
  });

  it("formats numbers with the locale's separators", () => {
    expect(formatters("en").number(33000)).toBe("33,000");
    expect(formatters("pt").number(33000)).toBe("33.000");
    expect(formatters("fr").number(33000)).toMatch(/^33\s000$/u);
  });
});
