import type { LoaderFunctionArgs } from "@remix-run/node";
import { buildCredential } from "~/domain/certificates/crypto/verifiable-credential.server.ts";
import { parseNumber } from "~/domain/certificates/numbers.ts";
import type { CertificateRecord } from "~/domain/certificates/record.ts";
import { certificateAccess } from "~/domain/certificates/views.server.ts";
import { requireUser } from "~/utils/auth.server.ts";
import { env } from "~/utils/env.server.ts";
import { httpError } from "~/utils/http.server.ts";
import { ANYONE, can } from "~/utils/permissions.ts";

/** The certificate as a signed Open Badges 3.0 credential (W3C Verifiable Credential) a wallet can hold. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const parsed = parseNumber(params.number ?? "");
  if (!parsed.ok) throw httpError("not_found");
  const certificate = await certificateAccess(parsed.number);
  if (!certificate) throw httpError("not_found");
  if (!can(user, "read", "certificate", { ownerId: certificate.userId })) throw httpError("forbidden");
  if (!can(user, "read", "certificate", ANYONE) && certificate.status !== "issued") throw httpError("forbidden");
  const credential = await buildCredential(JSON.parse(certificate.record) as CertificateRecord, {
    baseUrl: env().appUrl,
  });
  return new Response(JSON.stringify(credential, null, 2), {
    headers: {
      "Content-Type": "application/vc+ld+json; charset=utf-8",
      "Content-Disposition": `attachment; filename="${parsed.number}.credential.json"`,
      "Cache-Control": "private, no-store",
    },
  });
}
