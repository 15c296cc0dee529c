import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfField } from "~/components/csrf-field.tsx";
import { Field, FormAlert, NewPasswordFields } from "~/components/form.tsx";
import { ProfileFields } from "~/components/profile-fields.tsx";
import { countryOptions } from "~/domain/accounts/countries.ts";
import { registerUser } from "~/domain/accounts/accounts.server.ts";
import { RegisterSchema } from "~/domain/accounts/schemas.ts";
import { getRequestI18n } from "~/i18n/i18n.server.ts";
import { requireAnonymous } from "~/utils/auth.server.ts";
import { parseForm } from "~/utils/form.server.ts";
import { requestMeta } from "~/utils/http.server.ts";
import { titleMeta } from "~/utils/meta.ts";
import { startSession } from "~/utils/session.server.ts";

export const meta = titleMeta;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request);
  const { t, locale } = await getRequestI18n(request);
  return { title: t("register.title"), countries: countryOptions(locale) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = await parseForm(request, context, RegisterSchema);
  if (!submission.ok)
    return data({ errors: submission.errors, values: submission.values, retryMinutes: 0 }, { status: 400 });
  const meta = requestMeta(request, context);
  const result = await registerUser(submission.data, meta);
  if (!result.ok) {
    if (result.reason === "email_taken") {
      return data(
        { errors: { email: "errors.email_taken" }, values: submission.values, retryMinutes: 0 },
        { status: 400 }
      );
    }
    return data(
      { errors: {}, values: submission.values, retryMinutes: Math.ceil(result.retryAfter / 60) },
      { status: 429, headers: { "Retry-After": String(result.retryAfter) } }
    );
  }
  const cookie = await startSession(request, result.userId, meta);
  return redirect("/dashboard?welcome=1", { headers: { "Set-Cookie": cookie } });
}

export default function Register() {
  const { t } = useTranslation();
  const { countries } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors: Record<string, string | undefined> = actionData?.errors ?? {};
  const values = actionData?.values;
  return (
    <div className="auth-card auth-card--wide">
      <h1>{t("register.title")}</h1>
      <p>{t("register.intro")}</p>
      <FormAlert
        message={actionData?.retryMinutes ? t("register.rate_limited", { count: actionData.retryMinutes }) : null}
      />
      {Object.keys(errors).length > 0 ? <FormAlert message={t("form.fix_errors")} /> : null}
      <Form method="post" noValidate>
        <CsrfField />
        <fieldset>
          <legend>{t("register.account")}</legend>
          <Field
            name="email"
            type="email"
            label={t("fields.email")}
            hint={t("fields.email_hint")}
            autoComplete="email"
            required
            defaultValue={values?.email}
            error={errors.email}
          />
          <NewPasswordFields label={t("fields.password")} errors={errors} />
        </fieldset>
        <fieldset>
          <legend>{t("register.about_you")}</legend>
          <ProfileFields values={values} errors={errors} countries={countries} />
        </fieldset>
        <button type="submit" className="button button--block">
          {t("register.submit")}
        </button>
      </Form>
      <p>
        {t("register.have_account")} <Link to="/login">{t("register.login_link")}</Link>
      </p>
    </div>
  );
}
