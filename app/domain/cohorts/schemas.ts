import { z } from "zod";
import { isCountryCode } from "~/domain/accounts/countries.ts";
import { isLanguage, type Language } from "~/i18n/config.ts";

const date = z
  .string({ required_error: "errors.required" })
  .regex(/^\d{4}-\d{2}-\d{2}$/, "cohorts:errors.date")
  .transform((v) => new Date(`${v}T00:00:00Z`))
  .refine((d) => !Number.isNaN(d.getTime()), "cohorts:errors.date");

/** A cohort's details: the "new cohort" form, and the details form of its edit page. */
const cohortFields = {
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
};
const inOrder = (c: { startsOn: Date; endsOn: Date }) => c.endsOn >= c.startsOn;
const DATES_ORDER = { message: "cohorts:errors.dates_order", path: ["endsOn"] };

/** The "new cohort" form. */
export const CohortSchema = z.object(cohortFields).refine(inOrder, DATES_ORDER);

/** The details form on a cohort's edit page (capacity against the member count is the domain's check). */
export const CohortDetailsSchema = z
  .object({ intent: z.literal("details"), ...cohortFields })
  .refine(inOrder, DATES_ORDER);

/**
 * A form's one-time key, made when the page renders: the domain stores it with what the form creates, so a
 * double click or a retry of the same form creates nothing more.
 */
const formKey = z
  .string({ required_error: "cohorts:errors.form_key" })
  .regex(/^[A-Za-z0-9_-]{16,64}$/, "cohorts:errors.form_key");

// Control characters (other than line breaks and tabs in a message) have no business in a subject or a body.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
// eslint-disable-next-line no-control-regex
const LINE_BREAK_OR_CONTROL = /[\u0000-\u001f\u007f]/;

/** "Message the cohort": a subject and a plain-text message (paragraphs separated by blank lines). */
export const AnnouncementSchema = z.object({
  intent: z.literal("announce"),
  subject: z
    .string({ required_error: "errors.required" })
    .trim()
    .min(1, "errors.required")
    .max(150, "cohorts:errors.subject_too_long")
    .refine((v) => !LINE_BREAK_OR_CONTROL.test(v), "errors.invalid_characters"),
  // Browsers send a textarea's line breaks as CRLF: count them as one character, as the textarea does.
  body: z
    .string({ required_error: "errors.required" })
    .transform((v) => v.replace(/\r\n?/g, "\n").trim())
    .pipe(
      z
        .string()
        .min(1, "errors.required")
        .max(5000, "cohorts:errors.body_too_long")
        .refine((v) => !CONTROL.test(v), "errors.invalid_characters")
    ),
  key: formKey,
});

/** The forms on a cohort's page. */
export const CohortActionSchema = z.discriminatedUnion("intent", [
  AnnouncementSchema,
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

/** A live session of the schedule: when (UTC, as the schedule shows it), where (a room or a video link), what. */
export const SessionSchema = z.object({
  intent: z.literal("add-session"),
  startsAt: z
    .string({ required_error: "errors.required" })
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?$/, "cohorts:errors.date_time")
    .transform((v) => new Date(`${v.length === 16 ? `${v}:00` : v}Z`))
    .refine((d) => !Number.isNaN(d.getTime()), "cohorts:errors.date_time"),
  place: z
    .string({ required_error: "errors.required" })
    .trim()
    .min(1, "errors.required")
    .max(300, "errors.too_long")
    .refine((v) => !LINE_BREAK_OR_CONTROL.test(v), "errors.invalid_characters")
    // Something with a scheme is a link ("Teams: details by email" is not), and only a web link may become one
    // on the page.
    .refine(
      (v) => !/^[a-z][a-z0-9+.-]*:\S/i.test(v) || /^https?:\/\/[^\s/]+\S*$/i.test(v),
      "cohorts:errors.place_link"
    ),
  topic: z
    .string({ required_error: "errors.required" })
    .trim()
    .min(1, "errors.required")
    .max(200, "errors.too_long")
    .refine((v) => !LINE_BREAK_OR_CONTROL.test(v), "errors.invalid_characters"),
  key: formKey,
});

/** Remove a live session from the schedule. */
export const RemoveSessionSchema = z.object({
  intent: z.literal("remove-session"),
  sessionId: z.string().min(1).max(100),
});

/** The prefix of a module's deadline field: `due:<courseId>/<moduleSlug>`. */
export const DEADLINE_FIELD = "due:";

/**
 * Every module's deadline at once: one date field per module (`due:<courseId>/<moduleSlug>`), empty for none.
 * Which modules exist is the domain's check (the cohort's programmes).
 */
export const DeadlinesSchema = z
  .object({ intent: z.literal("deadlines") })
  .catchall(
    z
      .string()
      .regex(/^(?:\d{4}-\d{2}-\d{2})?$/, "cohorts:errors.date")
      .transform((v) => (v ? new Date(`${v}T00:00:00Z`) : null))
      .refine((d) => d === null || !Number.isNaN(d.getTime()), "cohorts:errors.date")
  )
  .superRefine((form, ctx) => {
    const names = Object.keys(form).filter((k) => k !== "intent");
    if (names.length > 500) ctx.addIssue({ code: "custom", message: "errors.invalid", path: ["form"] });
    for (const name of names)
      if (!name.startsWith(DEADLINE_FIELD)) ctx.addIssue({ code: "custom", message: "errors.invalid", path: [name] });
  })
  .transform((form) => {
    const deadlines: Record<string, Date | null> = {};
    for (const [name, value] of Object.entries(form))
      if (name !== "intent") deadlines[name.slice(DEADLINE_FIELD.length)] = value as Date | null;
    return { intent: form.intent, deadlines };
  });
