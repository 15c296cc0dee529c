import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { UploadForm, UploadVerdictView } from "~/components/certificate-verdict.tsx";
import { parseNumber } from "~/domain/certificates/numbers.ts";
import { VerifyNumberSchema } from "~/domain/certificates/schemas.ts";
import { uploadVerdict } from "~/domain/certificates/upload.server.ts";
import { getRequestI18n } from "~/i18n/i18n.server.ts";
import { titleMeta } from "~/utils/meta.ts";

export const meta = titleMeta;

/** Public: anyone may check a certificate, signed in or not. `?number=` comes from the look-up form. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { t } = await getRequestI18n(request);
  const { number } = VerifyNumberSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  if (number) {
    const parsed = parseNumber(number);
    // A well-formed number goes to its page; anything else is shown there too, with the reason.
    throw redirect(`/verify/${encodeURIComponent(parsed.ok ? parsed.number : number)}`);
  }
  return { title: t("certificates:verify.title") };
}

export async function action({ request }: ActionFunctionArgs) {
  const { locale } = await getRequestI18n(request);
  const { verdict, status, headers } = await uploadVerdict(request, locale);
  return data({ verdict }, { status, headers });
}

export default function VerifyIndex() {
  const { t } = useTranslation("certificates");
  const actionData = useActionData<typeof action>();
  return (
    <div className="page page--narrow">
      <h1>{t("verify.title")}</h1>
      <p>{t("verify.intro")}</p>
      <section aria-labelledby="by-number">
        <h2 id="by-number">{t("verify.by_number")}</h2>
        <Form method="get" className="inline-form">
          <div className="field">
            <label htmlFor="number">{t("fields.number")}</label>
            <input id="number" name="number" dir="ltr" autoComplete="off" placeholder="PRV-2026-XXXXX-XXXXX" required />
          </div>
          <button type="submit" className="button">
            {t("verify.check")}
          </button>
        </Form>
      </section>
      <section aria-labelledby="by-file">
        <h2 id="by-file">{t("upload.title")}</h2>
        {actionData ? <UploadVerdictView verdict={actionData.verdict} /> : null}
        <UploadForm action="/verify?index" />
      </section>
    </div>
  );
}
