import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfField } from "~/components/csrf-field.tsx";
import { Field, FormAlert, Notice } from "~/components/form.tsx";
import { authenticate } from "~/domain/accounts/accounts.server.ts";
import { LoginSchema } from "~/domain/accounts/schemas.ts";
import { getRequestI18n } from "~/i18n/i18n.server.ts";
import { requireAnonymous } from "~/utils/auth.server.ts";
import { parseForm } from "~/utils/form.server.ts";
import { requestMeta, safeRedirectPath } from "~/utils/http.server.ts";
import { titleMeta } from "~/utils/meta.ts";
import { startSession } from "~/utils/session.server.ts";

export const meta = titleMeta;

const NOTICES = { "password-reset": "login.notice_password_reset" } as const;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request);
  const { t } = await getRequestI18n(request);
  const notice = new URL(request.url).searchParams.get("notice");
  return {
    title: t("login.title"),
    notice: notice && notice in NOTICES ? NOTICES[notice as keyof typeof NOTICES] : null,
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = await parseForm(request, context, LoginSchema);
  if (!submission.ok)
    return data({ errors: submission.errors, values: submission.values, formError: null }, { status: 400 });
  const { email, password, redirectTo } = submission.data;
  const meta = requestMeta(request, context);
  const result = await authenticate(email, password, meta);
  if (!result.ok) {
    if (result.reason === "rate_limited") {
      const minutes = Math.ceil(result.retryAfter / 60);
      return data(
        { errors: {}, values: submission.values, formError: { key: "login.rate_limited", count: minutes } },
        { status: 429, headers: { "Retry-After": String(result.retryAfter) } }
      );
    }
    return data(
      { errors: {}, values: submission.values, formError: { key: "login.invalid", count: 0 } },
      { status: 400 }
    );
  }
  const cookie = await startSession(request, result.userId, meta);
  return redirect(safeRedirectPath(redirectTo), { headers: { "Set-Cookie": cookie } });
}

export default function Login() {
  const { t } = useTranslation();
  const { notice } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  const errors: Record<string, string | undefined> = actionData?.errors ?? {};
  return (
    <div className="auth-card">
      <h1>{t("login.title")}</h1>
      <Notice message={notice ? t(notice) : null} />
      <FormAlert
        message={actionData?.formError ? t(actionData.formError.key, { count: actionData.formError.count }) : null}
      />
      <Form method="post" noValidate>
        <CsrfField />
        <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? ""} />
        <Field
          name="email"
          type="email"
          label={t("fields.email")}
          autoComplete="username"
          required
          defaultValue={actionData?.values?.email}
          error={errors.email}
        />
        <Field
          name="password"
          type="password"
          label={t("fields.password")}
          autoComplete="current-password"
          required
          error={errors.password}
        />
        <button type="submit" className="button button--block" disabled={busy}>
          {t("login.submit")}
        </button>
      </Form>
      <p>
        <Link to="/forgot-password">{t("login.forgot")}</Link>
      </p>
      <p>
        {t("login.no_account")} <Link to="/register">{t("login.register_link")}</Link>
      </p>
    </div>
  );
}
