import { describe, expect, it } from "vitest";
import { authenticate, changePassword, registerUser } from "~/domain/accounts/accounts.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { getSessionUser, sessionCookie, startSession } from "~/utils/session.server.ts";
import { ensureUser, uniqueEmail } from "../factories/users.ts";

const meta = (ip = "203.0.113.7") => ({ ipAddress: ip, userAgent: "vitest" });
const uniqueIp = () => `198.51.100.${Math.floor(Math.random() * 250)}-${Math.random().toString(36).slice(2, 7)}`;

const registration = (email = uniqueEmail()) => ({
  email,
  password: "a sturdy passphrase",
  confirmPassword: "a sturdy passphrase",
  fullName: "Officer Test",
  fullNameLatin: null,
  agency: "Customs",
  country: "KE",
  preferredLanguage: "en" as const,
});

describe("registration", () => {
  it("creates a learner with a hashed password and an audit entry", async () => {
    const input = registration();
    const result = await registerUser(input, meta(uniqueIp()));
    expect(result.ok).toBe(true);
    const user = await prisma.user.findUniqueOrThrow({
      where: { email: input.email },
      select: { id: true, passwordHash: true, roles: { select: { role: true } } },
    });
    expect(user.roles).toEqual([{ role: "learner" }]);
    expect(user.passwordHash).toMatch(/^scrypt\$/);
    expect(user.passwordHash).not.toContain(input.password);
    expect(await prisma.auditLog.count({ where: { action: "auth.register", targetId: user.id } })).toBe(1);
  });

  it("refuses a second account for the same email and leaves no half-written rows", async () => {
    const input = registration();
    await registerUser(input, meta(uniqueIp()));
    const before = await prisma.user.count();
    const again = await registerUser(input, meta(uniqueIp()));
    expect(again).toEqual({ ok: false, reason: "email_taken" });
    expect(await prisma.user.count()).toBe(before);
    expect(
      await prisma.auditLog.count({ where: { action: "auth.register", details: null, actor: { email: input.email } } })
    ).toBe(1);
  });
});

describe("logging in", () => {
  it("accepts the right password only, with the same answer for unknown and deactivated accounts", async () => {
    const ip = uniqueIp();
    const user = await ensureUser(prisma);
    const inactive = await ensureUser(prisma, { isActive: false });
    expect(await authenticate(user.email, user.password, meta(ip))).toEqual({ ok: true, userId: user.id });
    expect(await authenticate(user.email, "wrong", meta(ip))).toEqual({ ok: false, reason: "invalid_credentials" });
    expect(await authenticate(uniqueEmail(), "whatever", meta(ip))).toEqual({
      ok: false,
      reason: "invalid_credentials",
    });
    expect(await authenticate(inactive.email, inactive.password, meta(ip))).toEqual({
      ok: false,
      reason: "invalid_credentials",
    });
    const failures = await prisma.auditLog.findMany({
      where: { action: "auth.login_failed", ipAddress: ip },
      select: { details: true },
    });
    expect(failures.map((f) => JSON.parse(f.details!).reason).sort()).toEqual([
      "deactivated",
      "unknown_email",
      "wrong_password",
    ]);
  });

  it("locks an account after five failures, even for the right password, and tells how long", async () => {
    const user = await ensureUser(prisma);
    for (let i = 0; i < 5; i++) await authenticate(user.email, `wrong ${i}`, meta(uniqueIp()));
    const locked = await authenticate(user.email, user.password, meta(uniqueIp()));
    expect(locked.ok).toBe(false);
    expect(locked).toMatchObject({ reason: "rate_limited" });
    if (!locked.ok && locked.reason === "rate_limited") expect(locked.retryAfter).toBeGreaterThan(800);
  });

  it("locks an address after thirty failures across accounts, including unknown ones", async () => {
    const ip = uniqueIp();
    for (let i = 0; i < 30; i++) await authenticate(uniqueEmail(), "guess", meta(ip));
    const user = await ensureUser(prisma);
    expect(await authenticate(user.email, user.password, meta(ip))).toMatchObject({
      ok: false,
      reason: "rate_limited",
    });
    expect((await authenticate(user.email, user.password, meta(uniqueIp()))).ok).toBe(true);
  }, 30_000); // thirty scrypt verifications

  it("forgets an account's failures after a successful login", async () => {
    const user = await ensureUser(prisma);
    for (let i = 0; i < 4; i++) await authenticate(user.email, "wrong", meta(uniqueIp()));
    expect((await authenticate(user.email, user.password, meta(uniqueIp()))).ok).toBe(true);
    for (let i = 0; i < 4; i++) await authenticate(user.email, "wrong", meta(uniqueIp()));
    expect((await authenticate(user.email, user.password, meta(uniqueIp()))).ok).toBe(true);
  });
});

describe("sessions", () => {
  const requestWith = (cookieHeader?: string) =>
    new Request("http://localhost/", { headers: cookieHeader ? { cookie: cookieHeader } : {} });
  const cookieOf = (setCookie: string) => setCookie.split(";")[0]!;

  it("stores only a hash of the token, and a new login replaces the browser's old session", async () => {
    const user = await ensureUser(prisma, { roles: ["learner", "mentor"] });
    const first = await startSession(requestWith(), user.id, meta());
    const token = await sessionCookie.parse(cookieOf(first));
    expect(await prisma.session.count({ where: { id: token } })).toBe(0);
    const seen = await getSessionUser(requestWith(cookieOf(first)));
    expect(seen).toMatchObject({ id: user.id, roles: expect.arrayContaining(["learner", "mentor"]) });

    const second = await startSession(requestWith(cookieOf(first)), user.id, meta());
    expect(second).not.toBe(first);
    expect(await getSessionUser(requestWith(cookieOf(first)))).toBeNull();
    expect(await getSessionUser(requestWith(cookieOf(second)))).toMatchObject({ id: user.id });
  });

  it("ignores expired sessions and those of deactivated people", async () => {
    const user = await ensureUser(prisma);
    const setCookie = await startSession(requestWith(), user.id, meta());
    await prisma.session.updateMany({ where: { userId: user.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await getSessionUser(requestWith(cookieOf(setCookie)))).toBeNull();
    const other = await ensureUser(prisma);
    const otherCookie = await startSession(requestWith(), other.id, meta());
    await prisma.user.update({ where: { id: other.id }, data: { isActive: false } });
    expect(await getSessionUser(requestWith(cookieOf(otherCookie)))).toBeNull();
  });

  it("ends every other session when the password changes", async () => {
    const user = await ensureUser(prisma);
    const keep = await startSession(requestWith(), user.id, meta());
    await startSession(requestWith(), user.id, meta());
    const current = (await getSessionUser(requestWith(cookieOf(keep))))!;
    expect(await changePassword(user.id, current.sessionId, "not it", "a new long password", meta())).toEqual({
      ok: false,
      reason: "wrong_password",
    });
    expect(await changePassword(user.id, current.sessionId, user.password, "a new long password", meta())).toEqual({
      ok: true,
    });
    expect(await prisma.session.findMany({ where: { userId: user.id }, select: { id: true } })).toEqual([
      { id: current.sessionId },
    ]);
    expect((await authenticate(user.email, "a new long password", meta(uniqueIp()))).ok).toBe(true);
  });
});
