import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadCourses } from "./load.server.ts";
import { blocksOf } from "./parse.ts";

// Content is data: the whole courses/ tree is validated on every test run.
describe("the college's courses", () => {
  const { courses, issues } = loadCourses(path.resolve("courses"));

  it("pass every check of courses:check", () => {
    expect(issues.map((i) => `${i.file}:${i.line}: ${i.message}`)).toEqual([]);
  });

  it("offer the Introductory (7+ modules) and Intermediate (6+ modules) programmes, Intermediate after Introductory", () => {
    const intro = courses.find((c) => c.manifest?.level === "introductory")!;
    const inter = courses.find((c) => c.manifest?.level === "intermediate")!;
    expect(intro.manifest!.modules.length).toBeGreaterThanOrEqual(7);
    expect(inter.manifest!.modules.length).toBeGreaterThanOrEqual(6);
    expect(inter.manifest!.prerequisites).toContain(intro.id);
  });

  it("mix reading with at least three kinds of interaction in every module, and end each module with a quiz", () => {
    for (const course of courses) {
      for (const module of course.manifest!.modules) {
        const lessons = module.lessons.map((l) => course.lessons.get(`${module.id}/${l}`)!.get("en")!);
        const kinds = new Set(lessons.flatMap((l) => blocksOf(l).map((b) => b.block.type)));
        kinds.delete("quiz");
        expect(kinds.size, `${course.id}/${module.id}`).toBeGreaterThanOrEqual(3);
        expect(
          blocksOf(lessons.at(-1)!).some((b) => b.block.type === "quiz"),
          `${course.id}/${module.id} quiz`
        ).toBe(true);
      }
    }
  });
});
