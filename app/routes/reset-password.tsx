import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfField } from "~/components/csrf-field.tsx";
import { FormAlert, NewPasswordFields } from "~/components/form.tsx";
import { isResetTokenValid, resetPassword } from "~/domain/accounts/password-reset.server.ts";
import { ResetPasswordSchema } from "~/domain/accounts/schemas.ts";
import { getRequestI18n } from "~/i18n/i18n.server.ts";
import { parseForm } from "~/utils/form.server.ts";
import { requestMeta } from "~/utils/http.server.ts";
import { titleMeta } from "~/utils/meta.ts";
import { endSession } from "~/utils/session.server.ts";

export const meta = titleMeta;

export async function loader({ request }: LoaderFunctionArgs) {
  const { t } = await getRequestI18n(request);
  const token = new URL(request.url).searchParams.get("token") ?? "";
  const valid = token.length >= 20 && token.length <= 200 && (await isResetTokenValid(token));
  return data(
    { title: t("reset.title"), token: valid ? token : null },
    { headers: { "Referrer-Policy": "no-referrer" } }
  );
}

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = await parseForm(request, context, ResetPasswordSchema);
  if (!submission.ok)
    return data({ errors: submission.errors, expired: Boolean(submission.errors.token) }, { status: 400 });
  const result = await resetPassword(submission.data.token, submission.data.password, requestMeta(request, context));
  if (!result.ok) return data({ errors: {}, expired: true }, { status: 400 });
  // Whoever was signed in in this browser is signed out; the person logs in with the new password.
  return redirect("/login?notice=password-reset", { headers: { "Set-Cookie": await endSession(request) } });
}

export default function ResetPassword() {
  const { t } = useTranslation();
  const { token } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors: Record<string, string | undefined> = actionData?.errors ?? {};
  if (!token || actionData?.expired) {
    return (
      <div className="auth-card">
        <h1>{t("reset.title")}</h1>
        <FormAlert message={t("reset.invalid")} />
        <p>
          <Link to="/forgot-password" className="button">
            {t("reset.request_new")}
          </Link>
        </p>
      </div>
    );
  }
  return (
    <div className="auth-card">
      <h1>{t("reset.title")}</h1>
      <Form method="post" noValidate>
        <CsrfField />
        <input type="hidden" name="token" value={token} />
        <NewPasswordFields label={t("fields.new_password")} errors={errors} />
        <button type="submit" className="button button--block">
          {t("reset.submit")}
        </button>
      </Form>
    </div>
  );
}
