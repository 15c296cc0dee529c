import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfField } from "~/components/csrf-field.tsx";
import { DateText } from "~/components/date-text.tsx";
import { CohortDetailsFields } from "~/components/cohort-details-fields.tsx";
import { FormAlert } from "~/components/form.tsx";
import { countryName, countryOptions } from "~/domain/accounts/countries.ts";
import { cohortsFor, courseChoices, createCohort } from "~/domain/cohorts/cohorts.server.ts";
import { CohortSchema } from "~/domain/cohorts/schemas.ts";
import { getRequestI18n } from "~/i18n/i18n.server.ts";
import { requirePermission, requireUser } from "~/utils/auth.server.ts";
import { parseForm } from "~/utils/form.server.ts";
import { titleMeta } from "~/utils/meta.ts";
import { can } from "~/utils/permissions.ts";

export const meta = titleMeta;

/** Trainers' cohorts (all of them for administrators), and the cohorts the person belongs to. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { t, locale } = await getRequestI18n(request);
  const { running, member } = await cohortsFor(user);
  const mayCreate = can(user, "create", "cohort", { ownerId: user.id });
  const label = (c: (typeof running)[number]) => ({
    id: c.id,
    name: c.name,
    country: countryName(c.country, locale),
    startsOn: c.startsOn.toISOString(),
    endsOn: c.endsOn.toISOString(),
    members: c._count.members,
    capacity: c.capacity,
  });
  return {
    title: t("cohorts:title"),
    running: running.map(label),
    member: member.map(label),
    mayCreate,
    courses: mayCreate ? await courseChoices(locale) : [],
    countries: mayCreate ? countryOptions(locale) : [],
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "create", "cohort", { ownerId: (await requireUser(request)).id });
  const submission = await parseForm(request, context, CohortSchema);
  if (!submission.ok) return data({ errors: submission.errors, values: submission.values }, { status: 400 });
  const cohort = await createCohort(user.id, submission.data);
  throw redirect(`/cohorts/${cohort.id}`);
}

export default function Cohorts() {
  const { t } = useTranslation("cohorts");
  const { t: tc } = useTranslation();
  const { running, member, mayCreate, courses, countries } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors: Record<string, string> = result?.errors ?? {};
  const values: Record<string, string> = result?.values ?? {};
  const list = (cohorts: typeof running) => (
    <ul className="course-list">
      {cohorts.map((c) => (
        <li key={c.id} className="course-card">
          <h3>
            <Link to={`/cohorts/${c.id}`}>{c.name}</Link>
          </h3>
          <p className="muted">
            {c.country} · <DateText value={c.startsOn} /> – <DateText value={c.endsOn} /> ·{" "}
            {t("members_of", { count: c.members, capacity: c.capacity })}
          </p>
        </li>
      ))}
    </ul>
  );
  return (
    <div className="page">
      <h1>{t("title")}</h1>
      {mayCreate ? (
        <section aria-labelledby="running-title">
          <h2 id="running-title">{t("running")}</h2>
          {running.length ? list(running) : <p className="muted">{t("none_running")}</p>}
        </section>
      ) : null}
      <section aria-labelledby="member-title">
        <h2 id="member-title">{t("member")}</h2>
        {member.length ? list(member) : <p className="muted">{t("none_member")}</p>}
      </section>
      {mayCreate ? (
        <section aria-labelledby="new-title">
          <h2 id="new-title">{t("new")}</h2>
          <FormAlert message={result ? tc("form.fix_errors") : null} />
          <Form method="post" className="stack" noValidate>
            <CsrfField />
            <CohortDetailsFields
              values={{ ...values, capacity: values.capacity ?? "30" }}
              errors={errors}
              chosen={(values.courses ?? "").split(",")}
              courses={courses}
              countries={countries}
              chooseCountry
            />
            <p>
              <button type="submit" className="button">
                {t("create")}
              </button>
            </p>
          </Form>
        </section>
      ) : null}
    </div>
  );
}
