import { z } from "zod";

/** A submission's form can carry the editor's state: larger than the house's 64 KB default. */
export const WORK_FORM_BYTES = 600 * 1024;

const email = z.string().trim().toLowerCase().email("errors.email").max(254, "errors.email");
const key = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, "errors.invalid");

/** The trainee's assignment page: save the draft, submit it, or take an attachment off. */
export const WorkSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.enum(["save", "submit"]),
    body: z.string().max(300_000, "editor:errors.rich_text_too_large").optional(),
    bodyText: z.string().max(60_000, "editor:errors.rich_text_too_large").optional(),
  }),
  z.object({ intent: z.literal("remove-file"), attachment: z.string().min(1).max(40) }),
]);

const comment = z.object({
  quote: z.string().trim().max(500, "mentoring:errors.quote_too_long"),
  text: z.string().trim().max(2000, "mentoring:errors.comment_too_long"),
});

/**
 * The mentor's review: a level per rubric criterion (`score.<criterion>`), feedback (editor state or its
 * plain-text fallback), up to ten inline comments (`commentQuote`/`commentText`, blank rows ignored) and
 * the decision (the button pressed). The version reviewed guards against reviewing a stale page.
 */
export const MAX_COMMENTS = 10;
export const ReviewSchema = z
  .object({
    decision: z.enum(["approved", "revision"], { message: "mentoring:errors.decision" }),
    version: z.coerce.number().int().min(1),
    feedback: z.string().max(300_000, "editor:errors.rich_text_too_large").optional(),
    feedbackText: z.string().max(60_000, "editor:errors.rich_text_too_large").optional(),
    commentQuote: z
      .union([z.string(), z.array(z.string())])
      .optional()
      .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v])),
    commentText: z
      .union([z.string(), z.array(z.string())])
      .optional()
      .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v])),
  })
  .catchall(z.string().max(100))
  .superRefine((form, ctx) => {
    const rows = Math.max(form.commentQuote.length, form.commentText.length);
    if (rows > MAX_COMMENTS)
      ctx.addIssue({ code: "custom", message: "mentoring:errors.too_many_comments", path: ["commentText"] });
    for (let i = 0; i < rows; i++) {
      const quote = (form.commentQuote[i] ?? "").trim();
      const text = (form.commentText[i] ?? "").trim();
      const parsed = comment.safeParse({ quote, text });
      if (!parsed.success)
        ctx.addIssue({ code: "custom", message: parsed.error.issues[0]!.message, path: [`comment${i}`] });
      else if (quote && !text)
        ctx.addIssue({ code: "custom", message: "mentoring:errors.comment_text", path: [`comment${i}`] });
    }
  })
  .transform((form) => {
    const levels: Record<string, string> = {};
    for (const [name, value] of Object.entries(form))
      if (name.startsWith("score.") && typeof value === "string") levels[name.slice("score.".length)] = value;
    const comments = form.commentText
      .map((text, i) => ({ quote: (form.commentQuote[i] ?? "").trim(), text: text.trim() }))
      .filter((c) => c.text !== "")
      .map((c, i) => ({ id: String(i + 1), ...c }));
    return {
      decision: form.decision,
      version: form.version,
      feedback: { state: form.feedback, text: form.feedbackText },
      levels,
      comments,
    };
  });

/** Pairing a mentor with a trainee (administrators, lead trainers). */
export const PairSchema = z.object({ mentor: email, trainee: email });

/** A session in the mentoring log. */
export const LogSchema = z.object({
  intent: z.literal("log"),
  heldOn: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "mentoring:errors.date")
    .transform((v) => new Date(`${v}T00:00:00Z`))
    .refine((d) => !Number.isNaN(d.getTime()) && d.getTime() <= Date.now() + 86_400_000, "mentoring:errors.date"),
  minutes: z.coerce
    .number({ message: "mentoring:errors.minutes" })
    .int("mentoring:errors.minutes")
    .min(5, "mentoring:errors.minutes")
    .max(600, "mentoring:errors.minutes"),
  notes: z.string().trim().min(1, "errors.required").max(5000, "errors.too_long"),
  key,
});

/** The mentor's sign-off of a trainee's pathway. */
export const SignOffSchema = z.object({
  intent: z.literal("sign-off"),
  pathway: z.string().regex(/^[a-z0-9-]+$/),
  note: z.string().trim().max(1000, "errors.too_long").optional(),
});

export const TraineeActionSchema = z.discriminatedUnion("intent", [LogSchema, SignOffSchema]);

/** The lead trainer's co-facilitation forms on a cohort. */
export const FacilitatorSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("add"), email }),
  z.object({
    intent: z.literal("complete"),
    user: z.string().min(1).max(40),
    note: z.string().trim().max(1000, "errors.too_long").optional(),
  }),
]);
