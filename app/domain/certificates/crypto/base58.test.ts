import crypto from "node:crypto";
import { describe, expect, test } from "vitest";
import { base58btcDecode, base58btcEncode, multibaseDecode, multibaseEncode } from "./base58.ts";

// Bitcoin Core's base58_encode_decode.json vectors, and draft-msporny-base58's examples.
const VECTORS: [string, string][] = [
  ["", ""],
  ["61", "2g"],
  ["626262", "a3gV"],
  ["636363", "aPEr"],
  ["73696d706c792061206c6f6e6720737472696e67", "2cFupjhnEsSn59qHXstmK2ffpLv2"],
  ["00eb15231dfceb60925886b67d065299925915aeb172c06647", "1NS17iag9jJgTHD1VXjvLCEnZuQ3rJDE9L"],
  ["516b6fcd0f", "ABnLTmg"],
  ["bf4f89001e670274dd", "3SEo3LWLoPntC"],
  ["572e4794", "3EFU7m"],
  ["ecac89cad93923c02321", "EJDM8drfXA6uyA"],
  ["10c8511e", "Rt5zm"],
  ["00000000000000000000", "1111111111"],
  [Buffer.from("Hello World!").toString("hex"), "2NEpo7TZRRrLZSi2U"],
  [
    Buffer.from("The quick brown fox jumps over the lazy dog.").toString("hex"),
    "USm3fpXnKG5EUBx2ndxBDMPVciP5hGey2Jh4NDv6gmeo1LkMeiKrLJUUBk6Z",
  ],
  ["0000287fb4cd", "11233QC4"],
];

describe("base58btc", () => {
  test.each(VECTORS)("%s <-> %s", (hex, encoded) => {
    expect(base58btcEncode(Buffer.from(hex, "hex"))).toBe(encoded);
    expect(Buffer.from(base58btcDecode(encoded)!).toString("hex")).toBe(hex);
  });

  test("round-trips random bytes, leading zeros included", () => {
    for (let i = 0; i < 300; i++) {
      const bytes = crypto.randomBytes(i % 70);
      if (i % 3 === 0) bytes.fill(0, 0, Math.min(bytes.length, i % 5));
      expect(Buffer.from(base58btcDecode(base58btcEncode(bytes))!).equals(bytes)).toBe(true);
    }
  });

  test("rejects characters outside the alphabet", () => {
    for (const bad of ["0", "O", "I", "l", "abc+", "z z", "é"]) expect(base58btcDecode(bad)).toBeUndefined();
  });

  test("multibase: the z prefix", () => {
    const bytes = crypto.randomBytes(64);
    const encoded = multibaseEncode(bytes);
    expect(encoded.startsWith("z")).toBe(true);
    expect(Buffer.from(multibaseDecode(encoded)!).equals(bytes)).toBe(true);
    expect(multibaseDecode(encoded.slice(1))).toBeUndefined(); // no prefix
    expect(multibaseDecode(`u${encoded.slice(1)}`)).toBeUndefined(); // another base
  });
});
