import { createHeadlessEditor } from "@lexical/headless";
import { describe, expect, it } from "vitest";
import { RICH_TEXT_NODES } from "~/components/rich-text-editor-image-node.ts";
import { highlightComments, renderRichText } from "./rich-text.server.ts";
import {
  MAX_DEPTH,
  MAX_NODES,
  MAX_RICH_TEXT_BYTES,
  richTextFromPlain,
  rootOf,
  type SerializedNode,
} from "./rich-text.ts";

const text = (t: string, format = 0): SerializedNode => ({
  detail: 0,
  format,
  mode: "normal",
  style: "",
  text: t,
  type: "text",
  version: 1,
});
const el = (type: string, children: SerializedNode[], extra: Record<string, unknown> = {}): SerializedNode => ({
  children,
  direction: null,
  format: "",
  indent: 0,
  type,
  version: 1,
  ...extra,
});
const p = (...children: SerializedNode[]) => el("paragraph", children, { textFormat: 0, textStyle: "" });
const doc = (...children: SerializedNode[]) => JSON.stringify(rootOf(children));
const link = (url: string, ...children: SerializedNode[]) =>
  el("link", children, { url, rel: null, target: null, title: null });
const image = (src: string, altText = "A photo") => ({ type: "image", version: 1, src, altText });
const cell = (headerState: number, ...children: SerializedNode[]) =>
  el("tablecell", children, { headerState, colSpan: 1, rowSpan: 1, backgroundColor: null });

function html(json: string): string {
  const result = renderRichText(json);
  if (!result.ok) throw new Error(`not rendered: ${result.error}`);
  return result.html;
}

