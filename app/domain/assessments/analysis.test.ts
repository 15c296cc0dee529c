import { describe, expect, it } from "vitest";
import { itemStatistics, itemWarning, MIN_ATTEMPTS, type Observation } from "./analysis.ts";

const single = (choice: number | null, score: number, total: number): Observation => ({
  total,
  score,
  response: { type: "single", choice },
});

describe("item analysis", () => {
  it("facility is the mean score in percent; nothing asked gives nulls", () => {
    const stats = itemStatistics([single(1, 1, 0.9), single(0, 0, 0.4), single(1, 1, 0.7), single(null, 0, 0.2)], 3);
    expect(stats.asked).toBe(4);
    expect(stats.answered).toBe(3);
    expect(stats.facility).toBe(50);
    expect(stats.optionCounts).toEqual([1, 2, 0]);
    expect(stats.discrimination).toBeNull(); // under MIN_ATTEMPTS
    expect(itemStatistics([], 2)).toEqual({
      asked: 0,
      answered: 0,
      facility: null,
      discrimination: null,
      optionCounts: [0, 0],
    });
  });

  it("discrimination: strong candidates right and weak ones wrong gives 1; the reverse gives −1", () => {
    const good = Array.from({ length: 20 }, (_, i) => single(i >= 10 ? 1 : 0, i >= 10 ? 1 : 0, i / 20));
    expect(itemStatistics(good, 2).discrimination).toBe(1);
    const bad = Array.from({ length: 20 }, (_, i) => single(i < 10 ? 1 : 0, i < 10 ? 1 : 0, i / 20));
    expect(itemStatistics(bad, 2).discrimination).toBe(-1);
    expect(itemWarning(itemStatistics(bad, 2))).toBe("weak_discrimination");
    expect(itemWarning(itemStatistics(good, 2))).toBeNull();
  });

  it("uses the top and bottom 27 % of attempts", () => {
    // 10 attempts: groups of 3. Only the single strongest attempt got it right: (1/3 − 0) = 0.33.
    const obs = Array.from({ length: MIN_ATTEMPTS }, (_, i) => single(0, i === 9 ? 1 : 0, i / 10));
    expect(itemStatistics(obs, 2).discrimination).toBe(0.33);
  });

  it("counts ticks of multiple-response options and true/false answers", () => {
    const multi = itemStatistics(
      [
        { total: 1, score: 1, response: { type: "multiple", choices: [0, 2] } },
        { total: 0, score: 0, response: { type: "multiple", choices: [2, 3] } },
      ],
      4
    );
    expect(multi.optionCounts).toEqual([1, 0, 2, 1]);
    const tf = itemStatistics(
      [
        { total: 1, score: 1, response: { type: "true-false", value: false } },
        { total: 0, score: 0, response: { type: "true-false", value: true } },
        { total: 0, score: 0, response: { type: "true-false", value: false } },
      ],
      2
    );
    expect(tf.optionCounts).toEqual([1, 2]);
  });

  it("flags questions almost nobody or almost everybody gets right", () => {
    const hard = Array.from({ length: 12 }, (_, i) => single(0, i === 11 ? 1 : 0, i / 12));
    expect(itemStatistics(hard, 2).facility).toBeLessThan(20);
    const easy = Array.from({ length: 12 }, (_, i) => single(1, 1, i / 12));
    expect(itemWarning({ ...itemStatistics(easy, 2), discrimination: 0.3 })).toBe("too_easy");
  });
});
