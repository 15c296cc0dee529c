import fs from "node:fs";
import { renderToString } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { describe, expect, it } from "vitest";
import { serverI18n } from "~/i18n/i18n.server.ts";
import { RichTextField } from "./rich-text-field.tsx";

async function render(element: React.ReactElement, language: "en" | "ar" = "en") {
  const i18n = await serverI18n(language);
  return renderToString(<I18nextProvider i18n={i18n}>{element}</I18nextProvider>);
}

describe("RichTextField without JavaScript", () => {
  it("is a labelled plain-text area with an empty hidden state field", async () => {
    const html = await render(
      <RichTextField
        name="body"
        label="Your answer"
        initialState='{"root":{}}'
        initialText={"First <b>line</b>\n\nSecond"}
      />
    );
    expect(html).toMatch(/<label id="body-field-label" for="body-field">Your answer<\/label>/);
    expect(html).toMatch(/<textarea id="body-field" name="bodyText"[^>]*aria-describedby="body-field-hint"[^>]*>/);
    // React escapes the text; the text area keeps the blank line that separates paragraphs.
    expect(html).toContain("First &lt;b&gt;line&lt;/b&gt;\n\nSecond</textarea>");
    expect(html).toContain('<input type="hidden" name="body"/>');
    expect(html).toContain("JavaScript is off: write plain text; blank lines start a new paragraph.");
    expect(html).not.toContain("contenteditable");
  });

  it("shows a translated error wired to the text area", async () => {
    const html = await render(
      <RichTextField name="feedback" label="Feedback" error="editor:errors.rich_text_empty" describedBy="page-hint" />
    );
    expect(html).toContain('class="field field--invalid rich-text-field"');
    expect(html).toMatch(/name="feedbackText"[^>]*aria-invalid="true"/);
    expect(html).toContain('aria-describedby="feedback-field-hint feedback-field-error page-hint"');
    expect(html).toContain('<p class="field__error" id="feedback-field-error">Write something before sending.</p>');
  });

  it("speaks the page's language", async () => {
    const html = await render(
      <RichTextField name="body" label="إجابتك" error="editor:errors.rich_text_too_large" />,
      "ar"
    );
    expect(html).toContain("JavaScript معطّل");
    expect(html).toContain("النص طويل جدًا");
  });

  it("does not load Lexical with the page: the editor is a lazy chunk", () => {
    const source = fs.readFileSync("app/components/rich-text-field.tsx", "utf8");
    expect(source).not.toMatch(/from ["'](lexical|@lexical\/[^"']+)["']/);
    expect(source).not.toMatch(/from ["']\.\/rich-text-editor/);
    expect(source).toContain('lazy(() => import("./rich-text-editor.client.tsx"))');
  });
});
