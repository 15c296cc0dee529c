import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import {
  Form,
  Link,
  useActionData,
  useLoaderData,
  useLocation,
  useNavigation,
  useRouteLoaderData,
} from "@remix-run/react";
import { lazy, Suspense, useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { CheckerIssues } from "~/components/checker-issues.tsx";
import { CsrfField } from "~/components/csrf-field.tsx";
import { DateText } from "~/components/date-text.tsx";
import { Field, FormAlert, Notice } from "~/components/form.tsx";
import { LessonEditorSchema, MAX_EDITOR_FORM_BYTES } from "~/domain/courses/authoring-schemas.ts";
import { draftHistory, editorStateFor, publishDraft, saveDraft } from "~/domain/courses/authoring.server.ts";
import { pick } from "~/domain/courses/learning.server.ts";
import { getRequestI18n } from "~/i18n/i18n.server.ts";
import { isLanguage, LANGUAGES } from "~/i18n/config.ts";
import { requirePermission } from "~/utils/auth.server.ts";
import { parseForm } from "~/utils/form.server.ts";
import { httpError, requestMeta } from "~/utils/http.server.ts";
import { titleMeta } from "~/utils/meta.ts";
import { useFormat } from "~/utils/format.ts";
import { useHydrated } from "~/utils/use-hydrated.ts";

/** The Lexical editor is its own chunk, fetched only here (never on learners' pages). */
const LessonEditor = lazy(() => import("~/components/lesson-editor/lesson-editor.tsx"));

export const meta = titleMeta;

const NOTICES = ["saved", "published", "already_published"] as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "update", "lesson");
  const { courseId = "", lessonId = "", lng = "" } = params;
  if (!isLanguage(lng)) throw httpError("not_found");
  const lesson = await editorStateFor(courseId, lessonId, lng);
  if (!lesson || lesson.retired) throw httpError("not_found");
  const { t, locale } = await getRequestI18n(request);
  const history = await draftHistory(lesson.lessonId, lng);
  const url = new URL(request.url);
  const notice = NOTICES.find((n) => n === url.searchParams.get("notice")) ?? null;
  return {
    title: t("author:editing", { title: lesson.title }),
    courseId,
    lessonSlug: lesson.lessonSlug,
    moduleSlug: lesson.moduleSlug,
    courseTitle: pick(lesson.courseTitles, locale),
    moduleTitle: pick(lesson.moduleTitles, locale),
    language: lng,
    origin: lesson.origin,
    draftSavedAt: lesson.draftSavedAt,
    published: lesson.published,
    lessonTitle: lesson.title,
    minutes: lesson.minutes,
    state: lesson.state,
    history,
    notice,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "update", "lesson");
  const { courseId = "", lessonId = "", lng = "" } = params;
  const submission = await parseForm(request, context, LessonEditorSchema, MAX_EDITOR_FORM_BYTES);
  if (!submission.ok) return data({ errors: submission.errors, issues: [] }, { status: 400 });
  const { intent, title, minutes, state } = submission.data;
  const meta = requestMeta(request, context);
  const here = `/author/${courseId}/${lessonId}/${lng}`;
  const saved = await saveDraft(user.id, courseId, lessonId, lng, { title, minutes, state: state as never }, meta);
  if (!saved.ok) {
    if (saved.reason === "not_found") throw httpError("not_found");
    return data({ errors: {}, issues: saved.issues.map((i) => i.message) }, { status: 422 });
  }
  if (intent === "save") return redirect(`${here}?notice=saved`);
  const published = await publishDraft(user.id, saved.draftId, meta);
  if (published.ok) return redirect(`${here}?notice=published`);
  if (published.reason !== "invalid") {
    if (published.reason === "not_found") throw httpError("not_found");
    return redirect(`${here}?notice=already_published`);
  }
  return data({ errors: {}, issues: published.issues.map((i) => i.message) }, { status: 422 });
}

