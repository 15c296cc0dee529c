import type { LoaderFunctionArgs } from "@remix-run/node";
import { NavLink, Outlet } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requirePermission } from "~/utils/auth.server.ts";

/** Every page under /admin needs the admin area permission; each child asks for its own too. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "access", "admin-area");
  return null;
}

export default function AdminLayout() {
  const { t } = useTranslation();
  return (
    <div className="page admin">
      <nav aria-label={t("admin.nav")} className="subnav">
        <ul>
          <li>
            <NavLink to="/admin" end>
              {t("admin.overview")}
            </NavLink>
          </li>
          <li>
            <NavLink to="/admin/users">{t("admin.users")}</NavLink>
          </li>
          <li>
            <NavLink to="/admin/certificates">{t("admin.certificates")}</NavLink>
          </li>
          <li>
            <NavLink to="/admin/audit">{t("admin.audit")}</NavLink>
          </li>
        </ul>
      </nav>
      <Outlet />
    </div>
  );
}
