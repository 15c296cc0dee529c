// The HTTP server: Express in front of the Remix request handler. It adds what a Remix route
// cannot: the client's address, a CSP nonce, the CSRF cookie, security headers, compression and
// long-lived caching of fingerprinted assets. Development runs Vite in middleware mode.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { createRequestHandler } from "@remix-run/express";
import compression from "compression";
import express from "express";

if (fs.existsSync(".env")) process.loadEnvFile(".env"); // the real environment wins over it

const isProduction = process.env.NODE_ENV === "production";
const port = Number(process.env.PORT || 3000);
const host = process.env.HOST || "0.0.0.0";
const appUrl = process.env.APP_URL || `http://localhost:${port}`;
const secureCookies = appUrl.startsWith("https://");
const MAX_BODY_BYTES = 1024 * 1024;

const viteDevServer = isProduction
  ? undefined
  : await import("vite").then((vite) => vite.createServer({ server: { middlewareMode: true } }));

const app = express();
app.disable("x-powered-by");
app.set("query parser", false); // Remix reads the URL itself
if (process.env.TRUST_PROXY === "true") app.set("trust proxy", true);
app.use(compression());

app.use((req, res, next) => {
  res.locals.cspNonce = crypto.randomBytes(16).toString("base64");
  res.set({
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
  });
  if (isProduction) {
    res.set(
      "Content-Security-Policy",
      [
        "default-src 'self'",
        `script-src 'self' 'nonce-${res.locals.cspNonce}'`,
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'self'",
        "object-src 'none'",
      ].join("; ")
    );
    if (secureCookies) res.set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
  }
  next();
});

// Refuse oversized bodies before anything reads them. The certificate verifier takes PDF uploads:
// it caps them itself while streaming and answers an oversized one with a verdict in the reader's language.
// So does the upload of an assignment's attachments (5 MB each), answering with a message on the page.
const SELF_LIMITED = /^\/(?:(?:api\/)?verify(?:\/|$)|courses\/[^/]+\/assignments\/[^/]+\/files$)/;
app.use((req, res, next) => {
  const length = Number(req.headers["content-length"] || 0);
  if (length > MAX_BODY_BYTES && !SELF_LIMITED.test(req.path)) {
    res.status(413).type("text/plain").send("Request body too large.");
    return;
  }
  next();
});

// A state-changing request from another site's page is refused outright (CSRF defence in depth;
// Remix would otherwise abort it with a 500).
app.use((req, res, next) => {
  const origin = req.headers.origin;
  if (origin && origin !== "null" && !["GET", "HEAD", "OPTIONS"].includes(req.method)) {
    let originHost;
    try {
      originHost = new URL(origin).host;
    } catch {
      originHost = undefined;
    }
    const host = (app.get("trust proxy") && req.headers["x-forwarded-host"]) || req.headers.host;
    if (originHost !== host) {
      res.status(403).type("text/plain").send("Cross-site form submissions are not accepted.");
      return;
    }
  }
  next();
});

// Every browser gets a random CSRF cookie; forms carry a token signed from it (app/utils/csrf.server.ts).
app.use((req, res, next) => {
  const match = /(?:^|;\s*)csrf=([A-Za-z0-9_-]{20,100})(?:;|$)/.exec(req.headers.cookie || "");
  res.locals.csrfCookie = match ? match[1] : crypto.randomBytes(24).toString("base64url");
  if (!match) {
    res.cookie("csrf", res.locals.csrfCookie, { httpOnly: true, sameSite: "lax", secure: secureCookies, path: "/" });
  }
  next();
});

if (viteDevServer) {
  app.use(viteDevServer.middlewares);
} else {
  const client = path.resolve("build/client");
  app.use("/assets", express.static(path.join(client, "assets"), { immutable: true, maxAge: "1y" }));
  // Other public files (favicon, robots.txt) have an extension; page requests skip the file-system check.
  const publicFiles = express.static(client, { maxAge: "1h", index: false });
  app.use((req, res, next) => (path.extname(req.path) ? publicFiles(req, res, next) : next()));
}

const build = viteDevServer
  ? () => viteDevServer.ssrLoadModule("virtual:remix/server-build")
  : await import(path.resolve("build/server/index.js"));

app.all(
  "*",
  createRequestHandler({
    build,
    mode: isProduction ? "production" : "development",
    getLoadContext: (req, res) => ({
      clientIp: req.ip || req.socket.remoteAddress || "unknown",
      cspNonce: res.locals.cspNonce,
      csrfCookie: res.locals.csrfCookie,
    }),
  })
);

// Malformed requests that fail before Remix (bad URL encoding, aborted bodies) get a 400, not a stack.
app.use((error, req, res, next) => {
  if (res.headersSent) return next(error);
  const status = error.status && error.status >= 400 && error.status < 500 ? error.status : 500;
  if (status === 500) console.error(error);
  res
    .status(status)
    .type("text/plain")
    .send(status === 500 ? "Internal server error." : "Bad request.");
});

const server = app.listen(port, host, () => {
  console.log(`Provenance is listening on ${appUrl} (port ${port})`);
});

for (const signal of ["SIGTERM", "SIGINT"]) {
  process.once(signal, () => server.close(() => process.exit(0)));
}
