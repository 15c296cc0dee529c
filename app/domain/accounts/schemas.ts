import { z } from "zod";
import { isLanguage, type Language } from "~/i18n/config.ts";
import { isCountryCode } from "./countries.ts";
import { PASSWORD_MAX, PASSWORD_MIN } from "./password-policy.ts";

/**
 * One Zod schema per form, shared by the route that renders it and the action that receives it.
 * Messages are i18n keys (errors.*), translated where they are shown.
 */

export { PASSWORD_MAX, PASSWORD_MIN };

const email = z
  .string({ required_error: "errors.required" })
  .trim()
  .toLowerCase()
  .min(1, "errors.required")
  .max(254, "errors.email")
  .email("errors.email");

const newPassword = z
  .string({ required_error: "errors.required" })
  .min(1, "errors.required")
  .min(PASSWORD_MIN, "errors.password_too_short")
  .max(PASSWORD_MAX, "errors.password_too_long");

const requiredText = (max: number) =>
  z
    .string({ required_error: "errors.required" })
    .trim()
    .min(1, "errors.required")
    .max(max, "errors.too_long")
    .refine((v) => !hasControlCharacters(v), "errors.invalid_characters");

/** Control characters (tabs, newlines, NUL…) have no place in a one-line field. */
function hasControlCharacters(value: string) {
  return [...value].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);
}

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, "errors.too_long")
    .optional()
    .transform((v) => (v ? v : null));

// Latin letters (with diacritics), spaces and name punctuation only.
const latinName = optionalText(120).refine(
  (v) => v === null || /^[\p{Script=Latin}\s.'’,-]+$/u.test(v),
  "errors.latin_only"
);

const country = z
  .string({ required_error: "errors.required" })
  .trim()
  .toUpperCase()
  .refine(isCountryCode, "errors.country");

const language = z
  .string({ required_error: "errors.required" })
  .refine(isLanguage, "errors.language")
  .transform((v) => v as Language);

const profileFields = {
  fullName: requiredText(120),
  fullNameLatin: latinName,
  agency: requiredText(160),
  country,
  preferredLanguage: language,
};

/** The fields of a person as a class list gives them (cohort CSV import): the same rules as registration. */
export const PersonSchema = z.object({ email, ...profileFields });

const confirmed = <T extends { password: string; confirmPassword: string }>(value: T, ctx: z.RefinementCtx) => {
  if (value.password !== value.confirmPassword) {
    ctx.addIssue({ code: "custom", path: ["confirmPassword"], message: "errors.passwords_differ" });
  }
};

export const RegisterSchema = z
  .object({
    email,
    password: newPassword,
    confirmPassword: z.string({ required_error: "errors.required" }).min(1, "errors.required"),
    ...profileFields,
  })
  .superRefine(confirmed)
  .superRefine((value, ctx) => {
    if (value.password.toLowerCase().includes(value.email.split("@")[0]!) && value.email.split("@")[0]!.length >= 4) {
      ctx.addIssue({ code: "custom", path: ["password"], message: "errors.password_contains_email" });
    }
  });
export type RegisterInput = z.output<typeof RegisterSchema>;

export const ProfileSchema = z.object(profileFields);
export type ProfileInput = z.output<typeof ProfileSchema>;

export const LoginSchema = z.object({
  email,
  password: z
    .string({ required_error: "errors.required" })
    .min(1, "errors.required")
    .max(PASSWORD_MAX, "errors.password_too_long"),
  redirectTo: z.string().max(500).optional(),
});

export const ForgotPasswordSchema = z.object({ email });

export const ResetPasswordSchema = z
  .object({
    token: z.string().min(20, "errors.reset_link_invalid").max(200, "errors.reset_link_invalid"),
    password: newPassword,
    confirmPassword: z.string({ required_error: "errors.required" }).min(1, "errors.required"),
  })
  .superRefine(confirmed);

export const ChangePasswordSchema = z
  .object({
    currentPassword: z.string({ required_error: "errors.required" }).min(1, "errors.required").max(PASSWORD_MAX),
    password: newPassword,
    confirmPassword: z.string({ required_error: "errors.required" }).min(1, "errors.required"),
  })
  .superRefine(confirmed);

export const LanguageSchema = z.object({
  lng: language,
  redirectTo: z.string().max(500).optional(),
});
