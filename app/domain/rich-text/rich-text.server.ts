import sanitizeHtml from "sanitize-html";
import { MAX_DEPTH, MAX_NODES, MAX_RICH_TEXT_BYTES, rootOf, type SerializedNode } from "./rich-text.ts";

/**
 * A Lexical state from the browser → safe HTML, its plain text, and the state as it was accepted. The tree is
 * walked with an allowlist of node types and fields; the HTML is built here, escaped, and then passed through
 * sanitize-html with the same allowlist as a second fence. Whatever the browser sent, what is stored is the
 * normalised state this function checked (`state`), never the raw input.
 */

export type RichTextError = "errors.rich_text_invalid" | "errors.rich_text_too_large" | "errors.rich_text_empty";
export type RenderedRichText =
  | { ok: true; html: string; state: string; text: string }
  | { ok: false; error: RichTextError };

// Lexical's text format bits: the ones we keep, and the tag each becomes (innermost first).
const FORMATS = [
  [16, "code"],
  [4, "s"],
  [8, "u"],
  [2, "em"],
  [1, "strong"],
] as const;
const FORMAT_MASK = 1 | 2 | 4 | 8 | 16;
const ALIGNMENTS = new Set(["", "left", "start", "center", "right", "end", "justify"]);
const IMAGE_SRC = /^\/(?:courses|submissions\/files)\/[A-Za-z0-9._~%\-/]+$/;
// Lexical's TableCellHeaderStates.
const HEADER_ROW = 1;
const HEADER_COLUMN = 2;

class Reject extends Error {
  constructor(readonly reason: "invalid" | "too_large") {
    super(reason);
  }
}

const invalid = (): never => {
  throw new Reject("invalid");
};

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

type Node = Record<string, unknown>;
/** One rendered node: its HTML, its plain text and its normalised JSON (none when it is dropped). */
type Out = { html: string; text: string; nodes: SerializedNode[] };

const isObject = (value: unknown): value is Node =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** Only a same-origin course image or submission file may be shown. */
export function safeImageSrc(src: unknown): string | null {
  if (typeof src !== "string" || !IMAGE_SRC.test(src)) return null;
  if (src.split("/").some((part) => part === "." || part === "..")) return null;
  return src;
}

/** http(s) and mailto links only, in their parsed (canonical) form. */
export function safeLinkUrl(url: unknown): string | null {
  if (typeof url !== "string") return null;
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return null;
  }
  if (parsed.protocol === "http:" || parsed.protocol === "https:") return parsed.hostname ? parsed.href : null;
  if (parsed.protocol === "mailto:") return parsed.href;
  return null;
}

class Walker {
  count = 0;
  images = 0;

  private enter(node: unknown, depth: number): Node {
    if (depth > MAX_DEPTH) throw new Reject("too_large");
    if (++this.count > MAX_NODES) throw new Reject("too_large");
    if (!isObject(node) || typeof node.type !== "string") return invalid();
    return node;
  }

  private children(node: Node): unknown[] {
    return Array.isArray(node.children) ? node.children : invalid();
  }

  /** The fields every Lexical element carries, kept when they are well-formed. */
  private element(node: Node) {
    const direction = node.direction === "ltr" || node.direction === "rtl" ? node.direction : null;
    const format = typeof node.format === "string" && ALIGNMENTS.has(node.format) ? node.format : "";
    const indent =
      typeof node.indent === "number" && Number.isInteger(node.indent) && node.indent >= 0 && node.indent <= MAX_DEPTH
        ? node.indent
        : 0;
    return { direction, format, indent };
  }

  root(value: unknown): Out {
    const node = this.enter(value, 1);
    if (node.type !== "root") invalid();
    const out = this.blocks(this.children(node), 2, true);
    return { ...out, nodes: [{ ...rootOf(out.nodes).root }] };
  }

  /** Children of the root or of a table cell: block nodes (an image on its own is put in a paragraph). */
  private blocks(children: unknown[], depth: number, allowTable: boolean): Out {
    const parts = children.map((child) => this.block(child, depth, allowTable));
    return {
      html: parts.map((p) => p.html).join(""),
      text: parts
        .map((p) => p.text)
        .filter((t) => t !== "")
        .join("\n"),
      nodes: parts.flatMap((p) => p.nodes),
    };
  }

