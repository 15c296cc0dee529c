// @vitest-environment happy-dom
import { act } from "react";
import { createRoot, type Root } from "react-dom/client";
import { I18nextProvider } from "react-i18next";
import { createMemoryRouter, RouterProvider } from "react-router-dom";
import { $selectAll, type LexicalEditor } from "lexical";
import { afterEach, describe, expect, it, vi } from "vitest";
import { renderRichText } from "~/domain/rich-text/rich-text.server.ts";
import { richTextFromPlain } from "~/domain/rich-text/rich-text.ts";
import { serverI18n } from "~/i18n/i18n.server.ts";
import { RichTextField, type RichTextFieldProps } from "./rich-text-field.tsx";

// What the browser does once hydrated: the editor replaces the text area and fills the hidden field, whose
// state the server's renderer must accept.

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let root: Root | null = null;
let container: HTMLElement | null = null;

afterEach(() => {
  act(() => root?.unmount());
  container?.remove();
  root = null;
  container = null;
});

async function mount(props: RichTextFieldProps, beforeEditor?: (form: HTMLFormElement) => void) {
  const i18n = await serverI18n("en");
  const router = createMemoryRouter(
    [
      {
        id: "root",
        path: "/",
        element: (
          <I18nextProvider i18n={i18n}>
            <form>
              <RichTextField {...props} />
            </form>
          </I18nextProvider>
        ),
      },
    ],
    { hydrationData: { loaderData: { root: { csrf: "token-from-root" } } } }
  );
  container = document.createElement("div");
  document.body.append(container);
  root = createRoot(container);
  act(() => root!.render(<RouterProvider router={router} future={{ v7_startTransition: true }} />));
  const form = container.querySelector("form")!;
  beforeEditor?.(form);
  await waitFor(() => form.querySelector("[contenteditable]") !== null && !form.querySelector("textarea"));
  return form;
}

async function waitFor(check: () => boolean) {
  for (let i = 0; i < 200; i++) {
    if (check()) return;
    await act(() => new Promise((resolve) => setTimeout(resolve, 10)));
  }
  throw new Error("timed out");
}

const stateOf = (form: HTMLFormElement, name: string) =>
  (form.querySelector(`input[type=hidden][name=${name}]`) as HTMLInputElement).value;

const button = (form: HTMLFormElement, name: string) =>
  [...form.querySelectorAll("button")].find((b) => b.textContent === name)!;

