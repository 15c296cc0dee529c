import { PassThrough } from "node:stream";
import { gzipSync } from "node:zlib";
import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { renderToPipeableStream, renderToString } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { NonceProvider } from "./components/nonce.tsx";
import { isStaticHandle } from "./components/page-links.tsx";
import { isLanguage } from "./i18n/config.ts";
import { getLocale, serverI18n } from "./i18n/i18n.server.ts";
import { scheduleReminders } from "./domain/reminders/reminders.server.ts";
import { env } from "./utils/env.server.ts";

env(); // fail at boot, not on first request, when the environment is wrong
scheduleReminders(); // assignment deadlines and certificates about to lapse (hourly; REMINDERS=off to disable)

const ABORT_DELAY = 5_000;

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext
) {
  // The root loader already decided the language (user preference first); reuse its answer.
  const rootData = remixContext.staticHandlerContext.loaderData.root as { locale?: string } | undefined;
  const locale = isLanguage(rootData?.locale) ? rootData.locale : await getLocale(request);
  const i18n = await serverI18n(locale);
  const nonce = loadContext.cspNonce;

  const render = (context: EntryContext) => (
    <NonceProvider value={nonce}>
      <I18nextProvider i18n={i18n}>
        <RemixServer context={context} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
      </I18nextProvider>
    </NonceProvider>
  );
  responseHeaders.set("Content-Type", "text/html; charset=utf-8");
  responseHeaders.set("Content-Language", locale);
  responseHeaders.append("Vary", "Cookie, Accept-Language");

  // Pages served without the React runtime (`handle.hydrate = false`: the lesson page) carry no
  // streamed data for a client, so they are rendered in one synchronous pass: the quickest way.
  const { matches, errors } = remixContext.staticHandlerContext;
  const isStatic = matches.some((m) => isStaticHandle(remixContext.routeModules[m.route.id]?.handle));
  if (isStatic && !errors) {
    const html = Buffer.from(`<!DOCTYPE html>${renderToString(render(staticContext(remixContext)))}`);
    return documentResponse(request, html, responseHeaders, responseStatusCode);
  }
  const app = render(remixContext);

  // Pages here never defer data, so the document is complete once rendered: it is sent as one
  // buffer (one compression pass, one write) rather than as many small streamed chunks.
  return new Promise((resolve, reject) => {
    let settled = false;
    const { pipe, abort } = renderToPipeableStream(app, {
      nonce,
      onAllReady() {
        const chunks: Buffer[] = [];
        const body = new PassThrough();
        body.on("data", (chunk: Buffer) => chunks.push(chunk));
        body.on("end", () => {
          settled = true;
          resolve(documentResponse(request, Buffer.concat(chunks), responseHeaders, responseStatusCode));
        });
        pipe(body);
      },
      onShellError(error: unknown) {
        settled = true;
        reject(error);
      },
      onError(error: unknown) {
        responseStatusCode = 500;
        if (settled) console.error(error);
      },
    });
    setTimeout(abort, ABORT_DELAY);
  });
}

/**
 * What a page that never hydrates needs to render: the routes it matched, not the whole route tree
 * (RemixServer rebuilds and re-matches the tree it is given on every render, a cost that grows with every
 * route added to the app), and no data for a client that will not run (nothing would read the stream).
 */
function staticContext(context: EntryContext): EntryContext {
  const matched = new Set(context.staticHandlerContext.matches.map((m) => m.route.id));
  const routes = Object.fromEntries(Object.entries(context.manifest.routes).filter(([id]) => matched.has(id)));
  context.serverHandoffStream?.cancel().catch(() => undefined);
  return { ...context, manifest: { ...context.manifest, routes }, serverHandoffStream: undefined };
}

/**
 * A complete document, gzipped here in one synchronous pass when the browser accepts it (server.mjs's
 * compression middleware leaves encoded responses alone): cheaper than a compression stream per request.
 */
function documentResponse(request: Request, html: Buffer, headers: Headers, status: number): Response {
  headers.append("Vary", "Accept-Encoding");
  let body = html;
  const accepted = request.headers.get("accept-encoding") ?? "";
  if (html.byteLength > 1024 && /(^|,)\s*gzip\s*(,|;(?!\s*q=0(\.0+)?\s*(,|$))|$)/i.test(accepted)) {
    body = gzipSync(html, { level: 6 });
    headers.set("Content-Encoding", "gzip");
  }
  headers.set("Content-Length", String(body.byteLength));
  return new Response(new Uint8Array(body), { headers, status });
}

/** Unexpected server errors are logged; aborted requests (client went away) are not. */
export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return;
  console.error(error);
}
