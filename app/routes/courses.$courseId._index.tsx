import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { CsrfField } from "~/components/csrf-field.tsx";
import { enrol, getCourseOverview } from "~/domain/courses/learning.server.ts";
import { getRequestI18n } from "~/i18n/i18n.server.ts";
import { getOptionalUser, requirePermission } from "~/utils/auth.server.ts";
import { parseForm } from "~/utils/form.server.ts";
import { httpError } from "~/utils/http.server.ts";
import { useFormat } from "~/utils/format.ts";
import { titleMeta } from "~/utils/meta.ts";

export const meta = titleMeta;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request);
  const { locale } = await getRequestI18n(request);
  const course = await getCourseOverview(params.courseId ?? "", user?.id ?? null, locale);
  if (!course) throw httpError("not_found");
  return { title: course.title.text, course, signedIn: !!user };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "create", "enrolment");
  await parseForm(request, context, z.object({}));
  const courseId = params.courseId ?? "";
  const result = await enrol(user.id, courseId);
  if (!result.ok) throw httpError(result.reason === "not_found" ? "not_found" : "forbidden");
  return redirect(
    result.start ? `/courses/${courseId}/${result.start.moduleSlug}/${result.start.slug}` : `/courses/${courseId}`
  );
}

export default function CourseOverview() {
  const { t } = useTranslation("learn");
  const { course, signedIn } = useLoaderData<typeof loader>();
  const format = useFormat();
  return (
    <div className="page page--narrow">
      <p className="course-card__level">{t(`levels.${course.level}`)}</p>
      <h1 lang={course.title.language}>{course.title.text}</h1>
      <p lang={course.summary.language}>{course.summary.text}</p>
      {course.passed ? (
        <p className="alert alert--success" role="status">
          {t("assess:course.programme_passed")}
        </p>
      ) : null}
      {course.enrolled ? (
        <div className="progress-summary">
          <label htmlFor="course-progress">{t("progress.course", { percent: course.percent })}</label>
          <progress id="course-progress" max={100} value={course.percent}>
            {course.percent}%
          </progress>
          {course.next ? (
            <p>
              <Link className="button" to={`/courses/${course.id}/${course.next.moduleSlug}/${course.next.slug}`}>
                {course.next.resumed ? t("progress.resume") : t("progress.start")}
              </Link>
            </p>
          ) : null}
        </div>
      ) : course.locked.length ? (
        <div className="lock-note" role="note">
          <p>
            <strong>{t("lock.title")}</strong>
          </p>
          <p>{t("lock.explain")}</p>
          <ul>
            {course.locked.map((p) => (
              <li key={p.id}>
                <Link to={`/courses/${p.id}`}>{p.title}</Link>
              </li>
            ))}
          </ul>
        </div>
      ) : course.certificateLock ? (
        <div className="lock-note" role="note">
          <p>
            <strong>{t("lock.title")}</strong>
          </p>
          <p>
            {t("lock.certificate")}{" "}
            <span lang={course.certificateLock.title.language}>{course.certificateLock.title.text}</span>
          </p>
          <p>
            <Link to="/pathways/trainer">{t("lock.pathway")}</Link>
          </p>
        </div>
      ) : signedIn ? (
        <Form method="post">
          <CsrfField />
          <button type="submit" className="button">
            {t("enrol.button")}
          </button>
        </Form>
      ) : (
        <p>
          <Link className="button" to={`/login?redirectTo=${encodeURIComponent(`/courses/${course.id}`)}`}>
            {t("enrol.login_first")}
          </Link>
        </p>
      )}
      {course.assessments
        .filter((a) => a.kind === "final")
        .map((a) => (
          <section key={a.slug} className="final-assessment" aria-labelledby={`assessment-${a.slug}`}>
            <h2 id={`assessment-${a.slug}`}>{t("assess:course.final")}</h2>
            <p>{t("assess:course.final_explain")}</p>
            <p>
              {course.enrolled ? (
                <Link to={`/courses/${course.id}/assessments/${a.slug}`} lang={a.title.language}>
                  {a.title.text}
                </Link>
              ) : (
                <span lang={a.title.language}>{a.title.text}</span>
              )}
              {a.result ? (
                <span className="muted">
                  {" "}
                  ·{" "}
                  {a.result.passed
                    ? t("assess:course.passed", { percent: format.number(a.result.percent) })
                    : t("assess:course.best_so_far", { percent: format.number(a.result.percent) })}
                </span>
              ) : null}
            </p>
          </section>
        ))}
      <h2>{t("outline.title")}</h2>
      <ol className="outline">
        {course.modules.map((module) => (
          <li key={module.slug}>
            <h3 id={`module-${module.slug}`} lang={module.title.language}>
              {module.title.text}
            </h3>
            <ol>
              {module.lessons.map((lesson) => (
                <li key={lesson.slug} className={lesson.completed ? "done" : undefined}>
                  {course.enrolled ? (
                    <Link to={`/courses/${course.id}/${module.slug}/${lesson.slug}`}>{lesson.title}</Link>
                  ) : (
                    <span>{lesson.title}</span>
                  )}{" "}
                  <span className="muted">
                    · {t("outline.minutes", { count: lesson.minutes })}
                    {lesson.completed ? ` · ${t("outline.done")}` : ""}
                  </span>
                </li>
              ))}
            </ol>
            {course.assessments
              .filter((a) => a.kind === "quiz" && a.moduleSlug === module.slug)
              .map((quiz) => (
                <p key={quiz.slug} className="module-quiz">
                  {/* "Module quiz" under each module's heading: the quiz lesson above already bears its title. */}
                  {course.enrolled ? (
                    <Link to={`/courses/${course.id}/assessments/${quiz.slug}`}>{t("blocks.quiz")}</Link>
                  ) : (
                    <span>{t("blocks.quiz")}</span>
                  )}
                  {quiz.result ? (
                    <span className="muted">
                      {" "}
                      ·{" "}
                      {quiz.result.passed
                        ? t("assess:course.passed", { percent: format.number(quiz.result.percent) })
                        : t("assess:course.best_so_far", { percent: format.number(quiz.result.percent) })}
                    </span>
                  ) : null}
                </p>
              ))}
            {module.assignments.length ? (
              <ul className="module-assignments" aria-label={t("assignments.title")}>
                {module.assignments.map((assignment) => (
                  <li key={assignment.slug}>
                    {t("assignments.label")}{" "}
                    {course.enrolled ? (
                      <Link
                        to={`/courses/${course.id}/assignments/${assignment.slug}`}
                        lang={assignment.title.language}
                      >
                        {assignment.title.text}
                      </Link>
                    ) : (
                      <span lang={assignment.title.language}>{assignment.title.text}</span>
                    )}
                    {course.enrolled ? (
                      <span className="muted">
                        {" "}
                        · {t(`assignments.status.${assignment.status ?? "not_started"}`)}
                        {assignment.dueAt && assignment.status !== "approved"
                          ? ` · ${t("assignments.due", { date: format.date(assignment.dueAt) })}`
                          : ""}
                      </span>
                    ) : null}
                  </li>
                ))}
              </ul>
            ) : null}
          </li>
        ))}
      </ol>
    </div>
  );
}