describe("renderRichText", () => {
  it("renders every allowed node", () => {
    const json = doc(
      p(
        text("bold", 1),
        text("italic", 2),
        text("struck", 4),
        text("under", 8),
        text("code", 16),
        text("both", 3),
        { type: "linebreak", version: 1 },
        { detail: 2, format: 0, mode: "normal", style: "", text: "\t", type: "tab", version: 1 },
        link("https://example.org/a?b=1&c=2", text("a link")),
        el("autolink", [text("www")], { url: "http://example.org", isUnlinked: false }),
        link("mailto:desk@example.org", text("mail"))
      ),
      el("heading", [text("One")], { tag: "h1" }),
      el("heading", [text("Two")], { tag: "h2" }),
      el("heading", [text("Three")], { tag: "h3" }),
      el("heading", [text("Four")], { tag: "h4" }),
      el("heading", [text("Six")], { tag: "h6" }),
      el("quote", [text("Quoted")]),
      el("list", [el("listitem", [text("b1")], { value: 1 })], { listType: "bullet", start: 1, tag: "ul" }),
      el("list", [el("listitem", [text("n1")], { value: 3 })], { listType: "number", start: 3, tag: "ol" }),
      el("list", [el("listitem", [text("c1")], { value: 1, checked: true })], {
        listType: "check",
        start: 1,
        tag: "ul",
      }),
      el(
        "list",
        [
          el("listitem", [text("outer")], { value: 1 }),
          el(
            "listitem",
            [el("list", [el("listitem", [text("inner")], { value: 1 })], { listType: "bullet", start: 1, tag: "ul" })],
            { value: 2 }
          ),
        ],
        { listType: "bullet", start: 1, tag: "ul" }
      ),
      el("table", [
        el("tablerow", [cell(1, p(text("H1"))), cell(1, p(text("H2")))]),
        el("tablerow", [cell(2, p(text("R1"))), cell(0, p(text("v")))]),
      ]),
      p(image("/submissions/files/" + "a".repeat(64) + ".png", "Seized goods")),
      image("/courses/ip-101/images/logo.png", "Logo")
    );
    const out = html(json);
    for (const fragment of [
      "<strong>bold</strong>",
      "<em>italic</em>",
      "<s>struck</s>",
      "<u>under</u>",
      "<code>code</code>",
      "<strong><em>both</em></strong>",
      "<br />",
      '<a href="https://example.org/a?b=1&amp;c=2" rel="noopener noreferrer nofollow">a link</a>',
      '<a href="http://example.org/" rel="noopener noreferrer nofollow">www</a>',
      '<a href="mailto:desk@example.org" rel="noopener noreferrer nofollow">mail</a>',
      '<h2 dir="auto">One</h2>',
      '<h2 dir="auto">Two</h2>',
      '<h3 dir="auto">Three</h3>',
      '<h4 dir="auto">Four</h4>',
      '<h4 dir="auto">Six</h4>',
      '<blockquote dir="auto">Quoted</blockquote>',
      '<ul><li dir="auto">b1</li></ul>',
      '<ol start="3"><li dir="auto">n1</li></ol>',
      '<ul><li dir="auto">c1</li></ul>',
      '<li dir="auto"><ul><li dir="auto">inner</li></ul></li>',
      '<table><tbody><tr><th scope="col"><p dir="auto">H1</p></th>',
      '<th scope="row"><p dir="auto">R1</p></th><td><p dir="auto">v</p></td>',
      `<img src="/submissions/files/${"a".repeat(64)}.png" alt="Seized goods" loading="lazy" />`,
      '<p dir="auto"><img src="/courses/ip-101/images/logo.png" alt="Logo" loading="lazy" /></p>',
    ])
      expect(out).toContain(fragment);
    expect(out).not.toContain("<h1");
    expect(out).not.toContain("checked");
  });

  it("returns the plain text and the normalised state, which Lexical loads and exports unchanged", () => {
    const json = doc(
      el("heading", [text("Title")], { tag: "h1", extra: "dropped" }),
      p(text("a", 1 | 32), { type: "linebreak", version: 1 }, text("b")),
      el("list", [el("listitem", [text("x")], { value: 1, checked: false })], {
        listType: "check",
        start: 1,
        tag: "ul",
      }),
      el("table", [el("tablerow", [cell(1, p(text("k"))), cell(0, p(text("v")))])]),
      p(link("https://example.org", text("l")), image("/courses/c/images/i.png"))
    );
    const result = renderRichText(json);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.text).toBe("Title\na\nb\nx\nk\tv\nl");
    const state = JSON.parse(result.state) as { root: { children: SerializedNode[] } };
    expect(state.root.children[0]).toMatchObject({ type: "heading", tag: "h2" });
    expect(state.root.children[0]).not.toHaveProperty("extra");
    expect(state.root.children[2]).toMatchObject({ type: "list", listType: "bullet", tag: "ul" });
    expect(JSON.stringify(state)).not.toContain("checked");
    // Format bits we do not render (subscript, 32) are dropped.
    expect((state.root.children[1] as unknown as { children: SerializedNode[] }).children[0]).toMatchObject({
      format: 1,
    });

    const editor = createHeadlessEditor({
      nodes: RICH_TEXT_NODES,
      onError: (error) => {
        throw error;
      },
    });
    editor.setEditorState(editor.parseEditorState(result.state));
    expect(JSON.parse(JSON.stringify(editor.getEditorState().toJSON()))).toEqual(state);
    // And what the editor exports is accepted again, giving the same state.
    const again = renderRichText(JSON.stringify(editor.getEditorState().toJSON()));
    expect(again.ok && again.state).toBe(result.state);
  });

  it("escapes text that smuggles markup", () => {
    const out = html(doc(p(text('<script>alert(1)</script><img src=x onerror="alert(2)">'))));
    expect(out).not.toMatch(/<script|<img/i);
    expect(out).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(out).toContain("&lt;img src=x onerror=");
  });

  it("drops dangerous links, keeping their words", () => {
    for (const url of [
      "javascript:alert(1)",
      " JavaScript:alert(1)",
      "java\tscript:alert(1)",
      "data:text/html,<script>alert(1)</script>",
      "vbscript:x",
      "//evil.example/x",
      "/relative",
      "ftp://example.org",
    ]) {
      const result = renderRichText(doc(p(link(url, text("click me")))));
      expect(result.ok, url).toBe(true);
      if (!result.ok) continue;
      expect(result.html, url).toBe('<p dir="auto">click me</p>');
      expect(result.state, url).not.toContain("url");
    }
  });

  it("drops images that are not the college's own files", () => {
    for (const src of [
      "https://evil.example/x.png",
      "//evil.example/x.png",
      "javascript:alert(1)",
      "data:image/png;base64,AAAA",
      "/courses/../admin",
      "/submissions/files/x.png?onerror=alert(1)",
      '/courses/x" onerror="alert(1)',
      "/uploads/x.png",
    ]) {
      const result = renderRichText(doc(p(text("see"), image(src))));
      expect(result.ok, src).toBe(true);
      if (!result.ok) continue;
      expect(result.html, src).toBe('<p dir="auto">see</p>');
      expect(result.state, src).not.toContain('"image"');
    }
    // An external image alone leaves nothing.
    expect(renderRichText(doc(p(image("https://evil.example/x.png"))))).toEqual({
      ok: false,
      error: "errors.rich_text_empty",
    });
  });

  it("ignores style and unknown fields on known nodes", () => {
    const node = { ...text("styled"), style: "background:url(javascript:alert(1))", onclick: "alert(1)" };
    const result = renderRichText(doc(el("paragraph", [node], { style: "color:red" })));
    expect(result.ok && result.html).toBe('<p dir="auto">styled</p>');
    expect(result.ok && result.state).not.toMatch(/javascript|onclick|color/);
  });

  it("refuses unknown node types and malformed trees", () => {
    for (const json of [
      "not json",
      "null",
      "[]",
      JSON.stringify({}),
      JSON.stringify({ root: { type: "paragraph", children: [] } }),
      doc(el("html", [text("x")])),
      doc(p({ type: "script", version: 1, text: "alert(1)" } as SerializedNode)),
      doc(p(el("iframe", [], { src: "https://evil.example" }))),
      doc(el("code", [text("x")])),
      doc(p({ ...text("x"), text: 5 })),
      doc(p(text("x")), { ...p(), children: "nope" } as unknown as SerializedNode),
      doc(text("text directly in the root")),
      doc(el("heading", [text("x")], { tag: "h7" })),
      doc(el("list", [p(text("x"))], { listType: "bullet" })),
      doc(el("table", [el("tablerow", [p(text("x"))])])),
      doc(p(link("https://a.example", link("https://b.example", text("x"))))),
      doc(el("table", [el("tablerow", [cell(0, el("table", []))])])),
    ])
      expect(renderRichText(json), json).toEqual({ ok: false, error: "errors.rich_text_invalid" });
  });

  it("refuses documents too deep, with too many nodes or too large", () => {
    // A list nested MAX_DEPTH deep: root > list > listitem > list > ...
    let deep: SerializedNode = el("listitem", [text("deep")], { value: 1 });
    for (let i = 0; i < MAX_DEPTH; i++)
      deep = el("listitem", [el("list", [deep], { listType: "bullet", start: 1, tag: "ul" })], { value: 1 });
    expect(renderRichText(doc(el("list", [deep], { listType: "bullet", start: 1, tag: "ul" })))).toEqual({
      ok: false,
      error: "errors.rich_text_too_large",
    });

    // Compact nodes, so that the count and not the size is what refuses it.
    const compact = JSON.stringify({
      root: { type: "root", children: Array.from({ length: MAX_NODES }, () => ({ type: "paragraph", children: [] })) },
    });
    expect(Buffer.byteLength(compact)).toBeLessThan(MAX_RICH_TEXT_BYTES);
    expect(renderRichText(compact)).toEqual({ ok: false, error: "errors.rich_text_too_large" });

    const large = doc(p(text("x".repeat(MAX_RICH_TEXT_BYTES))));
    expect(renderRichText(large)).toEqual({ ok: false, error: "errors.rich_text_too_large" });
  });

  it("calls a document without words or images empty", () => {
    for (const json of [
      doc(),
      doc(p()),
      doc(p(text("  \t ")), el("list", [], { listType: "bullet" })),
      richTextFromPlain("\n\n  \n"),
    ])
      expect(renderRichText(json), json).toEqual({ ok: false, error: "errors.rich_text_empty" });
    expect(renderRichText(doc(p(image("/courses/c/images/i.png")))).ok).toBe(true);
  });
});

