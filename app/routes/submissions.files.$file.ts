import fs from "node:fs";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { fileFor } from "~/domain/mentoring/submissions.server.ts";
import { requireUser } from "~/utils/auth.server.ts";
import { httpError } from "~/utils/http.server.ts";

/**
 * A file attached to a submission, for its author, their current mentor and administrators only (anyone
 * else: 404, as for a file that does not exist). Always a download, never run or sniffed by the browser.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const file = await fileFor(user, params.file ?? "");
  if (!file) throw httpError("not_found");
  const bytes = await fs.promises.readFile(file.path);
  const ascii = file.fileName.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return new Response(bytes, {
    headers: {
      "Content-Type": file.mediaType,
      "Content-Length": String(bytes.byteLength),
      "Content-Disposition": `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
      "Cache-Control": "private, max-age=3600",
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'; sandbox",
    },
  });
}
