import type { Language } from "~/i18n/config.ts";
import { readUpload } from "~/utils/upload.server.ts";
import { MAX_UPLOAD_BYTES, verdictForPdf, type UploadOutcome } from "./verify.server.ts";

/** An uploaded PDF's verdict and the HTTP status that goes with it (never a 500 for bad input). */
export async function uploadVerdict(
  request: Request,
  language: Language
): Promise<{ verdict: UploadOutcome; status: number; headers: Record<string, string> }> {
  const upload = await readUpload(request, "pdf", MAX_UPLOAD_BYTES);
  if (!upload.ok) {
    // The rest of an oversized body is never read: close the connection so no client reuses it.
    if (upload.reason === "too-large")
      return { verdict: { kind: "too-large" }, status: 413, headers: { Connection: "close" } };
    if (upload.reason === "missing") return { verdict: { kind: "missing" }, status: 400, headers: {} };
    return { verdict: { kind: "bad-request" }, status: 400, headers: {} };
  }
  const verdict = await verdictForPdf(upload.bytes, language);
  const status = verdict.kind === "authentic" ? 200 : verdict.kind === "not-pdf" ? 415 : 422;
  return { verdict, status, headers: {} };
}
