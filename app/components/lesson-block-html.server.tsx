import { renderToStaticMarkup } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import type { BlockView } from "~/domain/courses/learning.server.ts";
import { serverI18n } from "~/i18n/i18n.server.ts";
import type { Language } from "~/i18n/config.ts";
import { BlockFormContext, CSRF_PLACEHOLDER, LessonBlock } from "./lesson-blocks.tsx";

/**
 * A lesson block as HTML. A block looks the same to every learner in the same state (unanswered,
 * or with the same answer), so its markup is rendered once per language, lesson path and state
 * and reused; the viewer's CSRF token is put in when the page is rendered. Lesson pages are the
 * college's busiest, and their exercises are most of the work of rendering them (bench/README.md).
 */
export async function blockHtml(block: BlockView, language: Language, path: string): Promise<string> {
  const i18n = await serverI18n(language);
  return render(JSON.stringify([language, path, block]), () => (
    <I18nextProvider i18n={i18n}>
      <BlockFormContext.Provider value={{ path, csrf: CSRF_PLACEHOLDER }}>
        <LessonBlock block={block} />
      </BlockFormContext.Provider>
    </I18nextProvider>
  ));
}

const rendered = new Map<string, string>();

function render(key: string, element: () => React.ReactElement): string {
  let html = rendered.get(key);
  if (html === undefined) {
    html = renderToStaticMarkup(element());
    if (rendered.size >= 5000) rendered.delete(rendered.keys().next().value!);
    rendered.set(key, html);
  }
  return html;
}
