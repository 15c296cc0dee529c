import { Form, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CheckerIssues } from "./checker-issues.tsx";
import { CsrfField } from "./csrf-field.tsx";
import { DateText } from "./date-text.tsx";

/**
 * The question editor: the question as YAML in a labelled text area (the bank file's format), saved as a
 * draft or published, with the checker's messages when it is refused and the history of saves.
 */
export function QuestionEditorForm({
  source,
  language,
  issues,
  history,
}: {
  source: string;
  language: string;
  issues: string[];
  history: {
    id: string;
    createdAt: string | Date;
    publishedAt: string | Date | null;
    author: { fullName: string } | null;
  }[];
}) {
  const { t } = useTranslation("author");
  const navigation = useNavigation();
  const busy = navigation.state !== "idle" && navigation.formMethod === "POST";
  return (
    <>
      <CheckerIssues issues={issues} />
      <Form method="post" className="author-form">
        <CsrfField />
        <div className="field">
          <label htmlFor="source">{t("questions.source")}</label>
          <p className="field__hint" id="source-hint">
            {t("questions.source_hint")}
          </p>
          <textarea
            id="source"
            name="source"
            rows={24}
            spellCheck={false}
            lang={language}
            // YAML's indentation carries its structure: the text area stays left to right in every language.
            dir="ltr"
            className="code-area"
            defaultValue={source}
            aria-describedby="source-hint"
            required
          />
        </div>
        <p className="button-row">
          <button type="submit" name="intent" value="save" className="button button--secondary" disabled={busy}>
            {t("save")}
          </button>
          <button type="submit" name="intent" value="publish" className="button" disabled={busy}>
            {t("publish")}
          </button>
        </p>
      </Form>
      {history.length ? (
        <section aria-labelledby="question-history">
          <h2 id="question-history">{t("history.title")}</h2>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t("history.date")}</th>
                <th scope="col">{t("history.author")}</th>
                <th scope="col">{t("history.status")}</th>
              </tr>
            </thead>
            <tbody>
              {history.map((h) => (
                <tr key={h.id}>
                  <td>
                    <DateText value={h.createdAt} withTime />
                  </td>
                  <td>{h.author?.fullName ?? "—"}</td>
                  <td>{h.publishedAt ? t("history.published") : t("history.draft")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
    </>
  );
}
