import path from "node:path";
import { describe, expect, it } from "vitest";
import { lexicalToMarkdown, markdownToLexical, unwrapSoftBreaks } from "./lexical-markdown.ts";
import { loadCourses } from "./load.server.ts";
import { blocksOf, parseLesson } from "./parse.ts";
import { renderMarkdown } from "./render.server.ts";

/** A lesson's body: everything after the front matter. */
function body(source: string) {
  const lines = source.split("\n");
  const end = lines.findIndex((l, i) => i > 0 && l.trim() === "---");
  return { head: lines.slice(0, end + 1).join("\n"), body: lines.slice(end + 1).join("\n") };
}

const normalise = (html: string) => html.replace(/\s+/g, " ").replace(/> </g, "><").trim();

describe("Markdown ↔ Lexical", () => {
  const { courses } = loadCourses(path.resolve("courses"));
  const lessons = courses.flatMap((c) => [...c.lessons.values()].flatMap((byLanguage) => [...byLanguage.values()]));

  it("covers every lesson of the repository", () => {
    expect(lessons.length).toBeGreaterThanOrEqual(56);
  });

  it.each(lessons.map((l) => [l.file, l] as const))("round-trips %s without loss", (_file, lesson) => {
    const { head, body: markdown } = body(lesson.source);
    const back = `${head}\n${lexicalToMarkdown(markdownToLexical(markdown))}\n`;
    const again = parseLesson(lesson.file, back);
    expect(again.issues).toEqual([]);
    // The same exercises, to the letter of their data…
    expect(blocksOf(again).map((b) => b.block)).toEqual(blocksOf(lesson).map((b) => b.block));
    // …and the same rendered text around them.
    const prose = (l: typeof lesson) =>
      l.segments.filter((s) => s.kind === "markdown").map((s) => normalise(renderMarkdown(s.text, "c", "m")));
    expect(prose(again)).toEqual(prose(lesson));
  });
});

describe("soft line breaks", () => {
  it("joins wrapped paragraph and list lines, never exercise blocks, tables or headings", () => {
    const source = [
      "A **bold",
      "phrase** here.",
      "",
      "- item that",
      "  wraps",
      "- next",
      "",
      "## Title",
      "| a | b |",
      "| --- | --- |",
      ":::reveal",
      "id: r",
      "cards:",
      "  - front: x",
      "    back: y",
      ":::",
      "After.",
    ].join("\n");
    expect(unwrapSoftBreaks(source).split("\n")).toEqual([
      "A **bold phrase** here.",
      "",
      "- item that wraps",
      "- next",
      "",
      "## Title",
      "| a | b |",
      "| --- | --- |",
      ":::reveal",
      "id: r",
      "cards:",
      "  - front: x",
      "    back: y",
      ":::",
      "After.",
    ]);
  });
});

describe("images", () => {
  it("become image nodes in the editor and come back as Markdown images", () => {
    const markdown = "Check the blister: ![Blister pack with a misspelt batch code](../images/blister.png) closely.";
    const state = markdownToLexical(markdown);
    const paragraph = state.root.children[0] as unknown as { children: { type: string; src?: string; alt?: string }[] };
    expect(paragraph.children.map((c) => c.type)).toEqual(["text", "image", "text"]);
    expect(paragraph.children[1]).toMatchObject({
      src: "../images/blister.png",
      alt: "Blister pack with a misspelt batch code",
    });
    expect(lexicalToMarkdown(state)).toBe(markdown);
  });
});
