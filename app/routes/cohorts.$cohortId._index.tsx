import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Fragment } from "react";
import { useTranslation } from "react-i18next";
import { CsrfField } from "~/components/csrf-field.tsx";
import { DateText } from "~/components/date-text.tsx";
import { Field, FormAlert, Notice } from "~/components/form.tsx";
import { countryName } from "~/domain/accounts/countries.ts";
import { announce, announcementsOf } from "~/domain/cohorts/announcements.server.ts";
import { addMember, cohortAccess, createInvite } from "~/domain/cohorts/cohorts.server.ts";
import { cohortDashboard } from "~/domain/cohorts/dashboard.server.ts";
import { cohortSchedule, newFormKey } from "~/domain/cohorts/schedule.server.ts";
import { CohortActionSchema } from "~/domain/cohorts/schemas.ts";
import { getRequestI18n } from "~/i18n/i18n.server.ts";
import { requireUser } from "~/utils/auth.server.ts";
import { parseForm } from "~/utils/form.server.ts";
import { httpError } from "~/utils/http.server.ts";
import { titleMeta } from "~/utils/meta.ts";

export const meta = titleMeta;

/**
 * A cohort: its trainer (and administrators) see the dashboard; members see the cohort, its schedule, module
 * deadlines and announcements, never the other members; anyone else gets a 404, so a cohort's existence is
 * not disclosed.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const cohortId = params.cohortId ?? "";
  const access = await cohortAccess(user, cohortId);
  if (!access) throw httpError("not_found");
  const { locale } = await getRequestI18n(request);
  const { cohort, sessions, modules } = await cohortSchedule(cohortId, locale);
  const announcements = await announcementsOf(cohortId);
  const page = {
    title: cohort.name,
    country: countryName(cohort.country, locale),
    cohort,
    sessions,
    deadlines: modules.filter((m) => m.dueOn !== null),
    announcements,
  };
  if (access === "member") return { ...page, access, imported: null, board: null, announceKey: null };
  const board = await cohortDashboard(cohortId, locale);
  const imported = Number(new URL(request.url).searchParams.get("imported") ?? "") || null;
  return {
    ...page,
    access,
    imported,
    board: { modules: board.modules, members: board.members, timeline: board.timeline, atRisk: board.atRisk },
    announceKey: newFormKey(),
  };
}

type ActionResult = {
  errors: Record<string, string>;
  notice: string | null;
  count?: number;
  invite: string | null;
  values?: Record<string, string>;
};

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const cohortId = params.cohortId ?? "";
  if ((await cohortAccess(user, cohortId)) !== "manage") throw httpError("not_found");
  const submission = await parseForm(request, context, CohortActionSchema);
  if (!submission.ok)
    return data<ActionResult>(
      { errors: submission.errors, notice: null, invite: null, values: submission.values },
      { status: 400 }
    );
  const form = submission.data;
  if (form.intent === "announce") {
    const sent = await announce(user, cohortId, { subject: form.subject, body: form.body, key: form.key });
    return data<ActionResult>({
      errors: {},
      notice: sent.created ? "announcements.sent" : "announcements.already",
      count: sent.recipients,
      invite: null,
    });
  }
  if (form.intent === "invite") {
    const invite = await createInvite(user.id, cohortId, { days: form.days, maxUses: form.maxUses });
    return data<ActionResult>({ errors: {}, notice: "invite.created", invite: invite.url });
  }
  const added = await addMember(user.id, cohortId, form.email);
  if (!added.ok)
    return data<ActionResult>(
      { errors: { email: `cohorts:add.${added.reason}` }, notice: null, invite: null },
      { status: 409 }
    );
  return data<ActionResult>({ errors: {}, notice: added.already ? "add.already" : "add.done", invite: null });
}

/** A session's place: a link only when it is a web address (decided on the server), otherwise text. */
function Place({ place, link }: { place: string; link: boolean }) {
  return link ? (
    <a href={place} rel="noopener noreferrer" dir="ltr">
      {place}
    </a>
  ) : (
    <bdi>{place}</bdi>
  );
}

