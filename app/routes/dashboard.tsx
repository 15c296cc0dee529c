import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfField } from "~/components/csrf-field.tsx";
import { DateText } from "~/components/date-text.tsx";
import { Notice } from "~/components/form.tsx";
import { certificatesOf, ruleTitle } from "~/domain/certificates/views.server.ts";
import { markAllRead, notificationsOf } from "~/domain/notifications/notifications.server.ts";
import { assignmentTitles, reviewQueue } from "~/domain/mentoring/submissions.server.ts";
import { pathwaysFor } from "~/domain/pathways/pathways.server.ts";
import { can } from "~/utils/permissions.ts";
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
  const [{ items, unread }, queue, checklists] = await Promise.all([
    notificationsOf(user.id),
    can(user, "create", "review") ? reviewQueue(user.id, locale) : null,
    pathwaysFor(user.id, locale),
  ]);
  const assignments = await assignmentTitles(
    items.flatMap((n) => (typeof n.data.assignment === "string" ? [n.data.assignment] : [])),
    locale
  );
  return {
    title: t("dashboard.title"),
    fullName: user.fullName,
    roles: user.roles,
    welcome: new URL(request.url).searchParams.get("welcome") === "1",
    enrolments: await listEnrolments(user.id, locale),
    certificates: await certificatesOf(user.id, locale),
    notifications: {
      unread,
      items: items.map((n) => ({
        ...n,
        title:
          typeof n.data.rule === "string"
            ? ruleTitle(n.data.rule, locale)
            : typeof n.data.assignment === "string"
            ? assignments.get(n.data.assignment) ?? ""
            : "",
        // Only a path inside the site becomes a link.
        link: typeof n.data.path === "string" && /^\/(?!\/)/.test(n.data.path) ? n.data.path : null,
      })),
    },
    // The mentor's home page shows what waits for review, oldest first.
    reviewQueue: queue,
    // A pathway shows once followed, or once its first step (e.g. the certification) is done.
    pathways: checklists,
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

/** Each kind of notification is worded in its area's namespace: `<namespace>:notifications.<kind>`. */
const NOTIFICATION_NAMESPACE: Record<string, string> = {
  certificate: "certificates",
  cohort: "cohorts",
  mentoring: "mentoring",
  pathway: "pathway",
};

export default function Dashboard() {
  const { t } = useTranslation();
  const { t: tl } = useTranslation("learn");
  const { t: tc } = useTranslation("certificates");
  const { t: tm } = useTranslation("mentoring");
  const { t: tp } = useTranslation("pathway");
  const { fullName, roles, welcome, enrolments, certificates, notifications, language, reviewQueue, pathways } =
    useLoaderData<typeof loader>();
  const wording = (n: (typeof notifications.items)[number]) =>
    t(`${NOTIFICATION_NAMESPACE[n.kind.split(".")[0]!] ?? "certificates"}:notifications.${n.kind}`, {
      ...n.data,
      title: n.title,
      number: n.data.number ?? "",
      reason: n.data.reason ?? "",
    });
  return (
    <div className="page">
      <h1>{t("dashboard.greeting", { name: fullName })}</h1>
      <Notice message={welcome ? t("dashboard.welcome") : null} />
      <p className="muted">
        {t("dashboard.your_roles")}: {roles.map((r) => t(`roles.${r}`)).join(", ")}
      </p>
      {reviewQueue ? (
        <section aria-labelledby="review-queue">
          <h2 id="review-queue">{tm("queue.title")}</h2>
          {reviewQueue.length === 0 ? (
            <p className="muted">{tm("queue.empty")}</p>
          ) : (
            <ul>
              {reviewQueue.map((s) => (
                <li key={s.id}>
                  <Link to={`/mentoring/submissions/${s.id}`}>
                    {s.assignment} — {s.trainee}
                  </Link>{" "}
                  <span className="muted">({tm("queue.waiting", { count: s.waitingDays })})</span>
                  {s.overdue ? (
                    <>
                      {" "}
                      <span className="badge badge--revoked">{tm("queue.overdue")}</span>
                    </>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
          <p>
            <Link to="/mentoring">{tm("queue.all")}</Link>
          </p>
        </section>
      ) : null}
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
          <Link to="/cohorts">{t("dashboard.my_cohorts")}</Link> · <Link to="/mentoring">{t("nav.mentoring")}</Link>
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
      {pathways.map((p) => (
        <section key={p.id} aria-labelledby={`pathway-card-${p.id}`}>
          <h2 id={`pathway-card-${p.id}`}>{p.title}</h2>
          <p>
            {tp(`state.${p.state}`)} ·{" "}
            {tp("steps_done", { done: p.steps.filter((s) => s.done).length, count: p.steps.length })} ·{" "}
            <Link to={`/pathways/${p.id}`}>{tp("open")}</Link>
          </p>
        </section>
      ))}
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
                  <p>{n.link ? <Link to={n.link}>{wording(n)}</Link> : wording(n)}</p>
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
