import type { RequestContext } from "./http.server.ts";
import { httpError } from "./http.server.ts";
import { hmac, safeEqual } from "./secrets.server.ts";

export const CSRF_FIELD = "csrf";

/**
 * Signed double-submit token. server.mjs gives every browser a random httpOnly `csrf` cookie;
 * forms carry HMAC(secret, cookie). A cross-site page can neither read the cookie nor sign a
 * value it planted, and SameSite=Lax keeps the cookie off cross-site POSTs anyway.
 */
export function csrfToken(context: Pick<RequestContext, "csrfCookie">): string {
  return hmac(`csrf:${context.csrfCookie}`);
}

export function assertCsrf(request: Request, context: Pick<RequestContext, "csrfCookie">, submitted: unknown) {
  const origin = request.headers.get("origin");
  if (origin && origin !== "null") {
    const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
    let originHost: string | undefined;
    try {
      originHost = new URL(origin).host;
    } catch {
      originHost = undefined;
    }
    if (!host || originHost !== host) throw httpError("csrf");
  }
  if (typeof submitted !== "string" || !context.csrfCookie || !safeEqual(submitted, csrfToken(context))) {
    throw httpError("csrf");
  }
}
