import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "./password.server.ts";

describe("password hashing", () => {
  it("verifies the right password and refuses a wrong one", async () => {
    const hash = await hashPassword("correct horse battery");
    expect(hash).toMatch(/^scrypt\$32768\$8\$3\$/);
    expect(hash).not.toContain("correct horse");
    await expect(verifyPassword("correct horse battery", hash)).resolves.toBe(true);
    await expect(verifyPassword("correct horse batterY", hash)).resolves.toBe(false);
  });

  it("salts every hash", async () => {
    expect(await hashPassword("same password")).not.toBe(await hashPassword("same password"));
  });

  it("treats equivalent Unicode forms as the same password", async () => {
    const hash = await hashPassword("ﬁle-Ω-password"); // ligature + Ohm sign
    await expect(verifyPassword("file-Ω-password", hash)).resolves.toBe(true);
  });

  it("refuses malformed stored hashes instead of throwing", async () => {
    await expect(verifyPassword("x", "sha1$abc")).resolves.toBe(false);
    await expect(verifyPassword("x", "scrypt$NaN$8$1$a$b")).resolves.toBe(false);
  });
});
