import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfField } from "~/components/csrf-field.tsx";
import { FormAlert } from "~/components/form.tsx";
import { cohortAccess, importClassList, previewClassList } from "~/domain/cohorts/cohorts.server.ts";
import { ClassListSchema } from "~/domain/cohorts/schemas.ts";
import { getRequestI18n } from "~/i18n/i18n.server.ts";
import { requireUser } from "~/utils/auth.server.ts";
import { readCheckedForm, validate } from "~/utils/form.server.ts";
import { httpError } from "~/utils/http.server.ts";
import { titleMeta } from "~/utils/meta.ts";
import { prisma } from "~/utils/db.server.ts";

export const meta = titleMeta;

async function manage(request: Request, cohortId: string) {
  const user = await requireUser(request);
  if ((await cohortAccess(user, cohortId)) !== "manage") throw httpError("not_found");
  return user;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await manage(request, params.cohortId ?? "");
  const { t } = await getRequestI18n(request);
  const cohort = await prisma.cohort.findUniqueOrThrow({
    where: { id: params.cohortId },
    select: { id: true, name: true },
  });
  return { title: t("cohorts:import.title"), cohort };
}

/**
 * Paste or type the class list (CSV, comma, semicolon or tab separated, a header row). "Check" shows every
 * row's problem and what importing would do; "Import" writes only when no row has a problem.
 */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await manage(request, params.cohortId ?? "");
  const cohortId = params.cohortId ?? "";
  const submission = validate(await readCheckedForm(request, context, 1_100_000), ClassListSchema);
  if (!submission.ok)
    return data({ error: Object.values(submission.errors)[0]!, list: null, csv: "" }, { status: 400 });
  const { intent, csv } = submission.data;
  if (intent === "import") {
    const result = await importClassList(user.id, cohortId, csv);
    if (result.ok) throw redirect(`/cohorts/${cohortId}?imported=${result.created + result.enrolled}`);
    return data({ error: "cohorts:import.fix_first", list: result.list, csv }, { status: 422 });
  }
  const list = await previewClassList(cohortId, csv);
  return { error: null, list, csv };
}

export default function ImportClassList() {
  const { t } = useTranslation("cohorts");
  const { t: tc } = useTranslation();
  const { cohort } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const list = result?.list;
  return (
    <div className="page">
      <p>
        <Link to={`/cohorts/${cohort.id}`}>{cohort.name}</Link>
      </p>
      <h1>{t("import.title")}</h1>
      <p>{t("import.intro")}</p>
      <FormAlert message={result?.error ? tc(result.error) : null} />
      {list && !list.ok ? (
        <p className="alert alert--error" role="alert">
          {t(`import.problem.${list.problem}`, {
            columns: (list.missing ?? []).map((c) => t(`import.column.${c}`)).join(", "),
          })}
        </p>
      ) : null}
      {list && list.ok ? (
        <section aria-labelledby="preview-title">
          <h2 id="preview-title">{t("import.preview")}</h2>
          <p role="status">
            {t("import.counts", {
              create: list.counts.create,
              enrol: list.counts.enrolExisting,
              skip: list.counts.skip,
              problems: list.counts.problems,
            })}
          </p>
          {/* A wide table scrolls sideways: keyboard users must be able to focus it to scroll (WCAG 2.1.1). */}
          {/* eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex */}
          <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="preview-title">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("import.line")}</th>
                  <th scope="col">{t("import.column.fullName")}</th>
                  <th scope="col">{t("import.column.email")}</th>
                  <th scope="col">{t("import.column.agency")}</th>
                  <th scope="col">{t("import.column.country")}</th>
                  <th scope="col">{t("import.column.preferredLanguage")}</th>
                  <th scope="col">{t("import.outcome")}</th>
                </tr>
              </thead>
              <tbody>
                {list.rows.map((row) => {
                  const problems = Object.entries(row.problems);
                  return (
                    <tr key={row.line} className={problems.length ? "is-flagged" : undefined}>
                      <td>{row.line}</td>
                      <td>
                        <bdi>{row.values.fullName}</bdi>
                      </td>
                      <td dir="ltr">{row.values.email}</td>
                      <td>{row.values.agency}</td>
                      <td>{row.values.country}</td>
                      <td>{row.values.preferredLanguage}</td>
                      <td>
                        {problems.length
                          ? problems.map(([column, key]) => (
                              <p key={column} className="field__error">
                                {column === "row" ? "" : `${t(`import.column.${column}`)}: `}
                                {tc(key!)}
                              </p>
                            ))
                          : t(`import.action.${row.action}`)}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
      <Form method="post" className="stack">
        <CsrfField />
        <div className="field">
          <label htmlFor="csv">{t("import.csv")}</label>
          <p className="field__hint" id="csv-hint">
            {t("import.csv_hint")}
          </p>
          <textarea
            id="csv"
            name="csv"
            rows={12}
            dir="ltr"
            required
            aria-describedby="csv-hint"
            defaultValue={result?.csv ?? "name,email,agency,country,language\n"}
          />
        </div>
        <p className="actions">
          <button type="submit" name="intent" value="preview" className="button button--secondary">
            {t("import.check")}
          </button>
          <button type="submit" name="intent" value="import" className="button">
            {t("import.submit")}
          </button>
        </p>
      </Form>
    </div>
  );
}
