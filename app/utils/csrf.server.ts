import type { RequestContext } from "./http.server.ts";
import { httpError } from "./http.server.ts";
import { hmac, safeEqual } from "./secrets.server.ts";

export const CSRF_FIELD = "csrf";

/**
 * Signed double-submit token. server.mjs gives every browser a random httpOnly `csrf` cookie;
 * forms carry HMAC(secret, cookie). A cross-site page can neither read the cookie nor sign a
 * value it planted, and SameSite=Lax keeps the cookie off cross-site POSTs anyway. server.mjs
 * also refuses any state-changing request whose Origin is another site, before Remix sees it.
 */
export function csrfToken(context: Pick<RequestContext, "csrfCookie">): string {
  return hmac(`csrf:${context.csrfCookie}`);
}

export function assertCsrf(context: Pick<RequestContext, "csrfCookie">, submitted: unknown) {
  if (typeof submitted !== "string" || !context.csrfCookie || !safeEqual(submitted, csrfToken(context))) {
    throw httpError("csrf");
  }
}
