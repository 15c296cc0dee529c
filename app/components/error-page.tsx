import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";

const KNOWN = new Set([400, 403, 404, 405, 413, 415, 429, 500]);

/** The branded page for every error status; the text explains what happened in the user's language. */
export function ErrorPage({ status, code }: { status: number; code?: string }) {
  const { t } = useTranslation();
  const key = code === "csrf" ? "csrf" : KNOWN.has(status) ? String(status) : status >= 500 ? "500" : "400";
  return (
    <section className="error-page" aria-labelledby="error-title">
      <p className="error-page__status">{status}</p>
      <h1 id="error-title">{t(`errorPage.${key}.title`)}</h1>
      <p>{t(`errorPage.${key}.body`)}</p>
      <p>
        <Link to="/" className="button">
          {t("errorPage.home")}
        </Link>
      </p>
    </section>
  );
}
