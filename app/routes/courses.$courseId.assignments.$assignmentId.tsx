import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfField } from "~/components/csrf-field.tsx";
import { DateText } from "~/components/date-text.tsx";
import { FormAlert, Notice } from "~/components/form.tsx";
import { RichTextField } from "~/components/rich-text-field.tsx";
import { VersionHistory } from "~/components/submission-version.tsx";
import { ATTACHMENT_TYPES, MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS } from "~/domain/mentoring/files.ts";
import { currentPairing } from "~/domain/mentoring/pairings.server.ts";
import { parseRubric, titleIn } from "~/domain/mentoring/rubric.ts";
import { WORK_FORM_BYTES, WorkSchema } from "~/domain/mentoring/schemas.ts";
import {
  assignmentFor,
  removeAttachment,
  saveWork,
  submissionOf,
  versionsForDisplay,
} from "~/domain/mentoring/submissions.server.ts";
import { renderRichText } from "~/domain/rich-text/rich-text.server.ts";
import { getRequestI18n } from "~/i18n/i18n.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { requirePermission } from "~/utils/auth.server.ts";
import { parseForm } from "~/utils/form.server.ts";
import { httpError } from "~/utils/http.server.ts";
import { titleMeta } from "~/utils/meta.ts";

export const meta = titleMeta;

const DAY = 86_400_000;

/** `?a=1&b=2`: two version numbers to show side by side. */
function comparePair(url: URL, count: number): [number, number] | null {
  const a = Number(url.searchParams.get("a"));
  const b = Number(url.searchParams.get("b"));
  const ok = (n: number) => Number.isInteger(n) && n >= 1 && n <= count;
  return ok(a) && ok(b) && a !== b ? [Math.min(a, b), Math.max(a, b)] : null;
}