describe("RichTextField in the browser", () => {
  // First: only the first mount waits for the editor's chunk, as a browser does.
  it("carries over text typed before the editor arrived", async () => {
    const form = await mount({ name: "body", label: "Your answer", initialText: "" }, (f) => {
      (f.querySelector("textarea[name=bodyText]") as HTMLTextAreaElement).value = "Typed early\n\nSecond paragraph";
    });
    const rendered = renderRichText(stateOf(form, "body"));
    expect(rendered.ok && rendered.html).toBe('<p dir="auto">Typed early</p><p dir="auto">Second paragraph</p>');
  });

  it("swaps in the editor, loaded with the saved state, and keeps the hidden field filled", async () => {
    const saved = richTextFromPlain("Saved answer\nsecond line");
    const form = await mount({ name: "body", label: "Your answer", initialState: saved, initialText: "ignored" });
    const editable = form.querySelector("[contenteditable]")!;
    expect(editable.getAttribute("aria-labelledby")).toBe("body-field-label");
    expect(form.querySelector('[role="toolbar"]')?.getAttribute("aria-label")).toBe("Formatting");
    expect(form.querySelector("[name=bodyText]")).toBeNull();
    const rendered = renderRichText(stateOf(form, "body"));
    expect(rendered.ok && rendered.html).toBe('<p dir="auto">Saved answer<br />second line</p>');

    act(() => button(form, "Insert table").click());
    await waitFor(() => stateOf(form, "body").includes('"table"'));
    const withTable = renderRichText(stateOf(form, "body"));
    expect(withTable.ok && withTable.html).toContain('<table><tbody><tr><th scope="col">');
    expect(withTable.ok && withTable.html.match(/<tr>/g)).toHaveLength(3);
  });

  it("falls back to the plain text when the saved state cannot be loaded", async () => {
    const form = await mount({ name: "body", label: "Your answer", initialState: '{"root":', initialText: "Plain" });
    const rendered = renderRichText(stateOf(form, "body"));
    expect(rendered.ok && rendered.text).toBe("Plain");
  });

  it("formats from the toolbar into states the server renders", async () => {
    const form = await mount({ name: "body", label: "Your answer", initialText: "Findings" });
    const editable = form.querySelector("[contenteditable]") as HTMLElement & { __lexicalEditor: LexicalEditor };
    const editor = editable.__lexicalEditor;
    const selectAll = () =>
      act(async () => {
        editor.update(() => void $selectAll(), { discrete: true });
      });
    const rendered = () => {
      const result = renderRichText(stateOf(form, "body"));
      if (!result.ok) throw new Error(result.error);
      return result.html;
    };

    await selectAll();
    await act(async () => button(form, "Heading").click());
    expect(rendered()).toBe('<h2 dir="auto">Findings</h2>');
    expect(button(form, "Heading").getAttribute("aria-pressed")).toBe("true");
    expect(button(form, "Paragraph").getAttribute("aria-pressed")).toBe("false");

    await act(async () => button(form, "Paragraph").click());
    await act(async () => button(form, "Bulleted list").click());
    expect(rendered()).toBe('<ul><li dir="auto">Findings</li></ul>');
    expect(button(form, "Bulleted list").getAttribute("aria-pressed")).toBe("true");
    await act(async () => button(form, "Bulleted list").click());
    await act(async () => button(form, "Quote").click());
    expect(rendered()).toBe('<blockquote dir="auto">Findings</blockquote>');
    await act(async () => button(form, "Quote").click());

    await selectAll();
    await act(async () => [...form.querySelectorAll("button")].find((b) => b.textContent === "Bold")!.click());
    expect(rendered()).toBe('<p dir="auto"><strong>Findings</strong></p>');

    await selectAll();
    await act(async () => button(form, "Link").click());
    const url = form.querySelector('input[type="url"]') as HTMLInputElement;
    await act(async () => {
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value")!.set!.call(url, "https://example.org/case");
      url.dispatchEvent(new Event("input", { bubbles: true }));
    });
    await act(async () => button(form, "Apply link").click());
    expect(rendered()).toBe(
      '<p dir="auto"><a href="https://example.org/case" rel="noopener noreferrer nofollow"><strong>Findings</strong></a></p>'
    );
    expect(url.closest("[hidden]")).not.toBeNull();
  });

  it("refuses links other than http(s) and mailto", async () => {
    const form = await mount({ name: "body", label: "Your answer", initialText: "Some text" });
    act(() => button(form, "Link").click());
    const url = form.querySelector('input[type="url"]') as HTMLInputElement;
    expect(url.closest("[hidden]")).toBeNull();
    act(() => {
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value")!.set!.call(url, "javascript:alert(1)");
      url.dispatchEvent(new Event("input", { bubbles: true }));
    });
    act(() => button(form, "Apply link").click());
    expect(form.querySelector('[role="status"]')?.textContent).toBe(
      "Use an address starting with https://, http:// or mailto:."
    );
    expect(stateOf(form, "body")).not.toContain("javascript");
  });

  it("uploads an image with the CSRF token and inserts what the server answers", async () => {
    const fetchMock = vi.fn(async (_url: string, _init: RequestInit) =>
      Response.json({ url: `/submissions/files/${"b".repeat(64)}.png`, alt: "scene" })
    );
    vi.stubGlobal("fetch", fetchMock);
    try {
      const form = await mount({ name: "body", label: "Your answer", initialText: "See:", uploadUrl: "/upload-here" });
      const file = new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], "scene.png", { type: "image/png" });
      const input = form.querySelector('input[type="file"]') as HTMLInputElement;
      expect(form.querySelector(`label[for="${input.id}"]`)?.textContent).toBe("Insert image (PNG, JPEG, WebP or GIF)");
      Object.defineProperty(input, "files", { value: [file], configurable: true });
      act(() => {
        input.dispatchEvent(new Event("change", { bubbles: true }));
      });
      await waitFor(() => stateOf(form, "body").includes('"image"'));
      const [url, init] = fetchMock.mock.calls[0]!;
      expect(url).toBe("/upload-here");
      const body = init.body as FormData;
      expect(body.get("csrf")).toBe("token-from-root");
      expect(body.get("image")).toBe("1");
      expect((body.get("file") as File).name).toBe("scene.png");
      const rendered = renderRichText(stateOf(form, "body"));
      expect(rendered.ok && rendered.html).toContain(`<img src="/submissions/files/${"b".repeat(64)}.png" alt="scene"`);

      fetchMock.mockImplementationOnce(async () => Response.json({ error: "too-large" }, { status: 413 }));
      act(() => {
        input.dispatchEvent(new Event("change", { bubbles: true }));
      });
      await waitFor(() => form.querySelector('[role="status"]')?.textContent === "That image is larger than 5 MB.");
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it("shows no image upload without an upload address", async () => {
    const form = await mount({ name: "feedback", label: "Feedback", initialText: "Good work" });
    expect(form.querySelector('input[type="file"]')).toBeNull();
  });
});
