import { describe, expect, it } from "vitest";
import { QuestionSchema, type Question } from "./schema.ts";
import { normaliseText, parseNumber, scoreQuestion, totalOf, type Response } from "./scoring.ts";

const meta = { topics: ["ip-crimes"], difficulty: "easy", text: "Q?" };
const q = (fields: Record<string, unknown>): Question =>
  QuestionSchema.parse({ id: "q", ...meta, ...fields }) as Question;
const score = (question: Question, response: Response | null) => scoreQuestion(question, response).score;

const single = q({
  type: "single",
  options: [{ text: "a" }, { text: "b", correct: true }, { text: "c" }],
});
const multiple = (scoring: "proportional" | "all-or-nothing") =>
  q({
    type: "multiple",
    scoring,
    options: [{ text: "a", correct: true }, { text: "b", correct: true }, { text: "c" }, { text: "d" }],
  });

describe("single choice", () => {
  it("scores the right option 1 and any other 0", () => {
    expect(score(single, { type: "single", choice: 1 })).toBe(1);
    expect(score(single, { type: "single", choice: 0 })).toBe(0);
  });
  it("scores no answer, an out-of-range index and a response of another type 0", () => {
    expect(score(single, { type: "single", choice: null })).toBe(0);
    expect(score(single, { type: "single", choice: 7 })).toBe(0);
    expect(score(single, null)).toBe(0);
    expect(score(single, { type: "multiple", choices: [1] })).toBe(0);
  });
});

describe("multiple response", () => {
  const proportional = multiple("proportional");
  const strict = multiple("all-or-nothing");
  it("proportional: right share minus wrong share", () => {
    expect(score(proportional, { type: "multiple", choices: [0, 1] })).toBe(1);
    expect(score(proportional, { type: "multiple", choices: [0] })).toBe(0.5);
    expect(score(proportional, { type: "multiple", choices: [0, 1, 2] })).toBe(0.5);
    expect(score(proportional, { type: "multiple", choices: [0, 2] })).toBe(0);
  });
  it("proportional: ticking every option earns nothing, and the score never goes below 0", () => {
    expect(score(proportional, { type: "multiple", choices: [0, 1, 2, 3] })).toBe(0);
    expect(score(proportional, { type: "multiple", choices: [2, 3] })).toBe(0);
  });
  it("all-or-nothing: only the exact set scores", () => {
    expect(score(strict, { type: "multiple", choices: [1, 0] })).toBe(1);
    expect(score(strict, { type: "multiple", choices: [0] })).toBe(0);
    expect(score(strict, { type: "multiple", choices: [0, 1, 3] })).toBe(0);
    expect(score(strict, { type: "multiple", choices: [0, 1, 2, 3] })).toBe(0);
  });
  it("an empty answer scores 0", () => {
    expect(score(proportional, { type: "multiple", choices: [] })).toBe(0);
    expect(score(strict, { type: "multiple", choices: [] })).toBe(0);
  });
  it("when every option is right, ticking them all scores 1 (no wrong share to subtract)", () => {
    const allRight = q({
      type: "multiple",
      options: [
        { text: "a", correct: true },
        { text: "b", correct: true },
      ],
    });
    expect(score(allRight, { type: "multiple", choices: [0, 1] })).toBe(1);
    expect(score(allRight, { type: "multiple", choices: [1] })).toBe(0.5);
  });
});

describe("true/false", () => {
  const tf = q({ type: "true-false", answer: false });
  it("scores the right value only", () => {
    expect(score(tf, { type: "true-false", value: false })).toBe(1);
    expect(score(tf, { type: "true-false", value: true })).toBe(0);
    expect(score(tf, { type: "true-false", value: null })).toBe(0);
  });
});

