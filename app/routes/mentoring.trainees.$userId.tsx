import crypto from "node:crypto";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfField } from "~/components/csrf-field.tsx";
import { DateText } from "~/components/date-text.tsx";
import { Field, FormAlert, Notice } from "~/components/form.tsx";
import { PathwayChecklist } from "~/components/pathway-checklist.tsx";
import {
  logSession,
  mentorAccess,
  mentoringLog,
  pairingHistory,
  traineeSummary,
} from "~/domain/mentoring/pairings.server.ts";
import { TraineeActionSchema } from "~/domain/mentoring/schemas.ts";
import { submissionsOf } from "~/domain/mentoring/submissions.server.ts";
import { findPathway, pathwayChecklist, pathways, signOff } from "~/domain/pathways/pathways.server.ts";
import { getRequestI18n } from "~/i18n/i18n.server.ts";
import { requireUser } from "~/utils/auth.server.ts";
import { parseForm } from "~/utils/form.server.ts";
import { httpError } from "~/utils/http.server.ts";
import { titleMeta } from "~/utils/meta.ts";
import { ANYONE, can, type Actor } from "~/utils/permissions.ts";

export const meta = titleMeta;

/** The mentor signs off their own trainees; administrators anyone's. */
function maySignOff(actor: Actor, access: "mentor" | "admin") {
  return access === "mentor" ? can(actor, "update", "pathway") : can(actor, "update", "pathway", ANYONE);
}

