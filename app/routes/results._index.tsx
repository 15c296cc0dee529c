import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DateText } from "~/components/date-text.tsx";
import { Pagination } from "~/components/pagination.tsx";
import { ResultsTable } from "~/components/results-table.tsx";
import { countryOptions } from "~/domain/accounts/countries.ts";
import { ResultsSearchSchema } from "~/domain/assessments/results-schemas.ts";
import { assessedCourses, listResults } from "~/domain/assessments/results.server.ts";
import { getRequestI18n } from "~/i18n/i18n.server.ts";
import { requirePermission } from "~/utils/auth.server.ts";
import { useFormat } from "~/utils/format.ts";
import { titleMeta } from "~/utils/meta.ts";

export const meta = titleMeta;

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "read", "results");
  const { t, locale } = await getRequestI18n(request);
  const search = ResultsSearchSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const [courses, results] = await Promise.all([assessedCourses(locale), listResults(search, locale)]);
  return { title: t("results:title"), search, courses, countries: countryOptions(locale), ...results };
}

export default function ResultsPage() {
  const { t } = useTranslation("results");
  const format = useFormat();
  const { search, courses, countries, rows, total, pageSize } = useLoaderData<typeof loader>();
  const location = useLocation();
  const csv = `/results.csv${location.search}`;
  return (
    <div className="page">
      <h1>{t("title")}</h1>
      <Form method="get" className="filters" role="search" aria-label={t("filter")}>
        <div className="field">
          <label htmlFor="course">{t("course")}</label>
          <select id="course" name="course" defaultValue={search.course ?? ""}>
            <option value="">{t("any_course")}</option>
            {courses.map((c) => (
              <option key={c.id} value={c.id}>
                {c.title.text}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="kind">{t("kind")}</label>
          <select id="kind" name="kind" defaultValue={search.kind ?? ""}>
            <option value="">{t("any_kind")}</option>
            <option value="final">{t("kind_final")}</option>
            <option value="quiz">{t("kind_quiz")}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="country">{t("country")}</label>
          <select id="country" name="country" defaultValue={search.country ?? ""}>
            <option value="">{t("any_country")}</option>
            {countries.map((c) => (
              <option key={c.code} value={c.code}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="from">{t("from")}</label>
          <input type="date" id="from" name="from" defaultValue={search.from ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="to">{t("to")}</label>
          <input type="date" id="to" name="to" defaultValue={search.to ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="outcome">{t("outcome")}</label>
          <select id="outcome" name="outcome" defaultValue={search.outcome ?? ""}>
            <option value="">{t("any_outcome")}</option>
            <option value="passed">{t("passed")}</option>
            <option value="not_passed">{t("not_passed")}</option>
          </select>
        </div>
        <button type="submit" className="button">
          {t("apply")}
        </button>
      </Form>
      <p>
        <a href={csv} download>
          {t("download_csv")}
        </a>
      </p>
      <ResultsTable
        total={total}
        headings={[
          t("learner"),
          t("country"),
          t("agency"),
          t("assessment"),
          t("attempts"),
          t("score"),
          t("outcome"),
          t("last_attempt"),
        ]}
      >
        {rows.map((r) => (
          <tr key={`${r.userId}/${r.courseId}/${r.assessment}`}>
            <td>
              {r.fullName}
              <br />
              <span className="muted">{r.email}</span>
            </td>
            <td>{r.country}</td>
            <td>{r.agency}</td>
            <td lang={r.assessmentTitle.language}>{r.assessmentTitle.text}</td>
            <td>{format.number(r.attempts)}</td>
            <td>{r.percent === null ? "—" : format.percent(r.percent)}</td>
            <td>{r.passed ? t("passed") : t("not_passed")}</td>
            <td>
              <DateText value={r.lastAttemptAt} />
            </td>
          </tr>
        ))}
      </ResultsTable>
      <Pagination page={search.page} pageSize={pageSize} total={total} />
      <h2>{t("items_title")}</h2>
      <p>{t("items_explain")}</p>
      <ul>
        {courses.flatMap((c) =>
          c.assessments.map((a) => (
            <li key={`${c.id}/${a.slug}`}>
              <Link to={`/results/${c.id}/${a.slug}`} lang={a.title.language}>
                {a.title.text}
              </Link>
            </li>
          ))
        )}
      </ul>
    </div>
  );
}
