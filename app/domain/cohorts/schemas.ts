import { z } from "zod";
import { isCountryCode } from "~/domain/accounts/countries.ts";
import { isLanguage, type Language } from "~/i18n/config.ts";

const date = z
  .string({ required_error: "errors.required" })
  .regex(/^\d{4}-\d{2}-\d{2}$/, "cohorts:errors.date")
  .transform((v) => new Date(`${v}T00:00:00Z`))
  .refine((d) => !Number.isNaN(d.getTime()), "cohorts:errors.date");

/** The "new cohort" form. */
export const CohortSchema = z
  .object({
    name: z.string().trim().min(3, "cohorts:errors.name").max(120, "errors.too_long"),
    country: z.string().trim().toUpperCase().refine(isCountryCode, "errors.country"),
    language: z
      .string()
      .refine(isLanguage, "errors.language")
      .transform((v) => v as Language),
    courses: z
      .union([z.string(), z.array(z.string())], { required_error: "cohorts:errors.courses" })
      .transform((v) => (Array.isArray(v) ? v : [v]))
      .pipe(z.array(z.string().min(1).max(80)).min(1, "cohorts:errors.courses").max(10)),
    startsOn: date,
    endsOn: date,
    capacity: z.coerce
      .number({ message: "cohorts:errors.capacity" })
      .int("cohorts:errors.capacity")
      .min(1, "cohorts:errors.capacity")
      .max(5000, "cohorts:errors.capacity"),
  })
  .refine((c) => c.endsOn >= c.startsOn, { message: "cohorts:errors.dates_order", path: ["endsOn"] });

/** The forms on a cohort's page. */
export const CohortActionSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("invite"),
    days: z.coerce.number().int().min(1, "cohorts:errors.days").max(90, "cohorts:errors.days"),
    maxUses: z.coerce.number().int().min(1, "cohorts:errors.uses").max(5000, "cohorts:errors.uses"),
  }),
  z.object({
    intent: z.literal("add"),
    email: z.string().trim().toLowerCase().email("errors.email").max(254, "errors.email"),
  }),
]);

/** The class-list import: the CSV text, and whether to write it or only check it. */
export const ClassListSchema = z.object({
  intent: z.enum(["preview", "import"]),
  csv: z.string().max(1_000_000, "cohorts:errors.csv_too_large").min(1, "cohorts:errors.csv_empty"),
});
