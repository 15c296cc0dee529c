import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfField } from "~/components/csrf-field.tsx";
import { DateText } from "~/components/date-text.tsx";
import { Field, Notice } from "~/components/form.tsx";
import { cohortAccess } from "~/domain/cohorts/cohorts.server.ts";
import { addFacilitator, facilitatorsOf, recordCoFacilitation } from "~/domain/cohorts/facilitators.server.ts";
import { FacilitatorSchema } from "~/domain/mentoring/schemas.ts";
import { getRequestI18n } from "~/i18n/i18n.server.ts";
import { requireUser } from "~/utils/auth.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { parseForm } from "~/utils/form.server.ts";
import { httpError } from "~/utils/http.server.ts";
import { titleMeta } from "~/utils/meta.ts";

export const meta = titleMeta;

/**
 * A cohort's co-facilitators (trainer candidates on the trainer pathway): the lead trainer, or an
 * administrator, adds them and records each co-facilitation once done. Nobody else may see this page.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const cohortId = params.cohortId ?? "";
  if ((await cohortAccess(user, cohortId)) !== "manage") throw httpError("not_found");
  const { t } = await getRequestI18n(request);
  const [cohort, facilitators] = await Promise.all([
    prisma.cohort.findUniqueOrThrow({ where: { id: cohortId }, select: { id: true, name: true } }),
    facilitatorsOf(cohortId),
  ]);
  return {
    title: t("pathway:facilitators.title", { cohort: cohort.name }),
    cohort,
    facilitators,
    notice: new URL(request.url).searchParams.get("notice"),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const cohortId = params.cohortId ?? "";
  if ((await cohortAccess(user, cohortId)) !== "manage") throw httpError("not_found");
  const submission = await parseForm(request, context, FacilitatorSchema);
  if (!submission.ok) return data({ errors: submission.errors, values: submission.values }, { status: 400 });
  const form = submission.data;
  const here = `/cohorts/${cohortId}/facilitators`;
  if (form.intent === "add") {
    const added = await addFacilitator(user, cohortId, form.email);
    if (!added.ok) return data({ errors: { email: added.error }, values: submission.values }, { status: 422 });
    return redirect(`${here}?notice=${added.already ? "already" : "added"}`);
  }
  const recorded = await recordCoFacilitation(user, cohortId, form.user, form.note || null);
  return redirect(`${here}?notice=${recorded ? "recorded" : "already_recorded"}`);
}

export default function FacilitatorsPage() {
  const { t } = useTranslation("pathway");
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errors: Record<string, string> = result?.errors ?? {};
  const values: Record<string, string> = result?.values ?? {};
  return (
    <div className="page">
      <p>
        <Link to={`/cohorts/${page.cohort.id}`}>{page.cohort.name}</Link>
      </p>
      <h1>{page.title}</h1>
      <p>{t("facilitators.intro")}</p>
      <Notice message={page.notice ? t(`facilitators.notice.${page.notice}`, { defaultValue: "" }) || null : null} />
      {page.facilitators.length === 0 ? (
        <p className="muted">{t("facilitators.none")}</p>
      ) : (
        <ul className="checklist">
          {page.facilitators.map((f) => (
            <li key={f.userId}>
              <span>
                <strong>{f.fullName}</strong> <span className="muted">{f.email}</span>
                <br />
                {f.completedAt ? (
                  <span>
                    {t("facilitators.completed")} <DateText value={f.completedAt} />
                    {f.note ? ` — ${f.note}` : ""}
                  </span>
                ) : (
                  <Form method="post">
                    <CsrfField />
                    <input type="hidden" name="user" value={f.userId} />
                    <div className="field">
                      <label htmlFor={`note-${f.userId}`}>{t("facilitators.note")}</label>
                      <input id={`note-${f.userId}`} name="note" maxLength={1000} />
                    </div>
                    <button type="submit" name="intent" value="complete" className="button button--secondary">
                      {t("facilitators.record", { name: f.fullName })}
                    </button>
                  </Form>
                )}
              </span>
            </li>
          ))}
        </ul>
      )}
      <h2>{t("facilitators.add")}</h2>
      <Form method="post" noValidate>
        <CsrfField />
        <Field
          name="email"
          type="email"
          label={t("facilitators.email")}
          required
          autoComplete="off"
          defaultValue={values.email}
          error={errors.email}
        />
        <button type="submit" name="intent" value="add" className="button">
          {t("facilitators.add_submit")}
        </button>
      </Form>
    </div>
  );
}
