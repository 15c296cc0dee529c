import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfField } from "~/components/csrf-field.tsx";
import { DateText } from "~/components/date-text.tsx";
import { FormAlert, Notice } from "~/components/form.tsx";
import { RichTextField } from "~/components/rich-text-field.tsx";
import { VersionHistory } from "~/components/submission-version.tsx";
import { mentorAccess } from "~/domain/mentoring/pairings.server.ts";
import { parseRubric, titleIn } from "~/domain/mentoring/rubric.ts";
import { MAX_COMMENTS, ReviewSchema, WORK_FORM_BYTES } from "~/domain/mentoring/schemas.ts";
import { reviewSubmission, submissionDetail, versionsForDisplay } from "~/domain/mentoring/submissions.server.ts";
import { getRequestI18n } from "~/i18n/i18n.server.ts";
import { requireUser } from "~/utils/auth.server.ts";
import { parseForm } from "~/utils/form.server.ts";
import { httpError } from "~/utils/http.server.ts";
import { titleMeta } from "~/utils/meta.ts";

export const meta = titleMeta;

/** Comment rows offered without JavaScript: blank ones are ignored. */
const COMMENT_ROWS = 3;

/**
 * A submission as its trainee's current mentor (or an administrator) reads it: every version with its
 * review, two side by side on request, and, while the latest waits, the review form: a level for each
 * rubric criterion, feedback, inline comments on passages of the text, then approve or ask for a revision.
 * Anyone else gets a 404, whatever link they followed.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const detail = await submissionDetail(params.submissionId ?? "");
  if (!detail) throw httpError("not_found");
  if (detail.userId === user.id)
    throw redirect(`/courses/${detail.assignment.courseId}/assignments/${detail.assignment.slug}`);
  const access = await mentorAccess(user, detail.userId);
  if (!access) throw httpError("not_found");
  const { locale } = await getRequestI18n(request);
  const versions = versionsForDisplay(detail, locale).reverse();
  const latest = versions[0] ?? null;
  const url = new URL(request.url);
  const a = Number(url.searchParams.get("a"));
  const b = Number(url.searchParams.get("b"));
  const valid = (n: number) => Number.isInteger(n) && n >= 1 && n <= versions.length;
  const title = titleIn(JSON.parse(detail.assignment.titles) as Record<string, string>, locale);
  return {
    title,
    id: detail.id,
    trainee: { id: detail.userId, ...detail.user },
    status: detail.status,
    dueAt: detail.dueAt.toISOString(),
    maxPoints: detail.assignment.maxPoints,
    rubric: parseRubric(detail.assignment.rubric).map((c) => ({
      id: c.id,
      title: titleIn(c.titles, locale),
      levels: c.levels.map((l) => ({ id: l.id, points: l.points, title: titleIn(l.titles, locale) })),
    })),
    versions,
    compare: valid(a) && valid(b) && a !== b ? [Math.min(a, b), Math.max(a, b)] : null,
    reviewable: access === "mentor" && detail.status === "submitted" && latest !== null && latest.review === null,
    latestNumber: latest?.number ?? 0,
    notice: url.searchParams.get("notice"),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const id = params.submissionId ?? "";
  const detail = await submissionDetail(id);
  if (!detail || (await mentorAccess(user, detail.userId)) !== "mentor") throw httpError("not_found");
  const submission = await parseForm(request, context, ReviewSchema, WORK_FORM_BYTES);
  if (!submission.ok)
    return data({ errors: submission.errors, values: submission.values, alert: null }, { status: 400 });
  const form = submission.data;
  const result = await reviewSubmission(user, id, {
    versionNumber: form.version,
    decision: form.decision,
    levels: form.levels,
    feedback: form.feedback,
    comments: form.comments,
  });
  if (!result.ok) {
    if (result.reason === "forbidden") throw httpError("not_found");
    if (result.reason === "invalid")
      return data({ errors: result.errors, values: submission.values, alert: null }, { status: 400 });
    return data({ errors: {}, values: submission.values, alert: `review.${result.reason}` }, { status: 409 });
  }
  return redirect(`/mentoring/submissions/${id}?notice=${result.already ? "already" : form.decision}`);
}

export default function ReviewPage() {
  const { t } = useTranslation("mentoring");
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors: Record<string, string> = result?.errors ?? {};
  const values: Record<string, string> = result?.values ?? {};
  const rows = Math.min(MAX_COMMENTS, COMMENT_ROWS);
  return (
    <div className="page">
      <p>
        <Link to="/mentoring">{t("title")}</Link> ›{" "}
        <Link to={`/mentoring/trainees/${page.trainee.id}`}>{page.trainee.fullName}</Link>
      </p>
      <h1>{page.title}</h1>
      <p className="muted">
        {page.trainee.fullName}
        {page.trainee.fullNameLatin ? ` (${page.trainee.fullNameLatin})` : ""}
        {page.trainee.agency ? ` · ${page.trainee.agency}` : ""} · {t(`status.${page.status}`)} · {t("work.due")}{" "}
        <DateText value={page.dueAt} />
      </p>
      <Notice message={page.notice ? t(`review.notice.${page.notice}`, { defaultValue: "" }) || null : null} />
      <FormAlert message={result?.alert ? t(result.alert) : null} />
      {page.reviewable ? (
        <p>
          <a href="#review-form">{t("review.jump")}</a>
        </p>
      ) : null}

      <VersionHistory versions={page.versions} compare={page.compare} maxPoints={page.maxPoints} />

      {page.reviewable ? (
        <section aria-labelledby="review-form">
          <h2 id="review-form">{t("review.form_title", { number: page.latestNumber })}</h2>
          <Form method="post" noValidate>
            <CsrfField />
            <input type="hidden" name="version" value={page.latestNumber} />
            <div className="rubric">
              {page.rubric.map((c) => {
                const error = errors[`score.${c.id}`];
                return (
                  <fieldset
                    key={c.id}
                    aria-invalid={error ? true : undefined}
                    aria-describedby={error ? `score-${c.id}-error` : undefined}
                  >
                    <legend>{c.title}</legend>
                    {c.levels.map((l) => (
                      <label key={l.id}>
                        <input
                          type="radio"
                          name={`score.${c.id}`}
                          value={l.id}
                          required
                          defaultChecked={values[`score.${c.id}`] === l.id}
                        />
                        {l.title} ({t("rubric.points_count", { count: l.points })})
                      </label>
                    ))}
                    {error ? (
                      <p className="field__error" id={`score-${c.id}-error`}>
                        {t(error)}
                      </p>
                    ) : null}
                  </fieldset>
                );
              })}
            </div>
            <RichTextField
              name="feedback"
              label={t("review.feedback")}
              initialState={values.feedback ?? ""}
              initialText={values.feedbackText ?? ""}
              error={errors.feedback ?? errors.feedbackText}
            />
            <fieldset>
              <legend>{t("review.comments")}</legend>
              <p className="field__hint">{t("review.comments_hint")}</p>
              <div className="comment-rows">
                {Array.from({ length: rows }, (_, i) => (
                  <div key={i} className={errors[`comment${i}`] ? "field field--invalid" : "field"}>
                    <label htmlFor={`comment-quote-${i}`}>{t("review.comment_quote", { number: i + 1 })}</label>
                    <input id={`comment-quote-${i}`} name="commentQuote" maxLength={500} />
                    <label htmlFor={`comment-text-${i}`}>{t("review.comment_text", { number: i + 1 })}</label>
                    <textarea
                      id={`comment-text-${i}`}
                      name="commentText"
                      rows={2}
                      maxLength={2000}
                      aria-describedby={errors[`comment${i}`] ? `comment-${i}-error` : undefined}
                    />
                    {errors[`comment${i}`] ? (
                      <p className="field__error" id={`comment-${i}-error`}>
                        {t(errors[`comment${i}`]!)}
                      </p>
                    ) : null}
                  </div>
                ))}
              </div>
              {errors.commentText ? <p className="field__error">{t(errors.commentText)}</p> : null}
            </fieldset>
            <div className="actions">
              <button type="submit" name="decision" value="revision" className="button button--secondary">
                {t("review.ask_revision")}
              </button>
              <button type="submit" name="decision" value="approved" className="button">
                {t("review.approve")}
              </button>
            </div>
          </Form>
        </section>
      ) : null}
    </div>
  );
}
