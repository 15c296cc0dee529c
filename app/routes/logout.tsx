import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { audit } from "~/domain/audit/audit.server.ts";
import { getOptionalUser } from "~/utils/auth.server.ts";
import { parseForm } from "~/utils/form.server.ts";
import { requestMeta } from "~/utils/http.server.ts";
import { endSession } from "~/utils/session.server.ts";
import { z } from "zod";

export async function action({ request, context }: ActionFunctionArgs) {
  await parseForm(request, context, z.object({}));
  const user = await getOptionalUser(request);
  const cookie = await endSession(request);
  if (user)
    await audit({
      actorId: user.id,
      action: "auth.logout",
      targetType: "user",
      targetId: user.id,
      ...requestMeta(request, context),
    });
  return redirect("/?notice=logged-out", { headers: { "Set-Cookie": cookie } });
}

export function loader() {
  throw redirect("/");
}
