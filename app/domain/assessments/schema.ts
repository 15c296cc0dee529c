import { z } from "zod";
import { Localised, slug } from "~/domain/courses/schema.ts";

/**
 * The assessment file formats (documented in courses/README.md, "Assessments"): question banks in
 * `courses/<course>/questions/<bank>.<language>.yaml` and the quiz and examination settings in
 * `courses/<course>/assessments.yaml`. Parsed and checked with these schemas before anything is imported.
 */

const text = z.string().trim().min(1);

export const DIFFICULTIES = ["easy", "medium", "hard"] as const;
export const QUESTION_TYPES = [
  "single",
  "multiple",
  "true-false",
  "matching",
  "ordering",
  "short-text",
  "numeric",
  "scenario",
] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

const Option = z.object({ text, correct: z.boolean().default(false), feedback: text.optional() }).strict();

/** Fields every question (and every part of a scenario) has. */
const common = {
  id: slug,
  text,
  explanation: text.optional(),
  /** Required on a question, absent on a scenario's parts (they share the scenario's). */
  topics: z.array(slug).min(1).optional(),
  difficulty: z.enum(DIFFICULTIES).optional(),
};

const Single = z
  .object({
    ...common,
    type: z.literal("single"),
    shuffle: z.boolean().default(true),
    options: z.array(Option).min(2).max(6),
  })
  .strict()
  .superRefine((q, ctx) => {
    if (q.options.filter((o) => o.correct).length !== 1)
      ctx.addIssue({
        code: "custom",
        message: "a single-choice question needs exactly one correct option",
        path: ["options"],
      });
  });

const Multiple = z
  .object({
    ...common,
    type: z.literal("multiple"),
    shuffle: z.boolean().default(true),
    /** all-or-nothing: every right option ticked and no wrong one; proportional: right share minus wrong share. */
    scoring: z.enum(["all-or-nothing", "proportional"]).default("proportional"),
    options: z.array(Option).min(2).max(8),
  })
  .strict()
  .superRefine((q, ctx) => {
    if (q.options.filter((o) => o.correct).length === 0)
      ctx.addIssue({ code: "custom", message: "no option is marked correct", path: ["options"] });
  });

const TrueFalse = z
  .object({
    ...common,
    type: z.literal("true-false"),
    answer: z.boolean(),
    trueFeedback: text.optional(),
    falseFeedback: text.optional(),
  })
  .strict();

const Matching = z
  .object({
    ...common,
    type: z.literal("matching"),
    scoring: z.enum(["all-or-nothing", "proportional"]).default("proportional"),
    pairs: z
      .array(z.object({ left: text, right: text, feedback: text.optional() }).strict())
      .min(2)
      .max(8),
    /** Extra answers that match nothing, so the last pair is not given away. */
    distractors: z.array(text).max(4).default([]),
  })
  .strict()
  .superRefine((q, ctx) => {
    const rights = [...q.pairs.map((p) => p.right), ...q.distractors];
    if (new Set(rights).size !== rights.length)
      ctx.addIssue({ code: "custom", message: "the answers to match must all differ", path: ["pairs"] });
  });

const Ordering = z
  .object({
    ...common,
    type: z.literal("ordering"),
    /** all-or-nothing: the whole order right; proportional: share of items in their right place. */
    scoring: z.enum(["all-or-nothing", "proportional"]).default("all-or-nothing"),
    /** In the right order; shown shuffled. */
    items: z.array(text).min(3).max(8),
  })
  .strict();

const ShortText = z
  .object({
    ...common,
    type: z.literal("short-text"),
    accept: z.array(text).min(1).max(20),
    caseSensitive: z.boolean().default(false),
    /** normalise: leading, trailing and repeated spaces do not count; exact: they do. */
    whitespace: z.enum(["normalise", "exact"]).default("normalise"),
    maxLength: z.number().int().min(1).max(500).default(200),
  })
  .strict();

const Numeric = z
  .object({
    ...common,
    type: z.literal("numeric"),
    answer: z.number().finite(),
    /** Accepted: answer − tolerance to answer + tolerance, bounds included. */
    tolerance: z.number().finite().min(0).default(0),
    unit: text.optional(),
  })
  .strict();

/** Parse a value with the schema its `type` names; issues keep their paths (and so their lines). */
function byType<T extends Record<string, z.ZodTypeAny>>(schemas: T) {
  const types = Object.keys(schemas);
  return z.unknown().transform((value, ctx): z.output<T[keyof T]> => {
    const type = (value as { type?: unknown } | null)?.type;
    const schema = typeof type === "string" ? schemas[type] : undefined;
    if (!schema) {
      ctx.addIssue({ code: "custom", message: `type must be one of: ${types.join(", ")}`, path: ["type"] });
      return z.NEVER;
    }
    const result = schema.safeParse(value);
    if (!result.success) {
      for (const issue of result.error.issues) ctx.addIssue({ ...issue, code: "custom", message: issue.message });
      return z.NEVER;
    }
    return result.data;
  });
}

