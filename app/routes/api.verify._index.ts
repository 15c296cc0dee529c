import type { ActionFunctionArgs } from "@remix-run/node";
import { uploadVerdict } from "~/domain/certificates/upload.server.ts";
import { getRequestI18n } from "~/i18n/i18n.server.ts";
import { httpError } from "~/utils/http.server.ts";

export async function loader() {
  throw httpError("method_not_allowed", { Allow: "POST" });
}

/**
 * POST a PDF (body `application/pdf`, or multipart with a `pdf` field) → JSON verdict: the same one
 * the verification page gives for an upload. It changes nothing, so it needs no CSRF token.
 */
export async function action({ request }: ActionFunctionArgs) {
  const { locale } = await getRequestI18n(request);
  const { verdict, status, headers } = await uploadVerdict(request, locale);
  const body =
    verdict.kind === "authentic"
      ? {
          verdict: "authentic",
          current: verdict.certificate.standing === "valid",
          status: verdict.certificate.standing,
          number: verdict.certificate.number,
          holder: verdict.certificate.holder,
          title: verdict.certificate.title,
          issuedOn: verdict.certificate.issuedOn,
          expiresOn: verdict.certificate.expiresOn,
          revokedOn: verdict.certificate.revokedOn,
          supersededBy: verdict.certificate.supersededBy,
          signedAt: verdict.signedAt,
        }
      : { verdict: verdict.kind, ...("number" in verdict ? { number: verdict.number } : {}) };
  return Response.json(body, {
    status,
    headers: { ...headers, "Cache-Control": "no-store", "Access-Control-Allow-Origin": "*" },
  });
}
