import { describe, expect, it } from "vitest";
import { attemptsLeft, canStart, countedAttempt, reviewLevel, type AttemptFacts } from "./rules.ts";

const t0 = new Date("2026-11-22T10:00:00Z");
const minutes = (n: number) => new Date(t0.getTime() + n * 60_000);
const attempt = (number: number, closedMinutes: number | null, score: number | null, passed = false): AttemptFacts => ({
  id: `a${number}`,
  number,
  startedAt: minutes((closedMinutes ?? 0) - 30),
  deadline: null,
  closedAt: closedMinutes === null ? null : minutes(closedMinutes),
  closedBy: closedMinutes === null ? null : "learner",
  score,
  passed: score === null ? null : passed,
  gradedAt: score === null ? null : minutes(closedMinutes ?? 0),
});
const settings = {
  attempts: 3,
  cooldownMinutes: 60,
  counts: "best" as const,
  feedback: "after-final-attempt" as const,
};

describe("starting an attempt", () => {
  it("is allowed on the first attempt", () => {
    expect(canStart(settings, [], t0)).toEqual({ ok: true });
  });
  it("waits out the cool-down after a graded attempt, to the minute", () => {
    const done = [attempt(1, 0, 0.4)];
    expect(canStart(settings, done, minutes(59))).toEqual({ ok: false, reason: "cooldown", until: minutes(60) });
    expect(canStart(settings, done, minutes(60))).toEqual({ ok: true });
  });
  it("stops at the attempt limit, and never with no limit", () => {
    const three = [attempt(1, 0, 0.1), attempt(2, 100, 0.2), attempt(3, 200, 0.3)];
    expect(canStart(settings, three, minutes(10_000))).toEqual({ ok: false, reason: "no_attempts_left" });
    expect(canStart({ ...settings, attempts: 0 }, three, minutes(10_000))).toEqual({ ok: true });
    expect(attemptsLeft(settings, three)).toBe(0);
    expect(attemptsLeft({ attempts: 0 }, three)).toBeNull();
  });
});

describe("the attempt that counts", () => {
  const attempts = [attempt(1, 0, 0.5), attempt(2, 100, 0.9, true), attempt(3, 200, 0.6), attempt(4, null, null)];
  it("best: the highest graded score, the earliest on a tie", () => {
    expect(countedAttempt({ counts: "best" }, attempts)?.number).toBe(2);
    expect(countedAttempt({ counts: "best" }, [attempt(1, 0, 0.5), attempt(2, 100, 0.5)])?.number).toBe(1);
  });
  it("last: the last graded attempt, even if worse; an open attempt does not count", () => {
    expect(countedAttempt({ counts: "last" }, attempts)?.number).toBe(3);
  });
  it("none before a graded attempt", () => {
    expect(countedAttempt({ counts: "best" }, [attempt(1, null, null)])).toBeNull();
  });
});

describe("what a review shows", () => {
  it("follows the policy", () => {
    const failed = [attempt(1, 0, 0.3)];
    expect(reviewLevel({ ...settings, feedback: "after-submission" }, failed)).toBe("answers");
    expect(reviewLevel({ ...settings, feedback: "immediately" }, failed)).toBe("answers");
    expect(reviewLevel({ ...settings, feedback: "never" }, [attempt(1, 0, 1, true)])).toBe("score");
  });
  it("after the final attempt: only once no attempt is left or the learner has passed", () => {
    expect(reviewLevel(settings, [attempt(1, 0, 0.3)])).toBe("score");
    expect(reviewLevel(settings, [attempt(1, 0, 0.3), attempt(2, 100, 0.3), attempt(3, 200, 0.3)])).toBe("answers");
    expect(reviewLevel(settings, [attempt(1, 0, 0.3), attempt(2, 100, 0.8, true)])).toBe("answers");
    expect(reviewLevel({ ...settings, attempts: 0 }, [attempt(1, 0, 0.3)])).toBe("score");
  });
});