/**
 * An assignment as its trainee sees it: instructions, rubric, the draft (rich text with attachments) with
 * save and submit, and every version sent with its review, two of them side by side on request.
 * Only the trainee's own work is ever loaded here: the page has no other person's data to leak.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "create", "submission");
  const { locale } = await getRequestI18n(request);
  const assignment = await assignmentFor(user.id, params.courseId ?? "", params.assignmentId ?? "");
  if (!assignment) throw httpError("not_found");
  const [detail, pairing] = await Promise.all([submissionOf(user.id, assignment.id), currentPairing(user.id)]);
  const mentor = pairing
    ? await prisma.user.findUnique({ where: { id: pairing.mentorId }, select: { fullName: true } })
    : null;
  const instructions = JSON.parse(assignment.instructions) as Record<string, string>;
  const rubric = parseRubric(assignment.rubric).map((c) => ({
    id: c.id,
    title: titleIn(c.titles, locale),
    levels: c.levels.map((l) => ({ id: l.id, points: l.points, title: titleIn(l.titles, locale) })),
  }));
  const status = detail?.status ?? "draft";
  const dueAt =
    detail?.dueAt.toISOString() ??
    (assignment.enrolledAt ? new Date(assignment.enrolledAt.getTime() + assignment.dueDays * DAY).toISOString() : null);
  const draft = detail?.draftState ? renderRichText(detail.draftState) : null;
  const versions = detail ? versionsForDisplay(detail, locale) : [];
  const url = new URL(request.url);
  const compare = comparePair(url, versions.length);
  const title = titleIn(JSON.parse(assignment.titles) as Record<string, string>, locale);
  return {
    title,
    courseId: assignment.courseId,
    courseTitle: titleIn(JSON.parse(assignment.course.titles) as Record<string, string>, locale),
    slug: assignment.slug,
    enrolled: assignment.enrolledAt !== null,
    instructionsHtml: instructions[locale] ?? instructions.en ?? "",
    instructionsFallback: !instructions[locale] && locale !== "en",
    rubric,
    maxPoints: assignment.maxPoints,
    status,
    dueAt,
    editable: assignment.enrolledAt !== null && (status === "draft" || status === "revision-requested"),
    mentor: mentor?.fullName ?? null,
    draftState: detail?.draftState ?? "",
    draftText: draft?.ok ? draft.text : "",
    draftSavedAt: detail?.draftSavedAt?.toISOString() ?? null,
    files: detail?.attachments ?? [],
    versions: [...versions].reverse(),
    compare,
    notice: url.searchParams.get("notice"),
    fileError: url.searchParams.get("fileError"),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "create", "submission");
  const assignment = await assignmentFor(user.id, params.courseId ?? "", params.assignmentId ?? "");
  if (!assignment) throw httpError("not_found");
  const submission = await parseForm(request, context, WorkSchema, WORK_FORM_BYTES);
  if (!submission.ok) return data({ errors: submission.errors, alert: null }, { status: 400 });
  const form = submission.data;
  const here = `/courses/${assignment.courseId}/assignments/${assignment.slug}`;
  if (form.intent === "remove-file") {
    await removeAttachment(user.id, form.attachment);
    return redirect(`${here}?notice=file_removed`);
  }
  const submit = form.intent === "submit";
  const result = await saveWork(user.id, assignment.id, { state: form.body, text: form.bodyText }, submit);
  if (!result.ok) {
    if (result.reason === "invalid") return data({ errors: { body: result.error }, alert: null }, { status: 400 });
    return data({ errors: {}, alert: `mentoring:work.${result.reason}` }, { status: 409 });
  }
  return redirect(`${here}?notice=${submit ? "submitted" : "saved"}`);
}

export default function AssignmentPage() {
  const { t } = useTranslation("mentoring");
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors: Record<string, string> = result?.errors ?? {};
  const here = `/courses/${page.courseId}/assignments/${page.slug}`;
  const accept = Object.values(ATTACHMENT_TYPES).join(",");
  return (
    <div className="page">
      <p>
        <Link to={`/courses/${page.courseId}`}>{page.courseTitle}</Link>
      </p>
      <h1>{page.title}</h1>
      <p>
        <span
          className={`badge ${
            page.status === "approved" ? "badge--valid" : page.status === "revision-requested" ? "badge--warning" : ""
          }`}
        >
          {t(`status.${page.status}`)}
        </span>
        {page.dueAt ? (
          <>
            {" "}
            · {t("work.due")} <DateText value={page.dueAt} />
          </>
        ) : null}
        {page.mentor ? <> · {t("work.mentor", { name: page.mentor })}</> : null}
      </p>
      <Notice message={page.notice ? t(`work.notice.${page.notice}`, { defaultValue: "" }) || null : null} />
      <FormAlert message={result?.alert ? t(result.alert) : null} />
      {page.fileError ? (
        <FormAlert message={t(`files.errors.${page.fileError}`, { defaultValue: t("files.errors.type") })} />
      ) : null}

      <section aria-labelledby="instructions">
        <h2 id="instructions">{t("work.instructions")}</h2>
        {page.instructionsFallback ? <p className="alert alert--info">{t("work.english_only")}</p> : null}
        <div className="rich-text" dangerouslySetInnerHTML={{ __html: page.instructionsHtml }} />
      </section>

      <section aria-labelledby="rubric">
        <h2 id="rubric">{t("rubric.title", { max: page.maxPoints })}</h2>
        <table className="table rubric">
          <thead>
            <tr>
              <th scope="col">{t("rubric.criterion")}</th>
              <th scope="col">{t("rubric.levels")}</th>
            </tr>
          </thead>
          <tbody>
            {page.rubric.map((c) => (
              <tr key={c.id}>
                <th scope="row">{c.title}</th>
                <td>
                  <ul>
                    {c.levels.map((l) => (
                      <li key={l.id}>
                        {l.title} — {t("rubric.points_count", { count: l.points })}
                      </li>
                    ))}
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      {!page.enrolled ? (
        <p className="alert alert--info">
          {t("work.enrol_first")} <Link to={`/courses/${page.courseId}`}>{page.courseTitle}</Link>
        </p>
      ) : page.editable ? (
        <section aria-labelledby="your-work">
          <h2 id="your-work">{page.versions.length > 0 ? t("work.revise") : t("work.your_answer")}</h2>
          {!page.mentor ? <p className="alert alert--info">{t("work.no_mentor")}</p> : null}
          {page.draftSavedAt ? (
            <p className="muted">
              {t("work.saved_at")} <DateText value={page.draftSavedAt} withTime />
            </p>
          ) : null}
          <Form method="post" id="work-form">
            <CsrfField />
            <RichTextField
              name="body"
              label={t("work.answer_label")}
              initialState={page.draftState}
              initialText={page.draftText}
              error={errors.body ?? errors.bodyText}
              uploadUrl={`${here}/files`}
            />
            <div className="actions">
              <button type="submit" name="intent" value="save" className="button button--secondary">
                {t("work.save")}
              </button>
              <button type="submit" name="intent" value="submit" className="button" disabled={!page.mentor}>
                {t("work.submit")}
              </button>
            </div>
          </Form>
          <h3>{t("files.title")}</h3>
          <p className="field__hint">
            {t("files.hint", { max: MAX_ATTACHMENTS, size: Math.round(MAX_ATTACHMENT_BYTES / 1024 / 1024) })}
          </p>
          {page.files.length > 0 ? (
            <ul className="attachments" aria-label={t("files.list")}>
              {page.files.map((f) => (
                <li key={f.id}>
                  <a href={`/submissions/files/${f.storedName}`} download={f.fileName}>
                    {f.fileName}
                  </a>{" "}
                  <Form method="post" className="inline-form">
                    <CsrfField />
                    <input type="hidden" name="attachment" value={f.id} />
                    <button type="submit" name="intent" value="remove-file" className="link-button">
                      {t("files.remove", { name: f.fileName })}
                    </button>
                  </Form>
                </li>
              ))}
            </ul>
          ) : null}
          <form method="post" action={`${here}/files`} encType="multipart/form-data" className="inline-form">
            <CsrfField />
            <label htmlFor="attachment-file">{t("files.choose")}</label>{" "}
            <input id="attachment-file" type="file" name="file" accept={accept} required />{" "}
            <button type="submit" className="button button--secondary">
              {t("files.upload")}
            </button>
          </form>
        </section>
      ) : (
        <p className="alert alert--info">{t(page.status === "approved" ? "work.approved" : "work.waiting")}</p>
      )}

      {page.versions.length > 0 ? (
        <VersionHistory versions={page.versions} compare={page.compare} maxPoints={page.maxPoints} />
      ) : null}
    </div>
  );
}
