import { useLocation, useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { LANGUAGES } from "~/i18n/config.ts";
import type { RootData } from "~/root.tsx";
import { CsrfField } from "./csrf-field.tsx";
import { PageForm, PageLink, PageNavLink } from "./page-links.tsx";

function useRoot() {
  return useRouteLoaderData<RootData>("root");
}

export function SiteHeader() {
  const { t } = useTranslation();
  const data = useRoot();
  const user = data?.user;
  return (
    <header className="site-header">
      <a className="skip-link" href="#main">
        {t("nav.skip")}
      </a>
      <div className="site-header__inner">
        <PageLink to="/" className="brand" aria-label={t("brand.home")}>
          <svg aria-hidden="true" width="28" height="28" viewBox="0 0 32 32" focusable="false">
            <path d="M16 2 4 7v8c0 7.5 5.1 13.4 12 15 6.9-1.6 12-7.5 12-15V7z" fill="currentColor" />
            <path
              d="m10.5 16.5 4 4 7-8"
              fill="none"
              stroke="#fff"
              strokeWidth="2.6"
              strokeLinecap="round"
              strokeLinejoin="round"
            />
          </svg>
          <span>{t("brand.name")}</span>
        </PageLink>
        <nav aria-label={t("nav.main")} className="site-nav">
          <ul>
            <li>
              <PageNavLink to="/courses">{t("nav.courses")}</PageNavLink>
            </li>
            {user ? (
              <>
                <li>
                  <PageNavLink to="/dashboard">{t("nav.dashboard")}</PageNavLink>
                </li>
                <li>
                  <PageNavLink to="/profile">{t("nav.profile")}</PageNavLink>
                </li>
                {user.canRunCohorts ? (
                  <li>
                    <PageNavLink to="/cohorts">{t("nav.cohorts")}</PageNavLink>
                  </li>
                ) : null}
                {user.canMentor ? (
                  <li>
                    <PageNavLink to="/mentoring">{t("nav.mentoring")}</PageNavLink>
                  </li>
                ) : null}
                {user.canSeeResults ? (
                  <li>
                    <PageNavLink to="/results">{t("nav.results")}</PageNavLink>
                  </li>
                ) : null}
                {user.canAuthor ? (
                  <li>
                    <PageNavLink to="/author">{t("nav.author")}</PageNavLink>
                  </li>
                ) : null}
                {user.canAdmin ? (
                  <li>
                    <PageNavLink to="/admin">{t("nav.admin")}</PageNavLink>
                  </li>
                ) : null}
                <li>
                  <PageForm action="/logout" className="inline-form">
                    <CsrfField />
                    <button type="submit" className="link-button">
                      {t("nav.logout")}
                    </button>
                  </PageForm>
                </li>
              </>
            ) : (
              <>
                <li>
                  <PageNavLink to="/login">{t("nav.login")}</PageNavLink>
                </li>
                <li>
                  <PageNavLink to="/register" className="button button--small">
                    {t("nav.register")}
                  </PageNavLink>
                </li>
              </>
            )}
          </ul>
        </nav>
        <LanguageSwitcher />
      </div>
    </header>
  );
}

/**
 * A plain POST form with one button per language: works without JavaScript, and the full page
 * reload that follows brings the new language's strings and direction in one go.
 */
export function LanguageSwitcher() {
  const { t, i18n } = useTranslation();
  const location = useLocation();
  const current = LANGUAGES.find((l) => l.code === i18n.language) ?? LANGUAGES[0];
  return (
    <details className="language-switcher">
      <summary>
        <svg aria-hidden="true" width="18" height="18" viewBox="0 0 24 24" focusable="false">
          <path
            fill="currentColor"
            d="M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20Zm6.9 6h-3a15.6 15.6 0 0 0-1.4-3.6A8 8 0 0 1 18.9 8ZM12 4c.8 1.2 1.5 2.5 1.9 4h-3.8c.4-1.5 1.1-2.8 1.9-4ZM4.3 14a8 8 0 0 1 0-4h3.4a16.5 16.5 0 0 0 0 4H4.3Zm.8 2h3a15.6 15.6 0 0 0 1.4 3.6A8 8 0 0 1 5.1 16Zm3-8h-3a8 8 0 0 1 4.4-3.6C8 5.5 7.5 6.7 8.1 8ZM12 20c-.8-1.2-1.5-2.5-1.9-4h3.8c-.4 1.5-1.1 2.8-1.9 4Zm2.3-6H9.7a14.7 14.7 0 0 1 0-4h4.6a14.7 14.7 0 0 1 0 4Zm.2 5.6c.6-1.1 1.1-2.3 1.4-3.6h3a8 8 0 0 1-4.4 3.6Zm1.8-5.6a16.5 16.5 0 0 0 0-4h3.4a8 8 0 0 1 0 4h-3.4Z"
          />
        </svg>
        <span className="visually-hidden">{t("language.label")}: </span>
        <span lang={current.code}>{current.name}</span>
      </summary>
      <form method="post" action="/language" className="language-switcher__menu">
        <CsrfField />
        <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
        <ul>
          {LANGUAGES.map((language) => (
            <li key={language.code}>
              <button
                type="submit"
                name="lng"
                value={language.code}
                lang={language.code}
                dir={language.dir}
                aria-current={language.code === current.code ? "true" : undefined}
              >
                {language.name}
              </button>
            </li>
          ))}
        </ul>
      </form>
    </details>
  );
}

export function SiteFooter() {
  const { t } = useTranslation();
  return (
    <footer className="site-footer">
      <div className="site-footer__inner">
        <p>{t("footer.tagline")}</p>
        <p className="muted">{t("footer.free")}</p>
        <p>
          <a href="/verify">{t("footer.verify")}</a>
        </p>
      </div>
    </footer>
  );
}
