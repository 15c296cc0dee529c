import {
  MaxPartSizeExceededError,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
} from "@remix-run/node";

export type Upload =
  | { ok: true; bytes: Uint8Array; filename: string; type: string }
  | { ok: false; reason: "missing" | "too-large" | "bad-request" };

/**
 * One file from a multipart form or a raw body (`application/pdf`, `application/octet-stream`),
 * capped at `maxBytes` while it streams: a declared or actual oversize is an answer, not an error.
 */
export async function readUpload(request: Request, field: string, maxBytes: number): Promise<Upload> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  // Multipart framing adds a little; anything declared far beyond the cap is refused unread.
  if (declared > maxBytes + 16 * 1024) return { ok: false, reason: "too-large" };
  const type = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (type === "multipart/form-data") {
    try {
      const form = await unstable_parseMultipartFormData(
        request,
        unstable_createMemoryUploadHandler({ maxPartSize: maxBytes })
      );
      const file = form.get(field);
      if (!file || typeof file === "string" || file.size === 0) return { ok: false, reason: "missing" };
      return { ok: true, bytes: new Uint8Array(await file.arrayBuffer()), filename: file.name, type: file.type };
    } catch (error) {
      if (error instanceof MaxPartSizeExceededError) return { ok: false, reason: "too-large" };
      return { ok: false, reason: "bad-request" };
    }
  }
  if (type === "application/pdf" || type === "application/octet-stream") {
    if (!request.body) return { ok: false, reason: "missing" };
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
          return { ok: false, reason: "too-large" };
        }
        chunks.push(value);
      }
    } catch {
      return { ok: false, reason: "bad-request" };
    }
    if (size === 0) return { ok: false, reason: "missing" };
    return { ok: true, bytes: new Uint8Array(Buffer.concat(chunks)), filename: "upload.pdf", type };
  }
  return { ok: false, reason: "bad-request" };
}
