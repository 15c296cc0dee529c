import { CodeNode } from "@lexical/code";
import { createHeadlessEditor } from "@lexical/headless";
import { AutoLinkNode, LinkNode } from "@lexical/link";
import { ListItemNode, ListNode } from "@lexical/list";
import {
  $convertFromMarkdownString,
  $convertToMarkdownString,
  TRANSFORMERS,
  type ElementTransformer,
  type MultilineElementTransformer,
  type TextMatchTransformer,
  type Transformer,
} from "@lexical/markdown";
import { HeadingNode, QuoteNode } from "@lexical/rich-text";
import {
  $createTableCellNode,
  $createTableNode,
  $createTableRowNode,
  $isTableCellNode,
  $isTableNode,
  $isTableRowNode,
  TableCellHeaderStates,
  TableCellNode,
  TableNode,
  TableRowNode,
} from "@lexical/table";
import {
  DecoratorNode,
  type LexicalNode,
  type NodeKey,
  type SerializedEditorState,
  type SerializedLexicalNode,
  type Spread,
} from "lexical";

/**
 * Lesson Markdown ↔ Lexical editor state, for the in-browser editor. Exercise blocks (`:::type` …
 * `:::`) become `ExerciseNode`s that keep their YAML verbatim; tables use a GitHub-style table
 * transformer. Checked by a round-trip test on every lesson in courses/.
 */

export type SerializedExerciseNode = Spread<{ blockType: string; yaml: string }, SerializedLexicalNode>;

export class ExerciseNode extends DecoratorNode<unknown> {
  __blockType: string;
  __yaml: string;

  /** How the browser editor shows the node (its small editing form); nothing on the server. */
  static renderer: ((node: ExerciseNode) => unknown) | null = null;

  static override getType(): string {
    return "exercise";
  }

  static override clone(node: ExerciseNode): ExerciseNode {
    return new ExerciseNode(node.__blockType, node.__yaml, node.__key);
  }

  constructor(blockType: string, yaml: string, key?: NodeKey) {
    super(key);
    this.__blockType = blockType;
    this.__yaml = yaml;
  }

  static override importJSON(json: SerializedExerciseNode): ExerciseNode {
    return $createExerciseNode(json.blockType, json.yaml);
  }

  override exportJSON(): SerializedExerciseNode {
    return { ...super.exportJSON(), type: "exercise", version: 1, blockType: this.__blockType, yaml: this.__yaml };
  }

  override createDOM(): HTMLElement {
    const element = document.createElement("div");
    element.className = "editor-exercise";
    element.contentEditable = "false";
    return element;
  }

  override updateDOM(): boolean {
    return false;
  }

  override isInline(): boolean {
    return false;
  }

  override decorate(): unknown {
    return ExerciseNode.renderer ? ExerciseNode.renderer(this) : null;
  }

  getBlockType(): string {
    return this.getLatest().__blockType;
  }

  getYaml(): string {
    return this.getLatest().__yaml;
  }

  setYaml(yaml: string): void {
    this.getWritable().__yaml = yaml;
  }
}

export function $createExerciseNode(blockType: string, yaml: string): ExerciseNode {
  return new ExerciseNode(blockType, yaml);
}

export function $isExerciseNode(node: LexicalNode | null | undefined): node is ExerciseNode {
  return node instanceof ExerciseNode;
}

export const EXERCISE: MultilineElementTransformer = {
  dependencies: [ExerciseNode],
  regExpStart: /^:::([a-z-]+)\s*$/,
  regExpEnd: /^:::\s*$/,
  replace: (rootNode, _children, startMatch, _endMatch, linesInBetween) => {
    rootNode.append($createExerciseNode(startMatch[1]!, (linesInBetween ?? []).join("\n")));
  },
  export: (node) => ($isExerciseNode(node) ? `:::${node.getBlockType()}\n${node.getYaml()}\n:::` : null),
  type: "multiline-element",
};

