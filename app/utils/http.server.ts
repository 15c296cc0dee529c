import { data } from "@remix-run/node";

/** What server.mjs hands every request. */
export interface RequestContext {
  clientIp: string;
  cspNonce: string;
  csrfCookie: string;
}

declare module "@remix-run/node" {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface AppLoadContext extends RequestContext {}
}

/** Error statuses the app throws on purpose; the error page explains each in the user's language. */
export type ErrorCode =
  | "bad_request"
  | "csrf"
  | "forbidden"
  | "not_found"
  | "payload_too_large"
  | "unsupported_media_type"
  | "rate_limited"
  | "method_not_allowed";

const STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  csrf: 403,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
};

/** Throwable error response: `throw httpError("forbidden")`. The body carries a code, never a stack. */
export function httpError(code: ErrorCode, headers?: HeadersInit) {
  return data({ code }, { status: STATUS[code], headers });
}

export function requestMeta(request: Request, context: Pick<RequestContext, "clientIp">) {
  return {
    ipAddress: context.clientIp || "unknown",
    userAgent: (request.headers.get("user-agent") ?? "").slice(0, 300) || null,
  };
}

/** Only same-site paths may be redirect targets (no open redirects). */
export function safeRedirectPath(to: unknown, fallback = "/dashboard"): string {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  return to;
}
