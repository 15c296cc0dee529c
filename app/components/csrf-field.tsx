import { useRouteLoaderData } from "@remix-run/react";

/** The hidden CSRF token every state-changing form carries (checked by parseForm on the server). */
export function CsrfField() {
  const data = useRouteLoaderData<{ csrf: string }>("root");
  return <input type="hidden" name="csrf" value={data?.csrf ?? ""} />;
}
