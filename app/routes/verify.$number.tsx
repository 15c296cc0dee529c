import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { NumberVerdictView, UploadForm, UploadVerdictView } from "~/components/certificate-verdict.tsx";
import { uploadVerdict } from "~/domain/certificates/upload.server.ts";
import { verdictForNumber } from "~/domain/certificates/verify.server.ts";
import { getRequestI18n } from "~/i18n/i18n.server.ts";
import { titleMeta } from "~/utils/meta.ts";

export const meta = titleMeta;

/** Public verification page: the standing of one certificate and the facts it attests, nothing more. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { t, locale } = await getRequestI18n(request);
  const verdict = await verdictForNumber(params.number ?? "", locale);
  const status = verdict.kind === "found" ? 200 : verdict.kind === "unknown" ? 404 : 400;
  return data(
    { title: t("certificates:verify.page_title", { number: params.number ?? "" }), verdict },
    { status, headers: { "Cache-Control": "no-store" } }
  );
}

export async function action({ request }: ActionFunctionArgs) {
  const { locale } = await getRequestI18n(request);
  const { verdict, status, headers } = await uploadVerdict(request, locale);
  return data({ verdict }, { status, headers });
}

export default function VerifyCertificate() {
  const { t } = useTranslation("certificates");
  const { verdict } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="page page--narrow">
      <p>
        <Link to="/verify">{t("verify.another")}</Link>
      </p>
      <h1>{t("verify.title")}</h1>
      <NumberVerdictView verdict={verdict} />
      <section aria-labelledby="by-file">
        <h2 id="by-file">{t("upload.title")}</h2>
        <p>{t("upload.intro")}</p>
        {actionData ? <UploadVerdictView verdict={actionData.verdict} /> : null}
        <UploadForm />
      </section>
    </div>
  );
}
