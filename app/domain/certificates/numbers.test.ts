import { describe, expect, it } from "vitest";
import { makeNumber, parseNumber } from "./numbers.ts";

const bytes = (seed: number) => Uint8Array.from({ length: 9 }, (_, i) => (seed * 31 + i * 17) % 256);

describe("certificate numbers", () => {
  it("makes numbers of the published form that parse back to themselves", () => {
    for (let seed = 0; seed < 200; seed++) {
      const number = makeNumber(2026, bytes(seed));
      expect(number).toMatch(/^PRV-2026-[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/);
      expect(parseNumber(number)).toEqual({ ok: true, number });
    }
  });

  it("accepts what people type: lower case, spaces, no hyphens, O for 0 and I or L for 1", () => {
    const number = makeNumber(2026, Uint8Array.from([0, 1, 1, 0, 5, 6, 7, 8, 9]));
    expect(number.slice(9, 13)).toBe("0110");
    const typed = ` prv 2026 ${number.slice(9, 14).replace("0", "o").replace("1", "l").toLowerCase()} ${number.slice(
      15
    )} `;
    expect(parseNumber(typed)).toEqual({ ok: true, number });
    expect(parseNumber(number.replace(/-/g, ""))).toEqual({ ok: true, number });
  });

  it("tells a mistyped number (one character changed or two swapped) from a malformed one", () => {
    const number = makeNumber(2026, bytes(7));
    const chars = number.split("");
    let caught = 0;
    let tried = 0;
    for (const i of [9, 10, 11, 12, 13, 15, 16, 17, 18]) {
      for (const c of "0123456789ABCDEFGHJKMNPQRSTVWXYZ") {
        if (c === chars[i]) continue;
        const typo = [...chars];
        typo[i] = c;
        tried++;
        if (parseNumber(typo.join("")).ok === false) caught++;
      }
    }
    expect(caught).toBe(tried); // Luhn mod N catches every single-character substitution
    const swapped = [...chars];
    [swapped[10], swapped[11]] = [swapped[11]!, swapped[10]!];
    if (swapped[10] !== swapped[11]) expect(parseNumber(swapped.join(""))).toEqual({ ok: false, reason: "check" });
    expect(parseNumber("PRV-2026-ABCD")).toEqual({ ok: false, reason: "format" });
    expect(parseNumber("hello")).toEqual({ ok: false, reason: "format" });
    expect(parseNumber("PRV-2026-UUUUU-UUUUU")).toEqual({ ok: false, reason: "format" });
  });
});
