import { z } from "zod";

/**
 * Assignment rubrics: criteria, each with levels worth points. Stored on the Assignment as JSON (imported
 * from courses/<course>/assignments.yaml); a mentor picks one level per criterion. Pure: unit-tested.
 */
const Titles = z.record(z.string(), z.string());

export const RubricSchema = z
  .array(
    z.object({
      id: z.string().min(1),
      titles: Titles,
      levels: z.array(z.object({ id: z.string().min(1), points: z.number().int().min(0), titles: Titles })).min(2),
    })
  )
  .min(1);

export type Rubric = z.infer<typeof RubricSchema>;

export function parseRubric(json: string): Rubric {
  return RubricSchema.parse(JSON.parse(json));
}

export function maxPoints(rubric: Rubric): number {
  return rubric.reduce((sum, c) => sum + Math.max(...c.levels.map((l) => l.points)), 0);
}

export type RubricScore =
  | { ok: true; scores: Record<string, string>; points: number }
  | { ok: false; errors: Record<string, string> };

/**
 * Score a rubric from the levels chosen (criterion id → level id). Every criterion needs a level of its own;
 * unknown criteria are ignored, unknown levels refused. Errors are keyed `score.<criterion>` for the form.
 */
export function scoreRubric(rubric: Rubric, chosen: Record<string, string | undefined>): RubricScore {
  const errors: Record<string, string> = {};
  const scores: Record<string, string> = {};
  let points = 0;
  for (const criterion of rubric) {
    const levelId = chosen[criterion.id];
    const level = criterion.levels.find((l) => l.id === levelId);
    if (!levelId) errors[`score.${criterion.id}`] = "mentoring:errors.level_required";
    else if (!level) errors[`score.${criterion.id}`] = "mentoring:errors.level_unknown";
    else {
      scores[criterion.id] = level.id;
      points += level.points;
    }
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, scores, points };
}

/** A title in the reader's language, else English, else the first there is. */
export function titleIn(titles: Record<string, string>, language: string): string {
  return titles[language] ?? titles.en ?? Object.values(titles)[0] ?? "";
}
