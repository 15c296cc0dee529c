import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CohortDetailsFields } from "~/components/cohort-details-fields.tsx";
import { CsrfField } from "~/components/csrf-field.tsx";
import { DateText } from "~/components/date-text.tsx";
import { Field, FormAlert, Notice } from "~/components/form.tsx";
import { countryOptions } from "~/domain/accounts/countries.ts";
import { cohortAccess, courseChoices } from "~/domain/cohorts/cohorts.server.ts";
import {
  addSession,
  cohortSchedule,
  newFormKey,
  removeSession,
  setDeadlines,
  updateCohortDetails,
} from "~/domain/cohorts/schedule.server.ts";
import {
  CohortDetailsSchema,
  DEADLINE_FIELD,
  DeadlinesSchema,
  RemoveSessionSchema,
  SessionSchema,
} from "~/domain/cohorts/schemas.ts";
import { getRequestI18n } from "~/i18n/i18n.server.ts";
import { requireUser } from "~/utils/auth.server.ts";
import { readCheckedForm, validate } from "~/utils/form.server.ts";
import { httpError } from "~/utils/http.server.ts";
import { titleMeta } from "~/utils/meta.ts";

export const meta = titleMeta;

/** Only the cohort's lead trainer and administrators: members and everyone else get a 404. */
async function manage(request: Request, cohortId: string) {
  const user = await requireUser(request);
  if ((await cohortAccess(user, cohortId)) !== "manage") throw httpError("not_found");
  return user;
}

/** What a successful post redirects back with (post/redirect/get: a reload does not post again). */
const DONE = ["details_saved", "session_added", "session_already", "session_removed", "deadlines_saved"] as const;
type Done = (typeof DONE)[number];
const isDone = (v: string | null): v is Done => DONE.includes(v as Done);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const cohortId = params.cohortId ?? "";
  await manage(request, cohortId);
  const { t, locale } = await getRequestI18n(request);
  const schedule = await cohortSchedule(cohortId, locale);
  const done = new URL(request.url).searchParams.get("done");
  return {
    title: t("cohorts:edit.title", { name: schedule.cohort.name }),
    ...schedule,
    done: isDone(done) ? done : null,
    courses: await courseChoices(locale),
    countries: countryOptions(locale),
    sessionKey: newFormKey(),
  };
}

type Failure = {
  form: "details" | "add-session" | "deadlines";
  errors: Record<string, string>;
  values: Record<string, string>;
};

/**
 * Three forms, told apart by their submit button's `intent`, each validated by its own schema (the deadlines
 * form's fields are the cohort's modules, so the body is read once and the schema picked by intent).
 */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const cohortId = params.cohortId ?? "";
  const user = await manage(request, cohortId);
  const form = await readCheckedForm(request, context);
  const back = (done: Done) => redirect(`/cohorts/${cohortId}/edit?done=${done}`);
  const fail = (failure: Failure, status = 400) => data(failure, { status });
  switch (form.get("intent")) {
    case "details": {
      const submission = validate(form, CohortDetailsSchema);
      if (!submission.ok) return fail({ form: "details", errors: submission.errors, values: submission.values });
      const { intent: _, ...details } = submission.data;
      const result = await updateCohortDetails(user, cohortId, details);
      if (!result.ok) return fail({ form: "details", errors: result.errors, values: submission.values }, 422);
      throw back("details_saved");
    }
    case "add-session": {
      const submission = validate(form, SessionSchema);
      if (!submission.ok) return fail({ form: "add-session", errors: submission.errors, values: submission.values });
      const { intent: _, ...session } = submission.data;
      const result = await addSession(user, cohortId, session);
      throw back(result.created ? "session_added" : "session_already");
    }
    case "remove-session": {
      const submission = validate(form, RemoveSessionSchema);
      if (!submission.ok) throw httpError("bad_request");
      await removeSession(user, cohortId, submission.data.sessionId);
      throw back("session_removed");
    }
    case "deadlines": {
      const submission = validate(form, DeadlinesSchema);
      if (!submission.ok) return fail({ form: "deadlines", errors: submission.errors, values: submission.values });
      const result = await setDeadlines(user, cohortId, submission.data.deadlines);
      if (!result.ok) return fail({ form: "deadlines", errors: result.errors, values: submission.values }, 422);
      throw back("deadlines_saved");
    }
    default:
      throw httpError("bad_request");
  }
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

