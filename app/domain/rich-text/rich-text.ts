/**
 * Rich text (submissions, mentors' feedback) is stored as a Lexical editor state, the JSON
 * `editor.getEditorState().toJSON()` gives. This module is shared by the browser and the server: the limits the
 * server enforces, and the state a plain-text answer (JavaScript off) becomes.
 */

/** The largest serialised state accepted, in UTF-8 bytes. */
export const MAX_RICH_TEXT_BYTES = 200 * 1024;
/** The deepest nesting accepted (root = 1; a nested list item in a table cell is about 8). */
export const MAX_DEPTH = 16;
/** The most nodes accepted in one document. */
export const MAX_NODES = 5000;

export type SerializedNode = { type: string; version: number; [key: string]: unknown };

const textNode = (text: string): SerializedNode => ({
  detail: 0,
  format: 0,
  mode: "normal",
  style: "",
  text,
  type: "text",
  version: 1,
});

const paragraph = (children: SerializedNode[]): SerializedNode => ({
  children,
  direction: null,
  format: "",
  indent: 0,
  textFormat: 0,
  textStyle: "",
  type: "paragraph",
  version: 1,
});

export const rootOf = (children: SerializedNode[]) => ({
  root: { children, direction: null, format: "", indent: 0, type: "root", version: 1 },
});

/**
 * Plain text → a serialised Lexical state: one paragraph per block of text separated by blank lines, single line
 * breaks kept as `linebreak` nodes. Empty text gives one empty paragraph (which renders as "empty").
 */
export function richTextFromPlain(text: string): string {
  const blocks = text
    .replace(/\r\n?/g, "\n")
    .split(/\n[ \t]*\n/)
    .map((block) => block.replace(/^\n+|\s+$/g, ""))
    .filter((block) => block.trim() !== "");
  const paragraphs = blocks.map((block) => {
    const children: SerializedNode[] = [];
    block.split("\n").forEach((line, i) => {
      if (i > 0) children.push({ type: "linebreak", version: 1 });
      if (line !== "") children.push(textNode(line));
    });
    return paragraph(children);
  });
  return JSON.stringify(rootOf(paragraphs.length > 0 ? paragraphs : [paragraph([])]));
}
