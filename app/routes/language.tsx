import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { LanguageSchema } from "~/domain/accounts/schemas.ts";
import { setPreferredLanguage } from "~/domain/accounts/accounts.server.ts";
import { localeCookie } from "~/i18n/i18n.server.ts";
import { getOptionalUser } from "~/utils/auth.server.ts";
import { parseForm } from "~/utils/form.server.ts";
import { httpError, safeRedirectPath } from "~/utils/http.server.ts";

/** The language switcher posts here: remember the choice (cookie, and profile when signed in), go back. */
export async function action({ request, context }: ActionFunctionArgs) {
  const submission = await parseForm(request, context, LanguageSchema);
  if (!submission.ok) throw httpError("bad_request");
  const { lng, redirectTo } = submission.data;
  const user = await getOptionalUser(request);
  if (user) await setPreferredLanguage(user.id, lng);
  // Back to the same page, without a `?lng=` that would override the choice just made.
  const back = new URL(safeRedirectPath(redirectTo, "/"), "http://local");
  back.searchParams.delete("lng");
  return redirect(back.pathname + back.search, { headers: { "Set-Cookie": await localeCookie.serialize(lng) } });
}

export function loader() {
  throw redirect("/");
}
