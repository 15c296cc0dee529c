import { Form } from "@remix-run/react";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import type { NumberVerdict, PublicCertificate, UploadOutcome } from "~/domain/certificates/verify.server.ts";
import { useFormat } from "~/utils/format.ts";

const day = (iso: string) => new Date(`${iso.slice(0, 10)}T12:00:00Z`);

/** What the public sees of a certificate: its standing first, then only the facts it attests. */
export function CertificateFacts({ certificate }: { certificate: PublicCertificate }) {
  const { t } = useTranslation("certificates");
  const titleId = useId();
  const format = useFormat();
  const standing = certificate.recordSignatureValid ? certificate.standing : "tampered";
  return (
    <section aria-labelledby={titleId} className={`verdict verdict--${standing}`}>
      <h2 id={titleId}>{t(`verify.standing.${standing}`)}</h2>
      <p>{t(`verify.standing_explained.${standing}`, { number: certificate.number })}</p>
      {certificate.standing === "revoked" && certificate.revokedOn ? (
        <p>
          {t("verify.revoked_on", { date: format.date(day(certificate.revokedOn)) })}
          {certificate.revocationReason ? ` ${t("verify.reason", { reason: certificate.revocationReason })}` : null}
        </p>
      ) : null}
      {certificate.supersededBy ? (
        <p>
          {t("verify.superseded_by")} <a href={`/verify/${certificate.supersededBy}`}>{certificate.supersededBy}</a>
        </p>
      ) : null}
      <dl className="facts">
        <div>
          <dt>{t("fields.holder")}</dt>
          <dd>
            <bdi>{certificate.holder.name}</bdi>
            {certificate.holder.latin ? (
              <>
                <br />
                <bdi dir="ltr">{certificate.holder.latin}</bdi>
              </>
            ) : null}
          </dd>
        </div>
        <div>
          <dt>{t("fields.title")}</dt>
          <dd>{certificate.title}</dd>
        </div>
        <div>
          <dt>{t("fields.programmes")}</dt>
          <dd>
            <ul className="plain-list">
              {certificate.programmes.map((p) => (
                <li key={p.title}>
                  {t("fields.programme_completed", { title: p.title, date: format.date(day(p.completedOn)) })}
                </li>
              ))}
            </ul>
          </dd>
        </div>
        <div>
          <dt>{t("fields.issued_on")}</dt>
          <dd>{format.date(day(certificate.issuedOn))}</dd>
        </div>
        {certificate.expiresOn ? (
          <div>
            <dt>{t("fields.expires_on")}</dt>
            <dd>{format.date(day(certificate.expiresOn))}</dd>
          </div>
        ) : null}
        <div>
          <dt>{t("fields.number")}</dt>
          <dd dir="ltr" className="mono">
            {certificate.number}
          </dd>
        </div>
      </dl>
      <details>
        <summary>{t("verify.check_yourself")}</summary>
        <p>{t("verify.check_yourself_explained")}</p>
        <p>
          <a href="/keys">{t("verify.public_keys")}</a> ·{" "}
          <a href={`/api/verify/${certificate.number}`}>{t("verify.json")}</a>
        </p>
        <pre dir="ltr" className="record">
          {certificate.record}
        </pre>
        <p dir="ltr" className="mono signature">
          {certificate.signature}
        </p>
      </details>
    </section>
  );
}

export function NumberVerdictView({ verdict }: { verdict: NumberVerdict }) {
  const { t } = useTranslation("certificates");
  if (verdict.kind === "found") return <CertificateFacts certificate={verdict.certificate} />;
  return (
    <section aria-labelledby="verdict-title" className="verdict verdict--unknown">
      <h2 id="verdict-title">
        {verdict.kind === "unknown" ? t("verify.standing.unknown") : t(`verify.malformed.${verdict.reason}`)}
      </h2>
      <p>
        {verdict.kind === "unknown"
          ? t("verify.standing_explained.unknown", { number: verdict.number })
          : t("verify.malformed_explained")}
      </p>
    </section>
  );
}

export function UploadVerdictView({ verdict }: { verdict: UploadOutcome }) {
  const { t } = useTranslation("certificates");
  const format = useFormat();
  if (verdict.kind === "authentic") {
    const current = verdict.certificate.standing === "valid";
    return (
      <div className="upload-verdict">
        <p role="status" className={current ? "alert alert--success" : "alert alert--error"}>
          <strong>{t(current ? "upload.authentic_current" : "upload.authentic_not_current")}</strong>{" "}
          {verdict.signedAt ? t("upload.signed_at", { date: format.dateTime(new Date(verdict.signedAt)) }) : null}
        </p>
        <CertificateFacts certificate={verdict.certificate} />
      </div>
    );
  }
  return (
    <div role="alert" className="alert alert--error upload-verdict">
      <p>
        <strong>{t(`upload.verdict.${verdict.kind}`)}</strong>
      </p>
      <p>{t(`upload.explained.${verdict.kind}`, { number: "number" in verdict ? verdict.number : "" })}</p>
    </div>
  );
}

/** The upload form: a plain multipart post, so it works without JavaScript. */
export function UploadForm({ action }: { action?: string }) {
  const { t } = useTranslation("certificates");
  return (
    <Form method="post" encType="multipart/form-data" action={action} className="stack">
      <div className="field">
        <label htmlFor="pdf">{t("upload.label")}</label>
        <input id="pdf" name="pdf" type="file" accept="application/pdf,.pdf" required aria-describedby="pdf-hint" />
        <p id="pdf-hint" className="hint">
          {t("upload.hint")}
        </p>
      </div>
      <p>
        <button type="submit" className="button">
          {t("upload.submit")}
        </button>
      </p>
    </Form>
  );
}
