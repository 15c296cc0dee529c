import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DateText } from "~/components/date-text.tsx";
import { Pagination } from "~/components/pagination.tsx";
import { ResultsTable } from "~/components/results-table.tsx";
import { countryName } from "~/domain/accounts/countries.ts";
import { UserSearchSchema } from "~/domain/admin/schemas.ts";
import { searchUsers } from "~/domain/admin/users.server.ts";
import { getRequestI18n } from "~/i18n/i18n.server.ts";
import { requirePermission } from "~/utils/auth.server.ts";
import { titleMeta } from "~/utils/meta.ts";
import { ROLES } from "~/utils/permissions.ts";

export const meta = titleMeta;

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "read", "user");
  const { t, locale } = await getRequestI18n(request);
  const search = UserSearchSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const { users, ...page } = await searchUsers(search);
  return {
    title: t("admin.users"),
    search,
    ...page,
    users: users.map((user) => ({ ...user, countryLabel: countryName(user.country, locale) })),
  };
}

export default function AdminUsers() {
  const { t } = useTranslation();
  const { search, users, total, pageSize } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{t("admin.users")}</h1>
      <Form method="get" className="filters" role="search" aria-label={t("admin.search_users")}>
        <div className="field">
          <label htmlFor="q">{t("admin.search_label")}</label>
          <input id="q" name="q" type="search" defaultValue={search.q ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="role">{t("admin.role_filter")}</label>
          <select id="role" name="role" defaultValue={search.role ?? ""}>
            <option value="">{t("admin.any_role")}</option>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`roles.${r}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="status">{t("admin.status_filter")}</label>
          <select id="status" name="status" defaultValue={search.status ?? ""}>
            <option value="">{t("admin.any_status")}</option>
            <option value="active">{t("admin.status.active")}</option>
            <option value="deactivated">{t("admin.status.deactivated")}</option>
          </select>
        </div>
        <button type="submit" className="button">
          {t("admin.search")}
        </button>
      </Form>
      <ResultsTable
        total={total}
        headings={[
          t("fields.full_name"),
          t("fields.email"),
          t("fields.agency"),
          t("fields.country"),
          t("profile.roles"),
          t("admin.status_filter"),
          t("admin.joined"),
        ]}
      >
        {users.map((user) => (
          <tr key={user.id}>
            <td>
              <Link to={`/admin/users/${user.id}`}>{user.fullName}</Link>
            </td>
            <td dir="ltr">{user.email}</td>
            <td>{user.agency}</td>
            <td>{user.countryLabel}</td>
            <td>{user.roles.map((r) => t(`roles.${r.role}`)).join(", ")}</td>
            <td>{user.isActive ? t("admin.status.active") : t("admin.status.deactivated")}</td>
            <td>
              <DateText value={user.createdAt} />
            </td>
          </tr>
        ))}
      </ResultsTable>
      <Pagination page={search.page} pageSize={pageSize} total={total} />
    </>
  );
}
