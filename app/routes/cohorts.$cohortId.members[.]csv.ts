import type { LoaderFunctionArgs } from "@remix-run/node";
import { stringify } from "csv-stringify/sync";
import { cohortAccess } from "~/domain/cohorts/cohorts.server.ts";
import { cohortDashboard } from "~/domain/cohorts/dashboard.server.ts";
import { getRequestI18n } from "~/i18n/i18n.server.ts";
import { requireUser } from "~/utils/auth.server.ts";
import { httpError } from "~/utils/http.server.ts";

/** A cell a spreadsheet would read as a formula is prefixed with an apostrophe. */
const safe = (value: string) => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);

/** The cohort's table as CSV, for its trainer and administrators. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const cohortId = params.cohortId ?? "";
  if ((await cohortAccess(user, cohortId)) !== "manage") throw httpError("not_found");
  const { t, locale } = await getRequestI18n(request);
  const board = await cohortDashboard(cohortId, locale);
  const header = [
    t("cohorts:fields.member"),
    t("cohorts:import.column.email"),
    t("cohorts:import.column.country"),
    t("cohorts:fields.progress"),
    ...board.modules.flatMap((m) => [m.title, `${m.title} — ${t("cohorts:fields.quiz")}`]),
    t("cohorts:fields.final"),
    t("cohorts:fields.last_activity"),
    t("cohorts:fields.flags"),
  ];
  const rows = board.members.map((m) => [
    safe(m.fullName),
    safe(m.email),
    m.country,
    String(m.percent),
    ...board.modules.flatMap((mod) => [
      String(m.modules[mod.key]!.percent),
      m.modules[mod.key]!.quiz === null ? "" : String(Math.round(m.modules[mod.key]!.quiz!)),
    ]),
    Object.values(m.finals)
      .map((f) => (f.score === null ? "" : String(Math.round(f.score))))
      .join(" "),
    m.lastActivityAt ?? "",
    m.flags.map((f) => t(`cohorts:flags.${f}`)).join(", "),
  ]);
  return new Response("\uFEFF" + stringify([header, ...rows]), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="cohort-${cohortId}.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
