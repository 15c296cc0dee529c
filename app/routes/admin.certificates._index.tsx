import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfField } from "~/components/csrf-field.tsx";
import { DateText } from "~/components/date-text.tsx";
import { FormAlert, Notice } from "~/components/form.tsx";
import { Pagination } from "~/components/pagination.tsx";
import { recentBatches, resumeBatches, startBatch } from "~/domain/certificates/batches.server.ts";
import { approveRequest, declineRequest, reopenRequest } from "~/domain/certificates/issue.server.ts";
import {
  CERTIFICATES_PAGE_SIZE,
  CertificatesSearchSchema,
  QUEUE_PAGE_SIZE,
  QueueActionSchema,
} from "~/domain/certificates/schemas.ts";
import { listCertificates, listRequests, pendingRequestIds, ruleOptions } from "~/domain/certificates/views.server.ts";
import { getRequestI18n } from "~/i18n/i18n.server.ts";
import { requirePermission } from "~/utils/auth.server.ts";
import { ANYONE } from "~/utils/permissions.ts";
import { parseForm } from "~/utils/form.server.ts";
import { titleMeta } from "~/utils/meta.ts";

export const meta = titleMeta;

/** Selecting this many or more approvals at once runs them as a background batch with a progress bar. */
const BATCH_FROM = 20;

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "read", "certificate", ANYONE);
  const { t, locale } = await getRequestI18n(request);
  await resumeBatches();
  const search = CertificatesSearchSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const rules = ruleOptions(locale);
  const ruleId = rules.some((r) => r.id === search.rule) ? search.rule : undefined;
  const [queue, issued, batches] = await Promise.all([
    search.view === "issued"
      ? null
      : listRequests(
          { status: search.view === "declined" ? "declined" : "pending", ruleId, page: search.page },
          locale
        ),
    search.view === "issued" ? listCertificates({ ...search, ruleId }, locale) : null,
    recentBatches(),
  ]);
  return { title: t("certificates:admin.title"), search, rules, queue, issued, batches };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const admin = await requirePermission(request, "create", "certificate", ANYONE);
  const submission = await parseForm(request, context, QueueActionSchema);
  if (!submission.ok)
    return data({ notice: null, error: Object.values(submission.errors)[0] ?? "errors.invalid" }, { status: 400 });
  const form = submission.data;
  switch (form.intent) {
    case "approve": {
      const result = await approveRequest(form.request, admin.id);
      if (!result.ok)
        return data({ notice: null, error: `certificates:admin.refused.${result.reason}` }, { status: 409 });
      return { notice: "certificates:admin.done.approved", error: null, number: result.number };
    }
    case "decline": {
      const result = await declineRequest(form.request, admin.id, form.reason);
      if (!result.ok)
        return data({ notice: null, error: "certificates:admin.refused.already-decided" }, { status: 409 });
      return { notice: "certificates:admin.done.declined", error: null };
    }
    case "reopen": {
      await reopenRequest(form.request, admin.id);
      return { notice: "certificates:admin.done.reopened", error: null };
    }
    case "approve-selected":
    case "approve-all": {
      const ids = form.intent === "approve-all" ? await pendingRequestIds(form.rule) : form.selected;
      if (ids.length === 0) return data({ notice: null, error: "certificates:errors.select_some" }, { status: 400 });
      if (ids.length < BATCH_FROM) {
        let approved = 0;
        for (const id of ids) if ((await approveRequest(id, admin.id, "bulk")).ok) approved++;
        return { notice: "certificates:admin.done.approved_many", count: approved, error: null };
      }
      const batchId = await startBatch({
        adminId: admin.id,
        ruleId: form.intent === "approve-all" ? form.rule : "",
        items: ids.map((id) => ({ kind: "request" as const, id })),
      });
      throw redirect(`/admin/certificates/batches/${batchId}`);
    }
  }
}

