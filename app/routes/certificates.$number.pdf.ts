import type { LoaderFunctionArgs } from "@remix-run/node";
import { certificatePdf } from "~/domain/certificates/files.server.ts";
import { parseNumber } from "~/domain/certificates/numbers.ts";
import { certificateAccess } from "~/domain/certificates/views.server.ts";
import { isLanguage } from "~/i18n/config.ts";
import { requireUser } from "~/utils/auth.server.ts";
import { httpError } from "~/utils/http.server.ts";
import { ANYONE, can } from "~/utils/permissions.ts";

/**
 * The signed PDF, for its holder (while it is theirs to show: not once revoked or superseded) and
 * for administrators. `?lng=` picks one of the six languages; the holder's language by default.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const parsed = parseNumber(params.number ?? "");
  if (!parsed.ok) throw httpError("not_found");
  const certificate = await certificateAccess(parsed.number);
  if (!certificate) throw httpError("not_found");
  if (!can(user, "read", "certificate", { ownerId: certificate.userId })) throw httpError("forbidden");
  const administrator = can(user, "read", "certificate", ANYONE);
  if (!administrator && certificate.status !== "issued") throw httpError("forbidden");
  const requested = new URL(request.url).searchParams.get("lng");
  const language = isLanguage(requested) ? requested : isLanguage(certificate.language) ? certificate.language : "en";
  const bytes = await certificatePdf(parsed.number, language);
  if (!bytes) throw httpError("not_found");
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="${parsed.number}-${language}.pdf"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
