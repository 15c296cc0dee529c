import type { Part, Question } from "./schema.ts";

/**
 * Scoring of every question type, pure and server-side. A response is stored in canonical terms
 * (indexes into the question as written, not as shown), so a shuffled page cannot change a score
 * and a re-grade after a question fix reads the same response against the fixed question.
 */

export type Response =
  | { type: "single"; choice: number | null }
  | { type: "multiple"; choices: number[] }
  | { type: "true-false"; value: boolean | null }
  /** For each pair (as written), the index of the answer chosen among `[...rights, ...distractors]`. */
  | { type: "matching"; matches: (number | null)[] }
  /** For each item (as written, i.e. in the right order), the 0-based position the learner gave it. */
  | { type: "ordering"; positions: (number | null)[] }
  | { type: "short-text"; text: string }
  | { type: "numeric"; text: string }
  | { type: "scenario"; parts: Record<string, Response> };

export interface Scored {
  /** 0..1 */
  score: number;
  /** What the question is worth: 1, or one per part of a scenario. */
  points: number;
  earned: number;
}

/** What a question is worth in an attempt. */
export function pointsOf(question: Question | Part): number {
  return question.type === "scenario" ? (question as Extract<Question, { type: "scenario" }>).parts.length : 1;
}

const clamp01 = (n: number) => Math.min(1, Math.max(0, n));

export function scoreQuestion(question: Question | Part, response: Response | null | undefined): Scored {
  const points = pointsOf(question);
  const score = clamp01(rawScore(question, response));
  return { score, points, earned: score * points };
}

function rawScore(question: Question | Part, response: Response | null | undefined): number {
  if (!response || response.type !== question.type) return 0;
  switch (question.type) {
    case "single": {
      const { choice } = response as Extract<Response, { type: "single" }>;
      return choice !== null && question.options[choice]?.correct === true ? 1 : 0;
    }
    case "multiple": {
      const ticked = new Set((response as Extract<Response, { type: "multiple" }>).choices);
      const right = question.options.filter((o) => o.correct).length;
      const wrong = question.options.length - right;
      let rightTicked = 0;
      let wrongTicked = 0;
      question.options.forEach((o, i) => {
        if (ticked.has(i)) {
          if (o.correct) rightTicked++;
          else wrongTicked++;
        }
      });
      if (question.scoring === "all-or-nothing") return rightTicked === right && wrongTicked === 0 ? 1 : 0;
      return rightTicked / right - (wrong > 0 ? wrongTicked / wrong : 0);
    }
    case "true-false": {
      const { value } = response as Extract<Response, { type: "true-false" }>;
      return value === question.answer ? 1 : 0;
    }
    case "matching": {
      const { matches } = response as Extract<Response, { type: "matching" }>;
      const right = question.pairs.filter((_, i) => matches[i] === i).length;
      if (question.scoring === "all-or-nothing") return right === question.pairs.length ? 1 : 0;
      return right / question.pairs.length;
    }
    case "ordering": {
      const { positions } = response as Extract<Response, { type: "ordering" }>;
      const right = question.items.filter((_, i) => positions[i] === i).length;
      if (question.scoring === "all-or-nothing") return right === question.items.length ? 1 : 0;
      return right / question.items.length;
    }
    case "short-text": {
      const { text } = response as Extract<Response, { type: "short-text" }>;
      const given = normaliseText(text, question);
      if (given === "") return 0;
      return question.accept.some((a) => normaliseText(a, question) === given) ? 1 : 0;
    }
    case "numeric": {
      const value = parseNumber((response as Extract<Response, { type: "numeric" }>).text);
      if (value === null) return 0;
      const slack = 1e-9 * Math.max(1, Math.abs(question.answer));
      return Math.abs(value - question.answer) <= question.tolerance + slack ? 1 : 0;
    }
    case "scenario": {
      const { parts } = response as Extract<Response, { type: "scenario" }>;
      const scenario = question as Extract<Question, { type: "scenario" }>;
      const total = scenario.parts.reduce((sum, part) => sum + scoreQuestion(part, parts[part.id]).score, 0);
      return total / scenario.parts.length;
    }
  }
}

/** Text as compared: Unicode NFKC, then the question's whitespace and case rules. */
export function normaliseText(
  text: string,
  rules: { caseSensitive: boolean; whitespace: "normalise" | "exact" }
): string {
  let out = text.normalize("NFKC");
  if (rules.whitespace === "normalise") out = out.replace(/\s+/gu, " ").trim();
  if (!rules.caseSensitive) out = out.toLowerCase();
  return out;
}

const ARABIC_DIGITS = /[\u0660-\u0669\u06F0-\u06F9]/g;

/**
 * A number as learners type it: `1.5`, `1,5`, `-2`, `1 500` or `1 500,25` (spaces, no-break and thin
 * spaces group thousands), Arabic-Indic digits and the Arabic decimal separator. Anything else: null.
 */
export function parseNumber(text: string): number | null {
  const cleaned = text
    .normalize("NFKC")
    .replace(ARABIC_DIGITS, (d) => String((d.charCodeAt(0) - (d.charCodeAt(0) >= 0x06f0 ? 0x06f0 : 0x0660)) % 10))
    .replace(/\u066B/g, ".")
    .replace(/[\s\u00A0\u202F\u2009]/g, "")
    .replace(/^\u2212/, "-");
  if (!/^[+-]?\d+(?:[.,]\d+)?$/.test(cleaned)) return null;
  const value = Number(cleaned.replace(",", "."));
  return Number.isFinite(value) ? value : null;
}

export interface AttemptTotal {
  earned: number;
  points: number;
  /** 0..1 */
  score: number;
  passed: boolean;
}

/** An attempt's result from its questions' scores: points earned over points available. */
export function totalOf(scored: Scored[], passMark: number): AttemptTotal {
  const points = scored.reduce((sum, s) => sum + s.points, 0);
  const earned = scored.reduce((sum, s) => sum + s.earned, 0);
  const score = points > 0 ? earned / points : 0;
  // Compare in whole hundredths of a percent so 0.7 × 100 is not 69.99999.
  return { earned, points, score, passed: Math.round(score * 10000) >= passMark * 100 };
}