function ProgressChart({ timeline, label }: { timeline: { week: string; completions: number }[]; label: string }) {
  if (timeline.length === 0) return null;
  const max = Math.max(...timeline.map((w) => w.completions));
  const width = Math.max(240, timeline.length * 28);
  return (
    <figure className="chart">
      <svg role="img" aria-label={label} viewBox={`0 0 ${width} 120`} width="100%" height="120">
        {timeline.map((w, i) => {
          const h = max ? Math.round((100 * w.completions) / max) : 0;
          return (
            <g key={w.week}>
              <rect x={i * 28 + 4} y={110 - h} width={20} height={h} fill="currentColor" />
              <title>{`${w.week}: ${w.completions}`}</title>
            </g>
          );
        })}
      </svg>
      <figcaption>{label}</figcaption>
    </figure>
  );
}

export default function CohortPage() {
  const { t } = useTranslation("cohorts");
  const { t: tc } = useTranslation();
  const loaded = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { cohort, country, sessions, deadlines, announcements, board } = loaded;
  const errors: Record<string, string> = result?.errors ?? {};
  const values: Record<string, string> = result?.values ?? {};
  const announceFailed = values.intent === "announce";
  return (
    <div className="page">
      <p>
        <Link to="/cohorts">{t("back")}</Link>
      </p>
      <h1>{cohort.name}</h1>
      <p className="muted">
        {country} · <DateText value={cohort.startsOn} /> – <DateText value={cohort.endsOn} />
      </p>
      {loaded.access === "manage" ? (
        <p>
          <Link to={`/cohorts/${cohort.id}/edit`}>{t("edit.link")}</Link> ·{" "}
          <Link to={`/cohorts/${cohort.id}/facilitators`}>{t("pathway:facilitators.link")}</Link>
        </p>
      ) : null}
      <Notice message={result?.notice ? t(result.notice, { count: result.count ?? 0 }) : null} />
      <Notice message={loaded.imported ? t("imported", { count: loaded.imported }) : null} />
      {result?.invite ? (
        <p className="alert alert--info">
          {t("invite.link")}{" "}
          <code dir="ltr" className="mono">
            {result.invite}
          </code>
        </p>
      ) : null}
      {loaded.access === "manage" && sessions.length === 0 && deadlines.length === 0 ? (
        <p className="alert alert--info">
          {t("schedule_hint")} <Link to={`/cohorts/${cohort.id}/edit`}>{t("schedule_hint_link")}</Link>
        </p>
      ) : null}
      <section aria-labelledby="schedule-title">
        <h2 id="schedule-title">{t("schedule")}</h2>
        {sessions.length === 0 ? (
          <p className="muted">{t("no_sessions")}</p>
        ) : (
          <ul className="plain-list">
            {sessions.map((s) => (
              <li key={s.id}>
                <DateText value={s.startsAt} withTime /> — <bdi>{s.topic}</bdi> (<Place place={s.place} link={s.link} />
                )
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="deadlines-title">
        <h2 id="deadlines-title">{t("deadlines")}</h2>
        {deadlines.length === 0 ? (
          <p className="muted">{t("no_deadlines")}</p>
        ) : (
          <ul className="plain-list">
            {deadlines.map((m) => (
              <li key={m.key}>
                <bdi>{m.title}</bdi> <span className="muted">({m.courseTitle})</span> — <DateText value={m.dueOn!} />
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="announcements-title">
        <h2 id="announcements-title">{t("announcements.title")}</h2>
        {announcements.length === 0 ? (
          <p className="muted">{t("announcements.none")}</p>
        ) : (
          <ul className="plain-list">
            {announcements.map((a) => (
              <li key={a.id}>
                <article aria-labelledby={`announcement-${a.id}`}>
                  <h3 id={`announcement-${a.id}`} dir="auto">
                    {a.subject}
                  </h3>
                  <p className="muted">
                    <DateText value={a.sentAt} withTime />
                  </p>
                  {a.paragraphs.map((p, i) => (
                    <p key={i} dir="auto">
                      {p.split("\n").map((line, j) => (
                        <Fragment key={j}>
                          {j > 0 ? <br /> : null}
                          {line}
                        </Fragment>
                      ))}
                    </p>
                  ))}
                </article>
              </li>
            ))}
          </ul>
        )}
      </section>
      {loaded.access === "manage" && board ? (
        <>
          <section aria-labelledby="announce-title">
            <h2 id="announce-title">{t("announcements.new")}</h2>
            <FormAlert message={announceFailed ? tc("form.fix_errors") : null} />
            <Form method="post" className="stack" noValidate key={loaded.announceKey}>
              <CsrfField />
              <input type="hidden" name="key" value={loaded.announceKey} />
              <Field
                name="subject"
                label={t("announcements.subject")}
                required
                maxLength={150}
                defaultValue={announceFailed ? values.subject : undefined}
                error={announceFailed ? errors.subject : undefined}
              />
              <div className={announceFailed && errors.body ? "field field--invalid" : "field"}>
                <label htmlFor="body">{t("announcements.body")}</label>
                <p className="field__hint" id="body-hint">
                  {t("announcements.body_hint")}
                </p>
                <textarea
                  id="body"
                  name="body"
                  rows={8}
                  required
                  maxLength={5000}
                  dir="auto"
                  aria-invalid={announceFailed && errors.body ? true : undefined}
                  aria-describedby={announceFailed && errors.body ? "body-hint body-error" : "body-hint"}
                  defaultValue={announceFailed ? values.body : undefined}
                />
                {announceFailed && errors.body ? (
                  <p className="field__error" id="body-error">
                    {tc(errors.body)}
                  </p>
                ) : null}
              </div>
              {announceFailed && errors.key ? <p className="field__error">{tc(errors.key)}</p> : null}
              <p>
                <button type="submit" name="intent" value="announce" className="button">
                  {t("announcements.submit")}
                </button>
              </p>
            </Form>
          </section>
          <section aria-labelledby="members-title">
            <h2 id="members-title">{t("members_title", { count: board.members.length })}</h2>
            <p>
              {t("at_risk", { count: board.atRisk })} ·{" "}
              <a href={`/cohorts/${cohort.id}/members.csv`} download>
                {t("export")}
              </a>{" "}
              · <Link to={`/cohorts/${cohort.id}/import`}>{t("import.link")}</Link>
            </p>
            <ProgressChart timeline={board.timeline} label={t("chart")} />
            {/* A wide table scrolls sideways: keyboard users must be able to focus it to scroll (WCAG 2.1.1). */}
            {/* eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex */}
            <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="members-title">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t("fields.member")}</th>
                    <th scope="col">{t("fields.progress")}</th>
                    {board.modules.map((m) => (
                      <th scope="col" key={m.key}>
                        {m.title}
                      </th>
                    ))}
                    <th scope="col">{t("fields.final")}</th>
                    <th scope="col">{t("fields.last_activity")}</th>
                    <th scope="col">{t("fields.flags")}</th>
                  </tr>
                </thead>
                <tbody>
                  {board.members.map((m) => (
                    <tr key={m.userId} className={m.flags.length ? "is-flagged" : undefined}>
                      <th scope="row">
                        <bdi>{m.fullName}</bdi>
                        <br />
                        <span className="muted" dir="ltr">
                          {m.email}
                        </span>
                      </th>
                      <td>{m.percent} %</td>
                      {board.modules.map((mod) => {
                        const cell = m.modules[mod.key]!;
                        return (
                          <td key={mod.key}>
                            {cell.percent} %
                            {cell.quiz !== null ? (
                              <>
                                <br />
                                <span className="muted">{t("quiz_score", { score: Math.round(cell.quiz) })}</span>
                              </>
                            ) : null}
                          </td>
                        );
                      })}
                      <td>
                        {Object.values(m.finals).map((f, i) => (
                          <span key={i}>{f.score === null ? "—" : `${Math.round(f.score)} %`} </span>
                        ))}
                      </td>
                      <td>{m.lastActivityAt ? <DateText value={m.lastActivityAt} /> : t("never")}</td>
                      <td>{m.flags.map((f) => t(`flags.${f}`)).join(", ")}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
          <section aria-labelledby="invite-title">
            <h2 id="invite-title">{t("invite.title")}</h2>
            <FormAlert message={errors.days || errors.maxUses ? t("invite.invalid") : null} />
            <Form method="post" className="inline-form">
              <CsrfField />
              <Field name="days" type="number" min={1} max={90} label={t("invite.days")} required defaultValue="14" />
              <Field
                name="maxUses"
                type="number"
                min={1}
                max={5000}
                label={t("invite.uses")}
                required
                defaultValue={String(cohort.capacity)}
              />
              <button type="submit" name="intent" value="invite" className="button">
                {t("invite.create")}
              </button>
            </Form>
          </section>
          <section aria-labelledby="add-title">
            <h2 id="add-title">{t("add.title")}</h2>
            <Form method="post" className="inline-form" noValidate>
              <CsrfField />
              <Field name="email" type="email" label={t("add.email")} required dir="ltr" error={errors.email} />
              <button type="submit" name="intent" value="add" className="button">
                {t("add.submit")}
              </button>
            </Form>
          </section>
        </>
      ) : null}
    </div>
  );
}