export default function EditCohort() {
  const { t } = useTranslation("cohorts");
  const { t: tc } = useTranslation();
  const { cohort, sessions, modules, done, courses, countries, sessionKey } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const failed = (name: Failure["form"]) => (result?.form === name ? result : null);
  const details = failed("details");
  const session = failed("add-session");
  const deadlines = failed("deadlines");
  const dv: Record<string, string> = details?.values ?? {};
  const de: Record<string, string> = details?.errors ?? {};
  const se: Record<string, string> = session?.errors ?? {};
  const sv: Record<string, string> = session?.values ?? {};
  const chosen = details ? (dv.courses ?? "").split(",") : cohort.courses;
  return (
    <div className="page">
      <p>
        <Link to={`/cohorts/${cohort.id}`}>{cohort.name}</Link>
      </p>
      <h1>{t("edit.heading")}</h1>
      <Notice message={done ? t(`edit.${done}`) : null} />

      <section aria-labelledby="details-title">
        <h2 id="details-title">{t("edit.details")}</h2>
        <FormAlert message={details ? tc("form.fix_errors") : null} />
        <Form method="post" className="stack" noValidate>
          <CsrfField />
          <CohortDetailsFields
            values={{
              name: dv.name ?? cohort.name,
              country: dv.country ?? cohort.country,
              language: dv.language ?? cohort.language,
              startsOn: dv.startsOn ?? cohort.startsOn.slice(0, 10),
              endsOn: dv.endsOn ?? cohort.endsOn.slice(0, 10),
              capacity: dv.capacity ?? String(cohort.capacity),
            }}
            errors={de}
            chosen={chosen}
            courses={courses}
            countries={countries}
            capacityHint={t("edit.members_hint", { count: cohort.memberCount })}
          />
          <p>
            <button type="submit" name="intent" value="details" className="button">
              {t("edit.save_details")}
            </button>
          </p>
        </Form>
      </section>

      <section aria-labelledby="sessions-title">
        <h2 id="sessions-title">{t("edit.sessions")}</h2>
        {sessions.length === 0 ? (
          <p className="muted">{t("no_sessions")}</p>
        ) : (
          <ul className="plain-list">
            {sessions.map((s) => (
              <li key={s.id}>
                <DateText value={s.startsAt} withTime /> — <bdi>{s.topic}</bdi> (<Place place={s.place} link={s.link} />
                ){" "}
                <Form method="post" className="inline-form">
                  <CsrfField />
                  <input type="hidden" name="sessionId" value={s.id} />
                  <button
                    type="submit"
                    name="intent"
                    value="remove-session"
                    className="button button--secondary button--small"
                    aria-label={t("edit.remove_session", { topic: s.topic })}
                  >
                    {t("edit.remove")}
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        )}
        <h3 id="add-session-title">{t("edit.add_session")}</h3>
        <FormAlert message={session ? tc("form.fix_errors") : null} />
        <Form method="post" className="stack" noValidate aria-labelledby="add-session-title" key={sessionKey}>
          <CsrfField />
          <input type="hidden" name="key" value={sessionKey} />
          <Field
            name="startsAt"
            type="datetime-local"
            label={t("edit.starts_at")}
            required
            defaultValue={sv.startsAt}
            error={se.startsAt}
          />
          <Field
            name="place"
            label={t("edit.place")}
            hint={t("edit.place_hint")}
            required
            maxLength={300}
            defaultValue={sv.place}
            error={se.place}
          />
          <Field
            name="topic"
            label={t("edit.topic")}
            required
            maxLength={200}
            defaultValue={sv.topic}
            error={se.topic}
          />
          {se.key ? <p className="field__error">{tc(se.key)}</p> : null}
          <p>
            <button type="submit" name="intent" value="add-session" className="button">
              {t("edit.add_session_submit")}
            </button>
          </p>
        </Form>
      </section>

      <section aria-labelledby="deadlines-title">
        <h2 id="deadlines-title">{t("deadlines")}</h2>
        {modules.length === 0 ? (
          <p className="muted">{t("edit.no_modules")}</p>
        ) : (
          <>
            <p>{t("edit.deadlines_intro")}</p>
            <FormAlert message={deadlines ? tc("form.fix_errors") : null} />
            <Form method="post" className="stack" noValidate>
              <CsrfField />
              {modules.map((m, i) => {
                const name = `${DEADLINE_FIELD}${m.key}`;
                return (
                  <Field
                    key={m.key}
                    id={`due-${i}`}
                    name={name}
                    type="date"
                    label={`${m.title} (${m.courseTitle})`}
                    defaultValue={deadlines ? deadlines.values[name] ?? "" : m.dueOn ?? ""}
                    error={deadlines?.errors[name]}
                  />
                );
              })}
              <p>
                <button type="submit" name="intent" value="deadlines" className="button">
                  {t("edit.save_deadlines")}
                </button>
              </p>
            </Form>
          </>
        )}
      </section>
    </div>
  );
}
