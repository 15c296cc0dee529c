import { z } from "zod";
import { SUPPORTED_LANGUAGES } from "~/i18n/config.ts";

/**
 * The course file format (documented in courses/README.md), as Zod schemas. Content is data:
 * everything under courses/ is parsed and checked against these before it reaches learners.
 */

export const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const slug = z.string().regex(SLUG, "must be a slug: lower-case letters, digits and hyphens");

const languageKeys = Object.fromEntries(SUPPORTED_LANGUAGES.map((l) => [l, z.string().trim().min(1).optional()]));

/** Text in several languages; English is required. */
export const Localised = z
  .object({ ...languageKeys, en: z.string().trim().min(1, "English text is required") })
  .strict();
export type Localised = z.infer<typeof Localised>;

/** Course levels, in the order the catalogue shows them: the two programmes, then the trainers' course. */
export const LEVELS = ["introductory", "intermediate", "trainer"] as const;
export type Level = (typeof LEVELS)[number];

export const ManifestSchema = z
  .object({
    id: slug,
    version: z.number().int().min(1),
    level: z.enum(LEVELS),
    estimatedHours: z.number().positive().max(200),
    prerequisites: z.array(slug).default([]),
    /** Only holders of a current certificate of this rule (certificates/rules.yaml) may enrol. */
    requiresCertificate: slug.optional(),
    title: Localised,
    summary: Localised,
    modules: z
      .array(
        z
          .object({
            id: slug,
            title: Localised,
            lessons: z.array(slug).min(1, "a module needs at least one lesson"),
          })
          .strict()
      )
      .min(1, "a course needs at least one module"),
  })
  .strict();
export type Manifest = z.infer<typeof ManifestSchema>;

export const FrontMatterSchema = z
  .object({
    title: z.string().trim().min(1),
    minutes: z.number().int().min(1).max(240).optional(),
  })
  .strict();
export type FrontMatter = z.infer<typeof FrontMatterSchema>;

const text = z.string().trim().min(1);

export const KnowledgeCheckSchema = z
  .object({
    id: slug,
    question: text,
    multiple: z.boolean().default(false),
    options: z
      .array(z.object({ text, correct: z.boolean().default(false), feedback: text }).strict())
      .min(2)
      .max(6),
  })
  .strict()
  .superRefine((block, ctx) => {
    const correct = block.options.filter((o) => o.correct).length;
    if (correct === 0) ctx.addIssue({ code: "custom", message: "no option is marked correct", path: ["options"] });
    if (!block.multiple && correct > 1)
      ctx.addIssue({ code: "custom", message: "several options are correct: set `multiple: true`", path: ["options"] });
  });

export const ScenarioSchema = z
  .object({
    id: slug,
    title: text.optional(),
    start: z.string().min(1),
    steps: z
      .array(
        z
          .object({
            id: z.string().min(1),
            text,
            choices: z
              .array(z.object({ text, next: z.string().min(1), feedback: text }).strict())
              .min(1)
              .max(5)
              .optional(),
            ending: z.enum(["good", "mixed", "poor"]).optional(),
          })
          .strict()
      )
      .min(2)
      .max(20),
  })
  .strict();

export const CategoriseSchema = z
  .object({
    id: slug,
    prompt: text,
    categories: z
      .array(z.object({ id: slug, label: text }).strict())
      .min(2)
      .max(4),
    items: z
      .array(z.object({ text, category: z.string().min(1), feedback: text.optional() }).strict())
      .min(2)
      .max(12),
  })
  .strict();

export const RevealSchema = z
  .object({
    id: slug,
    title: text.optional(),
    cards: z
      .array(z.object({ front: text, back: text }).strict())
      .min(1)
      .max(8),
  })
  .strict();

/** A module quiz: a reference to an assessment of kind `quiz` in the course's assessments.yaml. */
export const QuizSchema = z.object({ id: slug }).strict();

export const BLOCK_SCHEMAS = {
  "knowledge-check": KnowledgeCheckSchema,
  scenario: ScenarioSchema,
  categorise: CategoriseSchema,
  reveal: RevealSchema,
  quiz: QuizSchema,
} as const;

export type BlockType = keyof typeof BLOCK_SCHEMAS;
export const BLOCK_TYPES = Object.keys(BLOCK_SCHEMAS) as BlockType[];

export type KnowledgeCheck = z.infer<typeof KnowledgeCheckSchema>;
export type Scenario = z.infer<typeof ScenarioSchema>;
export type Categorise = z.infer<typeof CategoriseSchema>;
export type Reveal = z.infer<typeof RevealSchema>;
export type Quiz = z.infer<typeof QuizSchema>;

export type Block =
  | { type: "knowledge-check"; data: KnowledgeCheck }
  | { type: "scenario"; data: Scenario }
  | { type: "categorise"; data: Categorise }
  | { type: "reveal"; data: Reveal }
  | { type: "quiz"; data: Quiz };

/**
 * Assignments (`courses/<course>/assignments.yaml`): written work a mentor reviews against a rubric.
 * Instructions are lesson Markdown without interactive blocks. A criterion is scored by picking one of its
 * levels; an assignment is worth the sum of each criterion's best level (`assignmentMaxPoints`).
 */
const RubricLevelSchema = z
  .object({
    id: slug,
    points: z.number().int("points must be a whole number").min(0, "points cannot be negative").max(100),
    title: Localised,
  })
  .strict();

const RubricCriterionSchema = z
  .object({
    id: slug,
    title: Localised,
    levels: z.array(RubricLevelSchema).min(2, "a criterion needs at least two levels").max(6),
  })
  .strict();

/**
 * Instructions by language: Markdown kept as written (not trimmed, so reported lines stay exact); `en` required.
 */
const markdownText = z.string().refine((t) => t.trim().length > 0, "the text is empty");
const LocalisedMarkdown = z
  .object({
    ...Object.fromEntries(SUPPORTED_LANGUAGES.map((l) => [l, markdownText.optional()])),
    en: markdownText,
  })
  .strict();

export const AssignmentSchema = z
  .object({
    id: slug,
    module: slug,
    dueDays: z
      .number()
      .int("dueDays must be a whole number of days")
      .min(1, "dueDays must be between 1 and 365")
      .max(365, "dueDays must be between 1 and 365"),
    title: Localised,
    instructions: LocalisedMarkdown,
    rubric: z
      .object({
        criteria: z
          .array(RubricCriterionSchema)
          .min(1, "a rubric needs at least one criterion")
          .max(10, "a rubric has at most ten criteria"),
      })
      .strict(),
  })
  .strict();
export type AssignmentFile = z.infer<typeof AssignmentSchema>;
export type RubricCriterion = z.infer<typeof RubricCriterionSchema>;

export const AssignmentsFileSchema = z
  .object({ assignments: z.array(AssignmentSchema).min(1, "list at least one assignment, or delete the file") })
  .strict();

/** What an assignment is worth: each criterion's best level, added up. */
export function assignmentMaxPoints(criteria: RubricCriterion[]): number {
  return criteria.reduce((sum, c) => sum + Math.max(...c.levels.map((l) => l.points)), 0);
}