describe("matching", () => {
  const pairs = [
    { left: "Trademark", right: "Brand sign" },
    { left: "Copyright", right: "Creative work" },
    { left: "Patent", right: "Invention" },
    { left: "Design", right: "Appearance" },
  ];
  const proportional = q({ type: "matching", pairs, distractors: ["Trade secret"] });
  const strict = q({ type: "matching", pairs, scoring: "all-or-nothing" });
  it("proportional: share of pairs matched right", () => {
    expect(score(proportional, { type: "matching", matches: [0, 1, 2, 3] })).toBe(1);
    expect(score(proportional, { type: "matching", matches: [0, 1, 3, 2] })).toBe(0.5);
    expect(score(proportional, { type: "matching", matches: [4, 4, 4, 4] })).toBe(0);
    expect(score(proportional, { type: "matching", matches: [0, null, null, null] })).toBe(0.25);
  });
  it("all-or-nothing: every pair or nothing", () => {
    expect(score(strict, { type: "matching", matches: [0, 1, 2, 3] })).toBe(1);
    expect(score(strict, { type: "matching", matches: [0, 1, 2, null] })).toBe(0);
  });
  it("an empty answer scores 0", () => {
    expect(score(proportional, { type: "matching", matches: [] })).toBe(0);
  });
});

describe("ordering", () => {
  const items = ["Secure the scene", "Photograph", "Seal and label", "Record the chain of custody"];
  const strict = q({ type: "ordering", items });
  const proportional = q({ type: "ordering", items, scoring: "proportional" });
  it("all-or-nothing by default", () => {
    expect(score(strict, { type: "ordering", positions: [0, 1, 2, 3] })).toBe(1);
    expect(score(strict, { type: "ordering", positions: [1, 0, 2, 3] })).toBe(0);
  });
  it("proportional: share of items in their place", () => {
    expect(score(proportional, { type: "ordering", positions: [1, 0, 2, 3] })).toBe(0.5);
    expect(score(proportional, { type: "ordering", positions: [3, 2, 1, 0] })).toBe(0);
  });
  it("every item given the same place earns at most one item", () => {
    expect(score(proportional, { type: "ordering", positions: [0, 0, 0, 0] })).toBe(0.25);
    expect(score(strict, { type: "ordering", positions: [null, null, null, null] })).toBe(0);
  });
});

describe("short text", () => {
  const loose = q({ type: "short-text", accept: ["TRIPS", "TRIPS Agreement"] });
  const strict = q({ type: "short-text", accept: ["OCG"], caseSensitive: true, whitespace: "exact" });
  const unicode = q({ type: "short-text", accept: ["Interpol Médicaments", "国际刑警组织", "الإنتربول"] });
  it("accepts any listed answer, ignoring case and extra spaces by default", () => {
    expect(score(loose, { type: "short-text", text: "trips" })).toBe(1);
    expect(score(loose, { type: "short-text", text: "  TRIPS   agreement " })).toBe(1);
    expect(score(loose, { type: "short-text", text: "TRIP" })).toBe(0);
  });
  it("honours case-sensitive and exact-whitespace rules", () => {
    expect(score(strict, { type: "short-text", text: "OCG" })).toBe(1);
    expect(score(strict, { type: "short-text", text: "ocg" })).toBe(0);
    expect(score(strict, { type: "short-text", text: " OCG" })).toBe(0);
  });
  it("compares Unicode text after NFKC normalisation (composed and decomposed accents, full-width, Arabic, Chinese)", () => {
    expect(score(unicode, { type: "short-text", text: "interpol me\u0301dicaments" })).toBe(1);
    expect(score(unicode, { type: "short-text", text: "国际刑警组织" })).toBe(1);
    expect(score(unicode, { type: "short-text", text: " الإنتربول " })).toBe(1);
    expect(score(loose, { type: "short-text", text: "ＴＲＩＰＳ" })).toBe(1);
  });
  it("an empty or blank answer scores 0, even against a blank-looking accepted answer", () => {
    expect(score(loose, { type: "short-text", text: "" })).toBe(0);
    expect(score(loose, { type: "short-text", text: "   " })).toBe(0);
  });
  it("normaliseText collapses every kind of space", () => {
    expect(normaliseText("a\u00A0\u2003b\n c", { caseSensitive: true, whitespace: "normalise" })).toBe("a b c");
  });
});

