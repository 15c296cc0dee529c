import {
  MaxPartSizeExceededError,
  redirect,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
  type ActionFunctionArgs,
} from "@remix-run/node";
import { IMAGE_TYPES, MAX_ATTACHMENT_BYTES } from "~/domain/mentoring/files.ts";
import { assignmentFor, attachFile } from "~/domain/mentoring/submissions.server.ts";
import { requirePermission } from "~/utils/auth.server.ts";
import { assertCsrf, CSRF_FIELD } from "~/utils/csrf.server.ts";
import { httpError } from "~/utils/http.server.ts";

type Reason = "type" | "too-large" | "too-many" | "not-enrolled" | "closed" | "missing";
const STATUS: Record<Reason, number> = {
  type: 415,
  "too-large": 413,
  "too-many": 409,
  "not-enrolled": 403,
  closed: 409,
  missing: 400,
};

/**
 * A file for the draft of an assignment: multipart (`file`, plus `csrf`), 5 MB at most, its type checked by
 * its content. The editor (fetch, `image=1`: images only) gets JSON `{ url, alt }` or `{ error }`; the
 * plain form without JavaScript is sent back to the assignment page with the outcome.
 */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "create", "submission");
  const assignment = await assignmentFor(user.id, params.courseId ?? "", params.assignmentId ?? "");
  if (!assignment) throw httpError("not_found");
  const page = `/courses/${assignment.courseId}/assignments/${assignment.slug}`;
  const wantsJson = !(request.headers.get("accept") ?? "").includes("text/html");
  const answer = (reason: Reason | null, body?: { url: string; alt: string }) => {
    if (wantsJson) return reason ? Response.json({ error: reason }, { status: STATUS[reason] }) : Response.json(body);
    return redirect(reason ? `${page}?fileError=${reason}` : `${page}?notice=file_added`);
  };
  const type = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (type !== "multipart/form-data") throw httpError("unsupported_media_type");
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > MAX_ATTACHMENT_BYTES + 64 * 1024) return answer("too-large");
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(
      request,
      unstable_createMemoryUploadHandler({ maxPartSize: MAX_ATTACHMENT_BYTES })
    );
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return answer("too-large");
    throw httpError("bad_request");
  }
  const token = form.get(CSRF_FIELD);
  assertCsrf(context, typeof token === "string" ? token : null);
  const file = form.get("file");
  if (!file || typeof file === "string" || file.size === 0) return answer("missing");
  const imagesOnly = form.get("image") === "1";
  const result = await attachFile(
    user.id,
    assignment.id,
    new Uint8Array(await file.arrayBuffer()),
    file.name,
    imagesOnly ? IMAGE_TYPES : undefined
  );
  if (!result.ok) return answer(result.reason);
  return answer(null, { url: result.src, alt: file.name.replace(/\.[^.]+$/, "").slice(0, 120) });
}

export function loader() {
  throw httpError("method_not_allowed");
}
