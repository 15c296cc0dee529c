import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { authoringIndex } from "~/domain/courses/authoring.server.ts";
import { pick } from "~/domain/courses/learning.server.ts";
import { getRequestI18n } from "~/i18n/i18n.server.ts";
import { LANGUAGES } from "~/i18n/config.ts";
import { requirePermission } from "~/utils/auth.server.ts";
import { titleMeta } from "~/utils/meta.ts";

export const meta = titleMeta;

/** Every lesson with its state in each language, and a way into the editor for each. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "update", "lesson");
  const { t, locale } = await getRequestI18n(request);
  const courses = (await authoringIndex()).map((course) => ({
    id: course.id,
    title: pick(course.titles, locale),
    modules: course.modules.map((module) => ({
      slug: module.slug,
      title: pick(module.titles, locale),
      lessons: module.lessons.map((lesson) => ({
        slug: lesson.slug,
        title: pick(lesson.titles, locale),
        languages: LANGUAGES.map(({ code }) => ({
          code,
          revision: lesson.languages[code]?.revision ?? null,
          draft: Boolean(lesson.languages[code]?.draft) || lesson.untranslatedDrafts.includes(code),
        })),
      })),
    })),
  }));
  return { title: t("author:title"), courses };
}

export default function AuthoringIndex() {
  const { t } = useTranslation("author");
  const { courses } = useLoaderData<typeof loader>();
  return (
    <div className="page page--wide">
      <h1>{t("title")}</h1>
      <p className="muted">{t("intro")}</p>
      <p>
        <Link to="/author/questions">{t("questions.link")}</Link>
      </p>
      {courses.map((course) => (
        <section key={course.id} aria-labelledby={`course-${course.id}`} className="author-course">
          <h2 id={`course-${course.id}`} lang={course.title.language}>
            {course.title.text}
          </h2>
          {course.modules.map((module) => (
            <section key={module.slug} aria-labelledby={`module-${course.id}-${module.slug}`}>
              <h3 id={`module-${course.id}-${module.slug}`} lang={module.title.language}>
                {module.title.text}
              </h3>
              <ul className="author-lessons">
                {module.lessons.map((lesson) => (
                  <li key={lesson.slug}>
                    <span lang={lesson.title.language}>{lesson.title.text}</span>
                    <ul className="author-languages" aria-label={t("language_column")}>
                      {lesson.languages.map((l) => {
                        const name = LANGUAGES.find((x) => x.code === l.code)!.name;
                        const status = l.draft
                          ? t("status.draft")
                          : l.revision
                          ? t("status.published", { revision: l.revision })
                          : t("status.missing");
                        return (
                          <li key={l.code}>
                            <Link
                              to={`/author/${course.id}/${lesson.slug}/${l.code}`}
                              className={`lang-chip${l.revision ? " lang-chip--on" : ""}${
                                l.draft ? " lang-chip--draft" : ""
                              }`}
                              aria-label={`${t("edit_in", { language: name })} (${status})`}
                              title={status}
                            >
                              {l.code.toUpperCase()}
                            </Link>
                          </li>
                        );
                      })}
                    </ul>
                  </li>
                ))}
              </ul>
            </section>
          ))}
        </section>
      ))}
    </div>
  );
}
