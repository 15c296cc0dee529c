import { describe, expect, it } from "vitest";
import { coursePercent, lessonComplete, nextLesson, timeOnTask } from "./progress.ts";

const lessons = ["a", "b", "c", "d"].map((id) => ({ id, retired: false }));
const done = (...ids: string[]) => new Set(ids);

describe("course percentage", () => {
  it("counts completed current lessons, rounding down", () => {
    expect(coursePercent(lessons, done())).toBe(0);
    expect(coursePercent(lessons, done("a"))).toBe(25);
    expect(coursePercent([...lessons, { id: "e", retired: false }, { id: "f", retired: false }], done("a"))).toBe(16);
    expect(coursePercent(lessons, done("a", "b", "c", "d"))).toBe(100);
  });

  it("ignores retired lessons and completions of lessons no longer in the course", () => {
    const withRetired = [...lessons, { id: "old", retired: true }];
    expect(coursePercent(withRetired, done("a", "b", "c", "d", "old", "ghost"))).toBe(100);
    expect(coursePercent([{ id: "old", retired: true }], done("old"))).toBe(0);
  });
});

describe("next lesson", () => {
  it("resumes at the last lesson visited while it is unfinished", () => {
    expect(nextLesson(lessons, done("a"), "b")?.id).toBe("b");
  });

  it("then moves on to the first unfinished lesson after it", () => {
    expect(nextLesson(lessons, done("a", "c"), "a")?.id).toBe("b");
    expect(nextLesson(lessons, done("a", "b", "c"), "c")?.id).toBe("d");
  });

  it("goes back to an earlier gap when everything after is done", () => {
    expect(nextLesson(lessons, done("c", "d"), "d")?.id).toBe("a");
  });

  it("starts at the beginning, and stays on the last visited lesson when all is done", () => {
    expect(nextLesson(lessons, done(), null)?.id).toBe("a");
    expect(nextLesson(lessons, done("a", "b", "c", "d"), "b")?.id).toBe("b");
    expect(nextLesson([], done(), null)).toBeNull();
  });
});

describe("completion", () => {
  it("completes a lesson when every answerable block is answered", () => {
    expect(lessonComplete([], done())).toBe(true);
    expect(lessonComplete(["kc", "sc"], done("kc"))).toBe(false);
    expect(lessonComplete(["kc", "sc"], done("kc", "sc", "other"))).toBe(true);
  });
});

describe("time on task", () => {
  it("counts the time between pages, capped, and nothing after a long absence", () => {
    expect(timeOnTask(95_000)).toBe(95);
    expect(timeOnTask(30 * 60_000)).toBe(20 * 60);
    expect(timeOnTask(3 * 60 * 60_000)).toBe(0);
    expect(timeOnTask(Infinity)).toBe(0);
    expect(timeOnTask(-5)).toBe(0);
  });
});
