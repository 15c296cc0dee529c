import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { listCatalogue } from "~/domain/courses/learning.server.ts";
import { getRequestI18n } from "~/i18n/i18n.server.ts";
import { LANGUAGES } from "~/i18n/config.ts";
import { getOptionalUser } from "~/utils/auth.server.ts";
import { titleMeta } from "~/utils/meta.ts";

export const meta = titleMeta;

/** The catalogue is public: anyone may see what the college teaches. Status is the viewer's own. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request);
  const { t, locale } = await getRequestI18n(request);
  return {
    title: t("learn:catalogue.title"),
    courses: await listCatalogue(user?.id ?? null, locale),
    signedIn: !!user,
  };
}

export default function Catalogue() {
  const { t } = useTranslation("learn");
  const { courses } = useLoaderData<typeof loader>();
  return (
    <div className="page">
      <h1>{t("catalogue.title")}</h1>
      <p className="muted">{t("catalogue.intro")}</p>
      <ul className="course-list">
        {courses.map((course) => (
          <li key={course.id} className="course-card">
            <p className="course-card__level">{t(`levels.${course.level}`)}</p>
            <h2>
              <Link to={`/courses/${course.id}`} lang={course.title.language}>
                {course.title.text}
              </Link>
            </h2>
            <p lang={course.summary.language}>{course.summary.text}</p>
            <dl className="facts facts--inline">
              <div>
                <dt>{t("catalogue.length")}</dt>
                <dd>{t("catalogue.hours", { count: course.estimatedHours })}</dd>
              </div>
              <div>
                <dt>{t("catalogue.languages")}</dt>
                <dd>
                  {course.languages
                    .map((l) => {
                      const name = LANGUAGES.find((x) => x.code === l.language)?.name ?? l.language;
                      return l.lessons < course.lessons
                        ? t("catalogue.partial", { language: name, count: l.lessons, total: course.lessons })
                        : name;
                    })
                    .join(" · ")}
                </dd>
              </div>
              <div>
                <dt>{t("catalogue.status")}</dt>
                <dd>
                  {course.passed
                    ? t("status.passed")
                    : course.enrolled
                    ? t("status.in_progress", { percent: course.percent })
                    : course.locked.length || course.certificateLocked
                    ? t("status.locked")
                    : t("status.not_started")}
                </dd>
              </div>
            </dl>
            {course.locked.length > 0 && !course.enrolled ? (
              <p className="lock-note">
                {t("lock.explain")}{" "}
                {course.locked.map((p) => (
                  <Link key={p.id} to={`/courses/${p.id}`}>
                    {p.title}
                  </Link>
                ))}
              </p>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
