import { csrfToken } from "~/utils/csrf.server.ts";
import { startSession } from "~/utils/session.server.ts";

/** Calling route loaders and actions directly, as a signed-in person, for permission-boundary tests. */
export const routeContext = { csrfCookie: "test-csrf-cookie", clientIp: "127.0.0.1", cspNonce: "nonce" };

export async function cookieFor(userId: string) {
  return (await startSession(new Request("http://localhost/"), userId, { ipAddress: "127.0.0.1" })).split(";")[0]!;
}

export const get = (url: string, cookie: string) => new Request(`http://localhost${url}`, { headers: { cookie } });

/** A form post with the CSRF token a page would carry. */
export const post = (url: string, cookie: string, fields: Record<string, string>) =>
  new Request(`http://localhost${url}`, {
    method: "POST",
    headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ csrf: csrfToken(routeContext), ...fields }).toString(),
  });

/** What a loader or action threw or returned: its status, and its data when it is not a response. */
export async function outcome(
  run: () => Promise<unknown>
): Promise<{ status: number; data?: unknown; location?: string | null }> {
  try {
    const value = await run();
    if (value instanceof Response) return { status: value.status, location: value.headers.get("location") };
    if (value && typeof value === "object" && "init" in value && "data" in value)
      return {
        status: (value as { init: { status?: number } | null }).init?.status ?? 200,
        data: (value as { data: unknown }).data,
      };
    return { status: 200, data: value };
  } catch (error) {
    if (error instanceof Response) return { status: error.status, location: error.headers.get("location") };
    if (error && typeof error === "object" && "init" in error)
      return {
        status: (error as { init: { status: number } }).init.status,
        data: (error as unknown as { data: unknown }).data,
      };
    throw error;
  }
}
