import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { QuestionReviewView } from "~/components/assessment-question.tsx";
import { attemptReview } from "~/domain/assessments/views.server.ts";
import { getRequestI18n } from "~/i18n/i18n.server.ts";
import { requirePermission } from "~/utils/auth.server.ts";
import { useFormat } from "~/utils/format.ts";
import { httpError } from "~/utils/http.server.ts";
import { titleMeta } from "~/utils/meta.ts";

export const meta = titleMeta;

const NOTICES = ["closed", "expired"] as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read", "attempt");
  const { locale } = await getRequestI18n(request);
  const review = await attemptReview(user.id, params.attemptId ?? "", locale);
  if (!review) throw httpError("not_found");
  const here = `/courses/${params.courseId}/assessments/${params.assessmentId}/attempts/${params.attemptId}`;
  if (!review.graded) throw redirect(here);
  if (review.assessment.courseId !== params.courseId || review.assessment.slug !== params.assessmentId)
    throw httpError("not_found");
  const notice = new URL(request.url).searchParams.get("notice");
  return {
    title: review.assessment.title.text,
    review,
    notice: NOTICES.find((n) => n === notice) ?? null,
  };
}

export default function AttemptReviewPage() {
  const { t } = useTranslation("assess");
  const format = useFormat();
  const { review, notice } = useLoaderData<typeof loader>();
  const { attempt } = review;
  const overview = `/courses/${review.assessment.courseId}/assessments/${review.assessment.slug}`;
  return (
    <div className="page page--narrow">
      <nav aria-label={t("breadcrumb")} className="breadcrumb">
        <Link to={overview} lang={review.assessment.title.language}>
          {review.assessment.title.text}
        </Link>
      </nav>
      <h1>{t("review.title", { number: attempt.number })}</h1>
      {notice ? (
        <p className="alert alert--info" role="status">
          {t(`review.notice_${notice}`)}
        </p>
      ) : null}
      <p className={`result ${attempt.passed ? "result--passed" : "result--failed"}`} role="status">
        <strong>{attempt.passed ? t("review.passed") : t("review.not_passed")}</strong>{" "}
        <span>{t("review.score", { percent: format.number(attempt.percent ?? 0), passMark: attempt.passMark })}</span>
      </p>
      {review.regrades.map((r) => (
        <p key={r.at} className="alert alert--info" role="note">
          {t("review.regraded", {
            time: format.dateTime(r.at),
            from: format.percent(r.from),
            to: format.percent(r.to),
          })}
        </p>
      ))}
      <p className="muted">
        {t("review.finished", { time: format.dateTime(attempt.closedAt) })}
        {attempt.closedBy === "deadline" ? ` · ${t("review.time_ran_out")}` : ""}
      </p>

      <h2>{t("review.by_topic")}</h2>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t("review.topic")}</th>
            <th scope="col">{t("review.topic_score")}</th>
          </tr>
        </thead>
        <tbody>
          {review.topics.map((topic) => (
            <tr key={topic.title.text}>
              <td lang={topic.title.language}>{topic.title.text}</td>
              <td>
                <meter min={0} max={100} value={topic.percent} aria-label={topic.title.text} />{" "}
                {format.percent(topic.percent)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      {review.level === "answers" ? (
        <>
          <h2>{t("review.answers")}</h2>
          {review.questions.map((q) => (
            <QuestionReviewView key={q.position} review={q} number={String(q.position + 1)} />
          ))}
        </>
      ) : (
        <p className="alert alert--info" role="note">
          {t("review.answers_later")}
        </p>
      )}
      <p>
        <Link to={overview} className="button button--secondary">
          {t("review.back")}
        </Link>
      </p>
    </div>
  );
}
