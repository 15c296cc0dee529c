import { sha256 } from "./hash.ts";
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document } from "yaml";
import type { z } from "zod";
import {
  BLOCK_SCHEMAS,
  BLOCK_TYPES,
  FrontMatterSchema,
  type Block,
  type BlockType,
  type FrontMatter,
} from "./schema.ts";

/** A problem in a content file, with the 1-based line it is on. */
export interface Issue {
  file: string;
  line: number;
  message: string;
}

export type Segment = { kind: "markdown"; text: string; line: number } | { kind: "block"; block: Block; line: number };

export interface ParsedLesson {
  file: string;
  /** The file's text and its SHA-256 (hex), as imported. */
  source: string;
  hash: string;
  frontMatter: FrontMatter | null;
  segments: Segment[];
  issues: Issue[];
}

/**
 * Where a text value starts in its file: the line of its first character and whether it is a literal block
 * (`|`), whose lines are the file's lines one for one (other styles fold lines, so only the first is exact).
 */
export interface TextPosition {
  line: number;
  literal: boolean;
}

/**
 * Parse YAML and check it with a Zod schema; every problem comes back with its line in the file,
 * `firstLine` being the file line of the YAML text's first line.
 */
export function parseYaml<S extends z.ZodTypeAny>(
  file: string,
  source: string,
  firstLine: number,
  schema: S,
  label: string
): {
  value: z.output<S> | null;
  issues: Issue[];
  lineOf: (path: (string | number)[]) => number;
  textAt: (path: (string | number)[]) => TextPosition;
} {
  const counter = new LineCounter();
  const doc = parseDocument(source, { lineCounter: counter, uniqueKeys: true });
  const lineOf = (path: (string | number)[]) => firstLine + lineOfPath(doc, counter, path) - 1;
  const textAt = (path: (string | number)[]): TextPosition => {
    const node = doc.getIn(path, true);
    if (!isScalar(node) || !node.range) return { line: lineOf(path), literal: false };
    // A block scalar's range starts at its `|` or `>`: its text starts on the next line.
    const block = node.type === "BLOCK_LITERAL" || node.type === "BLOCK_FOLDED";
    return {
      line: firstLine + counter.linePos(node.range[0]).line - 1 + (block ? 1 : 0),
      literal: node.type === "BLOCK_LITERAL",
    };
  };
  if (doc.errors.length > 0) {
    return {
      lineOf,
      textAt,
      value: null,
      issues: doc.errors.map((e) => ({
        file,
        line: firstLine + (e.linePos?.[0]?.line ?? 1) - 1,
        message: `${label}: YAML error: ${e.message.split("\n")[0]}`,
      })),
    };
  }
  const result = schema.safeParse(doc.toJS());
  if (result.success) return { value: result.data, issues: [], lineOf, textAt };
  return {
    lineOf,
    textAt,
    value: null,
    issues: result.error.issues.map((issue) => ({
      file,
      line: lineOf(issue.path),
      message: `${label}: ${issue.path.length ? `${issue.path.join(".")}: ` : ""}${issue.message}`,
    })),
  };
}

/** The line (1-based, within the YAML) of the deepest node that exists along `path`. */
export function lineOfPath(doc: Document, counter: LineCounter, path: (string | number)[]): number {
  let node: unknown = doc.contents;
  let offset = (doc.contents as { range?: [number] } | null)?.range?.[0] ?? 0;
  for (const key of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => (p.key as { value?: unknown } | null)?.value === key);
      if (!pair) break;
      offset = (pair.key as { range?: [number] }).range?.[0] ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof key === "number") {
      const item = node.items[key] as { range?: [number] } | undefined;
      if (!item) break;
      offset = item.range?.[0] ?? offset;
      node = item;
    } else break;
  }
  return counter.linePos(offset).line;
}

const OPEN = /^:::([A-Za-z0-9-]*)\s*$/;
const CLOSE = /^:::\s*$/;

/**
 * Split a lesson file into front matter, Markdown and interactive blocks (`:::type` … `:::`,
 * YAML inside), checking each block against its schema.
 */
export function parseLesson(file: string, source: string): ParsedLesson {
  const issues: Issue[] = [];
  const lines = source.replace(/\r\n?/g, "\n").split("\n");
  let index = 0;
  let frontMatter: FrontMatter | null = null;

  if (lines[0]?.trim() === "---") {
    const end = lines.findIndex((l, i) => i > 0 && l.trim() === "---");
    if (end === -1) {
      issues.push({ file, line: 1, message: "front matter is not closed with a line `---`" });
      return { file, source, hash: sha256(source), frontMatter, segments: [], issues };
    }
    const parsed = parseYaml(file, lines.slice(1, end).join("\n"), 2, FrontMatterSchema, "front matter");
    frontMatter = parsed.value;
    issues.push(...parsed.issues);
    index = end + 1;
  } else {
    issues.push({ file, line: 1, message: "the lesson must start with front matter (`---`, `title: …`, `---`)" });
  }

  const segments: Segment[] = [];
  let markdown: string[] = [];
  let markdownStart = index + 1;
  const flushMarkdown = () => {
    // Leading blank lines are dropped, and the segment's line moves past them, so that line
    // numbers of links and images stay exact.
    const firstText = markdown.findIndex((l) => l.trim() !== "");
    const text = firstText === -1 ? "" : markdown.slice(firstText).join("\n").trimEnd();
    if (text) segments.push({ kind: "markdown", text, line: markdownStart + firstText });
    markdown = [];
  };

  while (index < lines.length) {
    const line = lines[index]!;
    const open = OPEN.exec(line);
    if (!open || CLOSE.test(line)) {
      if (CLOSE.test(line))
        issues.push({ file, line: index + 1, message: "`:::` closes a block that was never opened" });
      if (!markdown.length) markdownStart = index + 1;
      markdown.push(line);
      index++;
      continue;
    }
    flushMarkdown();
    const type = open[1]!;
    const start = index + 1; // 1-based line of the opening `:::type`
    const close = lines.findIndex((l, i) => i > index && CLOSE.test(l));
    if (close === -1) {
      issues.push({ file, line: start, message: `the \`:::${type}\` block is not closed with a line \`:::\`` });
      break;
    }
    if (!(BLOCK_TYPES as string[]).includes(type)) {
      issues.push({
        file,
        line: start,
        message: `unknown block type \`:::${type}\` (known: ${BLOCK_TYPES.join(", ")})`,
      });
    } else {
      const body = lines.slice(index + 1, close).join("\n");
      // Name the block by its id when it has one, as checkBlock does, so a message says which exercise.
      const id = /^id:\s*["']?([^\s"']+)/m.exec(body)?.[1];
      const label = id ? `${type} \`${id}\`` : type;
      const parsed = parseYaml(file, body, start + 1, BLOCK_SCHEMAS[type as BlockType], label);
      issues.push(...parsed.issues);
      if (parsed.value) segments.push({ kind: "block", block: { type, data: parsed.value } as Block, line: start });
    }
    index = close + 1;
    markdownStart = index + 1;
  }
  flushMarkdown();
  if (frontMatter && segments.length === 0) issues.push({ file, line: 1, message: "the lesson has no content" });
  return { file, source, hash: sha256(source), frontMatter, segments, issues };
}

export function blocksOf(lesson: ParsedLesson): { block: Block; line: number }[] {
  return lesson.segments.flatMap((s) => (s.kind === "block" ? [{ block: s.block, line: s.line }] : []));
}
