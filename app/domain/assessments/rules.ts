import type { AssessmentSettings } from "./schema.ts";

/**
 * The rules of sitting an assessment, pure: whether a new attempt may start (attempt limit,
 * cool-down), which attempt counts (best or last), and how much a review may show (feedback policy).
 */

export interface AttemptFacts {
  id: string;
  number: number;
  startedAt: Date;
  deadline: Date | null;
  closedAt: Date | null;
  closedBy: string | null;
  score: number | null;
  passed: boolean | null;
  gradedAt: Date | null;
}

type Settings = Pick<AssessmentSettings, "attempts" | "cooldownMinutes" | "counts" | "feedback">;

export type StartRefusal = "no_attempts_left" | "cooldown";

/** May a new attempt start now? (An open attempt is resumed, not restarted: the caller's business.) */
export function canStart(
  settings: Settings,
  attempts: AttemptFacts[],
  now: Date
): { ok: true } | { ok: false; reason: StartRefusal; until?: Date } {
  if (settings.attempts > 0 && attempts.length >= settings.attempts) return { ok: false, reason: "no_attempts_left" };
  const last = attempts.filter((a) => a.closedAt).sort((a, b) => b.closedAt!.getTime() - a.closedAt!.getTime())[0];
  if (last && settings.cooldownMinutes > 0) {
    const until = new Date(last.closedAt!.getTime() + settings.cooldownMinutes * 60_000);
    if (until > now) return { ok: false, reason: "cooldown", until };
  }
  return { ok: true };
}

/** The attempt that is the learner's result: the best graded one (ties: the earliest) or the last graded one. */
export function countedAttempt<T extends AttemptFacts>(settings: Pick<Settings, "counts">, attempts: T[]): T | null {
  const graded = attempts.filter((a) => a.gradedAt && a.score !== null).sort((a, b) => a.number - b.number);
  if (graded.length === 0) return null;
  if (settings.counts === "last") return graded.at(-1)!;
  return graded.reduce((best, a) => (a.score! > best.score! ? a : best));
}

/** Attempts the learner may still start (null: no limit). */
export function attemptsLeft(settings: Pick<Settings, "attempts">, attempts: AttemptFacts[]): number | null {
  return settings.attempts > 0 ? Math.max(0, settings.attempts - attempts.length) : null;
}

/**
 * How much the review of a graded attempt shows. `answers`: right answers, per-option feedback and
 * explanations; `score`: the score, pass or fail and how each topic went, nothing that gives answers away.
 * after-final-attempt: answers once the learner can sit no further attempt (limit reached) or has passed.
 */
export function reviewLevel(settings: Settings, attempts: AttemptFacts[]): "answers" | "score" {
  switch (settings.feedback) {
    case "immediately":
    case "after-submission":
      return "answers";
    case "never":
      return "score";
    case "after-final-attempt": {
      const passed = attempts.some((a) => a.passed);
      const open = attempts.some((a) => !a.closedAt);
      return !open && (passed || attemptsLeft(settings, attempts) === 0) ? "answers" : "score";
    }
  }
}
