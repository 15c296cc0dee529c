import type { Block, Categorise, KnowledgeCheck, Scenario } from "./schema.ts";

/**
 * Grading happens here, on the server, from the learner's raw answer. The page only ever receives
 * its text (no right answers, no feedback) and, once answered, the `…Outcome(...)` it earned.
 */

export type Answer =
  | { type: "knowledge-check"; selected: number[] }
  | { type: "scenario"; choices: number[] }
  | { type: "categorise"; placements: string[] }
  /** Written by the assessments domain when a module quiz attempt is graded (the counted result). */
  | { type: "quiz"; score: number; passed: boolean; attempts: number };

export interface Graded {
  answer: Answer;
  correct: boolean | null;
  score: number | null;
  /** The block counts as done for lesson completion. */
  complete: boolean;
}

export function grade(block: Block, answer: Answer): Graded | null {
  if (block.type !== answer.type) return null;
  switch (block.type) {
    case "knowledge-check": {
      const { selected } = answer as Extract<Answer, { type: "knowledge-check" }>;
      const valid = [...new Set(selected)].filter((i) => i >= 0 && i < block.data.options.length).sort((a, b) => a - b);
      if (valid.length === 0 || (!block.data.multiple && valid.length > 1)) return null;
      const right = block.data.options.flatMap((o, i) => (o.correct ? [i] : []));
      const correct = valid.length === right.length && valid.every((v, i) => v === right[i]);
      return { answer: { type: "knowledge-check", selected: valid }, correct, score: correct ? 1 : 0, complete: true };
    }
    case "scenario": {
      const { choices } = answer as Extract<Answer, { type: "scenario" }>;
      const walk = walkScenario(block.data, choices);
      if (!walk) return null;
      return { answer: { type: "scenario", choices }, correct: null, score: null, complete: walk.ending !== null };
    }
    case "categorise": {
      const { placements } = answer as Extract<Answer, { type: "categorise" }>;
      const ids = new Set(block.data.categories.map((c) => c.id));
      if (placements.length !== block.data.items.length || placements.some((p) => !ids.has(p))) return null;
      const right = block.data.items.filter((item, i) => item.category === placements[i]).length;
      const score = right / block.data.items.length;
      return { answer: { type: "categorise", placements }, correct: score === 1, score, complete: true };
    }
    default:
      return null;
  }
}

/** Follow a learner's choices through a scenario; null if a choice does not exist. */
export function walkScenario(scenario: Scenario, choices: number[]) {
  const steps = new Map(scenario.steps.map((s) => [s.id, s]));
  let step = steps.get(scenario.start)!;
  const path: { stepId: string; choice: number; feedback: string }[] = [];
  for (const choice of choices) {
    const option = step.choices?.[choice];
    if (!option) return null;
    path.push({ stepId: step.id, choice, feedback: option.feedback });
    step = steps.get(option.next)!;
  }
  return { path, current: step, ending: step.ending ?? null };
}

/**
 * What the learner is shown after answering each kind of block: their answer, right or wrong, and
 * the feedback they earned. Before answering, the page gets only the question text.
 */
export function knowledgeCheckOutcome(data: KnowledgeCheck, selected: number[]) {
  const right = data.options.flatMap((o, i) => (o.correct ? [i] : []));
  return {
    selected,
    correct: selected.length === right.length && selected.every((s) => right.includes(s)),
    rightOptions: right,
    feedback: selected.map((i) => ({ option: i, text: data.options[i]!.feedback, correct: data.options[i]!.correct })),
  };
}

export function scenarioOutcome(data: Scenario, choices: number[]) {
  const walk = walkScenario(data, choices);
  if (!walk) return null;
  return {
    choices,
    lastFeedback: walk.path.at(-1)?.feedback ?? null,
    step: { text: walk.current.text, choices: (walk.current.choices ?? []).map((c) => c.text) },
    ending: walk.ending,
  };
}

export function categoriseOutcome(data: Categorise, placements: string[]) {
  const results = data.items.map((item, i) => ({
    placed: placements[i] ?? "",
    correct: item.category === placements[i],
    right: item.category,
    feedback: item.feedback ?? null,
  }));
  return { score: results.filter((r) => r.correct).length / results.length, results };
}

/** Read a block's answer from a submitted form (plain HTML fields, so it works without JavaScript). */
export function answerFromForm(block: Block, form: URLSearchParams, previous: Answer | null): Answer | null {
  const int = (v: string | null) => (v !== null && /^\d{1,2}$/.test(v) ? Number(v) : null);
  switch (block.type) {
    case "knowledge-check": {
      const selected = form.getAll("option").map(int);
      return selected.every((s) => s !== null) ? { type: "knowledge-check", selected: selected as number[] } : null;
    }
    case "scenario": {
      if (form.get("restart") !== null) return { type: "scenario", choices: [] };
      const choice = int(form.get("choice"));
      if (choice === null) return null;
      const before = previous?.type === "scenario" ? previous.choices : [];
      // `at` is how many choices the page showed as made. A repeated submission (double click,
      // retry, second tab) names a step already answered: keep the path as it is.
      const at = int(form.get("at"));
      if (at !== null && at !== before.length) return { type: "scenario", choices: before };
      return { type: "scenario", choices: [...before, choice] };
    }
    case "categorise":
      return { type: "categorise", placements: block.data.items.map((_, i) => form.get(`item-${i}`) ?? "") };
    // A module quiz is answered on its assessment pages, not through the lesson's form.
    default:
      return null;
  }
}
