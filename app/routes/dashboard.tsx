import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfField } from "~/components/csrf-field.tsx";
import { DateText } from "~/components/date-text.tsx";
import { Notice } from "~/components/form.tsx";
import { certificatesOf, ruleTitle } from "~/domain/certificates/views.server.ts";
import { markAllRead, notificationsOf } from "~/domain/notifications/notifications.server.ts";
import { getRequestI18n } from "~/i18n/i18n.server.ts";
import { listEnrolments } from "~/domain/courses/learning.server.ts";
import { LANGUAGES } from "~/i18n/config.ts";
import { requirePermission } from "~/utils/auth.server.ts";
import { readCheckedForm } from "~/utils/form.server.ts";
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
    certificates: await certificatesOf(user.id, locale),
    notifications: await notificationsOf(user.id).then(({ items, unread }) => ({
      unread,
      items: items.map((n) => ({
        ...n,
        title: typeof n.data.rule === "string" ? ruleTitle(n.data.rule, locale) : "",
      })),
    })),
    language: locale,
  };
}

/** The one action here: mark every notification read. */
export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "read", "dashboard");
  await readCheckedForm(request, context);
  await markAllRead(user.id);
  return { ok: true };
}

export default function Dashboard() {
  const { t } = useTranslation();
  const { t: tl } = useTranslation("learn");
  const { t: tc } = useTranslation("certificates");
  const { fullName, roles, welcome, enrolments, certificates, notifications, language } =
    useLoaderData<typeof loader>();
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
                {enrolment.passed ? (
                  <p>
                    <span className="badge badge--valid">{tl("status.passed")}</span>{" "}
                    <a href="#certificates">{tc("dashboard.title")}</a>
                  </p>
                ) : enrolment.next ? (
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
          <Link to="/history">{tl("history.link")}</Link> · <Link to="/profile">{t("dashboard.check_profile")}</Link> ·{" "}
          <Link to="/cohorts">{t("dashboard.my_cohorts")}</Link>
        </p>
      </section>
      <section aria-labelledby="certificates" id="certificates-section">
        <h2 id="certificates">{tc("dashboard.title")}</h2>
        {certificates.length === 0 ? (
          <p className="muted">{tc("dashboard.none")}</p>
        ) : (
          <ul className="certificate-list">
            {certificates.map((c) => (
              <li key={c.number} className={`certificate-card certificate-card--${c.standing}`}>
                <h3>{c.title}</h3>
                <p>
                  <span className={`badge badge--${c.standing}`}>{tc(`standing.${c.standing}`)}</span>{" "}
                  <span dir="ltr" className="mono">
                    {c.number}
                  </span>
                </p>
                <p className="muted">
                  {tc("fields.issued_on")} <DateText value={c.issuedAt} />
                  {c.expiresAt ? (
                    <>
                      {" · "}
                      {tc("fields.expires_on")} <DateText value={c.expiresAt} />
                    </>
                  ) : null}
                </p>
                {c.renewalOpen ? <p className="alert alert--info">{tc("dashboard.renewal_open")}</p> : null}
                {c.supersededBy ? (
                  <p>
                    {tc("verify.superseded_by")}{" "}
                    <Link to={`/verify/${c.supersededBy}`} dir="ltr">
                      {c.supersededBy}
                    </Link>
                  </p>
                ) : null}
                <p className="actions">
                  {c.standing === "valid" || c.standing === "expired" ? (
                    <>
                      <a className="button" href={`/certificates/${c.number}/pdf`} download>
                        {tc("dashboard.download")}
                      </a>{" "}
                      <a
                        className="button button--secondary"
                        href={`/certificates/${c.number}/credential.json`}
                        download
                      >
                        {tc("dashboard.download_credential")}
                      </a>{" "}
                    </>
                  ) : null}
                  <Link to={`/verify/${c.number}`}>{tc("dashboard.verify_page")}</Link>
                </p>
                {c.standing === "valid" || c.standing === "expired" ? (
                  <details>
                    <summary>{tc("dashboard.other_languages")}</summary>
                    <ul className="inline-list">
                      {LANGUAGES.filter((l) => l.code !== language).map((l) => (
                        <li key={l.code}>
                          <a href={`/certificates/${c.number}/pdf?lng=${l.code}`} download lang={l.code}>
                            {l.name}
                          </a>
                        </li>
                      ))}
                    </ul>
                  </details>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="notifications">
        <h2 id="notifications">
          {tc("notifications.title")}{" "}
          {notifications.unread > 0 ? (
            <span className="badge badge--on">{tc("notifications.unread", { count: notifications.unread })}</span>
          ) : null}
        </h2>
        {notifications.items.length === 0 ? (
          <p className="muted">{tc("notifications.none")}</p>
        ) : (
          <>
            <ul className="notification-list">
              {notifications.items.map((n) => (
                <li key={n.id} className={n.read ? "notification" : "notification notification--unread"}>
                  <p>
                    {tc(`notifications.${n.kind}`, {
                      title: n.title,
                      number: n.data.number ?? "",
                      reason: n.data.reason ?? "",
                    })}
                  </p>
                  <p className="muted">
                    <DateText value={n.createdAt} withTime />
                  </p>
                </li>
              ))}
            </ul>
            {notifications.unread > 0 ? (
              <Form method="post">
                <CsrfField />
                <button type="submit" className="button button--secondary button--small">
                  {tc("notifications.mark_read")}
                </button>
              </Form>
            ) : null}
          </>
        )}
      </section>
    </div>
  );
}