  private block(value: unknown, depth: number, allowTable: boolean): Out {
    const node = this.enter(value, depth);
    const common = this.element(node);
    switch (node.type) {
      case "paragraph": {
        const inner = this.inlines(this.children(node), depth + 1, false);
        // As Lexical keeps it: the format of the first text in the paragraph (what typing there starts with).
        const firstText = inner.nodes.find((n) => n.type === "text" || n.type === "tab");
        const textFormat = firstText
          ? (firstText.format as number)
          : typeof node.textFormat === "number" && Number.isInteger(node.textFormat)
          ? node.textFormat & FORMAT_MASK
          : 0;
        return {
          html: `<p dir="auto">${inner.html}</p>`,
          text: inner.text,
          nodes: [{ children: inner.nodes, ...common, textFormat, textStyle: "", type: "paragraph", version: 1 }],
        };
      }
      case "heading": {
        const tag = typeof node.tag === "string" && /^h[1-6]$/.test(node.tag) ? node.tag : invalid();
        const level = Math.min(4, Math.max(2, Number(tag.slice(1))));
        const inner = this.inlines(this.children(node), depth + 1, false);
        return {
          html: `<h${level} dir="auto">${inner.html}</h${level}>`,
          text: inner.text,
          nodes: [{ children: inner.nodes, tag: `h${level}`, ...common, type: "heading", version: 1 }],
        };
      }
      case "quote": {
        const inner = this.inlines(this.children(node), depth + 1, false);
        return {
          html: `<blockquote dir="auto">${inner.html}</blockquote>`,
          text: inner.text,
          nodes: [{ children: inner.nodes, ...common, type: "quote", version: 1 }],
        };
      }
      case "list":
        return this.list(node, depth);
      case "table":
        return allowTable ? this.table(node, depth) : invalid();
      case "image": {
        // An image on its own line: kept inside a paragraph, where Lexical expects inline nodes.
        const image = this.image(node);
        if (image.nodes.length === 0) return image;
        return {
          html: `<p dir="auto">${image.html}</p>`,
          text: "",
          nodes: [
            {
              children: image.nodes,
              direction: null,
              format: "",
              indent: 0,
              textFormat: 0,
              textStyle: "",
              type: "paragraph",
              version: 1,
            },
          ],
        };
      }
      default:
        return invalid();
    }
  }

  private list(node: Node, depth: number): Out {
    const listType =
      node.listType === "number"
        ? "number"
        : node.listType === "bullet" || node.listType === "check"
        ? "bullet"
        : invalid();
    const start =
      typeof node.start === "number" && Number.isInteger(node.start) && node.start >= 1 && node.start < 1_000_000
        ? node.start
        : 1;
    const items = this.children(node).map((child) => this.listItem(child, depth + 1));
    const tag = listType === "number" ? "ol" : "ul";
    const startAttribute = listType === "number" && start !== 1 ? ` start="${start}"` : "";
    return {
      html: `<${tag}${startAttribute}>${items.map((i) => i.html).join("")}</${tag}>`,
      text: items
        .map((i) => i.text)
        .filter((t) => t !== "")
        .join("\n"),
      nodes: [
        {
          children: items.flatMap((i) => i.nodes),
          listType,
          start,
          tag,
          ...this.element(node),
          type: "list",
          version: 1,
        },
      ],
    };
  }

  private listItem(value: unknown, depth: number): Out {
    const node = this.enter(value, depth);
    if (node.type !== "listitem") invalid();
    const html: string[] = [];
    const text: string[] = [];
    const nodes: SerializedNode[] = [];
    let run: unknown[] = [];
    // Inline content, with nested lists between runs of it.
    const flush = () => {
      if (run.length === 0) return;
      const inner = this.inlines(run, depth + 1, false);
      html.push(inner.html);
      text.push(inner.text);
      nodes.push(...inner.nodes);
      run = [];
    };
    for (const child of this.children(node)) {
      if (isObject(child) && child.type === "list") {
        flush();
        const nested = this.list(this.enter(child, depth + 1), depth + 1);
        html.push(nested.html);
        text.push(nested.text);
        nodes.push(...nested.nodes);
      } else run.push(child);
    }
    flush();
    const number =
      typeof node.value === "number" && Number.isInteger(node.value) && node.value >= 1 && node.value < 1_000_000
        ? node.value
        : 1;
    return {
      html: `<li dir="auto">${html.join("")}</li>`,
      text: text.filter((t) => t !== "").join("\n"),
      nodes: [{ children: nodes, ...this.element(node), value: number, type: "listitem", version: 1 }],
    };
  }

