import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Notice } from "~/components/form.tsx";
import { getRequestI18n } from "~/i18n/i18n.server.ts";
import { requirePermission } from "~/utils/auth.server.ts";
import { titleMeta } from "~/utils/meta.ts";

export const meta = titleMeta;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read", "dashboard");
  const { t } = await getRequestI18n(request);
  return {
    title: t("dashboard.title"),
    fullName: user.fullName,
    roles: user.roles,
    welcome: new URL(request.url).searchParams.get("welcome") === "1",
  };
}

export default function Dashboard() {
  const { t } = useTranslation();
  const { fullName, roles, welcome } = useLoaderData<typeof loader>();
  return (
    <div className="page">
      <h1>{t("dashboard.greeting", { name: fullName })}</h1>
      <Notice message={welcome ? t("dashboard.welcome") : null} />
      <p className="muted">
        {t("dashboard.your_roles")}: {roles.map((r) => t(`roles.${r}`)).join(", ")}
      </p>
      <section aria-labelledby="my-courses">
        <h2 id="my-courses">{t("dashboard.my_courses")}</h2>
        {/* Enrolments arrive with the courses; until then every learner sees this empty state. */}
        <div className="empty-state">
          <p>
            <strong>{t("dashboard.empty_title")}</strong>
          </p>
          <p>{t("dashboard.empty_body")}</p>
          <p>
            <Link to="/profile">{t("dashboard.check_profile")}</Link>
          </p>
        </div>
      </section>
    </div>
  );
}
