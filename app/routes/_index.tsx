import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData, useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Notice } from "~/components/form.tsx";
import { getRequestI18n } from "~/i18n/i18n.server.ts";
import type { RootData } from "~/root.tsx";
import { useFormat } from "~/utils/format.ts";
import { titleMeta } from "~/utils/meta.ts";

export const meta = titleMeta;

export async function loader({ request }: LoaderFunctionArgs) {
  const { t } = await getRequestI18n(request);
  const notice = new URL(request.url).searchParams.get("notice") === "logged-out" ? "home.logged_out" : null;
  return { title: t("home.title"), notice };
}

const OFFERS = ["introductory", "intermediate", "certificates", "trainers"] as const;

export default function Home() {
  const { t } = useTranslation();
  const format = useFormat();
  const { notice } = useLoaderData<typeof loader>();
  const user = useRouteLoaderData<RootData>("root")?.user;
  return (
    <div className="home">
      <Notice message={notice ? t(notice) : null} />
      <section className="hero" aria-labelledby="hero-title">
        <h1 id="hero-title">{t("home.title")}</h1>
        <p className="hero__lead">{t("home.lead")}</p>
        <p className="hero__actions">
          {user ? (
            <Link to="/dashboard" className="button">
              {t("home.cta_dashboard")}
            </Link>
          ) : (
            <>
              <Link to="/register" className="button">
                {t("home.cta_register")}
              </Link>
              <Link to="/login" className="button button--secondary">
                {t("home.cta_login")}
              </Link>
            </>
          )}
        </p>
      </section>

      <section aria-labelledby="offers-title">
        <h2 id="offers-title">{t("home.offers_title")}</h2>
        <ul className="cards">
          {OFFERS.map((offer) => (
            <li key={offer} className="card">
              <h3>{t(`home.offers.${offer}.title`)}</h3>
              <p>{t(`home.offers.${offer}.body`)}</p>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="facts-title" className="figures">
        <h2 id="facts-title">{t("home.figures_title")}</h2>
        <ul>
          <li>
            <strong>{format.number(33000)}+</strong> {t("home.figures.officials")}
          </li>
          <li>
            <strong>{format.number(170)}+</strong> {t("home.figures.countries")}
          </li>
          <li>
            <strong>{format.number(6)}</strong> {t("home.figures.languages")}
          </li>
        </ul>
        <p className="muted">{t("home.figures_source")}</p>
      </section>

      <section aria-labelledby="why-title">
        <h2 id="why-title">{t("home.why_title")}</h2>
        <p>{t("home.why_body")}</p>
      </section>
    </div>
  );
}
