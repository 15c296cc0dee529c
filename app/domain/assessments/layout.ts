import type { AssessmentSettings, Part, Question } from "./schema.ts";
import type { Response } from "./scoring.ts";

/**
 * What is fixed when an attempt starts: which questions were drawn, in which order, and how each
 * question's options are shown. The page only ever sees display positions; this layout, kept on the
 * server with the attempt, turns them back into the question's own indexes.
 */

/** A random source returning [0, 1); injected so tests can draw deterministically. */
export type Random = () => number;

/** A small seeded generator (mulberry32), for reproducible tests. */
export function seeded(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffle<T>(items: readonly T[], random: Random): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

export interface BankQuestion {
  bank: string;
  id: string;
  topics: string[];
}

/**
 * Draw an attempt's questions. Each draw takes `count` distinct questions from its bank (only those
 * with one of `topics`, when given); a stratified draw spreads them evenly over the topics (each
 * question counts for its first topic), the remainder going to topics picked at random. A question
 * is never drawn twice in one attempt, even by two draws.
 */
export function drawQuestions(
  banks: ReadonlyMap<string, BankQuestion[]>,
  draws: AssessmentSettings["draw"],
  random: Random
): BankQuestion[] {
  const taken = new Set<string>();
  const key = (q: BankQuestion) => `${q.bank}/${q.id}`;
  const drawn: BankQuestion[] = [];
  for (const draw of draws) {
    const pool = (banks.get(draw.bank) ?? []).filter(
      (q) => !taken.has(key(q)) && (!draw.topics || q.topics.some((t) => draw.topics!.includes(t)))
    );
    let picked: BankQuestion[];
    if (!draw.stratify) {
      picked = shuffle(pool, random).slice(0, draw.count);
    } else {
      const byTopic = new Map<string, BankQuestion[]>();
      for (const q of pool) {
        const topic = draw.topics ? q.topics.find((t) => draw.topics!.includes(t)) ?? q.topics[0]! : q.topics[0]!;
        byTopic.set(topic, [...(byTopic.get(topic) ?? []), q]);
      }
      const groups = shuffle([...byTopic.keys()].sort(), random).map((t) => shuffle(byTopic.get(t)!, random));
      picked = [];
      // Round-robin over the topics until the count is reached or every group is empty.
      while (picked.length < draw.count && groups.some((g) => g.length > 0)) {
        for (const group of groups) {
          if (picked.length >= draw.count) break;
          const next = group.shift();
          if (next) picked.push(next);
        }
      }
    }
    for (const q of picked) taken.add(key(q));
    drawn.push(...picked);
  }
  return drawn;
}

/** How one question is shown: display position → the question's own index. */
export interface Layout {
  options?: number[];
  answers?: number[];
  items?: number[];
  parts?: Layout[];
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

/** The display order of one question (and of a scenario's parts). */
export function layoutFor(question: Question | Part, shuffleOptions: boolean, random: Random): Layout {
  switch (question.type) {
    case "single":
    case "multiple": {
      const order = range(question.options.length);
      return { options: shuffleOptions && question.shuffle ? shuffle(order, random) : order };
    }
    case "matching": {
      const answers = range(question.pairs.length + question.distractors.length);
      return { options: range(question.pairs.length), answers: shuffleOptions ? shuffle(answers, random) : answers };
    }
    case "ordering": {
      // Always shuffled, and never shown in the right order: that would give the answer away.
      const right = range(question.items.length);
      let items = shuffle(right, random);
      for (let tries = 0; tries < 10 && items.every((v, i) => v === i); tries++) items = shuffle(right, random);
      if (items.every((v, i) => v === i)) items = [...right.slice(1), 0];
      return { items };
    }
    case "scenario":
      return {
        parts: (question as Extract<Question, { type: "scenario" }>).parts.map((p) =>
          layoutFor(p, shuffleOptions, random)
        ),
      };
    default:
      return {};
  }
}

export type DecodeResult = { ok: true; response: Response } | { ok: false };

/**
 * The learner's form fields for one question (names prefixed by `prefix`) as a canonical response.
 * Values are display positions; anything that is not a position of this question's layout (a
 * changed or invented option id, a duplicate, a text over its limit) makes the whole post invalid.
 */
export function decodeAnswer(
  question: Question | Part,
  layout: Layout,
  form: URLSearchParams,
  prefix = ""
): DecodeResult {
  const name = (n: string) => `${prefix}${n}`;
  const position = (value: string, size: number): number | null | undefined => {
    if (value === "") return null;
    if (!/^\d{1,3}$/.test(value)) return undefined;
    const n = Number(value);
    return n < size ? n : undefined;
  };
  switch (question.type) {
    case "single": {
      const values = form.getAll(name("answer"));
      if (values.length > 1) return { ok: false };
      const shown = position(String(values[0] ?? ""), layout.options!.length);
      if (shown === undefined) return { ok: false };
      return { ok: true, response: { type: "single", choice: shown === null ? null : layout.options![shown]! } };
    }
    case "multiple": {
      const choices: number[] = [];
      for (const value of form.getAll(name("answer"))) {
        const shown = position(String(value), layout.options!.length);
        if (shown === undefined || shown === null) return { ok: false };
        const canonical = layout.options![shown]!;
        if (choices.includes(canonical)) return { ok: false };
        choices.push(canonical);
      }
      return { ok: true, response: { type: "multiple", choices: choices.sort((a, b) => a - b) } };
    }
    case "true-false": {
      const values = form.getAll(name("answer"));
      const value = String(values[0] ?? "");
      if (values.length > 1 || !["", "true", "false"].includes(value)) return { ok: false };
      return { ok: true, response: { type: "true-false", value: value === "" ? null : value === "true" } };
    }
    case "matching": {
      const matches: (number | null)[] = [];
      for (let left = 0; left < question.pairs.length; left++) {
        const shown = position(String(form.get(name(`match-${left}`)) ?? ""), layout.answers!.length);
        if (shown === undefined) return { ok: false };
        matches.push(shown === null ? null : layout.answers![shown]!);
      }
      return { ok: true, response: { type: "matching", matches } };
    }
    case "ordering": {
      const positions: (number | null)[] = Array.from({ length: question.items.length }, () => null);
      for (let shown = 0; shown < layout.items!.length; shown++) {
        const place = position(String(form.get(name(`position-${shown}`)) ?? ""), question.items.length);
        if (place === undefined) return { ok: false };
        positions[layout.items![shown]!] = place;
      }
      return { ok: true, response: { type: "ordering", positions } };
    }
    case "short-text":
    case "numeric": {
      const values = form.getAll(name("answer"));
      const text = String(values[0] ?? "");
      const max = question.type === "short-text" ? question.maxLength : 50;
      if (values.length > 1 || text.length > max) return { ok: false };
      return { ok: true, response: { type: question.type, text } };
    }
    case "scenario": {
      const scenario = question as Extract<Question, { type: "scenario" }>;
      const parts: Record<string, Response> = {};
      for (const [i, part] of scenario.parts.entries()) {
        const decoded = decodeAnswer(part, layout.parts![i]!, form, `${prefix}p${i}-`);
        if (!decoded.ok) return decoded;
        parts[part.id] = decoded.response;
      }
      return { ok: true, response: { type: "scenario", parts } };
    }
  }
}

/** Has the learner given any answer to this question (for the navigator)? */
export function isAnswered(response: Response | null | undefined): boolean {
  if (!response) return false;
  switch (response.type) {
    case "single":
      return response.choice !== null;
    case "multiple":
      return response.choices.length > 0;
    case "true-false":
      return response.value !== null;
    case "matching":
      return response.matches.some((m) => m !== null);
    case "ordering":
      return response.positions.some((p) => p !== null);
    case "short-text":
    case "numeric":
      return response.text.trim() !== "";
    case "scenario":
      return Object.values(response.parts).some(isAnswered);
  }
}

/** The form values that show a saved response again (display positions), for the attempt page. */
export function shownValues(question: Question | Part, layout: Layout, response: Response | null | undefined) {
  const at = (order: number[] | undefined, canonical: number | null) =>
    canonical === null || !order ? "" : String(order.indexOf(canonical));
  if (!response || response.type !== question.type) return {};
  switch (response.type) {
    case "single":
      return { value: at(layout.options, response.choice) };
    case "multiple":
      return { values: response.choices.map((c) => at(layout.options, c)) };
    case "true-false":
      return { value: response.value === null ? "" : String(response.value) };
    case "matching":
      return { matches: response.matches.map((m) => at(layout.answers, m)) };
    case "ordering":
      return {
        positions: (layout.items ?? []).map((canonical) => {
          const p = response.positions[canonical];
          return p === null || p === undefined ? "" : String(p);
        }),
      };
    case "short-text":
    case "numeric":
      return { value: response.text };
    default:
      return {};
  }
}