/**
 * A trainee as their current mentor (or an administrator) follows them: submissions, the mentoring log,
 * the pairings' history and the pathways they follow, with the sign-off when one is ready. Anyone else,
 * a former mentor included, gets a 404.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const traineeId = params.userId ?? "";
  const access = await mentorAccess(user, traineeId);
  const trainee = access ? await traineeSummary(traineeId) : null;
  if (!access || !trainee) throw httpError("not_found");
  const { locale } = await getRequestI18n(request);
  const [submissions, log, history, checklists] = await Promise.all([
    submissionsOf(traineeId, locale),
    mentoringLog(traineeId),
    pairingHistory(traineeId),
    Promise.all(pathways().map((p) => pathwayChecklist(p, traineeId, locale))),
  ]);
  return {
    title: trainee.fullName,
    trainee,
    access,
    submissions,
    log,
    history,
    pathways: checklists.filter((c) => c.state !== "not-started"),
    maySignOff: maySignOff(user, access),
    mayLog: access === "mentor",
    formKey: crypto.randomUUID(),
    today: new Date().toISOString().slice(0, 10),
    notice: new URL(request.url).searchParams.get("notice"),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const traineeId = params.userId ?? "";
  const access = await mentorAccess(user, traineeId);
  if (!access) throw httpError("not_found");
  const submission = await parseForm(request, context, TraineeActionSchema);
  if (!submission.ok)
    return data({ errors: submission.errors, values: submission.values, alert: null }, { status: 400 });
  const form = submission.data;
  const here = `/mentoring/trainees/${traineeId}`;
  if (form.intent === "log") {
    const logged = await logSession(user, traineeId, form);
    if (!logged.ok) throw httpError("not_found");
    return redirect(`${here}?notice=logged`);
  }
  const pathway = findPathway(form.pathway);
  if (!pathway) throw httpError("bad_request");
  if (!maySignOff(user, access)) throw httpError("forbidden");
  const result = await signOff(pathway, traineeId, user.id, form.note || null);
  if (!result.ok) {
    if (result.reason === "already") return redirect(`${here}?notice=already_signed_off`);
    return data({ errors: {}, values: submission.values, alert: `signoff.${result.reason}` }, { status: 409 });
  }
  return redirect(`${here}?notice=signed_off`);
}

export default function TraineePage() {
  const { t } = useTranslation("mentoring");
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors: Record<string, string> = result?.errors ?? {};
  const values: Record<string, string> = result?.values ?? {};
  const { trainee } = page;
  return (
    <div className="page">
      <p>
        <Link to="/mentoring">{t("title")}</Link>
      </p>
      <h1>
        {trainee.fullName}
        {trainee.fullNameLatin ? <span className="muted"> ({trainee.fullNameLatin})</span> : null}
      </h1>
      <p className="muted">{[trainee.agency, trainee.country, trainee.email].filter(Boolean).join(" · ")}</p>
      <Notice message={page.notice ? t(`trainee.notice.${page.notice}`, { defaultValue: "" }) || null : null} />
      <FormAlert message={result?.alert ? t(result.alert) : null} />

      <section aria-labelledby="work">
        <h2 id="work">{t("trainee.submissions")}</h2>
        {page.submissions.length === 0 ? (
          <p className="muted">{t("trainee.no_submissions")}</p>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t("queue.assignment")}</th>
                <th scope="col">{t("queue.state")}</th>
                <th scope="col">{t("work.due")}</th>
                <th scope="col">{t("trainee.versions")}</th>
              </tr>
            </thead>
            <tbody>
              {page.submissions.map((s) => (
                <tr key={s.id}>
                  <th scope="row">
                    {s.versions > 0 ? <Link to={`/mentoring/submissions/${s.id}`}>{s.title}</Link> : s.title}
                  </th>
                  <td>{t(`status.${s.status}`)}</td>
                  <td>
                    <DateText value={s.dueAt} />
                  </td>
                  <td>{s.versions}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      {page.pathways.map((p) => (
        <div key={p.id}>
          <PathwayChecklist pathway={p} />
          {page.maySignOff && p.state === "ready" ? (
            <Form method="post">
              <CsrfField />
              <input type="hidden" name="pathway" value={p.id} />
              <div className="field">
                <label htmlFor={`note-${p.id}`}>{t("signoff.note")}</label>
                <textarea id={`note-${p.id}`} name="note" rows={2} maxLength={1000} />
              </div>
              <button type="submit" name="intent" value="sign-off" className="button">
                {t("signoff.submit", { name: trainee.fullName })}
              </button>
            </Form>
          ) : null}
        </div>
      ))}

      <section aria-labelledby="log">
        <h2 id="log">{t("log.title")}</h2>
        {page.log.length === 0 ? (
          <p className="muted">{t("log.empty")}</p>
        ) : (
          <ul>
            {page.log.map((s) => (
              <li key={s.id}>
                <DateText value={s.heldOn} /> · {t("log.minutes", { count: s.minutes })} · {s.mentor}
                <p>{s.notes}</p>
              </li>
            ))}
          </ul>
        )}
        {page.mayLog ? (
          <Form method="post" noValidate>
            <CsrfField />
            <input type="hidden" name="key" value={page.formKey} />
            <h3>{t("log.add")}</h3>
            <Field
              name="heldOn"
              type="date"
              label={t("log.date")}
              required
              max={page.today}
              defaultValue={values.heldOn ?? page.today}
              error={errors.heldOn}
            />
            <Field
              name="minutes"
              type="number"
              min={5}
              max={600}
              label={t("log.duration")}
              required
              defaultValue={values.minutes ?? "45"}
              error={errors.minutes}
            />
            <div className={errors.notes ? "field field--invalid" : "field"}>
              <label htmlFor="notes">{t("log.notes")}</label>
              <textarea
                id="notes"
                name="notes"
                rows={4}
                maxLength={5000}
                required
                defaultValue={values.notes}
                aria-invalid={errors.notes ? true : undefined}
                aria-describedby={errors.notes ? "notes-error" : undefined}
              />
              {errors.notes ? (
                <p className="field__error" id="notes-error">
                  {t(errors.notes)}
                </p>
              ) : null}
            </div>
            <button type="submit" name="intent" value="log" className="button">
              {t("log.submit")}
            </button>
          </Form>
        ) : null}
      </section>

      <section aria-labelledby="history">
        <h2 id="history">{t("trainee.history")}</h2>
        <ul>
          {page.history.map((h) => (
            <li key={h.id}>
              {h.mentor} · <DateText value={h.startedAt} /> –{" "}
              {h.endedAt ? <DateText value={h.endedAt} /> : t("pair.current")}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
