import { redirect } from "@remix-run/node";
import { httpError } from "./http.server.ts";
import { can, type Action, type Entity } from "./permissions.ts";
import { getSessionUser, type SessionUser } from "./session.server.ts";

export { getSessionUser as getOptionalUser };

/** The signed-in user, or a redirect to the login page that comes back here afterwards. */
export async function requireUser(request: Request): Promise<SessionUser> {
  const user = await getSessionUser(request);
  if (!user) {
    const url = new URL(request.url);
    const back = url.pathname + url.search;
    throw redirect(`/login?${new URLSearchParams({ redirectTo: back })}`);
  }
  return user;
}

/** Pages for visitors only (login, register): a signed-in user goes to the dashboard. */
export async function requireAnonymous(request: Request): Promise<void> {
  if (await getSessionUser(request)) throw redirect("/dashboard");
}

/**
 * The signed-in user, if the permissions module allows `action` on `entity` (for `resource`,
 * when it has an owner); otherwise 403. Anonymous users are sent to log in first.
 */
export async function requirePermission(
  request: Request,
  action: Action,
  entity: Entity,
  resource?: { ownerId: string | null | undefined }
): Promise<SessionUser> {
  const user = await requireUser(request);
  if (!can(user, action, entity, resource)) throw httpError("forbidden");
  return user;
}
