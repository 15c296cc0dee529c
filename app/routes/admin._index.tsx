import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AuditEntryLine } from "~/components/audit-entry-line.tsx";
import { adminOverview } from "~/domain/admin/overview.server.ts";
import { getRequestI18n } from "~/i18n/i18n.server.ts";
import { requirePermission } from "~/utils/auth.server.ts";
import { useFormat } from "~/utils/format.ts";
import { titleMeta } from "~/utils/meta.ts";
import { ROLES } from "~/utils/permissions.ts";

export const meta = titleMeta;

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "access", "admin-area");
  const { t } = await getRequestI18n(request);
  return { title: t("admin.overview"), ...(await adminOverview()) };
}

export default function AdminOverview() {
  const { t } = useTranslation();
  const format = useFormat();
  const { users, deactivated, roles, recent } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{t("admin.overview")}</h1>
      <ul className="stats">
        <li>
          <strong>{format.number(users)}</strong> {t("admin.stats.users")}
        </li>
        {ROLES.map((role) => (
          <li key={role}>
            <Link to={`/admin/users?role=${role}`}>
              <strong>{format.number(roles[role])}</strong> {t(`roles.${role}_plural`)}
            </Link>
          </li>
        ))}
        <li>
          <Link to="/admin/users?status=deactivated">
            <strong>{format.number(deactivated)}</strong> {t("admin.stats.deactivated")}
          </Link>
        </li>
      </ul>
      <h2>{t("admin.recent_activity")}</h2>
      <ul className="plain-list">
        {recent.map((entry) => (
          <li key={entry.id}>
            <AuditEntryLine entry={entry} />
          </li>
        ))}
      </ul>
      <p>
        <Link to="/admin/audit">{t("admin.view_audit")}</Link>
      </p>
    </>
  );
}
