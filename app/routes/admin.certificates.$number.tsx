import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfField } from "~/components/csrf-field.tsx";
import { DateText } from "~/components/date-text.tsx";
import { Field, FormAlert, Notice } from "~/components/form.tsx";
import { reissueCertificate, revokeCertificate } from "~/domain/certificates/issue.server.ts";
import { parseNumber } from "~/domain/certificates/numbers.ts";
import { CertificateActionSchema } from "~/domain/certificates/schemas.ts";
import { certificateDetail } from "~/domain/certificates/views.server.ts";
import { getRequestI18n } from "~/i18n/i18n.server.ts";
import { LANGUAGES } from "~/i18n/config.ts";
import { requirePermission } from "~/utils/auth.server.ts";
import { ANYONE } from "~/utils/permissions.ts";
import { parseForm } from "~/utils/form.server.ts";
import { httpError } from "~/utils/http.server.ts";
import { titleMeta } from "~/utils/meta.ts";

export const meta = titleMeta;

function numberOf(param: string | undefined): string {
  const parsed = parseNumber(param ?? "");
  if (!parsed.ok) throw httpError("not_found");
  return parsed.number;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "read", "certificate", ANYONE);
  const { locale } = await getRequestI18n(request);
  const certificate = await certificateDetail(numberOf(params.number), locale);
  if (!certificate) throw httpError("not_found");
  return { title: certificate.number, certificate };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const admin = await requirePermission(request, "update", "certificate", ANYONE);
  const number = numberOf(params.number);
  const submission = await parseForm(request, context, CertificateActionSchema);
  if (!submission.ok) return data({ notice: null, errors: submission.errors, newNumber: null }, { status: 400 });
  const form = submission.data;
  if (form.intent === "revoke") {
    const result = await revokeCertificate(number, admin.id, form.reason, form.reasonPublic === "on");
    if (!result.ok) throw result.reason === "unknown" ? httpError("not_found") : httpError("bad_request");
    return { notice: "admin.done.revoked", errors: {}, newNumber: null };
  }
  const result = await reissueCertificate(number, admin.id, {
    name: form.fullName,
    latin: form.fullNameLatin,
    reason: form.reason,
  });
  if (!result.ok)
    return data(
      { notice: null, errors: { form: `certificates:admin.refused.${result.reason}` }, newNumber: null },
      { status: 409 }
    );
  return { notice: "admin.done.reissued", errors: {}, newNumber: result.number };
}

