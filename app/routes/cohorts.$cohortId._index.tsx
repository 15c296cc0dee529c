import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfField } from "~/components/csrf-field.tsx";
import { DateText } from "~/components/date-text.tsx";
import { Field, FormAlert, Notice } from "~/components/form.tsx";
import { countryName } from "~/domain/accounts/countries.ts";
import { addMember, cohortAccess, createInvite } from "~/domain/cohorts/cohorts.server.ts";
import { cohortDashboard } from "~/domain/cohorts/dashboard.server.ts";
import { CohortActionSchema } from "~/domain/cohorts/schemas.ts";
import { getRequestI18n } from "~/i18n/i18n.server.ts";
import { requireUser } from "~/utils/auth.server.ts";
import { parseForm } from "~/utils/form.server.ts";
import { httpError } from "~/utils/http.server.ts";
import { titleMeta } from "~/utils/meta.ts";

export const meta = titleMeta;

/**
 * A cohort: its trainer (and administrators) see the dashboard; members see the cohort and its schedule;
 * anyone else gets a 404, so a cohort's existence is not disclosed.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const cohortId = params.cohortId ?? "";
  const access = await cohortAccess(user, cohortId);
  if (!access) throw httpError("not_found");
  const { locale } = await getRequestI18n(request);
  const board = await cohortDashboard(cohortId, locale);
  const country = countryName(board.cohort.country, locale);
  const imported = Number(new URL(request.url).searchParams.get("imported") ?? "") || null;
  if (access === "member")
    return {
      title: board.cohort.name,
      access,
      country,
      imported: null,
      cohort: board.cohort,
      modules: board.modules,
      members: [],
      timeline: [],
      atRisk: 0,
    };
  return { title: board.cohort.name, access, country, imported, ...board };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const cohortId = params.cohortId ?? "";
  if ((await cohortAccess(user, cohortId)) !== "manage") throw httpError("not_found");
  const submission = await parseForm(request, context, CohortActionSchema);
  if (!submission.ok) return data({ errors: submission.errors, notice: null, invite: null }, { status: 400 });
  const form = submission.data;
  if (form.intent === "invite") {
    const invite = await createInvite(user.id, cohortId, { days: form.days, maxUses: form.maxUses });
    return { errors: {}, notice: "cohorts:invite.created", invite: invite.url };
  }
  const added = await addMember(user.id, cohortId, form.email);
  if (!added.ok)
    return data({ errors: { email: `cohorts:add.${added.reason}` }, notice: null, invite: null }, { status: 409 });
  return { errors: {}, notice: added.already ? "cohorts:add.already" : "cohorts:add.done", invite: null };
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
  const loaded = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { cohort, country, modules } = loaded;
  const errors: Record<string, string> = result?.errors ?? {};
  return (
    <div className="page">
      <p>
        <Link to="/cohorts">{t("back")}</Link>
      </p>
      <h1>{cohort.name}</h1>
      <p className="muted">
        {country} · <DateText value={cohort.startsOn} /> – <DateText value={cohort.endsOn} />
      </p>
      <Notice message={result?.notice ? t(result.notice.replace("cohorts:", "")) : null} />
      <Notice message={loaded.imported ? t("imported", { count: loaded.imported }) : null} />
      {result?.invite ? (
        <p className="alert alert--info">
          {t("invite.link")}{" "}
          <code dir="ltr" className="mono">
            {result.invite}
          </code>
        </p>
      ) : null}
      <section aria-labelledby="schedule-title">
        <h2 id="schedule-title">{t("schedule")}</h2>
        {cohort.sessions.length === 0 ? (
          <p className="muted">{t("no_sessions")}</p>
        ) : (
          <ul className="plain-list">
            {cohort.sessions.map((s) => (
              <li key={s.id}>
                <DateText value={s.startsAt} withTime /> — {s.topic} ({s.place})
              </li>
            ))}
          </ul>
        )}
      </section>
      {loaded.access === "manage" ? (
        <>
          <section aria-labelledby="members-title">
            <h2 id="members-title">{t("members_title", { count: loaded.members.length })}</h2>
            <p>
              {t("at_risk", { count: loaded.atRisk })} ·{" "}
              <a href={`/cohorts/${cohort.id}/members.csv`} download>
                {t("export")}
              </a>{" "}
              · <Link to={`/cohorts/${cohort.id}/import`}>{t("import.link")}</Link>
            </p>
            <ProgressChart timeline={loaded.timeline} label={t("chart")} />
            {/* A wide table scrolls sideways: keyboard users must be able to focus it to scroll (WCAG 2.1.1). */}
            {/* eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex */}
            <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="members-title">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t("fields.member")}</th>
                    <th scope="col">{t("fields.progress")}</th>
                    {modules.map((m) => (
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
                  {loaded.members.map((m) => (
                    <tr key={m.userId} className={m.flags.length ? "is-flagged" : undefined}>
                      <th scope="row">
                        <bdi>{m.fullName}</bdi>
                        <br />
                        <span className="muted" dir="ltr">
                          {m.email}
                        </span>
                      </th>
                      <td>{m.percent} %</td>
                      {modules.map((mod) => {
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
