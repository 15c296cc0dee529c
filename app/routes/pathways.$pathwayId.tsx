import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { CsrfField } from "~/components/csrf-field.tsx";
import { FormAlert, Notice } from "~/components/form.tsx";
import { PathwayChecklist } from "~/components/pathway-checklist.tsx";
import { currentPairing } from "~/domain/mentoring/pairings.server.ts";
import { findPathway, pathwayChecklist, startPathway } from "~/domain/pathways/pathways.server.ts";
import { getRequestI18n } from "~/i18n/i18n.server.ts";
import { requirePermission } from "~/utils/auth.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { parseForm } from "~/utils/form.server.ts";
import { httpError } from "~/utils/http.server.ts";
import { titleMeta } from "~/utils/meta.ts";

export const meta = titleMeta;

const StartSchema = z.object({ intent: z.literal("start") });

/**
 * A pathway (e.g. becoming a certified trainer) as its candidate sees it: the checklist of steps, done and
 * missing, the mentor who will sign it off, and, once signed off, the certificate it earned.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read", "pathway");
  const pathway = findPathway(params.pathwayId ?? "");
  if (!pathway) throw httpError("not_found");
  const { locale } = await getRequestI18n(request);
  const [checklist, pairing, certificate] = await Promise.all([
    pathwayChecklist(pathway, user.id, locale),
    currentPairing(user.id),
    prisma.certificate.findFirst({
      where: { userId: user.id, ruleId: pathway.certificate, status: "issued" },
      orderBy: { issuedAt: "desc" },
      select: { number: true },
    }),
  ]);
  const mentor = pairing
    ? await prisma.user.findUnique({ where: { id: pairing.mentorId }, select: { fullName: true } })
    : null;
  const url = new URL(request.url);
  return {
    title: checklist.title,
    checklist,
    mentor: mentor?.fullName ?? null,
    certificate: checklist.state === "signed-off" ? certificate?.number ?? null : null,
    notice: url.searchParams.get("notice"),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "create", "pathway");
  const pathway = findPathway(params.pathwayId ?? "");
  if (!pathway) throw httpError("not_found");
  const submission = await parseForm(request, context, StartSchema);
  if (!submission.ok) throw httpError("bad_request");
  const started = await startPathway(pathway, user.id);
  if (!started.ok) return data({ alert: "start_refused" }, { status: 409 });
  return redirect(`/pathways/${pathway.id}?notice=started`);
}

export default function PathwayPage() {
  const { t } = useTranslation("pathway");
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { checklist } = page;
  return (
    <div className="page">
      <h1>{checklist.title}</h1>
      <p>{t("intro")}</p>
      <Notice message={page.notice === "started" ? t("started") : null} />
      <FormAlert message={result?.alert ? t(result.alert) : null} />
      <PathwayChecklist pathway={checklist} />
      {checklist.state === "not-started" || checklist.state === "withdrawn" ? (
        <Form method="post">
          <CsrfField />
          <p>{t("start_hint")}</p>
          <button type="submit" name="intent" value="start" className="button">
            {t("start")}
          </button>
        </Form>
      ) : null}
      {checklist.state === "in-progress" || checklist.state === "ready" ? (
        <p>{page.mentor ? t("mentor", { name: page.mentor }) : t("no_mentor")}</p>
      ) : null}
      {checklist.state === "ready" ? <p className="alert alert--info">{t("ready")}</p> : null}
      {page.certificate ? (
        <p className="alert alert--success">
          {t("certified")} <Link to={`/verify/${page.certificate}`}>{t("verify")}</Link> ·{" "}
          <a href={`/certificates/${page.certificate}.pdf`}>{t("download")}</a>
        </p>
      ) : null}
    </div>
  );
}
