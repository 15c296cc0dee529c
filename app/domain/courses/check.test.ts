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
    expect(lines.length).toBeGreaterThanOrEqual(14);
    expect(lines.length).toBeLessThanOrEqual(18);
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
