import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData, useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { DateText } from "~/components/date-text.tsx";
import { batchStatus, resumeBatches } from "~/domain/certificates/batches.server.ts";
import { ruleTitle } from "~/domain/certificates/views.server.ts";
import { getRequestI18n } from "~/i18n/i18n.server.ts";
import { requirePermission } from "~/utils/auth.server.ts";
import { ANYONE } from "~/utils/permissions.ts";
import { httpError } from "~/utils/http.server.ts";
import { titleMeta } from "~/utils/meta.ts";

export const meta = titleMeta;

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "read", "certificate", ANYONE);
  const { t, locale } = await getRequestI18n(request);
  await resumeBatches();
  const batch = await batchStatus(params.batchId ?? "");
  if (!batch) throw httpError("not_found");
  return {
    title: t("certificates:batch.title"),
    batch: { ...batch, rule: batch.ruleId ? ruleTitle(batch.ruleId, locale) : "" },
  };
}

/** A batch's progress: a progress bar refreshed every second with JavaScript, every 3 s without it. */
export default function BatchProgress() {
  const { t } = useTranslation("certificates");
  const { batch } = useLoaderData<typeof loader>();
  const revalidator = useRevalidator();
  const finished = batch.status === "finished";
  useEffect(() => {
    if (finished) return;
    const timer = setInterval(() => {
      if (revalidator.state === "idle") revalidator.revalidate();
    }, 1000);
    return () => clearInterval(timer);
  }, [finished, revalidator]);
  const processed = batch.done + batch.skipped + batch.failed;
  const percent = batch.total ? Math.round((100 * processed) / batch.total) : 100;
  return (
    <>
      {finished ? null : <noscript>{<meta httpEquiv="refresh" content="3" />}</noscript>}
      <p>
        <Link to="/admin/certificates">{t("admin.back")}</Link>
      </p>
      <h1>{t("batch.title")}</h1>
      {batch.rule ? <p>{batch.rule}</p> : null}
      <p>
        {t("batch.started")} <DateText value={batch.createdAt} withTime />
      </p>
      <label htmlFor="batch-progress">{t("batch.progress", { processed, total: batch.total, percent })}</label>
      <progress id="batch-progress" max={batch.total || 1} value={processed}>
        {percent}%
      </progress>
      <p role="status" aria-live="polite">
        {t(`batch.status.${batch.status}`)} —{" "}
        {t("batch.counts", { done: batch.done, skipped: batch.skipped, failed: batch.failed })}
      </p>
      {finished ? (
        <p>
          <Link to="/admin/certificates?view=issued" className="button">
            {t("batch.see_issued")}
          </Link>
        </p>
      ) : null}
    </>
  );
}