export type SerializedImageNode = Spread<{ src: string; alt: string }, SerializedLexicalNode>;

/** An image in the text (`![alt](../images/file.png)`), shown as itself in the editor. */
export class ImageNode extends DecoratorNode<null> {
  __src: string;
  __alt: string;

  static override getType(): string {
    return "image";
  }

  static override clone(node: ImageNode): ImageNode {
    return new ImageNode(node.__src, node.__alt, node.__key);
  }

  constructor(src: string, alt: string, key?: NodeKey) {
    super(key);
    this.__src = src;
    this.__alt = alt;
  }

  static override importJSON(json: SerializedImageNode): ImageNode {
    return $createImageNode(String(json.src ?? ""), String(json.alt ?? ""));
  }

  override exportJSON(): SerializedImageNode {
    return { ...super.exportJSON(), type: "image", version: 1, src: this.__src, alt: this.__alt };
  }

  override createDOM(): HTMLElement {
    const span = document.createElement("span");
    span.className = "editor-image";
    const img = document.createElement("img");
    img.src = ImageNode.resolveSrc ? ImageNode.resolveSrc(this.__src) : this.__src;
    img.alt = this.__alt;
    span.append(img);
    return span;
  }

  override updateDOM(): boolean {
    return true;
  }

  override isInline(): boolean {
    return true;
  }

  override decorate(): null {
    return null;
  }

  /** Where the editor page fetches a lesson-relative image from (set by the browser editor). */
  static resolveSrc: ((src: string) => string) | null = null;

  getSrc(): string {
    return this.getLatest().__src;
  }

  getAlt(): string {
    return this.getLatest().__alt;
  }
}

export function $createImageNode(src: string, alt: string): ImageNode {
  return new ImageNode(src, alt);
}

export function $isImageNode(node: LexicalNode | null | undefined): node is ImageNode {
  return node instanceof ImageNode;
}

/** Markdown images; must come before the link transformer, which would otherwise take `[alt](src)`. */
export const IMAGE: TextMatchTransformer = {
  dependencies: [ImageNode],
  export: (node) => ($isImageNode(node) ? `![${node.getAlt()}](${node.getSrc()})` : null),
  importRegExp: /!\[([^[\]]*)\]\(([^()\s]+)\)/,
  regExp: /!\[([^[\]]*)\]\(([^()\s]+)\)$/,
  replace: (textNode, match) => {
    textNode.replace($createImageNode(match[2]!, match[1]!));
  },
  trigger: ")",
  type: "text-match",
};

const TABLE_ROW = /^\|(.+)\|\s?$/;
const TABLE_DIVIDER = /^(\| ?:?-+:? ?)+\|\s?$/;

function $createCell(markdown: string) {
  const cell = $createTableCellNode(TableCellHeaderStates.NO_STATUS);
  $convertFromMarkdownString(markdown.trim(), INLINE_TRANSFORMERS, cell);
  return cell;
}

function cellsOf(line: string) {
  const match = TABLE_ROW.exec(line);
  return match ? match[1]!.split("|").map((text) => $createCell(text)) : null;
}

export const TABLE: ElementTransformer = {
  dependencies: [TableNode, TableRowNode, TableCellNode],
  regExp: TABLE_ROW,
  replace: (parentNode, _children, match) => {
    if (TABLE_DIVIDER.test(match[0]!)) {
      const table = parentNode.getPreviousSibling();
      const header = $isTableNode(table) ? table.getLastChild() : null;
      if (!$isTableRowNode(header)) return false;
      for (const cell of header.getChildren()) {
        if ($isTableCellNode(cell)) cell.setHeaderStyles(TableCellHeaderStates.ROW, TableCellHeaderStates.ROW);
      }
      parentNode.remove();
      return;
    }
    const cells = cellsOf(match[0]!);
    if (!cells) return false;
    const previous = parentNode.getPreviousSibling();
    const row = $createTableRowNode();
    row.append(...cells);
    if ($isTableNode(previous)) {
      previous.append(row);
      parentNode.remove();
    } else {
      const table = $createTableNode();
      table.append(row);
      parentNode.replace(table);
    }
  },
  export: (node, traverse) => {
    if (!$isTableNode(node)) return null;
    const lines: string[] = [];
    for (const row of node.getChildren()) {
      if (!$isTableRowNode(row)) continue;
      const cells = row.getChildren().filter($isTableCellNode);
      lines.push(`| ${cells.map((cell) => traverse(cell).replace(/\n/g, " ").trim()).join(" | ")} |`);
      if (cells.length && cells.every((cell) => cell.hasHeaderState(TableCellHeaderStates.ROW))) {
        lines.push(`| ${cells.map(() => "---").join(" | ")} |`);
      }
    }
    return lines.join("\n");
  },
  type: "element",
};

