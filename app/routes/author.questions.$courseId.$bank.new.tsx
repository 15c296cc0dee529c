import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { QuestionEditorForm } from "~/components/question-editor.tsx";
import { NewQuestionSchema, QuestionEditorSchema } from "~/domain/assessments/authoring-schemas.ts";
import {
  bankExists,
  publishQuestionDraft,
  questionTemplate,
  saveQuestionDraft,
} from "~/domain/assessments/authoring.server.ts";
import { getRequestI18n } from "~/i18n/i18n.server.ts";
import { requirePermission } from "~/utils/auth.server.ts";
import { parseForm } from "~/utils/form.server.ts";
import { httpError, requestMeta } from "~/utils/http.server.ts";
import { titleMeta } from "~/utils/meta.ts";

export const meta = titleMeta;

/** A new question for a bank, written in English first, from a template of the chosen type. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "update", "question");
  const { courseId = "", bank = "" } = params;
  if (!(await bankExists(courseId, bank))) throw httpError("not_found");
  const choice = NewQuestionSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const { t } = await getRequestI18n(request);
  return {
    title: t("author:questions.new_title", { bank }),
    courseId,
    bank,
    source: questionTemplate(choice.type, choice.topic),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "update", "question");
  const { courseId = "", bank = "" } = params;
  const submission = await parseForm(request, context, QuestionEditorSchema);
  if (!submission.ok)
    return data({ issues: Object.values(submission.errors), source: submission.values.source ?? "" }, { status: 400 });
  const saved = await saveQuestionDraft(
    user.id,
    { courseId, bank, slug: null, language: "en" },
    submission.data.source
  );
  if (!saved.ok)
    return data(
      { issues: saved.issues.map((i) => `line ${i.line}: ${i.message}`), source: submission.data.source },
      { status: 422 }
    );
  const here = `/author/questions/${courseId}/${bank}/${saved.slug}/en`;
  if (submission.data.intent === "save") return redirect(`${here}?notice=saved`);
  const published = await publishQuestionDraft(user.id, saved.draftId, requestMeta(request, context));
  if (!published.ok && published.reason === "invalid")
    return data(
      { issues: (published.issues ?? []).map((i) => `line ${i.line}: ${i.message}`), source: submission.data.source },
      { status: 422 }
    );
  return redirect(`${here}?notice=${published.ok ? "published" : "already_published"}`);
}

export default function NewQuestion() {
  const { t } = useTranslation("author");
  const { bank, source } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="page page--wide author-page">
      <p>
        <Link to="/author/questions">{t("questions.back")}</Link>
      </p>
      <h1>{t("questions.new_title", { bank })}</h1>
      <QuestionEditorForm
        source={actionData?.source ?? source}
        language="en"
        issues={actionData?.issues ?? []}
        history={[]}
      />
    </div>
  );
}
