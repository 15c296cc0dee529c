import { AutoLinkNode, LinkNode } from "@lexical/link";
import { ListItemNode, ListNode } from "@lexical/list";
import { HeadingNode, QuoteNode } from "@lexical/rich-text";
import { TableCellNode, TableNode, TableRowNode } from "@lexical/table";
import {
  DecoratorNode,
  type Klass,
  type LexicalNode,
  type NodeKey,
  type SerializedLexicalNode,
  type Spread,
} from "lexical";

/**
 * The image of a submission or a piece of feedback: an uploaded file shown inline. Its JSON is what the server's
 * renderer accepts (`domain/rich-text/rich-text.server.ts`): `{ type: "image", version: 1, src, altText }`.
 */
export type SerializedRichTextImage = Spread<{ src: string; altText: string }, SerializedLexicalNode>;

export class RichTextImageNode extends DecoratorNode<null> {
  __src: string;
  __altText: string;

  static override getType(): string {
    return "image";
  }

  static override clone(node: RichTextImageNode): RichTextImageNode {
    return new RichTextImageNode(node.__src, node.__altText, node.__key);
  }

  constructor(src: string, altText: string, key?: NodeKey) {
    super(key);
    this.__src = src;
    this.__altText = altText;
  }

  static override importJSON(json: SerializedRichTextImage): RichTextImageNode {
    return $createRichTextImageNode(String(json.src ?? ""), String(json.altText ?? ""));
  }

  override exportJSON(): SerializedRichTextImage {
    return { type: "image", version: 1, src: this.getSrc(), altText: this.getAltText() };
  }

  override createDOM(): HTMLElement {
    const span = document.createElement("span");
    span.className = "rich-text-image";
    const img = document.createElement("img");
    img.src = this.__src;
    img.alt = this.__altText;
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

  getSrc(): string {
    return this.getLatest().__src;
  }

  getAltText(): string {
    return this.getLatest().__altText;
  }
}

export function $createRichTextImageNode(src: string, altText: string): RichTextImageNode {
  return new RichTextImageNode(src, altText);
}

export function $isRichTextImageNode(node: LexicalNode | null | undefined): node is RichTextImageNode {
  return node instanceof RichTextImageNode;
}

/** Every node the rich-text field's editor knows: exactly the ones the server renders. */
export const RICH_TEXT_NODES: Klass<LexicalNode>[] = [
  HeadingNode,
  QuoteNode,
  ListNode,
  ListItemNode,
  LinkNode,
  AutoLinkNode,
  TableNode,
  TableRowNode,
  TableCellNode,
  RichTextImageNode,
];