const INLINE_TRANSFORMERS: Transformer[] = [
  IMAGE,
  ...TRANSFORMERS.filter((t) => t.type === "text-format" || t.type === "text-match"),
];

/** Everything a lesson body may contain, in the order the importer must try them. */
export const LESSON_TRANSFORMERS: Transformer[] = [EXERCISE, TABLE, IMAGE, ...TRANSFORMERS];

export const LESSON_NODES = [
  HeadingNode,
  QuoteNode,
  ListNode,
  ListItemNode,
  LinkNode,
  AutoLinkNode,
  CodeNode,
  TableNode,
  TableRowNode,
  TableCellNode,
  ExerciseNode,
  ImageNode,
];

function editor() {
  return createHeadlessEditor({
    namespace: "lesson",
    nodes: LESSON_NODES,
    onError: (error) => {
      throw error;
    },
  });
}

const BLOCK_START = /^(#{1,6}\s|[-*+]\s|\d+[.)]\s|>|\||:::|```)/;

/**
 * Join soft-wrapped lines of paragraphs and list items into one line each. Lexical applies inline
 * formats line by line, so `**bold\nacross lines**` would otherwise lose its bold. Exercise blocks and
 * code fences are left exactly as they are.
 */
export function unwrapSoftBreaks(markdown: string): string {
  const out: string[] = [];
  let verbatim: "exercise" | "code" | null = null;
  for (const line of markdown.split("\n")) {
    const trimmed = line.trim();
    if (verbatim) {
      out.push(line);
      if ((verbatim === "exercise" && /^:::\s*$/.test(line)) || (verbatim === "code" && trimmed.startsWith("```")))
        verbatim = null;
      continue;
    }
    if (/^:::[a-z-]+\s*$/.test(line)) verbatim = "exercise";
    else if (trimmed.startsWith("```")) verbatim = "code";
    const previous = out.at(-1);
    const continues =
      verbatim === null &&
      previous !== undefined &&
      previous.trim() !== "" &&
      trimmed !== "" &&
      !BLOCK_START.test(trimmed) &&
      !/^(#{1,6}\s|\|)/.test(previous.trim()) &&
      !/^(:::|```)/.test(previous.trim());
    if (continues) out[out.length - 1] = `${previous} ${trimmed}`;
    else out.push(line);
  }
  return out.join("\n");
}

/** A lesson body (Markdown with exercise blocks) as a serialised Lexical editor state. */
export function markdownToLexical(markdown: string): SerializedEditorState {
  const instance = editor();
  const source = unwrapSoftBreaks(markdown);
  instance.update(() => $convertFromMarkdownString(source, LESSON_TRANSFORMERS, undefined, false), { discrete: true });
  return instance.getEditorState().toJSON();
}

/** A serialised Lexical editor state back to lesson Markdown. */
export function lexicalToMarkdown(state: SerializedEditorState): string {
  const instance = editor();
  instance.setEditorState(instance.parseEditorState(state));
  return instance.getEditorState().read(() => $convertToMarkdownString(LESSON_TRANSFORMERS, undefined, false));
}