export default function AdminCertificate() {
  const { t } = useTranslation("certificates");
  const { t: tc } = useTranslation();
  const { certificate: c } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors: Record<string, string> = actionData?.errors ?? {};
  const current = c.standing === "valid" || c.standing === "expired";
  const err = (key: string) => (errors[key] ? tc(errors[key]!) : undefined);
  return (
    <>
      <p>
        <Link to="/admin/certificates?view=issued">{t("admin.back")}</Link>
      </p>
      <h1>
        {c.title}{" "}
        <span className="mono" dir="ltr">
          {c.number}
        </span>
      </h1>
      <Notice message={actionData?.notice ? t(actionData.notice) : null} />
      {actionData?.newNumber ? (
        <p>
          <Link to={`/admin/certificates/${actionData.newNumber}`}>
            {t("admin.open_new", { number: actionData.newNumber })}
          </Link>
        </p>
      ) : null}
      <FormAlert message={err("form")} />
      <dl className="facts">
        <div>
          <dt>{t("admin.status")}</dt>
          <dd>
            <span className={`badge badge--${c.standing}`}>{t(`standing.${c.standing}`)}</span>
          </dd>
        </div>
        <div>
          <dt>{t("fields.holder")}</dt>
          <dd>
            <bdi>{c.record.holder.name}</bdi>
            {c.record.holder.latin ? (
              <>
                {" · "}
                <bdi dir="ltr">{c.record.holder.latin}</bdi>
              </>
            ) : null}{" "}
            (
            <Link to={`/admin/users/${c.user.id}`} dir="ltr">
              {c.user.email}
            </Link>
            )
          </dd>
        </div>
        <div>
          <dt>{t("fields.issued_on")}</dt>
          <dd>
            <DateText value={c.issuedAt} /> · {t(`mode.${c.mode}`)}
            {c.issueReason ? ` — ${c.issueReason}` : null}
          </dd>
        </div>
        {c.expiresAt ? (
          <div>
            <dt>{t("fields.expires_on")}</dt>
            <dd>
              <DateText value={c.expiresAt} />
            </dd>
          </div>
        ) : null}
        {c.revokedAt ? (
          <div>
            <dt>{t("admin.revoked_on")}</dt>
            <dd>
              <DateText value={c.revokedAt} /> — {c.revocationReason}{" "}
              {c.reasonPublic ? `(${t("admin.reason_is_public")})` : `(${t("admin.reason_is_private")})`}
            </dd>
          </div>
        ) : null}
        {c.supersedes ? (
          <div>
            <dt>{t("admin.supersedes")}</dt>
            <dd>
              <Link to={`/admin/certificates/${c.supersedes}`} dir="ltr">
                {c.supersedes}
              </Link>
            </dd>
          </div>
        ) : null}
        {c.supersededBy ? (
          <div>
            <dt>{t("verify.superseded_by")}</dt>
            <dd>
              <Link to={`/admin/certificates/${c.supersededBy}`} dir="ltr">
                {c.supersededBy}
              </Link>
            </dd>
          </div>
        ) : null}
      </dl>
      <p className="actions">
        <Link to={`/verify/${c.number}`}>{t("dashboard.verify_page")}</Link>
        {LANGUAGES.map((l) => (
          <a key={l.code} href={`/certificates/${c.number}/pdf?lng=${l.code}`} download lang={l.code}>
            {t("admin.pdf_in", { language: l.name })}
          </a>
        ))}
      </p>

      {current ? (
        <>
          <section aria-labelledby="revoke-title">
            <h2 id="revoke-title">{t("admin.revoke")}</h2>
            <p>{t("admin.revoke_explained")}</p>
            <Form method="post" className="stack">
              <CsrfField />
              <div className="field">
                <label htmlFor="revoke-reason">{t("admin.reason")}</label>
                <textarea
                  id="revoke-reason"
                  name="reason"
                  rows={3}
                  required
                  minLength={3}
                  aria-invalid={errors.reason ? true : undefined}
                  aria-describedby={errors.reason ? "revoke-reason-error" : undefined}
                />
                {errors.reason ? (
                  <p id="revoke-reason-error" className="field__error">
                    {err("reason")}
                  </p>
                ) : null}
              </div>
              <div className="field field--checkbox">
                <input id="reasonPublic" name="reasonPublic" type="checkbox" />
                <label htmlFor="reasonPublic">{t("admin.reason_public")}</label>
              </div>
              <p>
                <button type="submit" name="intent" value="revoke" className="button button--danger">
                  {t("admin.revoke_confirm")}
                </button>
              </p>
            </Form>
          </section>
          <section aria-labelledby="reissue-title">
            <h2 id="reissue-title">{t("admin.reissue")}</h2>
            <p>{t("admin.reissue_explained")}</p>
            <Form method="post" className="stack">
              <CsrfField />
              <Field
                name="fullName"
                label={tc("fields.full_name")}
                defaultValue={c.user.fullName}
                required
                error={errors.fullName}
              />
              <Field
                name="fullNameLatin"
                label={tc("fields.full_name_latin")}
                defaultValue={c.user.fullNameLatin ?? ""}
                dir="ltr"
                error={errors.fullNameLatin}
              />
              <div className="field">
                <label htmlFor="reissue-reason">{t("admin.reason")}</label>
                <textarea id="reissue-reason" name="reason" rows={2} required minLength={3} />
              </div>
              <p>
                <button type="submit" name="intent" value="reissue" className="button">
                  {t("admin.reissue_confirm")}
                </button>
              </p>
            </Form>
          </section>
        </>
      ) : null}

      <section aria-labelledby="history-title">
        <h2 id="history-title">{t("admin.history")}</h2>
        <ul className="plain-list">
          {c.history.map((h) => (
            <li key={h.id}>
              <DateText value={h.at} withTime /> — {tc(`audit.actions.${h.action}`, { defaultValue: h.action })}
              {h.actor ? <span dir="ltr"> ({h.actor})</span> : null}
            </li>
          ))}
        </ul>
        <details>
          <summary>{t("admin.signed_record")}</summary>
          <pre dir="ltr" className="record">
            {c.canonical}
          </pre>
          <p dir="ltr" className="mono signature">
            {c.signature}
          </p>
        </details>
      </section>
    </>
  );
}
