import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DateText } from "~/components/date-text.tsx";
import { Pagination } from "~/components/pagination.tsx";
import { ResultsTable } from "~/components/results-table.tsx";
import { AUDIT_ACTIONS } from "~/domain/audit/actions.ts";
import { AuditSearchSchema } from "~/domain/admin/schemas.ts";
import { listAuditEntries } from "~/domain/audit/audit.server.ts";
import { getRequestI18n } from "~/i18n/i18n.server.ts";
import { requirePermission } from "~/utils/auth.server.ts";
import { titleMeta } from "~/utils/meta.ts";

export const meta = titleMeta;

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "read", "audit-log");
  const { t } = await getRequestI18n(request);
  const search = AuditSearchSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  return { title: t("admin.audit"), search, ...(await listAuditEntries(search)) };
}

export default function AdminAudit() {
  const { t } = useTranslation();
  const { search, entries, total, pageSize } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{t("admin.audit")}</h1>
      <Form method="get" className="filters" role="search" aria-label={t("admin.audit_filter")}>
        {search.target ? <input type="hidden" name="target" value={search.target} /> : null}
        <div className="field">
          <label htmlFor="action">{t("admin.audit_action")}</label>
          <select id="action" name="action" defaultValue={search.action ?? ""}>
            <option value="">{t("admin.any_action")}</option>
            {AUDIT_ACTIONS.map((a) => (
              <option key={a} value={a}>
                {t(`audit.actions.${a}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="actor">{t("admin.audit_actor")}</label>
          <input id="actor" name="actor" type="search" dir="ltr" defaultValue={search.actor ?? ""} />
        </div>
        <button type="submit" className="button">
          {t("admin.search")}
        </button>
      </Form>
      <ResultsTable
        total={total}
        headings={[
          t("admin.audit_when"),
          t("admin.audit_action"),
          t("admin.audit_actor"),
          t("admin.audit_target"),
          t("admin.audit_details"),
          t("admin.audit_address"),
        ]}
      >
        {entries.map((entry) => (
          <tr key={entry.id}>
            <td>
              <DateText value={entry.createdAt} withTime />
            </td>
            <td>{t(`audit.actions.${entry.action}`, { defaultValue: entry.action })}</td>
            <td dir="ltr">{entry.actor?.email ?? "—"}</td>
            <td dir="ltr">{entry.targetType ? `${entry.targetType}:${entry.targetId}` : "—"}</td>
            <td dir="ltr">
              <code>{entry.details ?? ""}</code>
            </td>
            <td dir="ltr">{entry.ipAddress ?? "—"}</td>
          </tr>
        ))}
      </ResultsTable>
      <Pagination page={search.page} pageSize={pageSize} total={total} />
    </>
  );
}
