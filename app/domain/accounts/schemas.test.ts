import { describe, expect, it } from "vitest";
import { validate } from "~/utils/form.server.ts";
import { ChangePasswordSchema, RegisterSchema } from "./schemas.ts";

const form = (fields: Record<string, string>) => new URLSearchParams(fields);
const good = {
  email: "  Officer@Police.GOV ",
  password: "a sturdy passphrase",
  confirmPassword: "a sturdy passphrase",
  fullName: " 王伟 ",
  fullNameLatin: "Wang Wei",
  agency: "Public Security Bureau",
  country: "cn",
  preferredLanguage: "zh",
};

describe("registration form", () => {
  it("normalises what it accepts", () => {
    const result = validate(form(good), RegisterSchema);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.data).toMatchObject({
      email: "officer@police.gov",
      fullName: "王伟",
      country: "CN",
      fullNameLatin: "Wang Wei",
    });
  });

  it("answers each bad field with an i18n key and never echoes passwords", () => {
    const result = validate(
      form({
        ...good,
        email: "nope",
        password: "short",
        confirmPassword: "other",
        country: "XX",
        fullNameLatin: "王伟",
        preferredLanguage: "de",
        agency: "",
      }),
      RegisterSchema
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toMatchObject({
      email: "errors.email",
      password: "errors.password_too_short",
      country: "errors.country",
      fullNameLatin: "errors.latin_only",
      preferredLanguage: "errors.language",
      agency: "errors.required",
    });
    expect(result.values).not.toHaveProperty("password");
    expect(result.values).not.toHaveProperty("confirmPassword");
    expect(result.values.email).toBe("nope");
  });

  it("refuses control characters and over-long names", () => {
    const result = validate(form({ ...good, fullName: "Name\u0000", agency: "x".repeat(161) }), RegisterSchema);
    expect(!result.ok && result.errors).toMatchObject({
      fullName: "errors.invalid_characters",
      agency: "errors.too_long",
    });
  });

  it("flags differing confirmations on the confirmation field", () => {
    const result = validate(
      form({ currentPassword: "old", password: "new long password", confirmPassword: "new long passw0rd" }),
      ChangePasswordSchema
    );
    expect(!result.ok && result.errors).toEqual({ confirmPassword: "errors.passwords_differ" });
  });

  it("treats an empty optional transliteration as absent", () => {
    const result = validate(form({ ...good, fullNameLatin: "  " }), RegisterSchema);
    expect(result.ok && result.data.fullNameLatin).toBeNull();
  });
});
