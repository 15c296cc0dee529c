import { z } from "zod";
import { QUESTION_TYPES } from "./schema.ts";

/** The question editor's form: the question as YAML, saved as a draft or published. */
export const QuestionEditorSchema = z.object({
  intent: z.enum(["save", "publish"]),
  source: z.string({ required_error: "errors.required" }).min(1, "errors.required").max(20_000, "errors.too_long"),
});

/** Starting a new question: its type and first topic (a module of the course). */
export const NewQuestionSchema = z.object({
  type: z.enum(QUESTION_TYPES).catch("single"),
  topic: z.string().max(100).catch(""),
});
