import { isAnswered } from "./layout.ts";
import type { Response } from "./scoring.ts";

/**
 * Item analysis, pure: how each question performs across graded attempts, so weak questions show.
 *
 * - Facility index: the mean score learners got on the question (0–100): high is easy, low is hard.
 * - Discrimination index: the mean score on the question of the strongest 27 % of the attempts that
 *   were asked it (by attempt score) minus that of the weakest 27 % (−1 to 1). A good question is
 *   answered better by stronger candidates (0.3 or more); near 0 or negative flags a question to review.
 *   Not computed for fewer than MIN_ATTEMPTS attempts.
 * - Option frequencies: how often each option (as written) was chosen, for choice questions.
 */

export const MIN_ATTEMPTS = 10;
const GROUP_SHARE = 0.27;

export interface Observation {
  /** The attempt's total score, 0..1. */
  total: number;
  /** The question's score in that attempt, 0..1. */
  score: number;
  response: Response | null;
}

export interface ItemStatistics {
  asked: number;
  answered: number;
  /** 0–100, null when never asked. */
  facility: number | null;
  /** −1..1, null under MIN_ATTEMPTS. */
  discrimination: number | null;
  /** Times each option (index as written) was chosen; true/false: [true, false]. */
  optionCounts: number[] | null;
}

const mean = (values: number[]) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : 0);

export function itemStatistics(observations: Observation[], optionCount: number | null): ItemStatistics {
  const asked = observations.length;
  const answered = observations.filter((o) => isAnswered(o.response)).length;
  const facility = asked ? Math.round(mean(observations.map((o) => o.score)) * 1000) / 10 : null;
  let discrimination: number | null = null;
  if (asked >= MIN_ATTEMPTS) {
    const sorted = [...observations].sort((a, b) => a.total - b.total);
    const size = Math.max(1, Math.round(asked * GROUP_SHARE));
    const lower = sorted.slice(0, size).map((o) => o.score);
    const upper = sorted.slice(-size).map((o) => o.score);
    discrimination = Math.round((mean(upper) - mean(lower)) * 100) / 100;
  }
  let optionCounts: number[] | null = null;
  if (optionCount !== null) {
    optionCounts = Array.from({ length: optionCount }, () => 0);
    for (const { response } of observations) {
      if (!response) continue;
      if (response.type === "single" && response.choice !== null) optionCounts[response.choice]! += 1;
      if (response.type === "multiple") for (const c of response.choices) optionCounts[c]! += 1;
      if (response.type === "true-false" && response.value !== null) optionCounts[response.value ? 0 : 1]! += 1;
    }
  }
  return { asked, answered, facility, discrimination, optionCounts };
}

/** A plain-language flag for a question's statistics, or null when it looks sound. */
export function itemWarning(stats: ItemStatistics): "too_hard" | "too_easy" | "weak_discrimination" | null {
  if (stats.discrimination !== null && stats.discrimination < 0.2) return "weak_discrimination";
  if (stats.facility !== null && stats.asked >= MIN_ATTEMPTS && stats.facility < 20) return "too_hard";
  if (stats.facility !== null && stats.asked >= MIN_ATTEMPTS && stats.facility > 95) return "too_easy";
  return null;
}
