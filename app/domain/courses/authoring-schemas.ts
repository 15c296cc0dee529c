import { z } from "zod";

/**
 * The lesson editor's form (one schema, shared by the page and its action). The editor's content
 * travels as its serialised Lexical state; the server rebuilds the lesson file from it.
 */

/** Editor states are verbose JSON; the longest lesson in the repository is well under a tenth of this. */
export const MAX_EDITOR_FORM_BYTES = 900 * 1024;

const editorState = z
  .string({ required_error: "errors.required" })
  .min(2, "errors.required")
  .transform((value, ctx) => {
    try {
      const parsed: unknown = JSON.parse(value);
      if (parsed && typeof parsed === "object" && "root" in parsed) return parsed as { root: unknown };
    } catch {
      // reported below
    }
    ctx.addIssue({ code: "custom", message: "errors.invalid" });
    return z.NEVER;
  });

export const LessonEditorSchema = z.object({
  intent: z.enum(["save", "publish"]),
  title: z
    .string({ required_error: "errors.required" })
    .trim()
    .min(1, "errors.required")
    .max(200, "errors.too_long")
    .refine((v) => ![...v].some((c) => c.charCodeAt(0) < 0x20), "errors.invalid_characters"),
  minutes: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? Number(v) : null))
    .refine((v) => v === null || (Number.isInteger(v) && v >= 1 && v <= 600), "errors.minutes"),
  state: editorState,
});

export type LessonEditorForm = z.infer<typeof LessonEditorSchema>;
