/**
 * Certificate numbers: PRV-<year>-<5 chars>-<5 chars>, Crockford base 32 (no I, L, O, U), nine random
 * characters (45 bits) and a Luhn mod 32 check character, so a mistyped number is told apart from an
 * unknown one before the database is asked. Readers may type lower case, spaces, O for 0, I or L for 1.
 */
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

function luhnCheck(chars: string): string {
  const n = ALPHABET.length;
  let factor = 2;
  let sum = 0;
  for (let i = chars.length - 1; i >= 0; i--) {
    let addend = factor * ALPHABET.indexOf(chars[i]!);
    factor = factor === 2 ? 1 : 2;
    addend = Math.floor(addend / n) + (addend % n);
    sum += addend;
  }
  return ALPHABET[(n - (sum % n)) % n]!;
}

/** A new number for a certificate issued in `year`, from `random` bytes (node:crypto's in production). */
export function makeNumber(year: number, random: Uint8Array): string {
  if (random.length < 9) throw new Error("makeNumber needs 9 random bytes");
  const body = Array.from(random.subarray(0, 9), (byte) => ALPHABET[byte % 32]).join("");
  const chars = body + luhnCheck(`${year}${body}`);
  return `PRV-${year}-${chars.slice(0, 5)}-${chars.slice(5)}`;
}

export type ParsedNumber = { ok: true; number: string } | { ok: false; reason: "format" | "check" };

/** Normalise what a reader typed and check its form and check character. */
export function parseNumber(input: string): ParsedNumber {
  const compact = input
    .normalize("NFKC")
    .toUpperCase()
    .replace(/[\s\u2010-\u2015-]+/g, "")
    .replace(/^PRV/, "")
    .replace(/[OIL]/g, (c) => (c === "O" ? "0" : "1"));
  const match = /^(\d{4})([0-9A-HJKMNP-TV-Z]{5})([0-9A-HJKMNP-TV-Z]{5})$/.exec(compact);
  if (!match) return { ok: false, reason: "format" };
  const [, year, first, second] = match;
  const chars = `${first}${second}`;
  if (luhnCheck(`${year}${chars.slice(0, 9)}`) !== chars[9]) return { ok: false, reason: "check" };
  return { ok: true, number: `PRV-${year}-${first}-${second}` };
}
