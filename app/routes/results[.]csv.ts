import type { LoaderFunctionArgs } from "@remix-run/node";
import { ResultsSearchSchema } from "~/domain/assessments/results-schemas.ts";
import { resultsCsv } from "~/domain/assessments/results.server.ts";
import { getRequestI18n } from "~/i18n/i18n.server.ts";
import { requirePermission } from "~/utils/auth.server.ts";

/** The results page's rows, with its filters, as a CSV file (headings in the user's language). */
export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "read", "results");
  const { t, locale } = await getRequestI18n(request);
  const search = ResultsSearchSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const headings = [
    t("results:csv.name"),
    t("results:csv.email"),
    t("results:csv.country"),
    t("results:csv.agency"),
    t("results:csv.course"),
    t("results:csv.assessment"),
    t("results:csv.attempts"),
    t("results:csv.score"),
    t("results:csv.passed"),
    t("results:csv.last_attempt"),
  ];
  const body = await resultsCsv(search, locale, headings);
  const day = new Date().toISOString().slice(0, 10);
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="provenance-results-${day}.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