  private table(node: Node, depth: number): Out {
    const rows = this.children(node).map((child) => {
      const row = this.enter(child, depth + 1);
      if (row.type !== "tablerow") invalid();
      const cells = this.children(row).map((c) => this.cell(c, depth + 2));
      return {
        html: `<tr>${cells.map((c) => c.html).join("")}</tr>`,
        text: cells.map((c) => c.text).join("\t"),
        nodes: [{ children: cells.flatMap((c) => c.nodes), ...this.element(row), type: "tablerow", version: 1 }],
      };
    });
    return {
      html: `<table><tbody>${rows.map((r) => r.html).join("")}</tbody></table>`,
      text: rows.map((r) => r.text).join("\n"),
      nodes: [{ children: rows.flatMap((r) => r.nodes), ...this.element(node), type: "table", version: 1 }],
    };
  }

  private cell(value: unknown, depth: number): Out {
    const node = this.enter(value, depth);
    if (node.type !== "tablecell") invalid();
    const headerState =
      typeof node.headerState === "number" &&
      Number.isInteger(node.headerState) &&
      node.headerState >= 0 &&
      node.headerState <= 3
        ? node.headerState
        : 0;
    const span = (v: unknown) => (typeof v === "number" && Number.isInteger(v) && v >= 1 && v <= 100 ? v : 1);
    const colSpan = span(node.colSpan);
    const rowSpan = span(node.rowSpan);
    const inner = this.blocks(this.children(node), depth + 1, false);
    const tag = headerState === 0 ? "td" : "th";
    const scope = headerState === HEADER_ROW ? ` scope="col"` : headerState === HEADER_COLUMN ? ` scope="row"` : "";
    const spans = `${colSpan > 1 ? ` colspan="${colSpan}"` : ""}${rowSpan > 1 ? ` rowspan="${rowSpan}"` : ""}`;
    return {
      html: `<${tag}${scope}${spans}>${inner.html}</${tag}>`,
      text: inner.text.replace(/\n/g, " "),
      nodes: [
        {
          children: inner.nodes,
          backgroundColor: null,
          colSpan,
          headerState,
          rowSpan,
          ...this.element(node),
          type: "tablecell",
          version: 1,
        },
      ],
    };
  }

  /** Children of a paragraph, heading, quote, list item or link. */
  private inlines(children: unknown[], depth: number, inLink: boolean): Out {
    const parts = children.map((child) => this.inline(child, depth, inLink));
    return {
      html: parts.map((p) => p.html).join(""),
      text: parts.map((p) => p.text).join(""),
      nodes: parts.flatMap((p) => p.nodes),
    };
  }

  private inline(value: unknown, depth: number, inLink: boolean): Out {
    const node = this.enter(value, depth);
    switch (node.type) {
      case "text": {
        const text = typeof node.text === "string" ? node.text.replace(/\0/g, "") : invalid();
        if (node.format !== undefined && typeof node.format !== "number") invalid();
        const format =
          (typeof node.format === "number" && Number.isInteger(node.format) ? node.format : 0) & FORMAT_MASK;
        let html = escapeHtml(text);
        for (const [bit, tag] of FORMATS) if (format & bit) html = `<${tag}>${html}</${tag}>`;
        const detail = typeof node.detail === "number" && Number.isInteger(node.detail) ? node.detail & 3 : 0;
        return {
          html: text === "" ? "" : html,
          text,
          nodes: [{ detail, format, mode: "normal", style: "", text, type: "text", version: 1 }],
        };
      }
      case "linebreak":
        return { html: "<br />", text: "\n", nodes: [{ type: "linebreak", version: 1 }] };
      case "tab":
        return {
          html: "\t",
          text: "\t",
          nodes: [{ detail: 2, format: 0, mode: "normal", style: "", text: "\t", type: "tab", version: 1 }],
        };
      case "image":
        return this.image(node);
      case "link":
      case "autolink": {
        if (inLink) invalid();
        const inner = this.inlines(this.children(node), depth + 1, true);
        const url = safeLinkUrl(node.url);
        const unlinked = node.type === "autolink" && node.isUnlinked === true;
        // A link to anything but http(s)/mailto keeps its words and loses the link.
        if (!url) return inner;
        const common = { ...this.element(node), rel: null, target: null, title: null, url };
        return {
          html: unlinked
            ? inner.html
            : `<a href="${escapeHtml(url)}" rel="noopener noreferrer nofollow">${inner.html}</a>`,
          text: inner.text,
          nodes: [
            node.type === "autolink"
              ? { children: inner.nodes, isUnlinked: unlinked, ...common, type: "autolink", version: 1 }
              : { children: inner.nodes, ...common, type: "link", version: 1 },
          ],
        };
      }
      default:
        return invalid();
    }
  }

