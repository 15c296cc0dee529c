import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Notice } from "~/components/form.tsx";
import { getRequestI18n } from "~/i18n/i18n.server.ts";
import { listEnrolments } from "~/domain/courses/learning.server.ts";
import { requirePermission } from "~/utils/auth.server.ts";
import { titleMeta } from "~/utils/meta.ts";

export const meta = titleMeta;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read", "dashboard");
  const { t, locale } = await getRequestI18n(request);
  return {
    title: t("dashboard.title"),
    fullName: user.fullName,
    roles: user.roles,
    welcome: new URL(request.url).searchParams.get("welcome") === "1",
    enrolments: await listEnrolments(user.id, locale),
  };
}

export default function Dashboard() {
  const { t } = useTranslation();
  const { t: tl } = useTranslation("learn");
  const { fullName, roles, welcome, enrolments } = useLoaderData<typeof loader>();
  return (
    <div className="page">
      <h1>{t("dashboard.greeting", { name: fullName })}</h1>
      <Notice message={welcome ? t("dashboard.welcome") : null} />
      <p className="muted">
        {t("dashboard.your_roles")}: {roles.map((r) => t(`roles.${r}`)).join(", ")}
      </p>
      <section aria-labelledby="my-courses">
        <h2 id="my-courses">{t("dashboard.my_courses")}</h2>
        {enrolments.length === 0 ? (
          <div className="empty-state">
            <p>
              <strong>{t("dashboard.empty_title")}</strong>
            </p>
            <p>{t("dashboard.empty_body")}</p>
            <p>
              <Link to="/courses" className="button">
                {tl("dashboard.browse")}
              </Link>
            </p>
          </div>
        ) : (
          <ul className="course-list">
            {enrolments.map((enrolment) => (
              <li key={enrolment.courseId} className="course-card">
                <h3>
                  <Link to={`/courses/${enrolment.courseId}`}>{enrolment.title}</Link>
                </h3>
                <label htmlFor={`progress-${enrolment.courseId}`}>
                  {tl("progress.course", { percent: enrolment.percent })}
                </label>
                <progress id={`progress-${enrolment.courseId}`} max={100} value={enrolment.percent}>
                  {enrolment.percent}%
                </progress>
                {enrolment.next ? (
                  <p>
                    <Link
                      className="button"
                      to={`/courses/${enrolment.courseId}/${enrolment.next.moduleSlug}/${enrolment.next.slug}`}
                    >
                      {enrolment.started
                        ? tl("dashboard.continue", { lesson: enrolment.next.title })
                        : tl("progress.start")}
                    </Link>
                  </p>
                ) : null}
              </li>
            ))}
          </ul>
        )}
        <p>
          <Link to="/history">{tl("history.link")}</Link> · <Link to="/profile">{t("dashboard.check_profile")}</Link>
        </p>
      </section>
    </div>
  );
}
