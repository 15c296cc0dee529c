import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
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

  it("offer the trainers' course: trainer level, open to certified investigators, with assignments and a final", () => {
    const rules = (
      parse(fs.readFileSync(path.resolve("certificates/rules.yaml"), "utf8")) as { rules: { id: string }[] }
    ).rules;
    for (const course of courses) {
      const required = course.manifest!.requiresCertificate;
      if (required)
        expect(
          rules.map((r) => r.id),
          course.id
        ).toContain(required);
    }
    const trainer = courses.find((c) => c.id === "train-the-trainer")!;
    expect(trainer.manifest).toMatchObject({
      level: "trainer",
      requiresCertificate: "ip-crime-investigator-certified",
    });
    expect(trainer.manifest!.modules.length).toBeGreaterThanOrEqual(4);
    expect(trainer.assessments.filter((a) => a.kind === "quiz")).toHaveLength(trainer.manifest!.modules.length);
    expect(trainer.assessments.filter((a) => a.kind === "final")).toHaveLength(1);
    expect(trainer.assignments.map((a) => a.module)).toEqual(["national-session", "assessing-mentoring"]);
    const intermediate = courses.find((c) => c.id === "ip-crime-intermediate")!;
    expect(intermediate.assignments.map((a) => a.id)).toEqual(["case-analysis-of-a-seizure"]);
    // Assignment titles are in the six languages.
    for (const assignment of [...trainer.assignments, ...intermediate.assignments])
      expect(Object.keys(assignment.title).sort(), assignment.id).toEqual(["ar", "en", "es", "fr", "pt", "zh"]);
  });
});
