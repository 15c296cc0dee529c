import { type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfField } from "~/components/csrf-field.tsx";
import { regradeAssessment } from "~/domain/assessments/attempts.server.ts";
import { RegradeSchema } from "~/domain/assessments/results-schemas.ts";
import { itemAnalysis } from "~/domain/assessments/results.server.ts";
import { getRequestI18n } from "~/i18n/i18n.server.ts";
import { requirePermission } from "~/utils/auth.server.ts";
import { can } from "~/utils/permissions.ts";
import { useFormat } from "~/utils/format.ts";
import { parseForm } from "~/utils/form.server.ts";
import { httpError } from "~/utils/http.server.ts";
import { titleMeta } from "~/utils/meta.ts";

export const meta = titleMeta;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read", "results");
  const { t, locale } = await getRequestI18n(request);
  const analysis = await itemAnalysis(params.courseId ?? "", params.assessmentId ?? "", locale);
  if (!analysis) throw httpError("not_found");
  const { assessment: _assessment, ...view } = analysis;
  return {
    title: t("results:items_of", { title: analysis.title.text }),
    view,
    canRegrade: can(user, "update", "grade"),
  };
}

/** Re-grade every graded attempt against the questions as they are now: administrators only, with a reason. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "update", "grade");
  const submission = await parseForm(request, context, RegradeSchema);
  if (!submission.ok) return { errors: submission.errors, values: submission.values, done: null };
  const { locale } = await getRequestI18n(request);
  const analysis = await itemAnalysis(params.courseId ?? "", params.assessmentId ?? "", locale);
  if (!analysis) throw httpError("not_found");
  const done = await regradeAssessment(user.id, analysis.assessment, submission.data.reason);
  return { errors: null, values: {} as Record<string, string>, done };
}

const WIDTH = 160;

export default function ItemAnalysisPage() {
  const { t } = useTranslation("results");
  const format = useFormat();
  const { view, canRegrade } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div className="page">
      <nav aria-label={t("breadcrumb")} className="breadcrumb">
        <Link to="/results">{t("title")}</Link>
      </nav>
      <h1 lang={view.title.language}>{t("items_of", { title: view.title.text })}</h1>
      <p>{t("graded_attempts", { count: view.graded, formatted: format.number(view.graded) })}</p>
      <details className="help">
        <summary>{t("how_to_read")}</summary>
        <p>{t("facility_explain")}</p>
        <p>{t("discrimination_explain")}</p>
      </details>
      <div className="table-wrap">
        <table className="table item-table">
          <thead>
            <tr>
              <th scope="col">{t("question")}</th>
              <th scope="col">{t("asked")}</th>
              <th scope="col">{t("facility")}</th>
              <th scope="col">{t("discrimination")}</th>
              <th scope="col">{t("options")}</th>
            </tr>
          </thead>
          <tbody>
            {view.items.map((item) => {
              const counts = item.stats.optionCounts;
              const max = counts ? Math.max(1, ...counts) : 1;
              return (
                <tr key={item.id} className={item.warning ? "is-flagged" : undefined}>
                  <td>
                    <code>{item.id}</code> · {t(`types.${item.type}`)} · {t(`difficulty.${item.difficulty}`)}
                    {item.retired ? ` · ${t("retired")}` : ""}
                    <div lang={item.language} dangerouslySetInnerHTML={{ __html: item.text }} />
                    {item.warning ? <p className="field__error">{t(`warnings.${item.warning}`)}</p> : null}
                  </td>
                  <td>{format.number(item.stats.asked)}</td>
                  <td>{item.stats.facility === null ? "—" : format.percent(item.stats.facility)}</td>
                  <td>
                    {item.stats.discrimination === null
                      ? t("not_enough_attempts")
                      : format.number(item.stats.discrimination)}
                  </td>
                  <td>
                    {item.options && counts ? (
                      <figure className="option-chart">
                        <svg
                          width={WIDTH + 40}
                          height={item.options.length * 22}
                          role="img"
                          aria-label={t("chart_label")}
                        >
                          {item.options.map((option, i) => (
                            <g key={i} transform={`translate(0 ${i * 22})`}>
                              <rect
                                width={Math.round((counts[i]! / max) * WIDTH)}
                                height={16}
                                className={option.correct ? "bar bar--correct" : "bar"}
                              />
                              <text x={Math.round((counts[i]! / max) * WIDTH) + 4} y={13}>
                                {counts[i]}
                              </text>
                            </g>
                          ))}
                        </svg>
                        <figcaption>
                          <ol>
                            {item.options.map((option, i) => (
                              <li key={i}>
                                {option.text === "true" || option.text === "false" ? (
                                  t(`assess:question.${option.text}`)
                                ) : (
                                  <span dangerouslySetInnerHTML={{ __html: option.text }} />
                                )}
                                {option.correct ? ` (${t("right")})` : ""} — {format.number(counts[i]!)}
                              </li>
                            ))}
                          </ol>
                        </figcaption>
                      </figure>
                    ) : (
                      "—"
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {canRegrade ? (
        <section aria-labelledby="regrade-title" className="regrade">
          <h2 id="regrade-title">{t("regrade_title")}</h2>
          <p>{t("regrade_explain")}</p>
          {result?.done ? (
            <p className="alert alert--success" role="status">
              {t("regrade_done", { regraded: result.done.regraded, changed: result.done.changed })}
            </p>
          ) : null}
          <Form method="post">
            <CsrfField />
            <div className="field">
              <label htmlFor="reason">{t("regrade_reason")}</label>
              <textarea
                id="reason"
                name="reason"
                rows={2}
                maxLength={500}
                required
                defaultValue={result?.values?.reason ?? ""}
                aria-invalid={result?.errors?.reason ? true : undefined}
                aria-describedby={result?.errors?.reason ? "reason-error" : undefined}
              />
              {result?.errors?.reason ? (
                <p className="field__error" id="reason-error">
                  {t(`common:${result.errors.reason}`)}
                </p>
              ) : null}
            </div>
            <button type="submit" className="button button--danger">
              {t("regrade_button")}
            </button>
          </Form>
        </section>
      ) : null}
    </div>
  );
}