describe("richTextFromPlain", () => {
  it("makes a paragraph per block and a line break per single newline", () => {
    const json = richTextFromPlain("First line\r\nsecond line\n\n\nNew <b>paragraph</b> & more\n  \nLast\n");
    const result = renderRichText(json);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.html).toBe(
      '<p dir="auto">First line<br />second line</p>' +
        '<p dir="auto">New &lt;b&gt;paragraph&lt;/b&gt; &amp; more</p>' +
        '<p dir="auto">Last</p>'
    );
    expect(result.text).toBe("First line\nsecond line\nNew <b>paragraph</b> & more\nLast");
    // What the plain text becomes is itself a normalised state.
    expect(result.state).toBe(json);
  });
});

describe("highlightComments", () => {
  const page = html(
    doc(
      p(text("The seized "), text("watches", 1), text(" were fakes & replicas.")),
      p(link("https://example.org/evidence", text("evidence file"))),
      p(text("watches again"))
    )
  );

  it("marks the first occurrence in the text, with a numbered reference", () => {
    const out = highlightComments(page, [
      { id: "c1", quote: "seized", text: "Where?" },
      { id: "c2", quote: "watches", text: "Which brand?" },
    ]);
    expect(out).toContain(
      'The <mark class="comment-mark" id="comment-c1" data-comment="1">seized</mark><sup class="comment-ref"><a href="#note-c1">[1]</a></sup> '
    );
    expect(out).toContain(
      '<strong><mark class="comment-mark" id="comment-c2" data-comment="2">watches</mark><sup class="comment-ref"><a href="#note-c2">[2]</a></sup></strong>'
    );
    expect(out.match(/comment-mark/g)).toHaveLength(2);
    expect(out).toContain("watches again");
  });

  it("matches quotes against escaped text and escapes what it inserts", () => {
    const out = highlightComments(page, [{ id: 'x"><script>', quote: "fakes & replicas", text: "" }]);
    expect(out).toContain('data-comment="1">fakes &amp; replicas</mark>');
    expect(out).not.toContain("<script>");
    expect(out).toContain('id="comment-x&quot;&gt;&lt;script&gt;"');
  });

  it("never marks inside tags or attribute values", () => {
    const out = highlightComments(page, [
      { id: "a", quote: "https://example.org/evidence", text: "" },
      { id: "b", quote: "dir", text: "" },
      { id: "c", quote: "strong", text: "" },
    ]);
    expect(out).toBe(page);
    // Nor in an image's description, even one holding ">" and quotes.
    const withImage = html(doc(p(image("/courses/c/images/i.png", 'evidence > "seized" <b>'), text(" caption"))));
    expect(withImage).toContain('alt="evidence &gt; &quot;seized&quot; &lt;b&gt;"');
    expect(highlightComments(withImage, [{ id: "i", quote: "seized", text: "" }])).toBe(withImage);
    expect(highlightComments(withImage, [{ id: "i", quote: "caption", text: "" }])).toContain(
      '<mark class="comment-mark" id="comment-i" data-comment="1">caption</mark>'
    );
  });

  it("puts the reference after a link the quote is in, not inside it", () => {
    const out = highlightComments(page, [{ id: "e", quote: "evidence", text: "" }]);
    expect(out).toContain(
      '<a href="https://example.org/evidence" rel="noopener noreferrer nofollow"><mark class="comment-mark" id="comment-e" data-comment="1">evidence</mark> file</a><sup class="comment-ref"><a href="#note-e">[1]</a></sup>'
    );
  });

  it("ignores quotes that are not found, empty or across elements, and never marks a reference", () => {
    const out = highlightComments(page, [
      { id: "n", quote: "not in the text", text: "" },
      { id: "s", quote: "", text: "" },
      { id: "x", quote: "seized watches", text: "" },
      { id: "m", quote: "The", text: "" },
      { id: "r", quote: "[4]", text: "" },
    ]);
    expect(out.match(/comment-mark/g)).toHaveLength(1);
    expect(out).toContain('data-comment="4">The</mark>');
    expect(highlightComments(page, [])).toBe(page);
  });
});