export default function EditLesson() {
  const { t } = useTranslation("author");
  const lesson = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const root = useRouteLoaderData<{ csrf: string }>("root");
  const hydrated = useHydrated();
  const format = useFormat();
  const navigation = useNavigation();
  const location = useLocation();
  const stateField = useRef<HTMLInputElement>(null);
  const dirty = useRef(false);
  const busy = navigation.state !== "idle" && navigation.formMethod === "POST";
  const language = LANGUAGES.find((l) => l.code === lesson.language)!;
  const errors: Record<string, string> = actionData?.errors ?? {};
  const issues = actionData?.issues ?? [];

  // Warn before leaving the page with changes that are not saved.
  useEffect(() => {
    const warn = (event: BeforeUnloadEvent) => {
      if (dirty.current) event.preventDefault();
    };
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, []);

  const notice =
    lesson.notice === "published"
      ? t("published", { revision: lesson.published?.revision ?? 1 })
      : lesson.notice
      ? t(lesson.notice)
      : null;

  return (
    <div className="page page--wide author-page">
      <p>
        <Link to="/author">{t("back")}</Link>
      </p>
      <nav aria-label={t("title")} className="breadcrumb">
        <span lang={lesson.courseTitle.language}>{lesson.courseTitle.text}</span> ›{" "}
        <span lang={lesson.moduleTitle.language}>{lesson.moduleTitle.text}</span>
      </nav>
      <h1 lang={lesson.language} dir={language.dir}>
        {lesson.lessonTitle}
      </h1>
      <p>{t("editing_language", { language: language.name })}</p>
      {/* key: a new notice after each submission is announced again */}
      <Notice key={location.key} message={actionData ? null : notice} />
      {issues.length ? (
        <CheckerIssues issues={issues} />
      ) : (
        <FormAlert message={Object.keys(errors).length ? t("common:form.fix_errors") : null} />
      )}
      <p className="muted">
        {lesson.origin === "draft" && lesson.draftSavedAt ? (
          <span suppressHydrationWarning>
            {t("opened_from.draft", { date: format.dateTime(new Date(lesson.draftSavedAt)) })}
          </span>
        ) : lesson.origin === "published" ? (
          t("opened_from.published", { revision: lesson.published?.revision ?? 1 })
        ) : (
          t("opened_from.english", { language: language.name })
        )}
      </p>
      {lesson.published ? (
        <p>
          <Link to={`/courses/${lesson.courseId}/${lesson.moduleSlug}/${lesson.lessonSlug}?lng=${lesson.language}`}>
            {t("view_lesson")}
          </Link>
        </p>
      ) : null}

      <Form
        method="post"
        id="lesson-form"
        className="author-form"
        onSubmit={() => {
          dirty.current = false;
        }}
      >
        <CsrfField />
        <div lang={lesson.language} dir={language.dir}>
          <Field
            name="title"
            label={t("fields.title")}
            defaultValue={lesson.lessonTitle}
            required
            maxLength={200}
            error={errors.title}
          />
        </div>
        <Field
          name="minutes"
          type="number"
          min={1}
          max={600}
          inputMode="numeric"
          label={t("fields.minutes")}
          hint={t("fields.minutes_hint")}
          defaultValue={lesson.minutes ?? ""}
          error={errors.minutes}
        />
        <input type="hidden" name="state" ref={stateField} defaultValue={JSON.stringify(lesson.state)} />
      </Form>

      <section aria-labelledby="editor-label" className="editor-section" lang={lesson.language} dir={language.dir}>
        <h2 id="editor-label">{t("editor_label")}</h2>
        {hydrated ? (
          <Suspense fallback={<p className="muted">{t("editor_loading")}</p>}>
            <LessonEditor
              key={`${lesson.courseId}/${lesson.lessonSlug}/${lesson.language}`}
              courseId={lesson.courseId}
              csrf={root?.csrf ?? ""}
              initialState={lesson.state}
              labelledBy="editor-label"
              onChange={(json) => {
                if (stateField.current && stateField.current.value !== json) {
                  stateField.current.value = json;
                  dirty.current = true;
                }
              }}
            />
          </Suspense>
        ) : (
          <p className="muted">{t("editor_loading")}</p>
        )}
        <noscript>
          <p className="alert alert--info">{t("editor_needs_js")}</p>
        </noscript>
      </section>

      <div className="form-actions">
        <button type="submit" form="lesson-form" name="intent" value="save" className="button" disabled={busy}>
          {t("save")}
        </button>
        <button
          type="submit"
          form="lesson-form"
          name="intent"
          value="publish"
          className="button button--secondary"
          disabled={busy}
        >
          {t("publish")}
        </button>
      </div>

      <section aria-labelledby="history-title">
        <h2 id="history-title">{t("history.title")}</h2>
        {lesson.history.length ? (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("history.date")}</th>
                  <th scope="col">{t("fields.title")}</th>
                  <th scope="col">{t("history.author")}</th>
                  <th scope="col">{t("history.status")}</th>
                </tr>
              </thead>
              <tbody>
                {lesson.history.map((draft) => (
                  <tr key={draft.id}>
                    <td>
                      <DateText value={draft.createdAt} withTime />
                    </td>
                    <td lang={lesson.language}>{draft.title}</td>
                    <td>{draft.author?.fullName ?? "—"}</td>
                    <td>{draft.publishedAt ? t("history.published") : t("history.draft")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p className="muted">{t("history.empty")}</p>
        )}
      </section>
    </div>
  );
}