  private image(node: Node): Out {
    const src = safeImageSrc(node.src);
    if (!src) return { html: "", text: "", nodes: [] }; // anything but our own files is dropped
    const raw = typeof node.altText === "string" ? node.altText : typeof node.alt === "string" ? node.alt : "";
    const altText = raw.replace(/\0/g, "").slice(0, 500);
    this.images++;
    return {
      html: `<img src="${escapeHtml(src)}" alt="${escapeHtml(altText)}" loading="lazy" />`,
      text: "",
      nodes: [{ type: "image", version: 1, src, altText }],
    };
  }
}

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: [
    "p",
    "h2",
    "h3",
    "h4",
    "blockquote",
    "ul",
    "ol",
    "li",
    "strong",
    "em",
    "s",
    "u",
    "code",
    "br",
    "a",
    "img",
    "table",
    "tbody",
    "tr",
    "th",
    "td",
  ],
  allowedAttributes: {
    p: ["dir"],
    h2: ["dir"],
    h3: ["dir"],
    h4: ["dir"],
    blockquote: ["dir"],
    li: ["dir"],
    ol: ["start"],
    a: ["href", "rel"],
    img: ["src", "alt", "loading"],
    th: ["scope", "colspan", "rowspan"],
    td: ["colspan", "rowspan"],
  },
  allowedSchemes: ["http", "https", "mailto"],
  allowedSchemesByTag: { img: [] },
  allowedSchemesAppliedToAttributes: ["href", "src"],
  allowProtocolRelative: false,
  disallowedTagsMode: "discard",
};

/** Check and render a serialised Lexical state (see the module comment). */
export function renderRichText(json: string): RenderedRichText {
  if (Buffer.byteLength(json, "utf8") > MAX_RICH_TEXT_BYTES) return { ok: false, error: "errors.rich_text_too_large" };
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return { ok: false, error: "errors.rich_text_invalid" };
  }
  if (!isObject(parsed)) return { ok: false, error: "errors.rich_text_invalid" };
  const walker = new Walker();
  let out: Out;
  try {
    out = walker.root(parsed.root);
  } catch (error) {
    if (error instanceof Reject)
      return {
        ok: false,
        error: error.reason === "too_large" ? "errors.rich_text_too_large" : "errors.rich_text_invalid",
      };
    throw error;
  }
  if (out.text.trim() === "" && walker.images === 0) return { ok: false, error: "errors.rich_text_empty" };
  return {
    ok: true,
    html: sanitizeHtml(out.html, SANITIZE),
    state: JSON.stringify({ root: out.nodes[0] }),
    text: out.text,
  };
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0" };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === "#") {
      const code = name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/**
 * Mark where each inline comment points: the first place its quote appears inside one run of text (never in a
 * tag or an attribute; a quote across element boundaries is not marked), followed by a numbered reference to
 * the note. `html` is the sanitised HTML renderRichText made; only escaped markup of ours is added.
 */
export function highlightComments(html: string, comments: { id: string; quote: string; text: string }[]): string {
  let result = html;
  comments.forEach((comment, index) => {
    const quote = comment.quote;
    if (quote.trim() === "") return;
    const parts = result.split(/(<[^>]*>)/);
    let inReference = 0;
    let inLink = 0;
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i]!;
      if (i % 2 === 1) {
        if (/^<sup class="comment-ref"/.test(part)) inReference++;
        else if (/^<\/sup>/.test(part) && inReference > 0) inReference--;
        else if (/^<a[\s>]/.test(part)) inLink++;
        else if (/^<\/a>/.test(part) && inLink > 0) inLink--;
        continue;
      }
      if (inReference > 0 || part === "") continue;
      const text = decodeEntities(part);
      const at = text.indexOf(quote);
      if (at < 0) continue;
      const id = escapeHtml(comment.id);
      const n = index + 1;
      const mark = `<mark class="comment-mark" id="comment-${id}" data-comment="${n}">${escapeHtml(quote)}</mark>`;
      const reference = `<sup class="comment-ref"><a href="#note-${id}">[${n}]</a></sup>`;
      const before = escapeHtml(text.slice(0, at));
      const after = escapeHtml(text.slice(at + quote.length));
      if (inLink === 0) {
        parts[i] = `${before}${mark}${reference}${after}`;
      } else {
        // No link inside a link: the reference goes after the link the quote is in.
        parts[i] = `${before}${mark}${after}`;
        let depth = inLink;
        for (let j = i + 1; j < parts.length; j += 2) {
          if (/^<a[\s>]/.test(parts[j]!)) depth++;
          else if (/^<\/a>/.test(parts[j]!) && --depth === 0) {
            parts[j] = `${parts[j]}${reference}`;
            break;
          }
        }
      }
      break;
    }
    result = parts.join("");
  });
  return result;
}
