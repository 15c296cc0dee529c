import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DateText } from "~/components/date-text.tsx";
import { learningHistory } from "~/domain/courses/learning.server.ts";
import { getRequestI18n } from "~/i18n/i18n.server.ts";
import { requirePermission } from "~/utils/auth.server.ts";
import { titleMeta } from "~/utils/meta.ts";

export const meta = titleMeta;

/** The learner's own history. It is only ever the signed-in person's: the query is scoped to them. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read", "dashboard");
  const { t, locale } = await getRequestI18n(request);
  return { title: t("learn:history.title"), courses: await learningHistory(user.id, locale) };
}

export default function History() {
  const { t } = useTranslation("learn");
  const { courses } = useLoaderData<typeof loader>();
  return (
    <div className="page">
      <h1>{t("history.title")}</h1>
      {courses.length === 0 ? <p>{t("history.empty")}</p> : null}
      {courses.map((course) => (
        <section key={course.courseId} aria-labelledby={`h-${course.courseId}`}>
          <h2 id={`h-${course.courseId}`}>{course.title}</h2>
          <p className="muted">
            {t("history.enrolled")} <DateText value={course.enrolledAt} />
          </p>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("history.lesson")}</th>
                  <th scope="col">{t("history.first_opened")}</th>
                  <th scope="col">{t("history.completed")}</th>
                  <th scope="col">{t("history.time")}</th>
                  <th scope="col">{t("history.quiz")}</th>
                </tr>
              </thead>
              <tbody>
                {course.lessons.map((lesson, i) => (
                  <tr key={i}>
                    <td>{lesson.title}</td>
                    <td>
                      <DateText value={lesson.firstViewedAt} />
                    </td>
                    <td>{lesson.completedAt ? <DateText value={lesson.completedAt} /> : "—"}</td>
                    <td>{t("outline.minutes", { count: lesson.minutes })}</td>
                    <td>
                      {lesson.quiz
                        ? t(lesson.quiz.passed ? "history.quiz_passed" : "history.quiz_not_passed", {
                            percent: lesson.quiz.percent,
                            count: lesson.quiz.attempts,
                          })
                        : "—"}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}
    </div>
  );
}
