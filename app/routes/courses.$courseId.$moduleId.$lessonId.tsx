import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData, useParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { blockHtml } from "~/components/lesson-block-html.server.tsx";
import { CSRF_PLACEHOLDER } from "~/components/lesson-blocks.tsx";
import { PageLink as Link } from "~/components/page-links.tsx";
import { answerBlock, openLesson } from "~/domain/courses/learning.server.ts";
import { getRequestI18n } from "~/i18n/i18n.server.ts";
import { LANGUAGES } from "~/i18n/config.ts";
import { requirePermission } from "~/utils/auth.server.ts";
import { readCheckedForm } from "~/utils/form.server.ts";
import { httpError } from "~/utils/http.server.ts";
import { titleMeta } from "~/utils/meta.ts";
import { useRootData } from "~/root.tsx";

export const meta = titleMeta;

/** Served without the React runtime; exercises are enhanced by public/islands/lesson.js. */
export const handle = { hydrate: false };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read", "lesson");
  const { locale } = await getRequestI18n(request);
  const { courseId = "", moduleId = "", lessonId = "" } = params;
  const lesson = await openLesson(user.id, courseId, moduleId, lessonId, locale);
  if (!lesson.ok) {
    if (lesson.reason === "not_enrolled") throw redirect(`/courses/${courseId}`);
    throw httpError("not_found");
  }
  const path = `/courses/${courseId}/${moduleId}/${lessonId}`;
  const segments = await Promise.all(
    lesson.segments.map(async (segment) =>
      segment.kind === "html" ? segment : { kind: "block" as const, html: await blockHtml(segment.block, locale, path) }
    )
  );
  return { ...lesson, segments, courseId, locale };
}

/** Answers to the lesson's blocks: graded on the server, then back to the block (works without JS). */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "create", "interaction");
  const { courseId = "", moduleId = "", lessonId = "" } = params;
  const blockId = new URL(request.url).searchParams.get("block") ?? "";
  const form = await readCheckedForm(request, context);
  const result = await answerBlock(user.id, courseId, moduleId, lessonId, blockId, form);
  if (!result.ok) {
    if (result.reason === "not_enrolled") throw redirect(`/courses/${courseId}`);
    throw httpError(result.reason === "invalid" ? "bad_request" : "not_found");
  }
  return redirect(`/courses/${courseId}/${moduleId}/${lessonId}#block-${blockId}`);
}

export default function LessonPage() {
  const { t } = useTranslation("learn");
  const lesson = useLoaderData<typeof loader>();
  const params = useParams();
  const root = useRootData();
  const canAuthor = root?.user?.canAuthor;
  const href = (l: { moduleSlug: string; slug: string }) => `/courses/${lesson.courseId}/${l.moduleSlug}/${l.slug}`;
  const contentLanguage = LANGUAGES.find((l) => l.code === lesson.contentLanguage);
  return (
    <article className="lesson" lang={lesson.contentLanguage} dir={contentLanguage?.dir}>
      <nav aria-label={t("lesson.breadcrumb")} className="breadcrumb" lang={lesson.locale}>
        <Link to={`/courses/${lesson.courseId}`}>{lesson.courseTitle}</Link> › <span>{lesson.moduleTitle}</span>
      </nav>
      <h1>{lesson.title}</h1>
      <div className="lesson-meta" lang={lesson.locale}>
        <label htmlFor="lesson-progress">
          {t("lesson.position", { index: lesson.position.index, total: lesson.position.total })} ·{" "}
          {t("progress.course", { percent: lesson.percent })}
        </label>
        <progress id="lesson-progress" max={100} value={lesson.percent}>
          {lesson.percent}%
        </progress>
      </div>
      {lesson.fallback ? (
        <p className="alert alert--info" role="note" lang={lesson.locale}>
          {t("lesson.fallback")}
        </p>
      ) : null}
      {lesson.segments.map((segment, i) =>
        segment.kind === "html" ? (
          // Rendered from Markdown and sanitised on the server (render.server.ts).
          <div key={i} className="prose" dangerouslySetInnerHTML={{ __html: segment.html }} />
        ) : (
          // Rendered once per block state (lesson-block-html.server.tsx); the viewer's token put in here.
          <div
            key={i}
            className="block-slot"
            dangerouslySetInnerHTML={{ __html: segment.html.replaceAll(CSRF_PLACEHOLDER, root?.csrf ?? "") }}
          />
        )
      )}
      <nav aria-label={t("lesson.pagination")} className="lesson-nav" lang={lesson.locale}>
        {lesson.previous ? (
          <Link to={href(lesson.previous)} rel="prev" className="button button--secondary">
            {t("lesson.previous")}
          </Link>
        ) : (
          <span />
        )}
        {lesson.next ? (
          <Link to={href(lesson.next)} rel="next" className="button">
            {t("lesson.next")}
          </Link>
        ) : (
          <Link to={`/courses/${lesson.courseId}`} className="button">
            {t("lesson.back_to_course")}
          </Link>
        )}
      </nav>
      {canAuthor ? (
        <p className="lesson-edit" lang={lesson.locale}>
          <Link to={`/author/${lesson.courseId}/${params.lessonId}/${lesson.contentLanguage}`}>
            {t("author:edit_lesson")}
          </Link>
        </p>
      ) : null}
    </article>
  );
}
