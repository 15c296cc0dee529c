import { describe, expect, it } from "vitest";
import { renderInline, renderMarkdown } from "./render.server.ts";

describe("rendering lesson text", () => {
  it("renders Markdown and rewrites lesson links and images to course URLs", () => {
    const html = renderMarkdown(
      "## Evidence\n\nSee [seizures](../ip-crime-investigations/evidence-at-a-seizure) and ![A pack](../images/pack.png)",
      "intro",
      "ip-crimes"
    );
    expect(html).toContain("<h2>Evidence</h2>");
    expect(html).toContain('href="/courses/intro/ip-crime-investigations/evidence-at-a-seizure"');
    expect(html).toContain('src="/courses/intro/images/pack.png"');
    expect(html).toContain('alt="A pack"');
  });

  it("strips scripts, event handlers and javascript: URLs whatever the source says", () => {
    const html = renderMarkdown(
      '<script>alert(1)</script>\n\n<img src="x" onerror="alert(1)">\n\n[click](javascript:alert(1)) <a href="javascript:alert(2)" onclick="x()">b</a>',
      "c",
      "m"
    );
    expect(html).not.toMatch(/<script|onerror|onclick|javascript:/i);
    expect(renderInline("**bold** <img src=x onerror=alert(1)>", "c", "m")).toBe("<strong>bold</strong> ");
  });
});
