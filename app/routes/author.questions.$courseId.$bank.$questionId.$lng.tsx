import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Notice } from "~/components/form.tsx";
import { QuestionEditorForm } from "~/components/question-editor.tsx";
import { QuestionEditorSchema } from "~/domain/assessments/authoring-schemas.ts";
import {
  publishQuestionDraft,
  questionEditor,
  questionHistory,
  saveQuestionDraft,
} from "~/domain/assessments/authoring.server.ts";
import { getRequestI18n } from "~/i18n/i18n.server.ts";
import { isLanguage, LANGUAGES } from "~/i18n/config.ts";
import { requirePermission } from "~/utils/auth.server.ts";
import { parseForm } from "~/utils/form.server.ts";
import { httpError, requestMeta } from "~/utils/http.server.ts";
import { titleMeta } from "~/utils/meta.ts";

export const meta = titleMeta;

const NOTICES = ["saved", "published", "already_published"] as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "update", "question");
  const { courseId = "", bank = "", questionId = "", lng = "" } = params;
  if (!isLanguage(lng)) throw httpError("not_found");
  const target = { courseId, bank, slug: questionId, language: lng };
  const editor = await questionEditor(target);
  if (!editor) throw httpError("not_found");
  const { t } = await getRequestI18n(request);
  const url = new URL(request.url);
  return {
    title: t("author:questions.editing", { id: questionId }),
    target,
    editor,
    history: await questionHistory(target),
    notice: NOTICES.find((n) => n === url.searchParams.get("notice")) ?? null,
    dropped: Number(url.searchParams.get("dropped") ?? 0) || 0,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "update", "question");
  const { courseId = "", bank = "", questionId = "", lng = "" } = params;
  if (!isLanguage(lng)) throw httpError("not_found");
  const submission = await parseForm(request, context, QuestionEditorSchema);
  if (!submission.ok)
    return data({ issues: Object.values(submission.errors), source: submission.values.source ?? "" }, { status: 400 });
  const here = `/author/questions/${courseId}/${bank}/${questionId}/${lng}`;
  const saved = await saveQuestionDraft(
    user.id,
    { courseId, bank, slug: questionId, language: lng },
    submission.data.source
  );
  if (!saved.ok)
    return data(
      { issues: saved.issues.map((i) => `line ${i.line}: ${i.message}`), source: submission.data.source },
      { status: 422 }
    );
  if (submission.data.intent === "save") return redirect(`${here}?notice=saved`);
  const published = await publishQuestionDraft(user.id, saved.draftId, requestMeta(request, context));
  if (published.ok) return redirect(`${here}?notice=published&dropped=${published.droppedTranslations.length}`);
  if (published.reason === "invalid")
    return data(
      { issues: (published.issues ?? []).map((i) => `line ${i.line}: ${i.message}`), source: submission.data.source },
      { status: 422 }
    );
  if (published.reason === "not_found") throw httpError("not_found");
  return redirect(`${here}?notice=already_published`);
}

export default function EditQuestion() {
  const { t } = useTranslation("author");
  const { target, editor, history, notice, dropped } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const location = useLocation();
  const language = LANGUAGES.find((l) => l.code === target.language)!;
  const message =
    notice === "published"
      ? `${t("questions.published", { revision: editor.revision ?? 1 })}${
          dropped ? ` ${t("questions.dropped", { count: dropped })}` : ""
        }`
      : notice === "saved"
      ? t("questions.saved")
      : notice
      ? t(notice)
      : null;
  return (
    <div className="page page--wide author-page">
      <p>
        <Link to="/author/questions">{t("questions.back")}</Link>
      </p>
      <h1>
        {t("questions.editing", { id: target.slug })}{" "}
        <span className="muted">
          ({target.courseId} / {target.bank})
        </span>
      </h1>
      <p>{t("editing_language", { language: language.name })}</p>
      <ul className="author-languages" aria-label={t("language_column")}>
        {LANGUAGES.map((l) => (
          <li key={l.code}>
            <Link
              to={`/author/questions/${target.courseId}/${target.bank}/${target.slug}/${l.code}`}
              className={`lang-chip${l.code === target.language ? " lang-chip--on" : ""}`}
              aria-label={t("edit_in", { language: l.name })}
              aria-current={l.code === target.language ? "page" : undefined}
            >
              {l.code.toUpperCase()}
            </Link>
          </li>
        ))}
      </ul>
      <Notice key={location.key} message={actionData ? null : message} />
      <p className="muted">
        {editor.origin === "draft"
          ? t("questions.opened_from_draft")
          : editor.origin === "published"
          ? t("questions.opened_from_published", { revision: editor.revision ?? 1 })
          : t("questions.opened_from_english", { language: language.name })}
      </p>
      <QuestionEditorForm
        key={location.key}
        source={actionData?.source ?? editor.source}
        language={target.language}
        issues={actionData?.issues ?? []}
        history={history}
      />
    </div>
  );
}
