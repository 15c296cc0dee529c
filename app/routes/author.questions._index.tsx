import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { questionIndex, topicsOf } from "~/domain/assessments/authoring.server.ts";
import { QUESTION_TYPES } from "~/domain/assessments/schema.ts";
import { getRequestI18n } from "~/i18n/i18n.server.ts";
import { LANGUAGES } from "~/i18n/config.ts";
import { requirePermission } from "~/utils/auth.server.ts";
import { titleMeta } from "~/utils/meta.ts";

export const meta = titleMeta;

/** Every bank's questions with the languages each is written in, and a way into the editor. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "update", "question");
  const { t } = await getRequestI18n(request);
  const banks = await questionIndex();
  const modules = await topicsOf([...new Set(banks.map((b) => b.courseId))]);
  return { title: t("author:questions.title"), banks, modules };
}

export default function QuestionIndex() {
  const { t } = useTranslation("author");
  const { banks, modules } = useLoaderData<typeof loader>();
  return (
    <div className="page page--wide">
      <p>
        <Link to="/author">{t("back")}</Link>
      </p>
      <h1>{t("questions.title")}</h1>
      <p className="muted">{t("questions.intro")}</p>
      {banks.map((bank) => (
        <section key={`${bank.courseId}/${bank.bank}`} aria-labelledby={`bank-${bank.courseId}-${bank.bank}`}>
          <h2 id={`bank-${bank.courseId}-${bank.bank}`}>
            <code>
              {bank.courseId} / {bank.bank}
            </code>{" "}
            · {t("questions.count", { count: bank.questions.length })}
          </h2>
          <Form method="get" action={`/author/questions/${bank.courseId}/${bank.bank}/new`} className="filters">
            <div className="field">
              <label htmlFor={`type-${bank.courseId}-${bank.bank}`}>{t("questions.type")}</label>
              <select id={`type-${bank.courseId}-${bank.bank}`} name="type">
                {QUESTION_TYPES.map((type) => (
                  <option key={type} value={type}>
                    {t(`results:types.${type}`)}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor={`topic-${bank.courseId}-${bank.bank}`}>{t("questions.topic")}</label>
              <select id={`topic-${bank.courseId}-${bank.bank}`} name="topic">
                {modules
                  .filter((m) => m.courseId === bank.courseId)
                  .map((m) => (
                    <option key={m.slug} value={m.slug}>
                      {m.slug}
                    </option>
                  ))}
              </select>
            </div>
            <button type="submit" className="button button--secondary">
              {t("questions.new")}
            </button>
          </Form>
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t("questions.question")}</th>
                  <th scope="col">{t("questions.type")}</th>
                  <th scope="col">{t("questions.topic")}</th>
                  <th scope="col">{t("language_column")}</th>
                </tr>
              </thead>
              <tbody>
                {bank.questions.map((q) => (
                  <tr key={q.slug}>
                    <td>
                      <code>{q.slug}</code>
                    </td>
                    <td>
                      {t(`results:types.${q.type}`)} · {t(`results:difficulty.${q.difficulty}`)}
                    </td>
                    <td>{q.topics.join(", ")}</td>
                    <td>
                      <ul className="author-languages">
                        {LANGUAGES.map(({ code, name }) => {
                          const on = q.languages.includes(code);
                          const draft = q.drafts.includes(code);
                          const status = draft
                            ? t("status.draft")
                            : on
                            ? t("questions.status_published", { revision: q.revision })
                            : t("status.missing");
                          return (
                            <li key={code}>
                              <Link
                                to={`/author/questions/${bank.courseId}/${bank.bank}/${q.slug}/${code}`}
                                className={`lang-chip${on ? " lang-chip--on" : ""}${draft ? " lang-chip--draft" : ""}`}
                                aria-label={`${q.slug}: ${t("edit_in", { language: name })} (${status})`}
                                title={status}
                              >
                                {code.toUpperCase()}
                              </Link>
                            </li>
                          );
                        })}
                      </ul>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}
    </div>
  );
}
