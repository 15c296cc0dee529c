import { createCookie, redirect } from "@remix-run/node";
import { prisma } from "./db.server.ts";
import { env } from "./env.server.ts";
import { randomToken, sha256 } from "./secrets.server.ts";
import { readOne, sqlDate } from "./sql.server.ts";

export const SESSION_TTL_MS = 14 * 24 * 60 * 60_000;
/** lastSeenAt is refreshed at most this often, so reading pages does not write on every request. */
const TOUCH_INTERVAL_MS = 10 * 60_000;

/**
 * The cookie holds a random token; the database holds only its SHA-256, so a leaked database
 * cannot be replayed as sessions.
 */
export const sessionCookie = createCookie("__session", {
  path: "/",
  httpOnly: true,
  sameSite: "lax",
  maxAge: SESSION_TTL_MS / 1000,
  get secure() {
    return env().cookieSecure;
  },
});

export interface SessionUser {
  id: string;
  email: string;
  fullName: string;
  preferredLanguage: string;
  isActive: boolean;
  roles: string[];
  sessionId: string;
}

async function readToken(request: Request): Promise<string | null> {
  const value = await sessionCookie.parse(request.headers.get("cookie"));
  return typeof value === "string" && value.length >= 32 && value.length <= 100 ? value : null;
}

const cache = new WeakMap<Request, Promise<SessionUser | null>>();

/** The signed-in user of this request, or null. Looked up once per request. */
export function getSessionUser(request: Request): Promise<SessionUser | null> {
  let pending = cache.get(request);
  if (!pending) {
    pending = lookup(request);
    cache.set(request, pending);
  }
  return pending;
}

async function lookup(request: Request): Promise<SessionUser | null> {
  const token = await readToken(request);
  if (!token) return null;
  const id = sha256(token);
  // Every signed-in request makes this read: plain SQL (sql.server.ts), one statement with the roles.
  const row = readOne<{
    expiresAt: string;
    lastSeenAt: string;
    userId: string;
    email: string;
    fullName: string;
    preferredLanguage: string;
    isActive: number;
    roles: string | null;
  }>(
    `SELECT s.expiresAt, s.lastSeenAt, u.id AS userId, u.email, u.fullName, u.preferredLanguage, u.isActive,
            (SELECT group_concat(r.role, ' ') FROM UserRole r WHERE r.userId = u.id) AS roles
       FROM Session s JOIN User u ON u.id = s.userId
      WHERE s.id = ?`,
    id
  );
  const now = new Date();
  if (!row || sqlDate(row.expiresAt)! <= now || !row.isActive) return null;
  if (now.getTime() - sqlDate(row.lastSeenAt)!.getTime() > TOUCH_INTERVAL_MS) {
    await prisma.session.update({ where: { id }, data: { lastSeenAt: now }, select: { id: true } }).catch(() => {});
  }
  return {
    id: row.userId,
    email: row.email,
    fullName: row.fullName,
    preferredLanguage: row.preferredLanguage,
    isActive: true,
    roles: row.roles ? row.roles.split(" ").sort() : [],
    sessionId: id,
  };
}

/**
 * Start a new session (a fresh token on every login: no fixation) and end the one the
 * browser held before, if any.
 */
export async function startSession(
  request: Request,
  userId: string,
  meta: { ipAddress?: string | null; userAgent?: string | null }
): Promise<string> {
  const previous = await readToken(request);
  const token = randomToken(32);
  const now = new Date();
  await prisma.$transaction([
    ...(previous ? [prisma.session.deleteMany({ where: { id: sha256(previous) } })] : []),
    prisma.session.create({
      data: {
        id: sha256(token),
        userId,
        expiresAt: new Date(now.getTime() + SESSION_TTL_MS),
        ipAddress: meta.ipAddress ?? null,
        userAgent: meta.userAgent ?? null,
      },
      select: { id: true },
    }),
    prisma.user.update({ where: { id: userId }, data: { lastLoginAt: now }, select: { id: true } }),
  ]);
  return sessionCookie.serialize(token);
}

/** End this browser's session on the server and clear its cookie. */
export async function endSession(request: Request): Promise<string> {
  const token = await readToken(request);
  if (token) await prisma.session.deleteMany({ where: { id: sha256(token) } });
  return sessionCookie.serialize("", { maxAge: 0 });
}

export async function redirectWithSession(to: string, setCookie: string) {
  return redirect(to, { headers: { "Set-Cookie": setCookie } });
}
