import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfField } from "~/components/csrf-field.tsx";
import { Field, FormAlert, Notice } from "~/components/form.tsx";
import { requestPasswordReset } from "~/domain/accounts/password-reset.server.ts";
import { ForgotPasswordSchema } from "~/domain/accounts/schemas.ts";
import { getRequestI18n } from "~/i18n/i18n.server.ts";
import { parseForm } from "~/utils/form.server.ts";
import { requestMeta } from "~/utils/http.server.ts";
import { titleMeta } from "~/utils/meta.ts";

export const meta = titleMeta;

export async function loader({ request }: LoaderFunctionArgs) {
  const { t } = await getRequestI18n(request);
  return { title: t("forgot.title") };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = await parseForm(request, context, ForgotPasswordSchema);
  if (!submission.ok)
    return data(
      { errors: submission.errors, values: submission.values, sent: false, retryMinutes: 0 },
      { status: 400 }
    );
  const { locale } = await getRequestI18n(request);
  const result = await requestPasswordReset(submission.data.email, locale, requestMeta(request, context));
  if (!result.ok) {
    return data(
      { errors: {}, values: submission.values, sent: false, retryMinutes: Math.ceil(result.retryAfter / 60) },
      { status: 429, headers: { "Retry-After": String(result.retryAfter) } }
    );
  }
  // The same answer whether or not the address has an account.
  return { errors: {}, values: submission.values, sent: true, retryMinutes: 0 };
}

export default function ForgotPassword() {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const errors: Record<string, string | undefined> = actionData?.errors ?? {};
  if (actionData?.sent) {
    return (
      <div className="auth-card">
        <h1>{t("forgot.title")}</h1>
        <Notice message={t("forgot.sent")} />
        <p>
          <Link to="/login">{t("forgot.back_to_login")}</Link>
        </p>
      </div>
    );
  }
  return (
    <div className="auth-card">
      <h1>{t("forgot.title")}</h1>
      <p>{t("forgot.intro")}</p>
      <FormAlert
        message={actionData?.retryMinutes ? t("forgot.rate_limited", { count: actionData.retryMinutes }) : null}
      />
      <Form method="post" noValidate>
        <CsrfField />
        <Field
          name="email"
          type="email"
          label={t("fields.email")}
          autoComplete="email"
          required
          defaultValue={actionData?.values?.email}
          error={errors.email}
        />
        <button type="submit" className="button button--block">
          {t("forgot.submit")}
        </button>
      </Form>
      <p>
        <Link to="/login">{t("forgot.back_to_login")}</Link>
      </p>
    </div>
  );
}
