import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  isRouteErrorResponse,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import { useIsStaticPage } from "~/components/page-links.tsx";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { ErrorPage } from "./components/error-page.tsx";
import { SiteFooter, SiteHeader } from "./components/site-chrome.tsx";
import { useNonce } from "./components/nonce.tsx";
import { FALLBACK_LANGUAGE, isLanguage, languageDir } from "./i18n/config.ts";
import { getLocale } from "./i18n/i18n.server.ts";
import { loadLanguage } from "./i18n/load-language.ts";
import { csrfToken } from "./utils/csrf.server.ts";
import { getOptionalUser } from "./utils/auth.server.ts";
import { can } from "./utils/permissions.ts";
import stylesUrl from "./styles/app.css?url";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesUrl },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [{ title: "Provenance" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request);
  const locale = await getLocale(request, user?.preferredLanguage);
  return {
    locale,
    csrf: csrfToken(context),
    user: user
      ? {
          id: user.id,
          fullName: user.fullName,
          email: user.email,
          roles: user.roles,
          canAdmin: can(user, "access", "admin-area"),
          canAuthor: can(user, "update", "lesson"),
          canSeeResults: can(user, "read", "results"),
          canRunCohorts: can(user, "create", "cohort", { ownerId: user.id }),
          canMentor: can(user, "create", "review") || can(user, "create", "pairing"),
        }
      : null,
  };
}

export type RootData = Awaited<ReturnType<typeof loader>>;

export function useRootData(): RootData | undefined {
  return useRouteLoaderData<typeof loader>("root");
}

export function Layout({ children }: { children: React.ReactNode }) {
  const data = useRootData();
  const { i18n } = useTranslation();
  const locale = data?.locale ?? (isLanguage(i18n.language) ? i18n.language : FALLBACK_LANGUAGE);
  const nonce = useNonce();
  // Routes that mark `handle.hydrate = false` are served as plain HTML forms and links, with only a
  // small island script: no React runtime to download on a slow phone (docs/decisions/015).
  const hydrate = !useIsStaticPage();

  // After a client-side navigation that changes the language (e.g. logging in as someone who
  // prefers Arabic), fetch that language's strings and switch.
  useEffect(() => {
    if (i18n.language !== locale) void loadLanguage(i18n, locale).then(() => i18n.changeLanguage(locale));
  }, [i18n, locale]);

  // A marker for end-to-end tests (and support staff): this document has finished hydrating.
  useEffect(() => {
    document.documentElement.dataset.hydrated = "true";
  }, []);

  // The document's language and direction follow the strings on screen: after a client-side navigation into
  // another language they change when its strings have loaded (the effect above), never before, so English is
  // never laid out right to left. On the server, and when hydrating, the two are the same.
  const shown = isLanguage(i18n.language) ? i18n.language : locale;

  return (
    <html lang={shown} dir={languageDir(shown)} data-static={hydrate ? undefined : "true"}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light" />
        <Meta />
        <Links />
      </head>
      <body>
        {children}
        {hydrate ? (
          <>
            <ScrollRestoration nonce={nonce} />
            <Scripts nonce={nonce} />
          </>
        ) : (
          <script type="module" src="/islands/lesson.js" nonce={nonce} />
        )}
      </body>
    </html>
  );
}

export default function App() {
  return (
    <>
      <SiteHeader />
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
      <SiteFooter />
    </>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const code =
    isRouteErrorResponse(error) && error.data && typeof error.data === "object"
      ? (error.data as { code?: string }).code
      : undefined;
  if (!isRouteErrorResponse(error)) console.error(error);
  return (
    <>
      <SiteHeader />
      <main id="main" tabIndex={-1}>
        <ErrorPage status={status} code={code} />
      </main>
      <SiteFooter />
    </>
  );
}