describe("numeric", () => {
  const exact = q({ type: "numeric", answer: 48 });
  const tolerant = q({ type: "numeric", answer: 2.5, tolerance: 0.5 });
  it("accepts values within the tolerance, bounds included", () => {
    expect(score(tolerant, { type: "numeric", text: "2" })).toBe(1);
    expect(score(tolerant, { type: "numeric", text: "3" })).toBe(1);
    expect(score(tolerant, { type: "numeric", text: "3.0000001" })).toBe(0);
    expect(score(tolerant, { type: "numeric", text: "1.99" })).toBe(0);
  });
  it("floating-point bounds are not lost to rounding (0.1 + 0.2)", () => {
    const fp = q({ type: "numeric", answer: 0.1, tolerance: 0.2 });
    expect(score(fp, { type: "numeric", text: "0.3" })).toBe(1);
    expect(score(fp, { type: "numeric", text: "-0.1" })).toBe(1);
  });
  it("exact answers with zero tolerance", () => {
    expect(score(exact, { type: "numeric", text: "48" })).toBe(1);
    expect(score(exact, { type: "numeric", text: "48,0" })).toBe(1);
    expect(score(exact, { type: "numeric", text: "47" })).toBe(0);
  });
  it("reads learners' ways of writing numbers, and nothing else", () => {
    expect(parseNumber("1,5")).toBe(1.5);
    expect(parseNumber(" 1 500 ")).toBe(1500);
    expect(parseNumber("1\u202F500,25")).toBe(1500.25);
    expect(parseNumber("٤٨")).toBe(48);
    expect(parseNumber("٢٫٥")).toBe(2.5);
    expect(parseNumber("−3")).toBe(-3);
    expect(parseNumber("")).toBeNull();
    expect(parseNumber("12abc")).toBeNull();
    expect(parseNumber("1.2.3")).toBeNull();
    expect(parseNumber("1e3")).toBeNull();
    expect(score(exact, { type: "numeric", text: "" })).toBe(0);
  });
});

describe("scenario", () => {
  const scenario = q({
    type: "scenario",
    text: "A container arrives.",
    parts: [
      { id: "first", type: "true-false", text: "Open it?", answer: false },
      { id: "second", type: "single", text: "Call?", options: [{ text: "a", correct: true }, { text: "b" }] },
      { id: "third", type: "numeric", text: "How many?", answer: 3 },
    ],
  });
  it("is worth one point per part and scores the mean of its parts", () => {
    const result = scoreQuestion(scenario, {
      type: "scenario",
      parts: {
        first: { type: "true-false", value: false },
        second: { type: "single", choice: 1 },
        third: { type: "numeric", text: "3" },
      },
    });
    expect(result.points).toBe(3);
    expect(result.score).toBeCloseTo(2 / 3);
    expect(result.earned).toBeCloseTo(2);
  });
  it("unanswered parts score 0", () => {
    expect(score(scenario, { type: "scenario", parts: {} })).toBe(0);
  });
});

describe("attempt total", () => {
  it("is points earned over points available, passed at the pass mark exactly", () => {
    const t = totalOf(
      [
        { score: 1, points: 1, earned: 1 },
        { score: 0.5, points: 2, earned: 1 },
        { score: 0.4, points: 5, earned: 2 },
        { score: 1, points: 2, earned: 2 },
      ],
      60
    );
    expect(t.points).toBe(10);
    expect(t.score).toBe(0.6);
    expect(t.passed).toBe(true);
    expect(totalOf([{ score: 0.7, points: 1, earned: 0.7 }], 70).passed).toBe(true);
    expect(totalOf([{ score: 0.6999, points: 1, earned: 0.6999 }], 70).passed).toBe(false);
  });
  it("an attempt with nothing to score is a 0 and a fail", () => {
    expect(totalOf([], 50)).toEqual({ earned: 0, points: 0, score: 0, passed: false });
  });
});
