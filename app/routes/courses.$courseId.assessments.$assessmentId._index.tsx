import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { CsrfField } from "~/components/csrf-field.tsx";
import { findAssessment, startAttempt } from "~/domain/assessments/attempts.server.ts";
import { assessmentOverview, eligibility } from "~/domain/assessments/views.server.ts";
import { getRequestI18n } from "~/i18n/i18n.server.ts";
import { requirePermission } from "~/utils/auth.server.ts";
import { useFormat } from "~/utils/format.ts";
import { parseForm } from "~/utils/form.server.ts";
import { httpError } from "~/utils/http.server.ts";
import { titleMeta } from "~/utils/meta.ts";

export const meta = titleMeta;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read", "attempt");
  const { locale } = await getRequestI18n(request);
  const overview = await assessmentOverview(user.id, params.courseId ?? "", params.assessmentId ?? "", locale);
  if (!overview) throw httpError("not_found");
  if (!overview.eligible.ok && overview.eligible.reason === "not_enrolled")
    throw redirect(`/courses/${overview.courseId}`);
  return { title: overview.title.text, overview };
}

/** Start (or resume) an attempt: a double click or a second tab lands in the same attempt. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "create", "attempt");
  await parseForm(request, context, z.object({}));
  const { locale } = await getRequestI18n(request);
  const courseId = params.courseId ?? "";
  const assessment = await findAssessment(courseId, params.assessmentId ?? "");
  if (!assessment) throw httpError("not_found");
  const eligible = await eligibility(user.id, assessment);
  if (!eligible.ok) throw httpError("forbidden");
  const started = await startAttempt(user.id, assessment, locale);
  const base = `/courses/${courseId}/assessments/${assessment.slug}`;
  if (!started.ok) return redirect(base);
  return redirect(`${base}/attempts/${started.attemptId}`);
}

export default function AssessmentOverviewPage() {
  const { t } = useTranslation("assess");
  const format = useFormat();
  const { overview } = useLoaderData<typeof loader>();
  const { settings } = overview;
  const base = `/courses/${overview.courseId}/assessments/${overview.slug}`;
  return (
    <div className="page page--narrow">
      <nav aria-label={t("breadcrumb")} className="breadcrumb">
        <Link to={`/courses/${overview.courseId}`} lang={overview.courseTitle.language}>
          {overview.courseTitle.text}
        </Link>
      </nav>
      <h1 lang={overview.title.language}>{overview.title.text}</h1>
      <h2>{t("overview.rules")}</h2>
      <ul className="rules">
        <li>{t("overview.questions", { count: settings.questions })}</li>
        <li>{t("overview.pass_mark", { percent: settings.passMark })}</li>
        <li>
          {settings.timeLimitMinutes
            ? t("overview.time_limit", { count: settings.timeLimitMinutes })
            : t("overview.no_time_limit")}
        </li>
        <li>
          {settings.attempts ? t("overview.attempts", { count: settings.attempts }) : t("overview.attempts_unlimited")}
        </li>
        {settings.cooldownMinutes ? <li>{t("overview.cooldown", { count: settings.cooldownMinutes })}</li> : null}
        <li>{t(`overview.counts_${settings.counts}`)}</li>
        <li>{t(`overview.feedback_${settings.feedback.replaceAll("-", "_")}`)}</li>
      </ul>

      {overview.result ? (
        <p className={`alert ${overview.result.passed ? "alert--success" : "alert--info"}`} role="status">
          {overview.result.passed
            ? t("overview.result_passed", { percent: format.number(overview.result.percent ?? 0) })
            : t("overview.result_not_passed", { percent: format.number(overview.result.percent ?? 0) })}
        </p>
      ) : null}

      {overview.open ? (
        <p>
          <Link className="button" to={`${base}/attempts/${overview.open.id}`}>
            {t("overview.resume")}
          </Link>
          {overview.open.deadline ? (
            <span className="muted"> {t("overview.ends_at", { time: format.dateTime(overview.open.deadline) })}</span>
          ) : null}
        </p>
      ) : overview.start.ok ? (
        <Form method="post">
          <CsrfField />
          {overview.attemptsLeft !== null ? (
            <p>{t("overview.attempts_left", { count: overview.attemptsLeft })}</p>
          ) : null}
          <button type="submit" className="button">
            {overview.attempts.length ? t("overview.start_again") : t("overview.start")}
          </button>
        </Form>
      ) : (
        <p className="alert alert--info" role="note">
          {overview.start.reason === "cooldown" && "until" in overview.start && overview.start.until
            ? t("overview.cooldown_until", { time: format.dateTime(overview.start.until) })
            : t(`overview.refused_${overview.start.reason}`)}
        </p>
      )}

      {overview.attempts.length ? (
        <>
          <h2>{t("overview.history")}</h2>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t("overview.attempt")}</th>
                <th scope="col">{t("overview.finished")}</th>
                <th scope="col">{t("overview.score")}</th>
                <th scope="col">{t("overview.outcome")}</th>
              </tr>
            </thead>
            <tbody>
              {overview.attempts.map((a) => (
                <tr key={a.id}>
                  <td>
                    {a.number}
                    {a.counts ? <span className="muted"> · {t("overview.counted")}</span> : null}
                  </td>
                  <td>
                    {a.closedAt
                      ? `${format.dateTime(a.closedAt)}${
                          a.closedBy === "deadline" ? ` · ${t("overview.time_ran_out")}` : ""
                        }`
                      : t("overview.in_progress")}
                  </td>
                  <td>{a.percent === null ? "—" : format.percent(a.percent)}</td>
                  <td>
                    {a.passed === null ? (
                      <Link to={`${base}/attempts/${a.id}`}>{t("overview.resume")}</Link>
                    ) : (
                      <Link to={`${base}/attempts/${a.id}/review`}>
                        {a.passed ? t("overview.passed") : t("overview.not_passed")} · {t("overview.review")}
                      </Link>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </div>
  );
}
