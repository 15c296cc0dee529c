import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfField } from "~/components/csrf-field.tsx";
import { DateText } from "~/components/date-text.tsx";
import { inviteTarget, joinByInvite } from "~/domain/cohorts/cohorts.server.ts";
import { getRequestI18n } from "~/i18n/i18n.server.ts";
import { requireUser } from "~/utils/auth.server.ts";
import { readCheckedForm } from "~/utils/form.server.ts";
import { titleMeta } from "~/utils/meta.ts";

export const meta = titleMeta;

/** An invitation link: sign in (or register) first, then confirm joining; joining is a POST, never a GET. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request);
  const { t } = await getRequestI18n(request);
  const target = await inviteTarget(params.code ?? "");
  return data(
    {
      title: t("cohorts:join.title"),
      target: target.ok
        ? {
            ok: true as const,
            name: target.cohort.name,
            startsOn: target.cohort.startsOn.toISOString(),
            endsOn: target.cohort.endsOn.toISOString(),
          }
        : { ok: false as const, reason: target.reason },
    },
    { status: target.ok ? 200 : 410 }
  );
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  await readCheckedForm(request, context);
  const joined = await joinByInvite(user.id, params.code ?? "");
  if (joined.ok) throw redirect(`/cohorts/${joined.cohortId}`);
  return data({ reason: joined.reason }, { status: 409 });
}

export default function Join() {
  const { t } = useTranslation("cohorts");
  const { target } = useLoaderData<typeof loader>();
  return (
    <div className="page page--narrow">
      <h1>{t("join.title")}</h1>
      {target.ok ? (
        <>
          <p>
            {t("join.intro", { name: target.name })} <DateText value={target.startsOn} /> –{" "}
            <DateText value={target.endsOn} />
          </p>
          <Form method="post">
            <CsrfField />
            <button type="submit" className="button">
              {t("join.submit", { name: target.name })}
            </button>
          </Form>
        </>
      ) : (
        <p className="alert alert--error" role="alert">
          {t(`join.refused.${target.reason}`)}
        </p>
      )}
    </div>
  );
}
