import type { z } from "zod";
import { assertCsrf, CSRF_FIELD } from "./csrf.server.ts";
import { httpError, type RequestContext } from "./http.server.ts";

/** Forms here are small; anything larger is refused before it is read. */
export const MAX_FORM_BYTES = 64 * 1024;

/**
 * Read a urlencoded form body with a size cap, whether or not the client sent Content-Length.
 * Oversized → 413, another content type → 415, unreadable → 400. Never a 500.
 */
export async function readForm(request: Request, maxBytes = MAX_FORM_BYTES): Promise<URLSearchParams> {
  const type = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (type !== "application/x-www-form-urlencoded") throw httpError("unsupported_media_type");
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw httpError("payload_too_large");
  if (!request.body) return new URLSearchParams();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel().catch(() => {});
        throw httpError("payload_too_large");
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof Response || (error && typeof error === "object" && "init" in error)) throw error;
    throw httpError("bad_request");
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw httpError("bad_request");
  }
  return new URLSearchParams(text);
}

export type FieldErrors = Record<string, string>;

export type Submission<T> =
  | { ok: true; data: T; values: Record<string, string> }
  | { ok: false; errors: FieldErrors; values: Record<string, string> };

const SECRET_FIELDS = /password|token|csrf/i;

/**
 * The one way an action reads a form: size-capped body, CSRF check, then the route's Zod
 * schema. Errors come back as i18n keys per field; secrets are never echoed back.
 */
export async function parseForm<S extends z.ZodTypeAny>(
  request: Request,
  context: Pick<RequestContext, "csrfCookie">,
  schema: S,
  maxBytes = MAX_FORM_BYTES
): Promise<Submission<z.output<S>>> {
  return validate(await readCheckedForm(request, context, maxBytes), schema);
}

/** The size-capped body of a form whose CSRF token checks out (for forms whose fields vary). */
export async function readCheckedForm(
  request: Request,
  context: Pick<RequestContext, "csrfCookie">,
  maxBytes = MAX_FORM_BYTES
) {
  const form = await readForm(request, maxBytes);
  assertCsrf(context, form.get(CSRF_FIELD));
  return form;
}

export function validate<S extends z.ZodTypeAny>(form: URLSearchParams, schema: S): Submission<z.output<S>> {
  const raw: Record<string, string | string[]> = {};
  for (const key of new Set(form.keys())) {
    if (key === CSRF_FIELD) continue;
    const all = form.getAll(key);
    raw[key] = all.length > 1 ? all : all[0]!;
  }
  const values = Object.fromEntries(
    Object.entries(raw)
      .filter(([key]) => !SECRET_FIELDS.test(key))
      .map(([key, value]) => [key, Array.isArray(value) ? value.join(",") : value.slice(0, 100_000)])
  );
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, data: result.data, values };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = issue.path.length ? issue.path.join(".") : "form";
    errors[field] ??= /^(?:[a-z]+:)?errors\./.test(issue.message) ? issue.message : "errors.invalid";
  }
  return { ok: false, errors, values };
}
