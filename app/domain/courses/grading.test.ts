import { describe, expect, it } from "vitest";
import { answerFromForm, grade, walkScenario } from "./grading.ts";
import type { Block } from "./schema.ts";

const kc: Block = {
  type: "knowledge-check",
  data: {
    id: "kc",
    question: "Q",
    multiple: false,
    options: [
      { text: "A", correct: false, feedback: "no" },
      { text: "B", correct: true, feedback: "yes" },
    ],
  },
};
const multi: Block = {
  ...kc,
  data: { ...kc.data, multiple: true, options: [...kc.data.options, { text: "C", correct: true, feedback: "also" }] },
} as Block;
const scenario: Block = {
  type: "scenario",
  data: {
    id: "sc",
    start: "a",
    steps: [
      {
        id: "a",
        text: "A",
        choices: [
          { text: "good", next: "end", feedback: "f1" },
          { text: "bad", next: "b", feedback: "f2" },
        ],
      },
      { id: "b", text: "B", choices: [{ text: "on", next: "end", feedback: "f3" }] },
      { id: "end", text: "E", ending: "good" },
    ],
  },
};
const categorise: Block = {
  type: "categorise",
  data: {
    id: "cat",
    prompt: "P",
    categories: [
      { id: "g", label: "G" },
      { id: "f", label: "F" },
    ],
    items: [
      { text: "1", category: "g" },
      { text: "2", category: "f" },
      { text: "3", category: "f" },
    ],
  },
};
const quiz: Block = { type: "quiz", data: { id: "qz" } };
const form = (fields: [string, string][]) => new URLSearchParams(fields);

describe("grading on the server", () => {
  it("knowledge check: one answer, or all the right ones when several are right", () => {
    expect(grade(kc, { type: "knowledge-check", selected: [1] })).toMatchObject({ correct: true, complete: true });
    expect(grade(kc, { type: "knowledge-check", selected: [0] })).toMatchObject({ correct: false, complete: true });
    expect(grade(kc, { type: "knowledge-check", selected: [0, 1] })).toBeNull(); // two answers to a single-choice question
    expect(grade(kc, { type: "knowledge-check", selected: [7] })).toBeNull();
    expect(grade(multi, { type: "knowledge-check", selected: [2, 1] })).toMatchObject({ correct: true });
    expect(grade(multi, { type: "knowledge-check", selected: [1] })).toMatchObject({ correct: false });
  });

  it("scenario: follows the choices and is complete only at an ending", () => {
    expect(grade(scenario, { type: "scenario", choices: [1] })).toMatchObject({ complete: false });
    expect(grade(scenario, { type: "scenario", choices: [1, 0] })).toMatchObject({ complete: true, correct: null });
    expect(grade(scenario, { type: "scenario", choices: [5] })).toBeNull();
    expect(
      walkScenario((scenario as Extract<Block, { type: "scenario" }>).data, [1, 0])?.path.map((p) => p.feedback)
    ).toEqual(["f2", "f3"]);
  });

  it("categorise: scores the share of items placed right", () => {
    expect(grade(categorise, { type: "categorise", placements: ["g", "f", "g"] })).toMatchObject({
      correct: false,
      score: 2 / 3,
    });
    expect(grade(categorise, { type: "categorise", placements: ["g", "f", "f"] })).toMatchObject({
      correct: true,
      score: 1,
    });
    expect(grade(categorise, { type: "categorise", placements: ["g", "x", "f"] })).toBeNull();
  });

  it("quiz: a module quiz is never answered through the lesson's form (its assessment grades it)", () => {
    expect(grade(quiz, { type: "quiz", score: 1, passed: true, attempts: 1 })).toBeNull();
    expect(answerFromForm(quiz, form([["q-q1", "0"]]), null)).toBeNull();
  });

  it("reads answers from plain form fields, appending scenario choices to the path so far", () => {
    expect(answerFromForm(kc, form([["option", "1"]]), null)).toEqual({ type: "knowledge-check", selected: [1] });
    expect(answerFromForm(kc, form([["option", "x"]]), null)).toBeNull();
    expect(answerFromForm(scenario, form([["choice", "0"]]), { type: "scenario", choices: [1] })).toEqual({
      type: "scenario",
      choices: [1, 0],
    });
    expect(answerFromForm(scenario, form([["restart", "1"]]), { type: "scenario", choices: [1] })).toEqual({
      type: "scenario",
      choices: [],
    });
    expect(
      answerFromForm(
        categorise,
        form([
          ["item-0", "g"],
          ["item-1", "f"],
          ["item-2", "f"],
        ]),
        null
      )
    ).toEqual({ type: "categorise", placements: ["g", "f", "f"] });
  });
});
