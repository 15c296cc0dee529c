import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AuditEntryLine } from "~/components/audit-entry-line.tsx";
import { DateText } from "~/components/date-text.tsx";
import { CsrfField } from "~/components/csrf-field.tsx";
import { FormAlert, Notice } from "~/components/form.tsx";
import { countryName } from "~/domain/accounts/countries.ts";
import { UserAdminActionSchema } from "~/domain/admin/schemas.ts";
import { getUserForAdmin, grantRole, revokeRole, setUserActive } from "~/domain/admin/users.server.ts";
import { getRequestI18n } from "~/i18n/i18n.server.ts";
import { LANGUAGES } from "~/i18n/config.ts";
import { requirePermission } from "~/utils/auth.server.ts";
import { parseForm } from "~/utils/form.server.ts";
import { httpError, requestMeta } from "~/utils/http.server.ts";
import { titleMeta } from "~/utils/meta.ts";
import { ROLES } from "~/utils/permissions.ts";

export const meta = titleMeta;

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "read", "user");
  const user = await getUserForAdmin(params.userId ?? "");
  if (!user) throw httpError("not_found");
  const { t, locale } = await getRequestI18n(request);
  return { title: user.fullName || t("admin.users"), user, countryLabel: countryName(user.country, locale) };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const submission = await parseForm(request, context, UserAdminActionSchema);
  if (!submission.ok) throw httpError("bad_request");
  const form = submission.data;
  const userId = params.userId ?? "";
  const meta = requestMeta(request, context);
  let result;
  if (form.intent === "grant" || form.intent === "revoke") {
    const actor = await requirePermission(request, "update", "user-role");
    result =
      form.intent === "grant"
        ? await grantRole(actor.id, userId, form.role, meta)
        : await revokeRole(actor.id, userId, form.role, meta);
  } else {
    const actor = await requirePermission(request, "update", "user-status");
    result = await setUserActive(actor.id, userId, form.intent === "reactivate", meta);
  }
  if (!result.ok) {
    if (result.reason === "not_found") throw httpError("not_found");
    return data({ notice: null, error: `admin.refused.${result.reason}` }, { status: 409 });
  }
  return { notice: result.changed ? `admin.done.${form.intent}` : "admin.done.unchanged", error: null };
}

export default function AdminUser() {
  const { t } = useTranslation();
  const { user, countryLabel } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const held = new Set(user.roles.map((r) => r.role));
  return (
    <>
      <p>
        <Link to="/admin/users">{t("admin.back_to_users")}</Link>
      </p>
      <h1>{user.fullName}</h1>
      <Notice message={actionData?.notice ? t(actionData.notice) : null} />
      <FormAlert message={actionData?.error ? t(actionData.error) : null} />
      <dl className="facts">
        <div>
          <dt>{t("fields.email")}</dt>
          <dd dir="ltr">{user.email}</dd>
        </div>
        {user.fullNameLatin ? (
          <div>
            <dt>{t("fields.full_name_latin")}</dt>
            <dd dir="ltr">{user.fullNameLatin}</dd>
          </div>
        ) : null}
        <div>
          <dt>{t("fields.agency")}</dt>
          <dd>{user.agency}</dd>
        </div>
        <div>
          <dt>{t("fields.country")}</dt>
          <dd>{countryLabel}</dd>
        </div>
        <div>
          <dt>{t("fields.preferred_language")}</dt>
          <dd>{LANGUAGES.find((l) => l.code === user.preferredLanguage)?.name ?? user.preferredLanguage}</dd>
        </div>
        <div>
          <dt>{t("admin.joined")}</dt>
          <dd>
            <DateText value={user.createdAt} />
          </dd>
        </div>
        <div>
          <dt>{t("admin.last_login")}</dt>
          <dd>{user.lastLoginAt ? <DateText value={user.lastLoginAt} withTime /> : t("admin.never")}</dd>
        </div>
        <div>
          <dt>{t("admin.status_filter")}</dt>
          <dd>{user.isActive ? t("admin.status.active") : t("admin.status.deactivated")}</dd>
        </div>
      </dl>

      <section aria-labelledby="roles-title">
        <h2 id="roles-title">{t("profile.roles")}</h2>
        <ul className="role-list">
          {ROLES.map((role) => (
            <li key={role}>
              <span>{t(`roles.${role}`)}</span>
              <span className={held.has(role) ? "badge badge--on" : "badge"}>
                {held.has(role) ? t("admin.role_held") : t("admin.role_not_held")}
              </span>
              <Form method="post">
                <CsrfField />
                <input type="hidden" name="role" value={role} />
                {held.has(role) ? (
                  <button type="submit" name="intent" value="revoke" className="button button--secondary button--small">
                    {t("admin.revoke_role", { role: t(`roles.${role}`) })}
                  </button>
                ) : (
                  <button type="submit" name="intent" value="grant" className="button button--small">
                    {t("admin.grant_role", { role: t(`roles.${role}`) })}
                  </button>
                )}
              </Form>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="status-title">
        <h2 id="status-title">{t("admin.account_status")}</h2>
        <p>{user.isActive ? t("admin.deactivate_explained") : t("admin.reactivate_explained")}</p>
        <Form method="post">
          <CsrfField />
          {user.isActive ? (
            <button type="submit" name="intent" value="deactivate" className="button button--danger">
              {t("admin.deactivate")}
            </button>
          ) : (
            <button type="submit" name="intent" value="reactivate" className="button">
              {t("admin.reactivate")}
            </button>
          )}
        </Form>
      </section>

      <section aria-labelledby="history-title">
        <h2 id="history-title">{t("admin.history")}</h2>
        <ul className="plain-list">
          {user.history.map((entry) => (
            <li key={entry.id}>
              <AuditEntryLine entry={entry} />
            </li>
          ))}
        </ul>
        <p>
          <Link to={`/admin/audit?target=${user.id}`}>{t("admin.view_audit")}</Link>
        </p>
      </section>
    </>
  );
}
