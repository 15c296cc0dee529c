import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DateText } from "~/components/date-text.tsx";
import { CsrfField } from "~/components/csrf-field.tsx";
import { Field, FormAlert, NewPasswordFields, Notice } from "~/components/form.tsx";
import { ProfileFields } from "~/components/profile-fields.tsx";
import { countryOptions } from "~/domain/accounts/countries.ts";
import { changePassword, getProfile, updateProfile } from "~/domain/accounts/accounts.server.ts";
import { ChangePasswordSchema, ProfileSchema } from "~/domain/accounts/schemas.ts";
import { getRequestI18n, localeCookie } from "~/i18n/i18n.server.ts";
import { requirePermission } from "~/utils/auth.server.ts";
import { parseForm } from "~/utils/form.server.ts";
import { httpError, requestMeta } from "~/utils/http.server.ts";
import { titleMeta } from "~/utils/meta.ts";
import { z } from "zod";

export const meta = titleMeta;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read", "profile");
  const { t, locale } = await getRequestI18n(request);
  return { title: t("profile.title"), profile: await getProfile(user.id), countries: countryOptions(locale) };
}

const IntentSchema = z.enum(["profile", "password"]);

export async function action({ request, context }: ActionFunctionArgs) {
  const intent = IntentSchema.safeParse(new URL(request.url).searchParams.get("intent"));
  if (!intent.success) throw httpError("bad_request");
  // The profile page only ever edits the signed-in user's own record.
  const user = await requirePermission(request, "update", "profile");
  const meta = requestMeta(request, context);
  if (intent.data === "profile") {
    const submission = await parseForm(request, context, ProfileSchema);
    if (!submission.ok)
      return data(
        { intent: "profile", errors: submission.errors, values: submission.values, saved: false },
        { status: 400 }
      );
    await updateProfile(user.id, submission.data, meta);
    return data(
      { intent: "profile", errors: {}, values: submission.values, saved: true },
      { headers: { "Set-Cookie": await localeCookie.serialize(submission.data.preferredLanguage) } }
    );
  }
  const submission = await parseForm(request, context, ChangePasswordSchema);
  if (!submission.ok)
    return data({ intent: "password", errors: submission.errors, values: {}, saved: false }, { status: 400 });
  const { currentPassword, password } = submission.data;
  const result = await changePassword(user.id, user.sessionId, currentPassword, password, meta);
  if (!result.ok)
    return data(
      { intent: "password", errors: { currentPassword: "errors.current_password_wrong" }, values: {}, saved: false },
      { status: 400 }
    );
  return { intent: "password", errors: {}, values: {}, saved: true };
}

export default function Profile() {
  const { t } = useTranslation();
  const { profile, countries } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const profileErrors: Record<string, string | undefined> = actionData?.intent === "profile" ? actionData.errors : {};
  const passwordErrors: Record<string, string | undefined> = actionData?.intent === "password" ? actionData.errors : {};
  return (
    <div className="page page--narrow">
      <h1>{t("profile.title")}</h1>
      <dl className="facts">
        <div>
          <dt>{t("fields.email")}</dt>
          <dd dir="ltr">{profile.email}</dd>
        </div>
        <div>
          <dt>{t("profile.roles")}</dt>
          <dd>{profile.roles.map((r) => t(`roles.${r.role}`)).join(", ")}</dd>
        </div>
        <div>
          <dt>{t("profile.member_since")}</dt>
          <dd>
            <DateText value={profile.createdAt} />
          </dd>
        </div>
      </dl>

      <section aria-labelledby="profile-details">
        <h2 id="profile-details">{t("profile.details")}</h2>
        <Notice message={actionData?.intent === "profile" && actionData.saved ? t("profile.saved") : null} />
        {Object.keys(profileErrors).length > 0 ? <FormAlert message={t("form.fix_errors")} /> : null}
        <Form method="post" action="?intent=profile" noValidate>
          <CsrfField />
          <ProfileFields
            values={actionData?.intent === "profile" ? actionData.values : profile}
            errors={profileErrors}
            countries={countries}
          />
          <button type="submit" className="button">
            {t("profile.save")}
          </button>
        </Form>
      </section>

      <section aria-labelledby="profile-password">
        <h2 id="profile-password">{t("profile.change_password")}</h2>
        <Notice
          message={actionData?.intent === "password" && actionData.saved ? t("profile.password_changed") : null}
        />
        <Form method="post" action="?intent=password" noValidate>
          <CsrfField />
          <Field
            name="currentPassword"
            type="password"
            label={t("fields.current_password")}
            autoComplete="current-password"
            required
            error={passwordErrors.currentPassword}
          />
          <NewPasswordFields label={t("fields.new_password")} errors={passwordErrors} />
          <button type="submit" className="button">
            {t("profile.change_password")}
          </button>
        </Form>
      </section>
    </div>
  );
}