const PART_SCHEMAS = {
  single: Single,
  multiple: Multiple,
  "true-false": TrueFalse,
  matching: Matching,
  ordering: Ordering,
  "short-text": ShortText,
  numeric: Numeric,
};
const partUnion = byType(PART_SCHEMAS);

const Scenario = z
  .object({
    ...common,
    type: z.literal("scenario"),
    /** The case narrative: `text`; then the linked questions, each scored and worth one part. */
    parts: z.array(partUnion).min(2).max(6),
  })
  .strict()
  .superRefine((q, ctx) => {
    q.parts.forEach((p, i) => {
      if (p.topics || p.difficulty)
        ctx.addIssue({
          code: "custom",
          message: "a part takes the scenario's topics and difficulty",
          path: ["parts", i],
        });
    });
    const ids = q.parts.map((p) => p.id);
    if (new Set(ids).size !== ids.length)
      ctx.addIssue({ code: "custom", message: "part ids must differ", path: ["parts"] });
  });

function requireMeta(q: { topics?: string[]; difficulty?: string }, ctx: z.RefinementCtx) {
  if (!q.topics) ctx.addIssue({ code: "custom", message: "a question needs `topics`", path: ["topics"] });
  if (!q.difficulty)
    ctx.addIssue({
      code: "custom",
      message: "a question needs a `difficulty`: easy, medium or hard",
      path: ["difficulty"],
    });
}

/** A question of a bank: any type, with its topics and difficulty. */
export const QuestionSchema = byType(
  Object.fromEntries(
    Object.entries({ ...PART_SCHEMAS, scenario: Scenario }).map(([type, schema]) => [
      type,
      (schema as z.ZodType<{ topics?: string[]; difficulty?: string }>).superRefine(requireMeta),
    ])
  ) as unknown as {
    [K in keyof typeof PART_SCHEMAS | "scenario"]: K extends keyof typeof PART_SCHEMAS
      ? (typeof PART_SCHEMAS)[K]
      : typeof Scenario;
  }
);

export type Part = z.output<(typeof PART_SCHEMAS)[keyof typeof PART_SCHEMAS]>;
export type Question = (Part | z.output<typeof Scenario>) & {
  topics: string[];
  difficulty: (typeof DIFFICULTIES)[number];
};
export type ScenarioQuestion = Extract<Question, { type: "scenario" }>;

/** A bank file: `questions:` then the questions (a translation: some or all, same ids, types and answers). */
export const BankFileSchema = z.object({ questions: z.array(QuestionSchema).min(1) }).strict();

export const FEEDBACK_POLICIES = ["immediately", "after-submission", "after-final-attempt", "never"] as const;
export type FeedbackPolicy = (typeof FEEDBACK_POLICIES)[number];

export const DrawSchema = z
  .object({
    bank: slug,
    count: z.number().int().min(1).max(200),
    /** Only questions with one of these topics (default: all of the bank). */
    topics: z.array(slug).optional(),
    /** Spread the draw evenly over the topics (each question counts for its first topic). */
    stratify: z.boolean().default(false),
  })
  .strict();

export const AssessmentSchema = z
  .object({
    id: slug,
    kind: z.enum(["quiz", "final"]),
    /** A quiz ends this module; a final assessment ends the course. */
    module: slug.optional(),
    title: Localised,
    draw: z.array(DrawSchema).min(1),
    passMark: z.number().int().min(1).max(100),
    /** 0: no limit. */
    attempts: z.number().int().min(0).max(50).default(0),
    cooldownMinutes: z
      .number()
      .int()
      .min(0)
      .max(60 * 24 * 30)
      .default(0),
    timeLimitMinutes: z.number().int().min(1).max(600).optional(),
    feedback: z.enum(FEEDBACK_POLICIES).default("after-submission"),
    /** Which attempt is the result: the best or the last graded one. */
    counts: z.enum(["best", "last"]).default("best"),
    shuffleQuestions: z.boolean().default(true),
    shuffleOptions: z.boolean().default(true),
  })
  .strict()
  .superRefine((a, ctx) => {
    if (a.kind === "quiz" && !a.module)
      ctx.addIssue({ code: "custom", message: "a quiz names the module it ends (`module:`)", path: ["module"] });
    if (a.kind === "final" && a.module)
      ctx.addIssue({
        code: "custom",
        message: "a final assessment belongs to the course, not a module",
        path: ["module"],
      });
  });
export type AssessmentSettings = z.infer<typeof AssessmentSchema>;

export const AssessmentsFileSchema = z.object({ assessments: z.array(AssessmentSchema).min(1) }).strict();