export default function AdminCertificates() {
  const { t } = useTranslation("certificates");
  const { t: tc } = useTranslation();
  const { search, rules, queue, issued, batches } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const count = actionData && "count" in actionData ? actionData.count : undefined;
  return (
    <>
      <h1>{t("admin.title")}</h1>
      <Notice message={actionData?.notice ? tc(actionData.notice, { count }) : null} />
      <FormAlert message={actionData?.error ? tc(actionData.error) : null} />
      <nav aria-label={t("admin.views")} className="tabs">
        <ul>
          {(["queue", "declined", "issued"] as const).map((view) => (
            <li key={view}>
              <Link to={`?view=${view}`} aria-current={search.view === view ? "page" : undefined}>
                {t(`admin.view.${view}`)}
              </Link>
            </li>
          ))}
          <li>
            <Link to="/admin/certificates/issue">{t("admin.issue_manually")}</Link>
          </li>
        </ul>
      </nav>

      <Form method="get" className="filters" role="search" aria-label={t("admin.filter")}>
        <input type="hidden" name="view" value={search.view} />
        <div className="field">
          <label htmlFor="rule">{t("fields.certification")}</label>
          <select id="rule" name="rule" defaultValue={search.rule ?? ""}>
            <option value="">{t("admin.any_rule")}</option>
            {rules.map((r) => (
              <option key={r.id} value={r.id}>
                {r.title}
              </option>
            ))}
          </select>
        </div>
        {search.view === "issued" ? (
          <>
            <div className="field">
              <label htmlFor="q">{t("admin.search")}</label>
              <input id="q" name="q" type="search" defaultValue={search.q ?? ""} />
            </div>
            <div className="field">
              <label htmlFor="status">{t("admin.status")}</label>
              <select id="status" name="status" defaultValue={search.status ?? ""}>
                <option value="">{t("admin.any_status")}</option>
                <option value="issued">{t("standing.valid")}</option>
                <option value="revoked">{t("standing.revoked")}</option>
                <option value="superseded">{t("standing.superseded")}</option>
              </select>
            </div>
          </>
        ) : null}
        <button type="submit" className="button button--secondary">
          {t("admin.apply")}
        </button>
      </Form>

      {queue ? (
        <section aria-labelledby="queue-title">
          <h2 id="queue-title">
            {t(search.view === "declined" ? "admin.declined_title" : "admin.queue_title", { count: queue.total })}
          </h2>
          {queue.requests.length === 0 ? (
            <p className="muted">{t(search.view === "declined" ? "admin.declined_empty" : "admin.queue_empty")}</p>
          ) : (
            <>
              {search.view === "queue" ? (
                <Form method="post" id="bulk-form" className="bulk-bar">
                  <CsrfField />
                  <button type="submit" name="intent" value="approve-selected" className="button">
                    {t("admin.approve_selected")}
                  </button>
                  {search.rule ? (
                    <>
                      <input type="hidden" name="rule" value={search.rule} />
                      <button type="submit" name="intent" value="approve-all" className="button button--secondary">
                        {t("admin.approve_all", { count: queue.total })}
                      </button>
                    </>
                  ) : (
                    <span className="hint">{t("admin.approve_all_hint")}</span>
                  )}
                </Form>
              ) : null}
              <div className="table-wrap">
                <table>
                  <thead>
                    <tr>
                      {search.view === "queue" ? <th scope="col">{t("admin.select")}</th> : null}
                      <th scope="col">{t("fields.holder")}</th>
                      <th scope="col">{t("fields.certification")}</th>
                      <th scope="col">{t("fields.programmes")}</th>
                      <th scope="col">
                        {search.view === "queue" ? t("admin.eligible_since") : t("admin.declined_on")}
                      </th>
                      <th scope="col">{t("admin.decision")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {queue.requests.map((r) => (
                      <tr key={r.id}>
                        {search.view === "queue" ? (
                          <td>
                            <input
                              type="checkbox"
                              name="selected"
                              value={r.id}
                              form="bulk-form"
                              id={`select-${r.id}`}
                              aria-label={t("admin.select_person", { name: r.user.fullName })}
                            />
                          </td>
                        ) : null}
                        <td>
                          <Link to={`/admin/users/${r.user.id}`}>
                            <bdi>{r.user.fullName}</bdi>
                          </Link>
                          {r.user.fullNameLatin ? (
                            <>
                              <br />
                              <bdi dir="ltr">{r.user.fullNameLatin}</bdi>
                            </>
                          ) : null}
                          <br />
                          <span className="muted" dir="ltr">
                            {r.user.email}
                          </span>
                        </td>
                        <td>
                          {r.rule}
                          {r.renewal ? <span className="badge">{t("admin.renewal")}</span> : null}
                        </td>
                        <td>
                          <ul className="plain-list">
                            {r.programmes.map((p) => (
                              <li key={p.title}>
                                {p.title} (<DateText value={`${p.completedOn}T12:00:00Z`} />)
                              </li>
                            ))}
                          </ul>
                        </td>
                        <td>
                          <DateText value={search.view === "queue" ? r.eligibleAt : r.decidedAt ?? r.eligibleAt} />
                          {r.reason ? <p className="muted">{r.reason}</p> : null}
                        </td>
                        <td>
                          {search.view === "queue" ? (
                            <>
                              <Form method="post" className="inline-form">
                                <CsrfField />
                                <input type="hidden" name="request" value={r.id} />
                                <button
                                  type="submit"
                                  name="intent"
                                  value="approve"
                                  className="button button--small"
                                  aria-label={t("admin.approve_person", { name: r.user.fullName })}
                                >
                                  {t("admin.approve")}
                                </button>
                              </Form>
                              <details>
                                <summary>{t("admin.decline")}</summary>
                                <Form method="post" className="stack">
                                  <CsrfField />
                                  <input type="hidden" name="request" value={r.id} />
                                  <div className="field">
                                    <label htmlFor={`reason-${r.id}`}>{t("admin.decline_reason")}</label>
                                    <textarea id={`reason-${r.id}`} name="reason" required minLength={3} rows={2} />
                                  </div>
                                  <button
                                    type="submit"
                                    name="intent"
                                    value="decline"
                                    className="button button--danger button--small"
                                  >
                                    {t("admin.decline_confirm", { name: r.user.fullName })}
                                  </button>
                                </Form>
                              </details>
                            </>
                          ) : (
                            <Form method="post">
                              <CsrfField />
                              <input type="hidden" name="request" value={r.id} />
                              <button type="submit" name="intent" value="reopen" className="button button--small">
                                {t("admin.reopen")}
                              </button>
                            </Form>
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <Pagination page={search.page} pageSize={QUEUE_PAGE_SIZE} total={queue.total} />
            </>
          )}
        </section>
      ) : null}

      {issued ? (
        <section aria-labelledby="issued-title">
          <h2 id="issued-title">{t("admin.issued_title", { count: issued.total })}</h2>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("fields.number")}</th>
                  <th scope="col">{t("fields.holder")}</th>
                  <th scope="col">{t("fields.certification")}</th>
                  <th scope="col">{t("admin.status")}</th>
                  <th scope="col">{t("fields.issued_on")}</th>
                </tr>
              </thead>
              <tbody>
                {issued.certificates.map((c) => (
                  <tr key={c.number}>
                    <td dir="ltr">
                      <Link to={`/admin/certificates/${c.number}`} className="mono">
                        {c.number}
                      </Link>
                    </td>
                    <td>
                      <bdi>{c.holderName}</bdi>
                      <br />
                      <span className="muted" dir="ltr">
                        {c.email}
                      </span>
                    </td>
                    <td>{c.title}</td>
                    <td>
                      <span className={`badge badge--${c.standing}`}>{t(`standing.${c.standing}`)}</span>
                    </td>
                    <td>
                      <DateText value={c.issuedAt} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pagination page={search.page} pageSize={CERTIFICATES_PAGE_SIZE} total={issued.total} />
        </section>
      ) : null}

      {batches.length > 0 ? (
        <section aria-labelledby="batches-title">
          <h2 id="batches-title">{t("admin.batches")}</h2>
          <ul className="plain-list">
            {batches.map((b) => (
              <li key={b.id}>
                <Link to={`/admin/certificates/batches/${b.id}`}>
                  <DateText value={b.createdAt} withTime />
                </Link>{" "}
                — {t("batch.summary", { done: b.done, total: b.total })} · {t(`batch.status.${b.status}`)}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
