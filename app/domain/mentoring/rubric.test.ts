import { describe, expect, it } from "vitest";
import { maxPoints, RubricSchema, scoreRubric, titleIn } from "./rubric.ts";

const rubric = RubricSchema.parse([
  {
    id: "objectives",
    titles: { en: "Learning objectives", fr: "Objectifs" },
    levels: [
      { id: "missing", points: 0, titles: { en: "Missing" } },
      { id: "partial", points: 2, titles: { en: "Partial" } },
      { id: "clear", points: 4, titles: { en: "Clear" } },
    ],
  },
  {
    id: "timing",
    titles: { en: "Timing" },
    levels: [
      { id: "no", points: 0, titles: { en: "No" } },
      { id: "yes", points: 3, titles: { en: "Yes" } },
    ],
  },
]);

describe("rubric scoring", () => {
  it("adds the points of the level chosen for each criterion", () => {
    expect(scoreRubric(rubric, { objectives: "partial", timing: "yes" })).toEqual({
      ok: true,
      scores: { objectives: "partial", timing: "yes" },
      points: 5,
    });
    expect(scoreRubric(rubric, { objectives: "missing", timing: "no" })).toMatchObject({ ok: true, points: 0 });
  });

  it("needs a level for every criterion, and a level that exists", () => {
    expect(scoreRubric(rubric, { objectives: "clear" })).toEqual({
      ok: false,
      errors: { "score.timing": "mentoring:errors.level_required" },
    });
    expect(scoreRubric(rubric, { objectives: "excellent", timing: "yes" })).toEqual({
      ok: false,
      errors: { "score.objectives": "mentoring:errors.level_unknown" },
    });
  });

  it("ignores criteria that are not in the rubric", () => {
    expect(scoreRubric(rubric, { objectives: "clear", timing: "yes", bonus: "x" })).toMatchObject({ points: 7 });
  });

  it("knows the most a submission can score", () => {
    expect(maxPoints(rubric)).toBe(7);
  });

  it("refuses a criterion with fewer than two levels or negative points", () => {
    expect(
      RubricSchema.safeParse([{ id: "a", titles: {}, levels: [{ id: "x", points: 1, titles: {} }] }]).success
    ).toBe(false);
    expect(
      RubricSchema.safeParse([
        {
          id: "a",
          titles: {},
          levels: [
            { id: "x", points: -1, titles: {} },
            { id: "y", points: 1, titles: {} },
          ],
        },
      ]).success
    ).toBe(false);
  });

  it("words titles in the reader's language, else English", () => {
    expect(titleIn(rubric[0]!.titles, "fr")).toBe("Objectifs");
    expect(titleIn(rubric[0]!.titles, "ar")).toBe("Learning objectives");
  });
});
