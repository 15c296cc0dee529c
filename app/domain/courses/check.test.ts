import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadCourses } from "./load.server.ts";
import { parseLesson } from "./parse.ts";
import { compareTranslation, scenarioProblems } from "./validate.ts";

describe("courses:check on broken fixtures", () => {
  const { issues } = loadCourses(path.resolve("tests/fixtures/courses-broken"));
  const lines = issues.map((i) => `${i.file.replace(/^.*courses-broken\//, "")}:${i.line}: ${i.message}`);

  it.each([
    ["broken-course/course.yaml:1: id `not-the-folder-name` differs from the folder name `broken-course`"],
    ["broken-course/course.yaml:18: duplicate lesson id `lesson-a` (also in module `m1`)"],
    ["broken-course/course.yaml:17: missing English lesson file m1/lesson-b.en.md"],
    ["broken-course/course.yaml:1: unknown prerequisite course `no-such-course`"],
    ["broken-course/m1/lesson-a.en.md:2: front matter: `minutes` is required in English"],
    ["broken-course/m1/lesson-a.en.md:7: broken link `../m1/nowhere`: no lesson m1/nowhere in this course"],
    ["broken-course/m1/lesson-a.en.md:7: image `../images/missing.png` has no alt text"],
    ["broken-course/m1/lesson-a.en.md:7: image `../images/missing.png` does not exist"],
    ["broken-course/m1/lesson-a.en.md:9: unknown block type `:::poll`"],
    ["broken-course/m1/lesson-a.en.md:16: knowledge-check `kc-none-correct`: options: no option is marked correct"],
    ["broken-course/m1/lesson-a.en.md:23: scenario `sc-broken`: step `one` leads to `nowhere`, which is not a step"],
    [
      "broken-course/m1/lesson-a.en.md:38: categorise `cat-broken`: item “Misspelt name” names an unknown category `bogus`",
    ],
    ["broken-course/m1/lesson-a.en.md:56: reveal `rv-bad-yaml`: YAML error"],
    ["broken-course/m1/stray.en.md:1: lesson `m1/stray` is not listed in course.yaml"],
    ["broken-course/m1/lesson-a.fr.md:1: has 1 interactive blocks; the English lesson has 2"],
  ])("reports %s", (expected) => {
    expect(
      lines.some((line) => line.startsWith(expected)),
      `${expected}\n\nreported:\n${lines.join("\n")}`
    ).toBe(true);
  });

  it("reports nothing it should not", () => {
    // Every reported problem is one of the planted ones (the list above, plus knock-on effects of them).
    const course = lines.filter((line) => line.startsWith("broken-course/"));
    expect(course.length).toBeGreaterThanOrEqual(14);
    expect(course.length).toBeLessThanOrEqual(18);
  });
});

describe("courses:check on broken assignments", () => {
  const { courses, issues } = loadCourses(path.resolve("tests/fixtures/courses-broken"));
  const lines = issues
    .map((i) => `${i.file.replace(/^.*courses-broken\//, "")}:${i.line}: ${i.message}`)
    .filter((line) => line.startsWith("broken-assignment"));
  const expected = [
    "broken-assignment-schema/assignments.yaml:4: assignments: assignments.0.dueDays: dueDays must be between 1 and 365",
    "broken-assignment-schema/assignments.yaml:14: assignments: assignments.0.rubric.criteria.0.levels: a criterion needs at least two levels",
    "broken-assignments/assignments.yaml:3: assignment `plan`: module `no-such-module` is not a module of this course",
    "broken-assignments/assignments.yaml:12: assignment `plan`: instructions (en) cannot hold interactive blocks (`:::`)",
    "broken-assignments/assignments.yaml:16: assignment `plan` (en): broken link `../m1/nowhere`: no lesson m1/nowhere in this course",
    "broken-assignments/assignments.yaml:16: assignment `plan` (en): image `../images/missing.png` has no alt text",
    "broken-assignments/assignments.yaml:16: assignment `plan` (en): image `../images/missing.png` does not exist",
    "broken-assignments/assignments.yaml:29: assignment `plan`: criterion `quality`: two levels are worth 0 points",
    "broken-assignments/assignments.yaml:32: assignment `plan`: duplicate criterion id `quality`",
    "broken-assignments/assignments.yaml:40: assignment `plan`: criterion `quality`: duplicate level id `low`",
    "broken-assignments/assignments.yaml:44: assignment `plan`: duplicate assignment id",
  ];

  it.each(expected.map((e) => [e]))("reports %s", (message) => {
    expect(
      lines.some((line) => line.startsWith(message)),
      `${message}\n\nreported:\n${lines.join("\n")}`
    ).toBe(true);
  });

  it("reports exactly the planted problems, and nothing about the valid link in the instructions", () => {
    expect(lines).toHaveLength(expected.length);
  });

  it("counts translation coverage of assignments: the French title and instructions are not enough without the rubric", () => {
    const course = courses.find((c) => c.id === "broken-assignments")!;
    expect(course.assignments).toHaveLength(2);
    expect(course.assignmentCoverage.en).toEqual({ translated: 2, total: 2 });
    expect(course.assignmentCoverage.fr).toEqual({ translated: 0, total: 2 });
  });
});

describe("lesson parsing", () => {
  it("splits Markdown and blocks, and reports unclosed blocks with their line", () => {
    const lesson = parseLesson(
      "x.md",
      "---\ntitle: T\nminutes: 3\n---\nHello\n\n:::reveal\nid: r\ncards:\n  - front: a\n    back: b\n:::\nBye\n\n:::quiz\nid: q\n"
    );
    expect(lesson.segments.map((s) => s.kind)).toEqual(["markdown", "block", "markdown"]);
    expect(lesson.issues).toEqual([
      { file: "x.md", line: 15, message: "the `:::quiz` block is not closed with a line `:::`" },
    ]);
  });

  it("finds scenario steps that can never end", () => {
    expect(
      scenarioProblems({
        id: "s",
        start: "a",
        steps: [
          { id: "a", text: "A", choices: [{ text: "loop", next: "b", feedback: "f" }] },
          { id: "b", text: "B", choices: [{ text: "back", next: "a", feedback: "f" }] },
          { id: "c", text: "C", ending: "good" },
        ],
      })
    ).toEqual([
      "step `c` cannot be reached from the start",
      "from step `a` no path reaches an ending",
      "from step `b` no path reaches an ending",
    ]);
  });
});

describe("translations", () => {
  const kc = (correct: [boolean, boolean], text = "Question") =>
    `---\ntitle: T\nminutes: 2\n---\n\n:::knowledge-check\nid: kc\nquestion: ${text}\noptions:\n  - text: A\n    correct: ${correct[0]}\n    feedback: f\n  - text: B\n    correct: ${correct[1]}\n    feedback: f\n:::\n`;

  it("accepts a translation that changes only the words", () => {
    expect(
      compareTranslation(parseLesson("en.md", kc([true, false])), parseLesson("fr.md", kc([true, false], "Question ?")))
    ).toEqual([]);
  });

  it("refuses a translation whose right answer moved", () => {
    const issues = compareTranslation(parseLesson("en.md", kc([true, false])), parseLesson("fr.md", kc([false, true])));
    expect(issues).toEqual([
      expect.objectContaining({
        file: "fr.md",
        line: 6,
        message: expect.stringContaining("does not match the English knowledge-check `kc`"),
      }),
    ]);
  });
});
