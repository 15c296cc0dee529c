import {
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
  type ActionFunctionArgs,
} from "@remix-run/node";
import { courseExists, saveUploadedImage } from "~/domain/courses/images.server.ts";
import { MAX_IMAGE_BYTES } from "~/domain/courses/validate.ts";
import { requirePermission } from "~/utils/auth.server.ts";
import { assertCsrf, CSRF_FIELD } from "~/utils/csrf.server.ts";
import { httpError } from "~/utils/http.server.ts";

/**
 * Image uploads from the lesson editor: multipart, one file, 500 KB at most, PNG/JPEG/WebP by content.
 * Answers JSON: `{ src }` (the path lessons use) or `{ error }` with a 4xx status.
 */
export async function action({ request, params, context }: ActionFunctionArgs) {
  await requirePermission(request, "update", "lesson");
  const courseId = params.courseId ?? "";
  if (!(await courseExists(courseId))) throw httpError("not_found");
  const type = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (type !== "multipart/form-data") throw httpError("unsupported_media_type");
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(
      request,
      unstable_createMemoryUploadHandler({ maxPartSize: MAX_IMAGE_BYTES })
    );
  } catch (error) {
    if (error instanceof Error && /exceeded|too large|size/i.test(`${error.name} ${error.message}`))
      return Response.json({ error: "too_large" }, { status: 413 });
    throw httpError("bad_request");
  }
  const token = form.get(CSRF_FIELD);
  assertCsrf(context, typeof token === "string" ? token : null);
  const file = form.get("image");
  if (!(file instanceof Blob)) return Response.json({ error: "empty" }, { status: 400 });
  const result = saveUploadedImage(courseId, new Uint8Array(await file.arrayBuffer()));
  if (!result.ok) return Response.json({ error: result.reason }, { status: result.reason === "too_large" ? 413 : 415 });
  return Response.json({ src: result.src });
}

export function loader() {
  throw httpError("method_not_allowed");
}
