import { Marked } from "marked";
import sanitizeHtml from "sanitize-html";
import { memoize } from "~/utils/cache.server.ts";

/**
 * Lesson Markdown to safe HTML, on the server. Whatever the source (files or the in-browser
 * editor), the output keeps only harmless tags and attributes: no script, no event handlers, no
 * javascript: URLs. Relative links and images are rewritten to the course's URLs.
 */
const marked = new Marked({ gfm: true, breaks: false, async: false });

const ALLOWED: sanitizeHtml.IOptions = {
  allowedTags: [
    "h2",
    "h3",
    "h4",
    "p",
    "ul",
    "ol",
    "li",
    "strong",
    "em",
    "a",
    "blockquote",
    "code",
    "pre",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "img",
    "hr",
    "br",
    "del",
  ],
  allowedAttributes: {
    a: ["href", "title"],
    img: ["src", "alt", "title", "width", "height", "loading"],
    th: ["scope", "align"],
    td: ["align"],
  },
  allowedSchemes: ["http", "https", "mailto"],
  allowedSchemesAppliedToAttributes: ["href", "src"],
  allowProtocolRelative: false,
};

export function renderMarkdown(markdown: string, courseId: string, moduleId: string): string {
  return renderMarkdownCached(`${courseId}\u0000${moduleId}\u0000${markdown}`);
}

const renderMarkdownCached = memoize((key) => {
  const [courseId, moduleId, markdown] = key.split("\u0000") as [string, string, string];
  const html = marked.parse(markdown) as string;
  return sanitizeHtml(html, {
    ...ALLOWED,
    transformTags: {
      h1: "h2", // the page holds the only h1
      a: (tagName, attribs) => ({
        tagName,
        attribs: { ...attribs, href: rewrite(attribs.href ?? "", courseId, moduleId) },
      }),
      img: (tagName, attribs) => ({
        tagName,
        attribs: { ...attribs, src: rewrite(attribs.src ?? "", courseId, moduleId), loading: "lazy" },
      }),
      th: (tagName, attribs) => ({ tagName, attribs: { ...attribs, scope: "col" } }),
    },
  });
});

/** Inline Markdown (bold, italics, links) in block texts: rendered, then sanitised the same way. */
export function renderInline(markdown: string, courseId: string, moduleId: string): string {
  return renderInlineCached(`${courseId}\u0000${moduleId}\u0000${markdown}`);
}

const renderInlineCached = memoize((key) => {
  const [courseId, moduleId, markdown] = key.split("\u0000") as [string, string, string];
  const html = marked.parseInline(markdown) as string;
  return sanitizeHtml(html, {
    allowedTags: ["strong", "em", "a", "code", "br", "del"],
    allowedAttributes: { a: ["href"] },
    allowedSchemes: ["http", "https", "mailto"],
    transformTags: {
      a: (tagName, attribs) => ({ tagName, attribs: { href: rewrite(attribs.href ?? "", courseId, moduleId) } }),
    },
  });
});

/** `../module/lesson` → `/courses/<course>/module/lesson`; `../images/x.png` → `/courses/<course>/images/x.png`. */
function rewrite(url: string, courseId: string, moduleId: string): string {
  if (/^(https?:|mailto:|#)/i.test(url)) return url;
  if (/^[a-z][a-z0-9+.-]*:/i.test(url.trim()) || url.trim().startsWith("//")) return "#"; // any other scheme: dropped
  const parts = [moduleId];
  for (const part of url.split("/")) {
    if (part === "..") parts.pop();
    else if (part !== "." && part !== "") parts.push(part);
  }
  return `/courses/${courseId}/${parts.join("/")}`;
}
