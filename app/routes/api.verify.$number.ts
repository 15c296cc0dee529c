import type { LoaderFunctionArgs } from "@remix-run/node";
import { verdictForNumber } from "~/domain/certificates/verify.server.ts";
import { getRequestI18n } from "~/i18n/i18n.server.ts";
import { env } from "~/utils/env.server.ts";

/**
 * The verdict for machines: GET /api/verify/<number> → JSON with the same standing the page shows,
 * the signed record and its signature, and where the public keys are. Open to any origin.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { locale } = await getRequestI18n(request);
  const verdict = await verdictForNumber(params.number ?? "", locale);
  const keys = `${env().appUrl}/keys`;
  const headers = { "Cache-Control": "no-store", "Access-Control-Allow-Origin": "*" };
  if (verdict.kind === "malformed")
    return Response.json({ status: "malformed", reason: verdict.reason }, { status: 400, headers });
  if (verdict.kind === "unknown")
    return Response.json({ status: "unknown", number: verdict.number }, { status: 404, headers });
  const c = verdict.certificate;
  return Response.json(
    {
      status: c.recordSignatureValid ? c.standing : "tampered",
      number: c.number,
      holder: c.holder,
      title: c.title,
      programmes: c.programmes,
      issuedOn: c.issuedOn,
      expiresOn: c.expiresOn,
      revokedOn: c.revokedOn,
      revocationReason: c.revocationReason,
      supersededBy: c.supersededBy,
      record: JSON.parse(c.record) as unknown,
      signature: c.signature,
      keys,
    },
    { headers }
  );
}
